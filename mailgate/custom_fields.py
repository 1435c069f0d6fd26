"""Custom fields: typed values a department's tickets carry beside their status (a
customer's plan, an order number, a renewal date), defined in ``[[fields]]``.

A field has a type — ``text``, ``choice`` (one of its ``options``), ``number``,
``date`` — and every value set goes through :func:`canonical`, which refuses what the
type does not allow with a sentence that names the field, the value and what was
expected, and otherwise gives the one text the value is stored, shown and searched as:
a number without its superfluous zeros (``"12.50"`` → ``"12.5"``), a date as
``YYYY-MM-DD``.  Two spellings of the same value are one value, so that
``field:seats=12`` finds a ticket whose agent typed ``12.0``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from mailgate.errors import Invalid
from mailgate.vocabulary import Term

MAX_TEXT_CHARS = 500
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A number as people type it: digits, one point, a sign; no exponent, no thousands marks.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class FieldType(Term):
    """What a field's values are."""

    TEXT = "text"  # one line of text
    CHOICE = "choice"  # one of the field's options
    NUMBER = "number"  # a decimal number
    DATE = "date"  # a calendar day, YYYY-MM-DD


def is_field_name(name: str) -> bool:
    """A field's name: lower case, starting with a letter (``plan``, ``order_no``)."""
    return _NAME.fullmatch(name) is not None


@dataclass(frozen=True)
class FieldSpec:
    """One field of a department, as ``[[fields]]`` defines it."""

    department: str
    name: str
    label: str
    type: FieldType
    options: tuple[str, ...] = ()
    required: bool = False


def canonical(spec: FieldSpec, value: str | int | float) -> str:
    """``value`` as field ``spec`` stores it; Invalid saying what was expected."""
    if isinstance(value, bool):
        raise Invalid(f"{spec.name}: expected {_expected(spec)} (got {value!r})")
    text = str(value).strip() if isinstance(value, str) else _number_text(value)
    if not text:
        raise Invalid(f"{spec.name}: expected {_expected(spec)}, not an empty value")
    if spec.type is FieldType.TEXT:
        if len(text) > MAX_TEXT_CHARS or _CONTROL.search(text):
            raise Invalid(f"{spec.name}: expected {_expected(spec)} (got {_shown(value)})")
        return text
    if spec.type is FieldType.CHOICE:
        if text not in spec.options:
            raise Invalid(f"{spec.name}: expected {_expected(spec)} (got {_shown(value)})")
        return text
    if spec.type is FieldType.NUMBER:
        number = number_text(text)
        if number is None:
            raise Invalid(f"{spec.name}: expected {_expected(spec)} (got {_shown(value)})")
        return number
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise Invalid(f"{spec.name}: expected {_expected(spec)} (got {_shown(value)})") from None


def number_text(text: str) -> str | None:
    """A decimal number's canonical text (``"012.50"`` → ``"12.5"``), or None when
    ``text`` is not one."""
    if not _NUMBER.fullmatch(text) or len(text) > 40:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if number == 0:
        return "0"
    return format(number.normalize(), "f")


def _number_text(value: int | float) -> str:
    # A float's repr is its shortest exact text (0.1, not 0.1000000000000000055);
    # NaN and infinities read "nan" and "inf", which no number field takes.
    return repr(value) if isinstance(value, float) else str(value)


def _expected(spec: FieldSpec) -> str:
    if spec.type is FieldType.CHOICE:
        return "one of " + ", ".join(spec.options)
    if spec.type is FieldType.NUMBER:
        return "a number such as 12 or 4.5"
    if spec.type is FieldType.DATE:
        return "a date written YYYY-MM-DD"
    return f"one line of text (at most {MAX_TEXT_CHARS} characters)"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"
