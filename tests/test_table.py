"""Tables fit the terminal: cut columns give up width, then figures' gaps narrow."""

from __future__ import annotations

from mailgate.cli.table import Column, render, width


def test_a_table_of_figures_narrows_its_gaps_to_fit() -> None:
    columns = [Column(h, right=True) for h in ("QUEUE", "WAITING", "OLDEST", "QUARANTINED")]
    rows = [("outbox", 3, "59 minutes", 0)]
    wide = render(columns, rows, limit=None)
    assert "  " in wide[0]
    natural = max(width(line) for line in wide)
    fitted = render(columns, rows, limit=natural - 2)
    assert all(width(line) <= natural - 2 for line in fitted), fitted
    assert fitted[0].split() == wide[0].split()  # nothing cut
    assert fitted[1].split() == wide[1].split()


def test_a_table_that_fits_keeps_its_gaps() -> None:
    columns = [Column("A"), Column("B")]
    assert render(columns, [("x", "y")], limit=80) == ["A  B", "x  y"]


def test_cut_columns_give_up_width_before_the_gaps_narrow() -> None:
    columns = [Column("N", right=True), Column("SUBJECT", keep=10)]
    rows = [(1, "a subject much longer than the room it gets")]
    fitted = render(columns, rows, limit=20)
    assert fitted[1].startswith("1  ")  # the gap stays two spaces
    assert fitted[1].endswith("…")
    assert width(fitted[1]) <= 20
