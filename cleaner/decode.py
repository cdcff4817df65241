"""Decode layer: bytes to text, and the auto-detection of HTML versus text.

Decoding order, from most to least trustworthy:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. the NUL layout of BOM-less UTF-16/UTF-32 (ASCII-heavy text in those
   encodings has a NUL in every second or in three of every four bytes);
3. valid UTF-8;
4. mostly UTF-8 with a few stray legacy bytes (a cp1252 quote pasted into a
   UTF-8 page): UTF-8, each stray byte read as cp1252 so nothing is lost;
5. the charset an HTML/XML page declares, when Python has a text codec for it
   (as browsers do, "iso-8859-1" and "ascii" mean cp1252, a declared UTF-16
   in a byte-oriented page means nothing, and UTF-7 is never honoured);
6. charset-normalizer's guess; finally cp1252/latin-1, which cannot fail.

Binary data (images, archives, PDFs, executables, random bytes) is refused
with BinaryInputError rather than decoded into garbage that would then be
"cleaned". A text with a stray NUL or two is damaged text, not binary.
No path raises anything else: a decoder's failure falls through to the next.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The header block(s) `curl -i` writes above a page: a status line ("HTTP/1.1 200 OK",
# "HTTP/2 200"), header lines, a blank line; one block per response when redirects were followed.
_HTTP_STATUS = re.compile(r"HTTP/\d(?:\.\d)? [1-5]\d\d(?: [^\r\n]{0,200})?\r?\n")
_HTTP_HEADER = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}:[^\r\n]{0,8000}\r?\n")
_HTTP_BLANK = re.compile(r"\r?\n")
_HTTP_CHARSET = re.compile(
    rb"\AHTTP/\d(?:\.\d)? [1-5]\d\d[^\n]{0,200}\n(?:[!-9;-~]{1,100}:[^\n]{0,8000}\n){0,100}?"
    rb"content-type:[^\n]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I)
# A page opens with a doctype followed by markup, <html> followed by <head> or
# <body> and one more tag, or <head> followed by what a head holds. Articles about
# HTML may open with tags too: '<html> is the root element', '<html><head> and
# <body>: the skeleton of a page' are text.
_COMMENTS = r"(?:\s*<!--.*?-->)*\s*"
_HTML_START = re.compile(
    rf"\A{_COMMENTS}(?:<!doctype\s+html\b[^<>]{{0,2000}}>\s*(?:<|\Z)"
    rf"|<html\b[^<>]{{0,2000}}>{_COMMENTS}<(?:head|body)\b[^<>]{{0,2000}}>{_COMMENTS}<[a-zA-Z!/]"
    rf"|<head\b[^<>]{{0,2000}}>{_COMMENTS}<(?:meta|title|link|script|style|base)\b)",
    re.I | re.S,
)
# A line made only of tags: what the script layer's markup rule (cleaner/rules/neutral.toml)
# removes, so a cleaned text never holds one.
_MARKUP_LINE = re.compile(r"^[ \t]*+(?:(?></?[a-zA-Z][\w:-]{0,30}(?:\s[^<>\n]{0,1000})?/?>)[ \t]*+){1,51}\r?$", re.M)
# Any tag, comment or doctype at all: text without one is no markup, whatever kind it was given as.
_ANY_MARKUP = re.compile(r"<(?:/?[a-zA-Z][\w:-]{0,30}(?:\s[^<>\n]{0,1000})?/?>|!--|!doctype\b)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|section|article|img|meta|script)\b[^>]{0,500}>", re.I
)
# Signatures of common binary formats. Signatures made of printable ASCII are
# long enough that no article starts with them.
_BINARY_MAGIC = (
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh91AY&SY",
    b"7z\xbc\xaf\x27\x1c",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",
    b"\x00asm",
    b"SQLite format 3\x00",
    b"\xca\xfe\xba\xbe",
    b"II*\x00",
    b"MM\x00*",
    b"wOFF",
    b"wOF2",
)
_HEAD = 8192
NUL_SHARE = 0.10  # NUL bytes in valid UTF-8 past which it is binary
# C0 control bytes that never occur in text (tab, LF, VT, FF, CR and ESC do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH = re.compile(rb"[\x80-\xff]")
# Codecs a page may not select by declaration: not text encodings in practice,
# or unsafe (UTF-7), or impossible for a page whose declaration we could read.
_REFUSED_CODECS = frozenset(
    {"utf-7", "utf_7", "undefined", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "palmos"}
)


class BinaryInputError(ValueError):
    """The input is binary data, not text or HTML."""


def _wide_unicode(head: bytes) -> str | None:
    """The codec of BOM-less UTF-16/32, read from where the NUL bytes fall (None if not that)."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    quads = [head[k:n:4].count(0) / (n // 4) for k in range(4)]
    if quads[1] > 0.9 and quads[2] > 0.9 and quads[3] > 0.9 and quads[0] < 0.5:
        return "utf-32-le"
    if quads[0] > 0.9 and quads[1] > 0.9 and quads[2] > 0.9 and quads[3] < 0.5:
        return "utf-32-be"
    # Both odd (or both even) columns of four must hold the NULs: '000\x00000\x00' is UTF-8
    # with a NUL in every fourth byte, not UTF-16 (half its odd bytes are '0').
    if min(quads[1], quads[3]) > 0.4 and max(quads[0], quads[2]) < 0.1:
        return "utf-16-le"
    if min(quads[0], quads[2]) > 0.4 and max(quads[1], quads[3]) < 0.1:
        return "utf-16-be"
    return None


