"""The languages clients are answered in, across the sections that name one:
``[helpdesk] languages`` offers them; a department's and an agent's ``language`` and
each ``[labels.<language>]`` must name an offered one (an agent's and the labels' may
also be English, the console's own language)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import field_validator

from mailgate.config.helpdesk import language_tag
from mailgate.config.types import Section

if TYPE_CHECKING:
    from mailgate.config.model import Config


class StatusLabels(Section):
    """``[labels.<language>]``: how each status is written in that language; unset, the
    shipped label (mailgate/languages/labels.py)."""

    open: str | None = None
    on_hold: str | None = None
    in_progress: str | None = None
    answered: str | None = None
    customer_reply: str | None = None
    closed: str | None = None

    @field_validator("*")
    @classmethod
    def _one_line(cls, v: str | None) -> str | None:
        if v is not None and (not v.strip() or re.search(r"[\r\n\x00]", v)):
            raise ValueError(f"{v!r}: expected a label on a single line")
        return v

    def given(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


def check_languages(config: Config) -> None:
    """Raise ValueError naming the key, the value and what was expected."""
    offered = config.helpdesk.languages
    expected = f"expected one of helpdesk.languages {list(offered)}"
    for i, d in enumerate(config.departments):
        if d.language is not None and d.language not in offered:
            raise ValueError(
                f"departments[{i}].language: {d.language!r} is not offered ({expected})"
            )
    for i, a in enumerate(config.agents):
        if a.language is not None and a.language not in (*offered, "en"):
            raise ValueError(f"agents[{i}].language: {a.language!r} is not offered ({expected})")
    for lang in config.labels:
        try:
            tag = language_tag(lang)
        except ValueError as e:
            raise ValueError(f"labels.{lang}: {e}") from None
        if tag != lang:
            raise ValueError(f"labels.{lang}: expected the tag as written in {expected}")
        if tag not in (*offered, "en"):
            raise ValueError(f"labels.{lang}: {lang!r} is not offered ({expected})")
