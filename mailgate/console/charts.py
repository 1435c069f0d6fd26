"""Charts as SVG text, drawn on the server: no script, no font fetched, nothing but
elements and presentation attributes.

The console's Content-Security-Policy forbids inline styles (``style-src 'self'``), so
colours and fonts are presentation attributes (``fill=``, ``font-family=``), which the
policy does not govern.  Every text put in a chart — department names included, which
come from the configuration and from rows written under older configurations — is
escaped here; the result is well-formed XML, ready to be put in a page as it is.

Each chart is an ``<svg class="chart" role="img">`` named by its ``<title>`` and
``aria-label``, with a ``viewBox`` so that it scales to its column; the page shows the
same numbers in a table below it, for screen readers and for copying.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

FONT = "system-ui, -apple-system, Segoe UI, Noto Sans, sans-serif"
INK = "#1d2330"
MUTED = "#5b6475"
GRID = "#d9dee7"
OPENED = "#2457c5"
CLOSED = "#1d7a3a"
# Told apart by people who do not see every colour: blue, orange, green, purple, red,
# teal, grey (the order of the statuses).
PALETTE = ("#2457c5", "#c76b00", "#1d7a3a", "#7a3bb0", "#a11c1c", "#0f7a86", "#5b6475")
WIDTH = 760
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Characters XML 1.0 does not allow even escaped (C0 controls but tab and newlines,
# lone surrogates, U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Bar:
    """One bar of a horizontal chart: its label, its value (None: nothing to show) and
    how the value is written beside it."""

    label: str
    value: float | None
    text: str
    fill: str = OPENED


@dataclass(frozen=True)
class Stack:
    """One bar of a stacked chart: its label and its parts' counts, in the order of the
    chart's series."""

    label: str
    counts: Sequence[int]


def escape(text: str) -> str:
    """``text`` for an XML text node or attribute value."""
    return html.escape(_NOT_XML.sub("\ufffd", text), quote=True)


def short_duration(seconds: float) -> str:
    """A duration for a chart, to the minute: ``"3 h 20 min"``, ``"2 d 4 h"``,
    ``"45 min"``, ``"30 s"`` under a minute."""
    if seconds < 59.5:
        return f"{max(0, round(seconds))} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        h, m = divmod(minutes, 60)
        return f"{h} h" + (f" {m} min" if m else "")
    hours = round(seconds / 3600)
    d, h = divmod(hours, 24)
    return f"{d} d" + (f" {h} h" if h else "")


def day_label(day: date, *, year: bool = False) -> str:
    """``24 Nov`` (``24 Nov 2026`` with ``year``), whatever the machine's locale."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


# -- the charts ----------------------------------------------------------------------------


def opened_closed(title: str, days: Sequence[tuple[date, int, int]]) -> str:
    """Bars of the tickets opened and closed each day (``(day, opened, closed)``), side by
    side, with a legend."""
    height, left, right, top, bottom = 270, 44, 12, 40, 40
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = max((max(o, c) for _, o, c in days), default=0)
    scale_top, step = _scale(peak)
    parts = _legend([("Opened", OPENED), ("Closed", CLOSED)], left, 8)
    parts += _y_axis(scale_top, step, left, top, plot_w, plot_h)
    slot = plot_w / max(1, len(days))
    bar = max(0.5, slot * 0.38)
    every = max(1, math.ceil(len(days) / 10))
    for i, (day, opened, closed) in enumerate(days):
        x = left + i * slot + slot / 2
        for value, fill, dx, what in (
            (opened, OPENED, -bar, "opened"),
            (closed, CLOSED, 0.0, "closed"),
        ):
            if value:
                h = plot_h * value / scale_top
                tip = f"{day_label(day, year=True)}: {value} {what}"
                parts.append(_rect(x + dx, top + plot_h - h, bar, h, fill, tip))
        if i % every == 0:
            parts.append(_text(x, top + plot_h + 16, day_label(day), anchor="middle", fill=MUTED))
    parts.append(_line(left, top + plot_h, left + plot_w, top + plot_h, MUTED))
    return _svg(title, height, parts)


def horizontal(
    title: str,
    bars: Sequence[Bar],
    *,
    empty: str = "No figures yet.",
    full: float | None = None,
) -> str:
    """Horizontal bars, each with its label on the left and its value written at its
    end (for durations: :func:`short_duration`).  ``full``: the value of a bar as long
    as the plot (100 for percentages); else the largest value's."""
    label_w, text_w, row, top = 230, 110, 30, 12
    plot_w = WIDTH - label_w - text_w
    height = top * 2 + row * max(1, len(bars))
    peak = full or max((b.value for b in bars if b.value is not None), default=0.0)
    parts: list[str] = []
    if not bars:
        parts.append(_text(WIDTH / 2, height / 2 + 4, empty, anchor="middle", fill=MUTED))
    for i, b in enumerate(bars):
        y = top + i * row
        parts.append(_text(label_w - 8, y + row / 2 + 4, _clip(b.label, 34), anchor="end"))
        w = 0.0
        if b.value is not None and peak > 0:
            w = max(2.0, plot_w * b.value / peak) if b.value > 0 else 0.0
            if w:
                parts.append(_rect(label_w, y + 5, w, row - 10, b.fill, f"{b.label}: {b.text}"))
        fill = INK if b.value is not None else MUTED
        parts.append(_text(label_w + w + 6, y + row / 2 + 4, b.text, fill=fill))
    return _svg(title, height, parts)


