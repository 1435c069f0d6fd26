"""Attachment names and data: what an agent sees and what is stored.

A name taken from mail is only ever a display name: no directory part, no control or
bidirectional-override characters (``invoice\u202eexe.pdf`` shows as ``invoicefdp.exe``),
bounded length.  Content is stored by its SHA-256, never under this name.
"""

from __future__ import annotations

import binascii
import mimetypes
import re
import unicodedata

MAX_NAME = 180
# Python's own table only: the host's /etc/mime.types would make names depend on the
# machine (and reading it is I/O in a pure stage).
TYPES = mimetypes.MimeTypes(filenames=())
_UU_BEGIN = re.compile(r"^begin [0-7]{3,4} (\S.*)$")


# Executable formats, recognised by their first bytes whatever the name or declared type
# says ("invoice.pdf" that is a Windows program).  Archives are never unpacked.
_EXECUTABLES = (
    (b"MZ", "windows-pe"),
    (b"\x7fELF", "elf"),
    (b"\xfe\xed\xfa\xce", "mach-o"),
    (b"\xfe\xed\xfa\xcf", "mach-o"),
    (b"\xce\xfa\xed\xfe", "mach-o"),
    (b"\xcf\xfa\xed\xfe", "mach-o"),
    (b"\xca\xfe\xba\xbe", "mach-o-universal"),
    (b"#!", "script"),
)
_MSI = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .msi, but also .doc and .xls
_RISKY_NAMES = re.compile(
    r"\.(exe|com|scr|pif|bat|cmd|msi|vbs|vbe|js|jse|wsf|wsh|ps1|hta|lnk|jar|cpl|dll)$",
    re.IGNORECASE,
)


def executable_kind(data: bytes, filename: str) -> str | None:
    """What kind of program an attachment is, by its content (and, for the Windows
    formats that share a container with documents, its name); None for anything else."""
    for magic, kind in _EXECUTABLES:
        if data.startswith(magic):
            return kind
    if _RISKY_NAMES.search(filename):
        return "windows-" + filename.rsplit(".", 1)[-1].lower()
    if data.startswith(_MSI) and filename.lower().endswith(".msi"):
        return "windows-msi"
    return None


def safe_filename(name: str | None, content_type: str, position: int) -> str:
    cleaned = ""
    if name:
        cleaned = name.replace("\\", "/").rsplit("/", 1)[-1]
        cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in cleaned)
        # Leading dots hide a file (and ".." names a directory); Windows drops trailing
        # dots and spaces when it saves a file, so "x.exe." is saved as "x.exe".
        cleaned = re.sub(r"\s+", " ", cleaned).strip(". ")
    if not cleaned:
        return generated_name(content_type, position)
    if len(cleaned) > MAX_NAME:
        stem, dot, ext = cleaned.rpartition(".")
        if dot and 0 < len(ext) <= 16:
            cleaned = stem[: MAX_NAME - len(ext) - 1].rstrip() + "." + ext
        else:
            cleaned = cleaned[:MAX_NAME].rstrip(". ")
    return cleaned


