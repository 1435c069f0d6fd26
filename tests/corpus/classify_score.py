"""Print how well mailgate tells machine mail from people's mail, on a tuning part and a
held-out part of each set, measured in this one run.

    .venv/bin/python -m tests.corpus.classify_score [--corpora ../shared/corpora] [--list]

- **machine mail**: the corpora's bounces, delivery and feedback reports and vacation
  replies (Sisimai's collection, scored as ``score_autoreply.py`` does), with its 20
  ordinary mails: recognised as machine mail (``auto_submitted``), bounces told apart.
- **ordinary mail**: ``tests/data/ordinary`` — 290 people's mails in 16 languages that talk
  about deliveries, errors, outages, accounts and spam: the false positives (a person
  read as a machine), the costly error.

Each set is split by the SHA-256 of a file's path (first hex digit even: tuning part,
odd: held out), fixed before the rules were tuned on the tuning parts only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from mailgate.classify import Context, classify, verdict_json
from mailgate.envelope import Envelope
from mailgate.parse import parse_message
from tests.corpus.split import part_of

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPORA = Path(os.environ.get("MAILGATE_CORPORA", REPO.parent / "shared" / "corpora"))
ORDINARY = REPO / "tests" / "data" / "ordinary"
HUMAN_CATEGORIES = ("not_bounce", "assumed_human")
OWN = frozenset(f"{d}@helpdesk.example" for d in ("support", "billing", "sales"))


@dataclass
class Count:
    total: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, ok: bool, name: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.wrong.append(name)

    def cell(self) -> str:
        share = 100 * self.right / self.total if self.total else 0.0
        return f"{self.right} / {self.total} ({share:.1f} %)"


def scorer(corpora: Path) -> ModuleType:
    """The corpora's own ``score_autoreply.py``, whose cases these figures are."""
    spec = importlib.util.spec_from_file_location("score_autoreply", corpora / "score_autoreply.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def machine_mail(corpora: Path) -> dict[str, dict[str, Count]]:
    """Per part: recognised (machine as machine, person as person), bounces told apart,
    and the ordinary mails of the corpora read as people's."""
    ctx = Context(Envelope("file", None, ()), frozenset({"support@helpdesk.test"}), "helpdesk.test")
    out: dict[str, dict[str, Count]] = {}
    for case in scorer(corpora).load_cases():
        got = verdict_json(classify(parse_message(Path(case["path"]).read_bytes()), ctx))
        counts = out.setdefault(part_of(case["file"]), {})
        human = case["category"] in HUMAN_CATEGORIES
        name = str(case["file"])
        counts.setdefault("recognised", Count()).add(bool(got["auto_submitted"]) != human, name)
        if human:
            counts.setdefault("people", Count()).add(not got["auto_submitted"], name)
        else:
            bounce = case["category"] == "bounce"
            counts.setdefault("machine", Count()).add(bool(got["auto_submitted"]), name)
            counts.setdefault("bounce_told", Count()).add(bool(got["is_bounce"]) == bounce, name)
    return out


def ordinary_mail(root: Path = ORDINARY) -> dict[str, Count]:
    """Per part: the people's mails read as a person's (verdict human)."""
    split: dict[str, str] = json.loads((root / "SPLIT.json").read_text())
    out: dict[str, Count] = {}
    for relative, part in sorted(split.items()):
        assert part == part_of(relative), f"{relative}: SPLIT.json disagrees with the rule"
        mail = parse_message((root / relative).read_bytes())
        sender = mail.from_.normalized if mail.from_ is not None else None
        envelope = Envelope("smtp", sender, ("support@helpdesk.example",))
        verdict = classify(mail, Context(envelope, OWN, "helpdesk.example"))
        ok = verdict.kind == "human"
        out.setdefault(part, Count()).add(ok, f"{relative} ({verdict.kind} by {verdict.rule})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--list", action="store_true", help="name every message classified wrong")
    a = ap.parse_args(argv)
    if not (a.corpora / "score_autoreply.py").exists():
        print(f"no corpora at {a.corpora}", file=sys.stderr)
        return 2
    machine = machine_mail(a.corpora)
    ordinary = ordinary_mail()
    print("| set | figure | tuning part | held-out part |")
    print("|---|---|---|---|")
    rows = (
        ("recognised", "machine mail and people's mail told apart"),
        ("machine", "machine mail recognised"),
        ("bounce_told", "bounces told from other machine mail"),
        ("people", "the corpora's ordinary mails read as people's"),
    )
    for key, label in rows:
        tune, held = machine["tune"][key], machine["heldout"][key]
        print(f"| corpora (Sisimai + 20 ordinary) | {label} | {tune.cell()} | {held.cell()} |")
    tune, held = ordinary["tune"], ordinary["heldout"]
    print(
        f"| tests/data/ordinary | people's mail read as people's | {tune.cell()} | {held.cell()} |"
    )
    fp = [len(c.wrong) / c.total if c.total else 0.0 for c in (tune, held)]
    print(f"\nfalse positives on people's mail: tuning {fp[0]:.1%}, held out {fp[1]:.1%}")
    if a.list:
        for part, counts in machine.items():
            for key, count in counts.items():
                for name in count.wrong:
                    print(f"[{part} {key}] {name}")
        for part, count in ordinary.items():
            for name in count.wrong:
                print(f"[{part} ordinary] {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