def stacked(
    title: str,
    series: Sequence[tuple[str, str]],
    stacks: Sequence[Stack],
    *,
    empty: str = "Nothing to show.",
) -> str:
    """Horizontal stacked bars: one per stack (a department), split into the ``series``
    (``(label, fill)``: the statuses) in order, the total at its end, with a legend."""
    label_w, text_w, row = 170, 60, 30
    parts = _legend(series, label_w, 8)
    top = 16 + 22 * _legend_lines(series, label_w)
    plot_w = WIDTH - label_w - text_w
    height = top + 12 + row * max(1, len(stacks))
    peak = max((sum(s.counts) for s in stacks), default=0)
    if not stacks or peak == 0:
        parts.append(_text(WIDTH / 2, top + row / 2 + 4, empty, anchor="middle", fill=MUTED))
    for i, s in enumerate(stacks):
        y = top + i * row
        parts.append(_text(label_w - 8, y + row / 2 + 4, _clip(s.label, 24), anchor="end"))
        x = float(label_w)
        for (name, fill), n in zip(series, s.counts, strict=True):
            if n and peak:
                w = plot_w * n / peak
                parts.append(_rect(x, y + 5, w, row - 10, fill, f"{s.label}, {name}: {n}"))
                x += w
        parts.append(_text(x + 6, y + row / 2 + 4, str(sum(s.counts))))
    return _svg(title, height, parts)


# -- drawing -------------------------------------------------------------------------------


def _svg(title: str, height: int, parts: Sequence[str]) -> str:
    t = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{t}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{escape(FONT)}" font-size="12" fill="{INK}">'
        f"<title>{t}</title>" + "".join(parts) + "</svg>"
    )


def _n(value: float) -> str:
    """A coordinate, to a tenth."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
        f'fill="{escape(fill)}"><title>{escape(tip)}</title></rect>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{escape(fill)}">'
        f"{escape(text)}</text>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{escape(stroke)}" stroke-width="1"/>'
    )


def _clip(text: str, limit: int) -> str:
    """A label short enough for its column (the bar's tooltip and the table below have it
    whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scale(peak: float) -> tuple[float, float]:
    """The top of a count axis and its step: a round step (1, 2 or 5 × 10ⁿ) giving at
    most five lines above zero."""
    if peak <= 0:
        return 1.0, 1.0
    raw = peak / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return step * math.ceil(peak / step), float(step)


def _y_axis(top_value: float, step: float, left: int, top: int, w: int, h: int) -> list[str]:
    parts = []
    k = 0
    while k * step <= top_value + 1e-9:
        value = k * step
        y = top + h - h * value / top_value
        if k:
            parts.append(_line(left, y, left + w, y, GRID))
        parts.append(_text(left - 6, y + 4, f"{value:g}", anchor="end", fill=MUTED))
        k += 1
    return parts


def _legend_width(label: str) -> float:
    return 22 + 7.2 * len(label) + 18


def _legend_lines(items: Sequence[tuple[str, str]], left: int) -> int:
    lines, x = 1, float(left)
    for label, _ in items:
        if x + _legend_width(label) > WIDTH and x > left:
            lines, x = lines + 1, float(left)
        x += _legend_width(label)
    return lines


def _legend(items: Sequence[tuple[str, str]], left: int, top: int) -> list[str]:
    """Swatches with their labels, in rows that fit the chart's width."""
    parts = []
    x, y = float(left), float(top)
    for label, fill in items:
        if x + _legend_width(label) > WIDTH and x > left:
            x, y = float(left), y + 22
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y + 2)}" width="14" height="14" fill="{escape(fill)}"/>'
        )
        parts.append(_text(x + 20, y + 13, label))
        x += _legend_width(label)
    return parts
