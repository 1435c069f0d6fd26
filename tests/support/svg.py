"""Charts in tests: an SVG chart parsed as XML (which fails on anything unescaped) and
checked for what every chart of the console carries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def parse_chart(svg: str) -> ET.Element:
    """``svg`` parsed, after checking it is a chart as the console draws them: class
    ``chart``, ``role="img"`` named by its title, a viewBox, no style attribute (the
    console's CSP allows no inline style), no script or foreign content."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert (root.get("class"), root.get("role")) == ("chart", "img")
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text
    assert title.text == root.get("aria-label")
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    for element in root.iter():
        assert "style" not in element.attrib
        assert not element.tag.endswith(("script", "foreignObject", "style"))
        assert not any(name.startswith("on") for name in element.attrib)
    return root


def chart_texts(root: ET.Element) -> list[str]:
    """Every text a chart shows or names (texts and titles, tooltips included)."""
    return [t.text or "" for t in root.iter() if t.tag in (f"{SVG}text", f"{SVG}title")]


def charts_in(html: str) -> list[ET.Element]:
    """The charts of a page, each parsed and checked."""
    return [parse_chart(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]