# What a nameless part is called, by its content type (then by its major type): what a
# person would call the file.  The position keeps two names of one message apart.
_STEMS = {
    "application/pdf": "document",
    "application/x-pdf": "document",
    "application/msword": "document",
    "application/rtf": "document",
    "text/rtf": "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
    "application/vnd.ms-word.document.macroenabled.12": "document",
    "application/vnd.oasis.opendocument.text": "document",
    "application/vnd.apple.pages": "document",
    "application/vnd.ms-excel": "spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "spreadsheet",
    "application/vnd.ms-excel.sheet.macroenabled.12": "spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet": "spreadsheet",
    "application/vnd.apple.numbers": "spreadsheet",
    "text/csv": "spreadsheet",
    "application/vnd.ms-powerpoint": "presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "presentation",
    "application/vnd.oasis.opendocument.presentation": "presentation",
    "application/vnd.apple.keynote": "presentation",
    "application/zip": "archive",
    "application/x-zip-compressed": "archive",
    "application/x-rar-compressed": "archive",
    "application/vnd.rar": "archive",
    "application/x-7z-compressed": "archive",
    "application/gzip": "archive",
    "application/x-gzip": "archive",
    "application/x-tar": "archive",
    "application/vnd.ms-outlook": "message",
    "application/pkcs7-signature": "signature",
    "application/x-pkcs7-signature": "signature",
    "application/pgp-signature": "signature",
    "text/calendar": "invitation",
    "text/vcard": "contact",
    "text/x-vcard": "contact",
    "message/rfc822": "message",
    "message/delivery-status": "delivery-status",
    "text/plain": "text",
    "text/html": "page",
    "image": "image",
    "audio": "audio",
    "video": "video",
}
# Extensions the standard library's own table lacks or gives otherwise (".xsl" for
# application/xml), as Windows, macOS and LibreOffice name those files.
_EXTENSIONS = {
    "message/rfc822": ".eml",
    "message/delivery-status": ".txt",
    "text/plain": ".txt",
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/pjpeg": ".jpg",
    "image/x-png": ".png",
    "text/calendar": ".ics",
    "text/vcard": ".vcf",
    "text/x-vcard": ".vcf",
    "application/x-pdf": ".pdf",
    "text/rtf": ".rtf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-word.document.macroenabled.12": ".docm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/vnd.apple.pages": ".pages",
    "application/vnd.apple.numbers": ".numbers",
    "application/vnd.apple.keynote": ".key",
    "application/x-zip-compressed": ".zip",
    "application/x-rar-compressed": ".rar",
    "application/vnd.rar": ".rar",
    "application/x-7z-compressed": ".7z",
    "application/gzip": ".gz",
    "application/x-gzip": ".gz",
    "application/xml": ".xml",
    "text/markdown": ".md",
    "application/vnd.ms-outlook": ".msg",
    "application/pkcs7-signature": ".p7s",
    "application/x-pkcs7-signature": ".p7s",
    "application/pgp-signature": ".asc",
}


def generated_name(content_type: str, position: int) -> str:
    """The name of a part that came without one: ``image-2.png``, ``invitation-1.ics``,
    ``document-3.pdf`` — the same for the same message every time it is read."""
    content_type = content_type.lower()
    major = content_type.split("/", 1)[0]
    stem = _STEMS.get(content_type) or _STEMS.get(major) or "attachment"
    ext = (
        _EXTENSIONS.get(content_type) or TYPES.guess_extension(content_type, strict=False) or ".bin"
    )
    return f"{stem}-{position}{ext}"


def split_uuencoded(text: str) -> tuple[str, list[tuple[str, bytes]]]:
    """Lotus Notes and old mailers put uuencoded files inside a text body
    (``begin 644 name`` … ``end``).  Returns the text without them and the files."""
    if "begin " not in text:
        return text, []
    lines = text.split("\n")
    out: list[str] = []
    files: list[tuple[str, bytes]] = []
    i = 0
    while i < len(lines):
        m = _UU_BEGIN.match(lines[i].rstrip("\r"))
        if m is None:
            out.append(lines[i])
            i += 1
            continue
        data = bytearray()
        j = i + 1
        ok = False
        while j < len(lines):
            line = lines[j].rstrip("\r")
            if line == "end":
                ok = True
                break
            if line and line != "`":
                try:
                    data += binascii.a2b_uu(line)
                except (binascii.Error, ValueError):
                    # Some encoders pad short lines wrongly; the length byte is right.
                    nbytes = (ord(line[0]) - 32) & 63
                    try:
                        data += binascii.a2b_uu(line[: 1 + (nbytes * 4 + 2) // 3])
                    except (binascii.Error, ValueError):
                        break
            j += 1
        if not ok:
            out.append(lines[i])
            i += 1
            continue
        files.append((m.group(1).strip(), bytes(data)))
        i = j + 1
    return "\n".join(out), files
