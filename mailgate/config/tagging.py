"""Tags put on tickets by rules (``[[tag_rules]]``) and the custom fields of each
department (``[[fields]]``).  The regular expressions are compiled here, once, and a bad
one is refused naming its key; :mod:`mailgate.tags` and :mod:`mailgate.custom_fields`
are the values the rest of mailgate works with."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from mailgate.addresses import is_plausible_address, normalize_address
from mailgate.config.types import Section
from mailgate.custom_fields import FieldSpec, FieldType, is_field_name
from mailgate.errors import Invalid
from mailgate.tags import TAG_EXPECTED, HeaderCondition, TagRule, normalize_tag

_RULE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
_HEADER_NAME = re.compile(r"[!-9;-~]+")  # RFC 5322 §3.6.8: printable ASCII but ":"


def _one_or_many(value: object) -> object:
    """A key that takes one value or a list of them: ``"billing"`` or ``["a", "b"]``."""
    return [value] if isinstance(value, str | dict) else value


def _tag(value: str) -> str:
    try:
        return normalize_tag(value)
    except Invalid:
        raise ValueError(f"expected a tag: {TAG_EXPECTED}") from None


def _pattern(value: str) -> str:
    """A regular expression (Python's syntax), checked now: a rule that cannot be
    compiled would otherwise fail on the first mail."""
    try:
        re.compile(value)
    except re.error as e:
        raise ValueError(f"expected a regular expression (Python syntax): {e}") from None
    return value


def _recipient(value: str) -> str:
    if not is_plausible_address(value):
        raise ValueError("expected an e-mail address such as billing@example.com")
    return normalize_address(value)


def _domain(value: str) -> str:
    domain = value.strip().lower().lstrip("@")
    if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", domain):
        raise ValueError("expected a domain such as example.com")
    return domain


Tag = Annotated[str, AfterValidator(_tag)]
Pattern = Annotated[str, AfterValidator(_pattern)]


class HeaderMatch(Section):
    """A header field whose value a regular expression finds something in."""

    name: str
    pattern: Pattern

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _HEADER_NAME.fullmatch(v):
            raise ValueError("expected a header field name such as X-Customer-Plan")
        return v.lower()


class TagRuleConfig(Section):
    """One ``[[tag_rules]]`` entry: a name, the tags, and the conditions (every one
    given must hold; a list holds when any of its values does)."""

    name: str
    tags: Annotated[tuple[Tag, ...], Field(min_length=1)]
    recipient: Annotated[
        tuple[Annotated[str, AfterValidator(_recipient)], ...], BeforeValidator(_one_or_many)
    ] = ()
    sender_domain: Annotated[
        tuple[Annotated[str, AfterValidator(_domain)], ...], BeforeValidator(_one_or_many)
    ] = ()
    # Searched in the decoded subject, case-insensitively.
    subject: Pattern | None = None
    header: Annotated[tuple[HeaderMatch, ...], BeforeValidator(_one_or_many)] = ()

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _RULE_NAME.fullmatch(v):
            raise ValueError("expected a short lower-case name (letters, digits, - and _)")
        return v

    @model_validator(mode="after")
    def _some_condition(self) -> TagRuleConfig:
        if not (self.recipient or self.sender_domain or self.subject or self.header):
            raise ValueError(
                f"rule {self.name!r}: expected at least one condition "
                "(recipient, sender_domain, subject or header)"
            )
        return self

    def rule(self, delimiter: str) -> TagRule:
        return TagRule(
            name=self.name,
            tags=self.tags,
            recipients=self.recipient,
            sender_domains=self.sender_domain,
            subject=re.compile(self.subject, re.IGNORECASE) if self.subject else None,
            headers=tuple(
                HeaderCondition(h.name, re.compile(h.pattern, re.IGNORECASE)) for h in self.header
            ),
            delimiter=delimiter,
        )


class FieldConfig(Section):
    """One ``[[fields]]`` entry: a custom field of a department's tickets."""

    department: str
    name: str
    label: str = ""
    type: Literal["text", "choice", "number", "date"] = "text"
    # The values a choice may take, in the order the console offers them.
    options: tuple[str, ...] = ()
    # A required field cannot be cleared, and an agent cannot close a ticket of the
    # department while it is unset.
    required: bool = False

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not is_field_name(v):
            raise ValueError(
                "expected a lower-case name starting with a letter (letters, digits and _)"
            )
        return v

    @field_validator("label")
    @classmethod
    def _label(cls, v: str) -> str:
        if re.search(r"[\x00-\x1f]", v):
            raise ValueError("expected a single line")
        return v

    @model_validator(mode="after")
    def _options(self) -> FieldConfig:
        if self.type == "choice":
            if not self.options:
                raise ValueError(
                    f"field {self.name!r}: a choice needs its options, e.g. "
                    'options = ["bronze", "silver", "gold"]'
                )
            for option in self.options:
                if not option.strip() or option != option.strip() or len(option) > 100:
                    raise ValueError(
                        f"field {self.name!r}: option {option!r} is not a short value "
                        "without spaces around it"
                    )
            if len(set(self.options)) != len(self.options):
                raise ValueError(f"field {self.name!r}: an option is listed twice")
        elif self.options:
            raise ValueError(
                f'field {self.name!r}: options are for type = "choice" (this one is {self.type!r})'
            )
        return self

    def spec(self) -> FieldSpec:
        return FieldSpec(
            department=self.department,
            name=self.name,
            label=self.label or self.name.replace("_", " ").capitalize(),
            type=FieldType(self.type),
            options=self.options,
            required=self.required,
        )


def check_tagging(
    tag_rules: tuple[TagRuleConfig, ...], fields: tuple[FieldConfig, ...], departments: set[str]
) -> None:
    """The checks across entries: rule names used once, fields of departments that
    exist, a field's name used once in its department."""
    names: set[str] = set()
    for i, rule in enumerate(tag_rules):
        if rule.name in names:
            raise ValueError(f"tag_rules[{i}].name: {rule.name!r} is used twice")
        names.add(rule.name)
    seen: set[tuple[str, str]] = set()
    for i, f in enumerate(fields):
        if f.department not in departments:
            raise ValueError(
                f"fields[{i}].department: {f.department!r} is not the name of a department "
                f"(expected one of {sorted(departments)})"
            )
        if (f.department, f.name) in seen:
            raise ValueError(
                f"fields[{i}].name: {f.name!r} is defined twice for department {f.department!r}"
            )
        seen.add((f.department, f.name))
