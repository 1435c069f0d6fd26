"""HTML bodies: sanitized for display, converted to text for reading.

Sanitizing uses nh3 (the ammonia HTML sanitizer): scripts, event handlers, styles and
``javascript:`` URLs go; the structure an agent needs to read the mail stays.  Text is
rendered by inscriptis, which keeps the layout of lists and tables and the line breaks
of ``<br>`` and block elements, and shows link targets — those an agent may follow
(http, https, mailto, and cid for a part of the mail), as the sanitized HTML keeps.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import unquote

import nh3

# lxml and inscriptis are imported where HTML is read (their import is most of this
# module's): a command that reads no HTML (``deliver``, ``import``, a batch of plain-text
# mail) does without them.
if TYPE_CHECKING:
    from inscriptis.model.config import ParserConfig

# data: is let through nh3 only to be narrowed to inline raster images below.
_URL_SCHEMES = {"http", "https", "mailto", "cid", "tel", "data"}
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp|bmp);", re.I)


@cache
def _text_config() -> ParserConfig:
    """inscriptis' relaxed profile (spaces around inline elements, so that words in
    adjacent spans do not run together) without its indent of every <div>: mail programs
    nest their text in divs (Gmail's <div dir="ltr">, Outlook's WordSection1), and a
    reader of the text would see each level two columns further right, and the rules
    that read a line from its first column ("-- ", "Regards,") would not."""
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    css = dict(CSS_PROFILES["relaxed"])
    css["div"] = CSS_PROFILES["strict"]["div"]
    return ParserConfig(css=css, display_links=True)


# The link targets the text shows.  Any other — javascript:, data:, file:, ms-msdt: or
# search-ms: (which start programs on Windows), a relative path (which in mail leads
# nowhere) — is left out, the link's words kept: the text is copied and clicked from
# terminals and front ends that sanitize nothing.
_TEXT_SCHEMES = frozenset({"http", "https", "mailto", "cid"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_XML_DECLARATION = re.compile(r"^<\?xml [^>]+?\?>")
_BLANK_RUNS = re.compile(r"\n[ \t]*\n([ \t]*\n)+")
# Elements mail programs wrap quoted history in: Gmail, Apple Mail / Thunderbird
# (blockquote type=cite), Thunderbird's attribution line, Outlook's reply header.
_QUOTE_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]"
    " | //blockquote[@type='cite']"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' moz-cite-prefix ')]"
    " | //*[@id='divRplyFwdMsg']"
    " | //*[@id='appendonsend']"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' yahoo_quoted ')]"
)


def url_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it (WHATWG URL): tabs and newlines
    anywhere, and leading control characters and spaces, do not count ("da\nta:" is
    "data:"); None for a relative URL."""
    m = _SCHEME.match(_URL_NOISE.sub("", url).lstrip(_C0_AND_SPACE))
    return m.group(1).lower() if m else None


def _inline_data_images_only(element: str, attribute: str, value: str) -> str | None:
    # A data: URL is kept only as the source of an image, and only of a raster image:
    # a data:text/html link opens a page of the sender's making, an SVG can hold script.
    if url_scheme(value) == "data":
        if element == "img" and attribute == "src" and _DATA_IMAGE.match(value):
            return value
        return None
    return value


_URL_NOISE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(i) for i in range(0x21))


def _no_remote_images(element: str, attribute: str, value: str) -> str | None:
    # An image fetched from the sender's server tells them when, where and by whom the
    # mail was read (a tracking pixel); inline images (cid:, data:) stay.
    if attribute in ("src", "srcset", "background") and not value.strip().lower().startswith(
        ("cid:", "data:")
    ):
        return None
    return _inline_data_images_only(element, attribute, value)


