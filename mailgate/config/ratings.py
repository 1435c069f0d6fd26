"""Satisfaction ratings (``[ratings]``): whether a client whose ticket closes is asked
once to rate it, and how long the links of that mail work.  A department may say
otherwise (``rating = true`` or ``false`` on its ``[[departments]]`` entry)."""

from __future__ import annotations

from mailgate.config.types import Duration, Section


class RatingsConfig(Section):
    # Ask the client of every closed ticket, once, whether the answer was good or bad
    # (mail rating_request).  A department's own `rating` key wins over this.
    enabled: bool = False
    # The links of that mail work this long after it was sent; after that, and after
    # one use, they show a page saying so.
    valid_for: Duration = 14 * 86400.0
