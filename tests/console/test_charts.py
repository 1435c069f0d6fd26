"""The console's charts (mailgate.console.charts): SVG that is well-formed, escaped,
named for screen readers and free of inline styles, drawing what it is given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mailgate.console import charts
from tests.support.svg import SVG, chart_texts, parse_chart

HOSTILE = '<script>alert("x")</script>'


def test_the_per_day_chart_has_a_bar_per_count_and_a_legend() -> None:
    days = [(date(2026, 11, 24), 3, 0), (date(2026, 11, 25), 0, 2), (date(2026, 11, 26), 0, 0)]
    root = parse_chart(charts.opened_closed("Per day", days))
    tips = [t for t in chart_texts(root) if ":" in t]
    assert tips == ["24 Nov 2026: 3 opened", "25 Nov 2026: 2 closed"]
    assert {"Opened", "Closed", "24 Nov", "25 Nov", "26 Nov"} <= set(chart_texts(root))


def test_a_year_of_days_is_labelled_about_ten_times() -> None:
    first = date(2026, 1, 1)
    days = [(first + timedelta(days=i), i % 7, i % 5) for i in range(365)]
    root = parse_chart(charts.opened_closed("A year", days))
    labels = [t for t in chart_texts(root) if t[:1].isdigit() and ":" not in t and " " in t]
    assert 8 <= len(labels) <= 11


def test_the_times_chart_writes_durations_in_words() -> None:
    bars = [
        charts.Bar("First response, median", 12000.0, charts.short_duration(12000)),
        charts.Bar("Resolution, median", None, "no data"),
    ]
    root = parse_chart(charts.horizontal("Times", bars))
    assert {"3 h 20 min", "no data"} <= set(chart_texts(root))
    assert len(root.findall(f"{SVG}rect")) == 1


def test_the_backlog_chart_stacks_the_statuses_of_each_department() -> None:
    series = [("Open", "#111111"), ("Answered", "#222222")]
    stacks = [charts.Stack("support", [2, 1]), charts.Stack("billing", [0, 0])]
    root = parse_chart(charts.stacked("Backlog", series, stacks))
    parts = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [r.get("fill") for r in parts] == ["#111111", "#222222"]
    assert {"Open", "Answered", "support", "billing", "3", "0"} <= set(chart_texts(root))
    nothing = parse_chart(charts.stacked("Backlog", series, [], empty="Nothing is open."))
    assert "Nothing is open." in chart_texts(nothing)


def test_every_text_given_to_a_chart_stays_text() -> None:
    drawn = [
        charts.opened_closed(HOSTILE, [(date(2026, 11, 24), 1, 1)]),
        charts.horizontal(HOSTILE, [charts.Bar(HOSTILE, 1.0, HOSTILE, fill='"><x')]),
        charts.stacked(HOSTILE, [(HOSTILE, "#111111")], [charts.Stack(HOSTILE, [1])]),
        charts.stacked("Controls", [("a\x00b\x1bc\ud800", "#111111")], []),
    ]
    for svg in drawn:
        assert "<script" not in svg
        assert "<x" not in svg
        root = parse_chart(svg)
        assert any(HOSTILE in t for t in chart_texts(root)) or "Controls" in svg
    assert "a\ufffdb\ufffdc\ufffd" in chart_texts(parse_chart(drawn[3]))


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 s"),
        (30, "30 s"),
        (45 * 60, "45 min"),
        (3 * 3600, "3 h"),
        (12000, "3 h 20 min"),
        (2 * 86400 + 4 * 3600 + 10, "2 d 4 h"),
        (7 * 86400, "7 d"),
    ],
)
def test_durations_are_written_for_people(seconds: float, words: str) -> None:
    assert charts.short_duration(seconds) == words