def _valid_utf8(head: bytes) -> bool:
    """Whether ``head`` is UTF-8, allowing a sequence cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def is_binary(data: bytes) -> bool:
    """Binary if it starts with a known signature, or its head is not text by its control bytes.

    Valid UTF-8 is text whatever other control characters it holds (a str and
    its UTF-8 encoding clean alike), unless more than 10% of it is NUL bytes,
    which text never holds (git calls a file with any NUL binary; a zeroed or
    truncated file is mostly NUL). Other bytes are binary past 2% of C0
    controls: legacy encodings never use them, and random bytes have about 10%.
    A NUL or two is damaged text either way.
    """
    head = data[:_HEAD]
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith(tuple(bom for bom, _ in _BOMS)) or _wide_unicode(head):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls <= 4:
        return False
    if _valid_utf8(head):
        return head.count(0) > NUL_SHARE * len(head)
    return controls > 0.02 * len(head)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read one undecodable byte as cp1252 (latin-1 where cp1252 has a hole)."""
    assert isinstance(exc, UnicodeDecodeError)
    byte = exc.object[exc.start : exc.start + 1]
    try:
        return byte.decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), exc.start + 1


codecs.register_error("cleaner-cp1252", _cp1252_fallback)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes: most non-ASCII bytes form valid UTF-8 sequences."""
    high = len(_HIGH.findall(data, 0, 1_000_000))
    if high == 0:
        return False
    in_sequences = sum(len(m) for m in _UTF8_MULTI.findall(data, 0, 1_000_000))
    return in_sequences >= 4 and in_sequences >= 0.8 * high


def declared_charset(data: bytes) -> str | None:
    """The text codec an HTML/XML document declares in its first bytes, if Python has a usable one."""
    head = data[:4096]
    # A response's Content-Type (a page saved with `curl -i`) is what a browser would follow first.
    m = _HTTP_CHARSET.match(head) or _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    canonical = info.name
    if canonical in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers do: the declaration means windows-1252
    if canonical.startswith(("utf-16", "utf-32")):
        return None  # a page we could read as bytes is not UTF-16
    if canonical in _REFUSED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return canonical


# On a near-tie, the encoding the web actually used: charset-normalizer alone
# reads short cp1252 text as a DOS code page (cp850), which no page declares.
_WEB_PREFERENCE = (
    "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1256", "cp1255", "cp1258",
    "koi8_r", "koi8_u", "gb18030", "gbk", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949",
)  # fmt: skip
_TIE = 0.05


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best encoding for ``data``, web code pages first on a near-tie (None if none)."""
    try:
        matches = list(charset_normalizer.from_bytes(data[:200_000]))
    except Exception:  # a third-party detector must not turn bad input into a crash
        return None
    if not matches:
        return None
    floor = min(m.chaos for m in matches)
    close = {enc for m in matches if m.chaos <= floor + _TIE for enc in (m.encoding, *m.could_be_from_charset)}
    for enc in _WEB_PREFERENCE:
        if enc in close:
            return enc
    best = min(matches, key=lambda m: m.chaos)
    return best.encoding or None


def _try(data: bytes, encoding: str, errors: str = "strict") -> str | None:
    try:
        return data.decode(encoding, errors=errors)
    except (UnicodeError, LookupError, ValueError):
        return None


PIECE = 1 << 20
"""Bytes per piece when a long input is decoded a piece at a time."""


def decode(data: bytes) -> str:
    """Decode bytes to str; raise BinaryInputError (and nothing else) for binary data."""
    return "".join(decode_pieces(data))


