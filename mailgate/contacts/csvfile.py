"""A CSV file of contacts, read and checked row by row before anything is imported.

The columns are ``organization,address,name,role`` and an optional ``domain`` (a mail
domain of the organization); a first line naming them is a header.  Every row is
checked, and each problem is reported with its line number and what is wrong; the
caller imports nothing while any row is wrong (or, asked to, only the good rows).
Pure: the file's text in, rows and problems out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from mailgate.addresses import is_plausible_address, normalize_address
from mailgate.contacts.freemail import is_free_mail
from mailgate.contacts.rules import DOMAIN_NAME, Role

COLUMNS = ("organization", "address", "name", "role", "domain")
_REQUIRED = 4
_DOMAIN = DOMAIN_NAME
MAX_NAME = 200


@dataclass(frozen=True)
class ContactRow:
    line: int
    organization: str
    address: str
    name: str
    role: str
    domain: str = ""


@dataclass(frozen=True)
class Problem:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


def check_domain(value: str, free_mail: Iterable[str] = ()) -> str:
    """``value`` as an organization's mail domain, lower case; ValueError saying why not."""
    domain = value.strip().lower().rstrip(".")
    if not _DOMAIN.fullmatch(domain):
        raise ValueError(f"{value!r} is not a domain (expected e.g. example.com)")
    if is_free_mail(domain, free_mail):
        raise ValueError(
            f"{domain} is a free-mail provider's domain: its addresses are people, "
            "not one organization's"
        )
    return domain


def check_address(value: str) -> str:
    address = normalize_address(value)
    if not is_plausible_address(address):
        raise ValueError(f"{value!r} is not a mail address (expected name@domain)")
    return address


def check_role(value: str) -> str:
    role = value.strip().lower()
    if role not in tuple(Role):
        raise ValueError(f"role {value!r}: expected one of {', '.join(Role)}")
    return role


def check_name(value: str, what: str = "name") -> str:
    name = value.strip()
    if len(name) > MAX_NAME:
        raise ValueError(f"{what}: longer than {MAX_NAME} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise ValueError(f"{what}: holds a control character")
    return name


def read_contacts(
    text: str, free_mail: Iterable[str] = ()
) -> tuple[list[ContactRow], list[Problem]]:
    """The rows of ``text`` that are right, and the problems of those that are not (an
    address twice in the file is a problem of its second line)."""
    rows: list[ContactRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    first = True
    try:
        for record in reader:
            line = reader.line_num
            cells = [c.strip() for c in record]
            if first:
                first = False
                if cells and cells[0].lower().lstrip("\ufeff") == "organization":
                    continue
            if not any(cells) or cells[0].startswith("#"):
                continue
            problem = _check_row(line, cells, free_mail, seen, rows)
            if problem is not None:
                problems.append(problem)
    except csv.Error as e:
        problems.append(Problem(reader.line_num, f"not CSV: {e}"))
    return rows, problems


def _check_row(
    line: int,
    cells: list[str],
    free_mail: Iterable[str],
    seen: dict[str, int],
    rows: list[ContactRow],
) -> Problem | None:
    if not _REQUIRED <= len(cells) <= len(COLUMNS):
        return Problem(
            line,
            f"{len(cells)} columns, expected {_REQUIRED} or {len(COLUMNS)} "
            f"({','.join(COLUMNS[:_REQUIRED])}[,domain])",
        )
    organization, address, name, role, domain = (*cells, "")[: len(COLUMNS)]
    wrong: list[str] = []
    try:
        organization = check_name(organization, "organization")
        if not organization:
            wrong.append("organization: empty")
    except ValueError as e:
        wrong.append(str(e))
    try:
        address = check_address(address)
    except ValueError as e:
        wrong.append(f"address: {e}")
    try:
        name = check_name(name)
    except ValueError as e:
        wrong.append(str(e))
    try:
        role = check_role(role)
    except ValueError as e:
        wrong.append(str(e))
    if domain:
        try:
            domain = check_domain(domain, free_mail)
        except ValueError as e:
            wrong.append(f"domain: {e}")
    if not wrong and address in seen:
        wrong.append(f"address {address} is already on line {seen[address]}")
    if wrong:
        return Problem(line, "; ".join(wrong))
    seen[address] = line
    rows.append(ContactRow(line, organization, address, name, role, domain))
    return None