# A charset named in the document's head: <meta charset="…">, or <meta http-equiv=
# "Content-Type" content="text/html; charset=…">.  Looked for as browsers do, in the bytes
# before the text is decoded: in the head, within its first kilobytes.
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,500}?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I
)
_HEAD_END = re.compile(rb"</head\b|<body\b", re.I)
_HEAD_BYTES = 8192


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML document names in a ``<meta>`` tag of its head, or None."""
    head = data[:_HEAD_BYTES]
    end = _HEAD_END.search(head)
    if end is not None:
        head = head[: end.start()]
    m = _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def sanitize(html: str, *, remote_images: bool = False) -> str:
    """Scripts, event handlers, styles and ``javascript:`` URLs removed; remote images
    too unless ``remote_images``; ``data:`` only as an inline raster image."""
    return nh3.clean(
        html,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_inline_data_images_only if remote_images else _no_remote_images,
    )


# Above this size the layout-keeping converter costs seconds (a 4.6 MB newsletter: 2.9 s);
# such HTML is converted by lxml's text extraction, line breaks kept, layout not.
LAYOUT_LIMIT = 512 * 1024
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "pre",
    "hr",
    "ul",
    "ol",
    "dd",
    "dt",
)


# <img src="cid:…">: an inline image, shown in the text by the name of its attachment.
_CID_IMG = re.compile(
    r"<img\b[^>]{0,2000}?\bsrc\s*=\s*[\"']?cid:([^\"'\s>]{1,500})[^>]{0,2000}>", re.I
)


def referenced_images(html: str) -> set[str]:
    """The Content-IDs an HTML body shows as images."""
    if "cid:" not in html.lower():
        return set()
    return {unquote(m.group(1)).strip("<>") for m in _CID_IMG.finditer(html)}


def _reference_images(html: str, images: Mapping[str, str]) -> str:
    if "cid:" not in html.lower():
        return html

    def ref(m: re.Match[str]) -> str:
        cid = unquote(m.group(1)).strip("<>")
        name = images.get(cid) or cid
        return f" [image: {escape(name)}] "

    return _CID_IMG.sub(ref, html)


def html_to_text(html: str, images: Mapping[str, str] | None = None) -> str:
    """Readable text: lists, tables, line breaks kept; an inline image (``cid:``) is
    ``[image: NAME]``, NAME the attachment it is kept as (``images``: Content-ID →
    file name)."""
    if not html.strip():
        return ""
    from lxml import etree

    html = _reference_images(html, images or {})
    if len(html) > LAYOUT_LIMIT:
        return _plain_text(html)
    try:
        text = _layout_text(html)
    except (ValueError, etree.LxmlError):
        text = re.sub(r"<[^>]+>", " ", html)
    return tidy_text(text)


def _layout_text(html: str) -> str:
    """inscriptis' text of ``html``, links showing only the targets of _TEXT_SCHEMES."""
    from inscriptis.html_engine import Inscriptis
    from lxml import etree
    from lxml import html as lxml_html

    html = _XML_DECLARATION.sub("", html.strip(), count=1)
    if not html:
        return ""
    try:
        tree = lxml_html.document_fromstring(html)
    except etree.ParserError:  # nothing but text and comments
        tree = lxml_html.document_fromstring("<pre>" + html + "</pre>")
    for link in tree.iter("a"):
        href = link.get("href")
        if href is not None and url_scheme(href) not in _TEXT_SCHEMES:
            del link.attrib["href"]
    return str(Inscriptis(tree, _text_config()).get_text())


def _plain_text(html: str) -> str:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (ValueError, etree.LxmlError):
        return tidy_text(re.sub(r"<[^>]+>", " ", html))
    for bad in root.xpath("//script | //style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return tidy_text(root.text_content())


def html_reply_to_text(html: str, images: Mapping[str, str] | None = None) -> str | None:
    """The text of an HTML reply for quote stripping: the elements known to hold quoted
    history removed, and any other ``<blockquote>`` turned into ``>`` lines (so that the
    attribution above it is recognised as the plain-text rules recognise it).  None when
    the HTML holds neither (the caller then strips quotes from the whole text)."""
    if not html.strip() or len(html) > LAYOUT_LIMIT:
        return None
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (ValueError, etree.LxmlError):
        return None
    quotes = root.xpath(_QUOTE_XPATH)
    for el in quotes:
        if el.tag == "blockquote":
            # Read as ">" lines below: the attribution a program writes above the quote
            # in a paragraph of its own ("<p>Am … schrieb Jo:</p><blockquote
            # type="cite">") is then known as the plain-text rules know it, and answers
            # typed between two quotes stay between them.
            continue
        if el.get("id") in ("divRplyFwdMsg", "appendonsend"):
            # Outlook puts its "From: … Sent: …" block in this div; everything after it
            # in the same parent is the quoted message.
            parent = el.getparent()
            if parent is not None:
                for sib in list(el.itersiblings()):
                    parent.remove(sib)
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    marked = 0
    for bq in root.xpath("//blockquote[not(ancestor::blockquote)]"):
        parent = bq.getparent()
        if parent is None:
            continue
        inner = html_to_text(lxml_html.tostring(bq, encoding="unicode"))
        pre = lxml_html.Element("pre")
        pre.text = "\n" + "\n".join("> " + line for line in inner.split("\n")) + "\n"
        pre.tail = bq.tail
        parent.replace(bq, pre)
        marked += 1
    if not quotes and not marked:
        return None
    return html_to_text(lxml_html.tostring(root, encoding="unicode"), images)


def tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")
