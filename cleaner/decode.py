"""Decode layer: bytes to text, and the auto-detection of HTML versus text.

Decoding order, from most to least trustworthy: a byte-order mark, valid
UTF-8, the charset an HTML page declares, then charset-normalizer's guess.
Binary data (images, archives, PDFs) is refused rather than decoded into
garbage that would then be "cleaned".
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|section|article|img|meta|script)\b[^>]{0,500}>", re.I
)
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh",
    b"7z\xbc\xaf",
)


class BinaryInputError(ValueError):
    """The input is binary data, not text or HTML."""


def is_binary(data: bytes) -> bool:
    """Magic numbers of common binary formats, or NUL bytes in a text that is not UTF-16/32."""
    head = data[:4096]
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" not in head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    # BOM-less UTF-16: every other byte is NUL in ASCII-heavy text.
    evens, odds = head[0::2], head[1::2]
    if odds.count(0) > 0.4 * len(odds) or evens.count(0) > 0.4 * len(evens):
        return False
    # A few stray NULs in otherwise printable text is damaged text, not binary.
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > 0.1 * len(head)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first bytes, if Python knows it."""
    head = data[:4096]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> str:
    """Decode bytes to str; raise BinaryInputError for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if is_binary(data):
        raise BinaryInputError("input looks like binary data, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


def looks_like_html(text: str) -> bool:
    """HTML if it opens like a page, or carries markup densely; text quoting a tag stays text."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    stripped = head.lstrip()
    if not stripped.startswith("<"):
        return False
    return len(_HTML_TAG.findall(head)) >= 3
