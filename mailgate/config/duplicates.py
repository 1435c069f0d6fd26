"""``[duplicates]``: how a new request that repeats one its sender has open is treated
(:mod:`mailgate.duplicates`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mailgate.config.types import Duration, Section


class DuplicatesConfig(Section):
    # flag: the new ticket opens, linked to the older one as a likely duplicate (both
    # show it; the console offers to merge them); join: the mail joins the older ticket
    # instead (an event says why); off: nothing is compared.
    mode: Literal["flag", "join", "off"] = "flag"
    # Only the sender's tickets that are not closed and changed within this long are
    # compared.
    window: Duration = 7 * 86400.0
    # How alike (0 to 1: the mean of the subjects' and the bodies' similarity) a request
    # must be to an older one to count as its duplicate.
    threshold: Annotated[float, Field(gt=0, le=1)] = 0.6