def decode_pieces(data: bytes, size: int | None = None) -> Iterator[str]:
    """What decode() returns, in pieces of about ``size`` bytes each cut just after a line feed.

    A 100 MB text need never be one str: with one character outside the Basic
    Multilingual Plane (an emoji) the whole str takes 4 bytes a character, a
    piece only where such a character is. Cutting is safe for UTF-8 (every
    path that reads the input as UTF-8: a UTF-8 BOM, valid UTF-8, stray
    legacy bytes, the last resort): a line feed byte is always a character of
    its own, so the decoder starts afresh after it, cut or not. Any other
    encoding gives one piece. The decision is made at once: BinaryInputError
    is raised by this call, not by the first piece. ``size`` defaults to PIECE.
    """
    size = size or PIECE
    for bom, enc in _BOMS:
        if data.startswith(bom):
            if enc == "utf-8-sig":
                return _utf8_pieces(data, len(bom), "replace", size)
            return iter((data.decode(enc, errors="replace"),))
    if is_binary(data):
        raise BinaryInputError(
            "input looks like binary data (an image, archive, PDF or executable), not text or HTML; "
            "extract its text first"
        )
    wide = _wide_unicode(data[:_HEAD])
    if wide:
        return iter((data.decode(wide, errors="replace"),))
    if len(data) <= size:
        text = _try(data, "utf-8")  # decoding a small input is also the check
        if text is not None:
            return iter((text,))
    elif _is_utf8(data, size):
        return _utf8_pieces(data, 0, "strict", size)
    if _mostly_utf8(data):
        return _utf8_pieces(data, 0, "cleaner-cp1252", size)
    declared = declared_charset(data)
    if declared:
        text = _try(data, declared)  # strict: a wrong declaration usually fails and falls through
        if text is not None:
            return iter((text,))
    guessed = _guess(data)
    if guessed:
        text = _try(data, guessed, "replace")
        if text is not None:
            return iter((text,))
    return _utf8_pieces(data, 0, "cleaner-cp1252", size)


def _is_utf8(data: bytes, size: int) -> bool:
    """Whether all of ``data`` is valid UTF-8, checked a piece at a time (no str of it all)."""
    if data.isascii():
        return True
    view = memoryview(data)
    pos = 0
    size = max(size, 4)  # a window always holds a whole character (a decoder keeps a cut one back)
    try:
        while pos < len(data):
            _, used = codecs.utf_8_decode(view[pos : pos + size], "strict", pos + size >= len(data))
            pos += used
    except UnicodeDecodeError:
        return False
    return True


def _utf8_pieces(data: bytes, start: int, errors: str, size: int) -> Iterator[str]:
    """``data[start:]`` decoded as UTF-8 with ``errors``, in pieces cut after a line feed byte."""
    if len(data) - start <= size:
        yield str(data if start == 0 else memoryview(data)[start:], "utf-8", errors)
        return
    view = memoryview(data)
    pos = start
    while pos < len(data):
        cut = data.find(b"\n", pos + size) + 1 or len(data)
        yield str(view[pos:cut], "utf-8", errors)
        pos = cut


def looks_like_html(text: str) -> bool:
    """HTML if it opens like a page, or starts with markup that has lines of tags alone.

    Text quoting tags ('<div> vs <section>: when to use which') stays text, and
    so does every text the cleaner outputs: cleaning it again (kind auto) must
    not take the HTML path. A page fragment on one line with no doctype or
    <html> is text too; pass kind="html" for it.
    """
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    if not head.lstrip().startswith("<") or len(_HTML_TAG.findall(head)) < 3:
        return False
    return _MARKUP_LINE.search(head) is not None


def has_markup(text: str) -> bool:
    """Whether ``text`` holds a single tag, comment or doctype: a plain text given as HTML holds none."""
    return _ANY_MARKUP.search(text) is not None


def http_headers_end(text: str) -> int:
    """The length of the HTTP response header block(s) that open ``text`` (a page saved with
    ``curl -i``), or 0. Each block is a status line, at least one header line and a blank line."""
    pos = end = 0
    while (status := _HTTP_STATUS.match(text, pos)) is not None:
        pos = status.end()
        lines = 0
        while (header := _HTTP_HEADER.match(text, pos)) is not None:
            pos, lines = header.end(), lines + 1
        blank = _HTTP_BLANK.match(text, pos)
        if not lines or blank is None:
            break  # not a header block: what came before it (if anything) was
        pos = end = blank.end()
    return end
