"""Scoring readers against what the corpora's own authors expected.

The reply fixtures (``reply-*``) are scored with the checks of the corpora's
``score_reply.py`` itself (imported from the corpora folder, so the figures are the
ones that script prints), but in one process: the same wrapping of a body into a
message, the same whitespace-normalised and signature-tolerant comparison, the same
``contains`` / ``not_contains`` rules.  Performance cases are timed in-process against
their ``max_seconds``.

The message fixtures (``rt``, ``django-helpdesk``, ``mail-parser``) are scored per field
— subject, from, body, attachment names — on the expectations their authors wrote.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.corpus.split import part_of

Flat = dict[str, Any]
Engine = Callable[[bytes], Flat]

REPLY_METRICS = (
    "case_pass",
    "equals_sig_tolerant",
    "contains",
    "not_contains",
    "signature_hidden",
    "perf",
)
# Between a source and its part in the keys of a tally ("reply-github|heldout").
PART_MARK = "|"
FIELD_SOURCES = ("rt", "django-helpdesk", "mail-parser")
FIELD_METRICS = ("subject", "from", "body", "attachments", "all")


def load_scorer(corpora: Path) -> ModuleType:
    """The corpora's own ``score_reply.py``, as a module."""
    path = corpora / "score_reply.py"
    spec = importlib.util.spec_from_file_location("score_reply", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Tally:
    """Per metric: (passed, counted)."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    failures: list[tuple[str, dict[str, Any], Any]] = field(default_factory=list)

    def add(self, metric: str, ok: bool) -> None:
        c = self.counts.setdefault(metric, [0, 0])
        c[0] += int(ok)
        c[1] += 1

    def share(self, metric: str) -> float | None:
        c = self.counts.get(metric)
        return c[0] / c[1] if c and c[1] else None

    def cell(self, metric: str) -> str:
        c = self.counts.get(metric)
        if not c or not c[1]:
            return "-"
        return f"{c[0]}/{c[1]} {100.0 * c[0] / c[1]:.0f}%"


def reply_cases(corpora: Path, scorer: ModuleType) -> Iterator[tuple[str, dict[str, Any], bytes]]:
    """(source, case, message bytes) for every scored reply case, built as
    ``score_reply.py`` builds them (config-dependent cases left out, as it does)."""
    for src in sorted(p.name for p in corpora.iterdir() if p.name.startswith("reply-")):
        spec_path = corpora / src / "EXPECTED.json"
        if not spec_path.exists():
            continue
        for case in json.loads(spec_path.read_text(encoding="utf-8"))["cases"]:
            if case.get("config_dependent"):
                continue
            path = corpora / src / case["file"]
            kind = case.get("input") or ("eml" if path.suffix == ".eml" else "text")
            raw = path.read_bytes()
            if kind != "eml":
                raw = scorer.wrap(raw, "html" if kind == "html" else "plain")
            yield src, case, raw


def score_replies(
    corpora: Path, engines: dict[str, Engine], allowance: int = 120
) -> dict[str, dict[str, Tally]]:
    """engine → source → tally (with an "ALL" source, and each source's tuning and
    held-out parts as "SOURCE|tune" and "SOURCE|heldout")."""
    scorer = load_scorer(corpora)
    cases = list(reply_cases(corpora, scorer))
    out: dict[str, dict[str, Tally]] = {}
    for name, engine in engines.items():
        per: dict[str, Tally] = {}
        for src, case, raw in cases:
            # CPU time, not wall time: the bound is on the reader's work, and a loaded
            # machine must not fail it.
            t0 = time.process_time()
            reply = engine(raw).get("reply_text") or ""
            secs = time.process_time() - t0
            res = scorer.check(case, reply, allowance)
            if "max_seconds" in case:
                res["perf"] = secs <= case["max_seconds"]
            part = part_of(f"{src}/{case['file']}")
            keys = (src, "ALL", f"{src}{PART_MARK}{part}", f"ALL{PART_MARK}{part}")
            for tally in (per.setdefault(key, Tally()) for key in keys):
                for m in REPLY_METRICS:
                    if m in res:
                        tally.add(m, bool(res[m]))
            if res.get("case_pass") is False or res.get("perf") is False:
                per[src].failures.append((case["file"], case, reply))
        out[name] = per
    return out


def _field_checks(case: dict[str, Any], got: Flat) -> dict[str, bool]:
    res: dict[str, bool] = {}
    subject = got.get("subject")
    if "subject" in case:
        want = case["subject"]
        # RT keeps 200 characters of a subject; a longer one must begin with them.
        res["subject"] = subject == want or (
            len(want) >= 200 and bool(subject) and subject.startswith(want)
        )
    if "subject_prefix" in case:
        res["subject"] = bool(subject) and subject.startswith(case["subject_prefix"])
    if "from_contains" in case:
        name, addr = got.get("from_name") or "", got.get("from_address") or ""
        res["from"] = bool(addr) and addr in case["from_contains"] and name in case["from_contains"]
    body = got.get("body_text") or ""
    body_checks: list[bool] = []
    body_checks += [bool(re.search(rx, body)) for rx in case.get("body_contains", [])]
    if "body_equals" in case:
        body_checks.append(body.strip() == case["body_equals"])
    body_checks += [t in body for t in case.get("quoted_or_forwarded_contains", [])]
    body_checks += [t not in body for t in case.get("text_not_managed", [])]
    if body_checks:
        res["body"] = all(body_checks)
    names = got.get("attachments") or []
    if "attachment_filenames" in case:
        res["attachments"] = list(names) == case["attachment_filenames"]
    if "attachments_count" in case:
        res["attachments"] = len(names) == case["attachments_count"]
    if res:
        res["all"] = all(res.values())
    return res


def score_fields(
    corpora: Path, engines: dict[str, Engine], include_config_dependent: bool = False
) -> dict[str, dict[str, Tally]]:
    out: dict[str, dict[str, Tally]] = {}
    for name, engine in engines.items():
        per: dict[str, Tally] = {}
        for src in FIELD_SOURCES:
            spec_path = corpora / src / "EXPECTED.json"
            if not spec_path.exists():
                continue
            for case in json.loads(spec_path.read_text(encoding="utf-8"))["cases"]:
                if case.get("config_dependent") and not include_config_dependent:
                    continue
                res = _field_checks(case, engine((corpora / src / case["file"]).read_bytes()))
                for tally in (per.setdefault(src, Tally()), per.setdefault("ALL", Tally())):
                    for m, ok in res.items():
                        tally.add(m, ok)
                if res.get("all") is False:
                    per[src].failures.append((case["file"], case, res))
        out[name] = per
    return out
