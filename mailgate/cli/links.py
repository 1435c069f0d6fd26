"""How a ticket's links to other tickets read in ``mailgate ticket N`` and ``mailgate
tickets show N``: a likely duplicate (with the command that merges it), a merge, a
split."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# How each relation of a link reads, from the ticket shown ({other}: the other's token).
_PHRASES = {
    "duplicate_of": "likely a duplicate of {other}",
    "has_duplicate": "{other} is likely a duplicate of this ticket",
    "merged_into": "merged into {other}",
    "merged_from": "{other} was merged into this ticket",
    "split_from": "split from {other}",
    "split_into": "{other} was split from this ticket",
    "not_duplicate_of": "not a duplicate of {other} (dismissed)",
    "not_duplicated_by": "{other} is not a duplicate of this ticket (dismissed)",
}


def link_lines(doc: dict[str, Any], subject_token: str) -> Iterator[str]:
    """The lines that say what a ticket's document says of other tickets."""

    def token(number: int) -> str:
        return subject_token.replace("{number}", str(number))

    if doc.get("merged_into"):
        yield f"MERGED into {token(doc['merged_into'])}: its number leads there"
    dismissed = {link["ticket"] for link in doc.get("links", ()) if link["kind"] == "not_duplicate"}
    for link in doc.get("links", ()):
        phrase = _PHRASES.get(link["relation"], link["relation"] + " {other}")
        line = phrase.format(other=token(link["ticket"]))
        if link["subject"] is not None:
            line += f' ("{link["subject"]}", {link["status"]})'
        score = link["data"].get("score")
        if link["kind"] == "duplicate" and score is not None:
            line += f", {round(score * 100)}% alike"
        settled = link["merged_into"] is not None or link["ticket"] in dismissed
        if link["kind"] == "duplicate" and not settled and not doc["merged_into"]:
            newer = link["relation"] == "duplicate_of"
            source, target = (doc["number"], link["ticket"])
            if not newer:
                source, target = target, source
            line += f" — mailgate tickets merge {source} --into {target}"
        yield line
