"""The checks of the languages clients are answered in, across the sections that name
one: ``[helpdesk] languages`` offers them; a department's and an agent's ``language``
and each ``[labels.<language>]`` must name an offered one (an agent's may also be
English, the console's own language)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mailgate.config.helpdesk import language_tag
from mailgate.lifecycle import STATUSES

if TYPE_CHECKING:
    from mailgate.config.model import Config


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
    checked: dict[str, dict[str, str]] = {}
    for lang, labels in config.labels.items():
        tag = _tag(lang)
        if tag not in (*offered, "en"):
            raise ValueError(f"labels.{lang}: {lang!r} is not offered ({expected})")
        for status, text in labels.items():
            if status not in STATUSES:
                raise ValueError(
                    f"labels.{lang}.{status}: unknown status (expected some of {list(STATUSES)})"
                )
            if not text.strip() or re.search(r"[\r\n\x00]", text):
                raise ValueError(
                    f"labels.{lang}.{status}: {text!r}: expected a label on a single line"
                )
        checked[tag] = dict(labels)
    # Stored under the tags as the rest of the configuration writes them.
    config.labels.clear()
    config.labels.update(checked)


def _tag(lang: str) -> str:
    try:
        return language_tag(lang)
    except ValueError as e:
        raise ValueError(f"labels.{lang}: {e}") from None
