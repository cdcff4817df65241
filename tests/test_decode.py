"""Bytes in: every encoding a scraper meets decodes right, binary is refused, nothing else raises."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import random
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import BinaryInputError, clean
from cleaner.decode import declared_charset, decode, is_binary, looks_like_html

ARTICLE = "“Smart quotes” cost €5 — the café’s naïve owner said.\nDie Straße ist 3 km lang; l’été est chaud.\n"
RUSSIAN = "Президент заявил во вторник, что переговоры продолжатся на следующей неделе.\n" * 3


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),  # with BOM (native order)
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), ARTICLE),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), ARTICLE),
        (ARTICLE.encode("utf-16-le"), ARTICLE),  # BOM-less
        (ARTICLE.encode("utf-16-be"), ARTICLE),
        (ARTICLE.encode("utf-32"), ARTICLE),
        (ARTICLE.encode("utf-32-le"), ARTICLE),
        (ARTICLE.encode("utf-32-be"), ARTICLE),
        (ARTICLE.encode("utf-8"), ARTICLE),
    ],
    ids=[
        "utf8-bom",
        "utf16",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32",
        "utf32le",
        "utf32be",
        "utf8",
    ],
)
def test_unicode_encodings(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_utf8_bom_is_not_kept_in_the_text() -> None:
    assert not decode(codecs.BOM_UTF8 + b"Hello").startswith("\ufeff")


def test_cp1252_smart_quotes_and_euro() -> None:
    text = "He said “it costs €5” – and left… The café’s owner agreed.\n" * 4
    assert decode(text.encode("cp1252")) == text


def test_latin1() -> None:
    text = "Le président a annoncé mardi une série de mesures, à Genève et à Zürich.\n" * 4
    assert decode(text.encode("latin-1")) == text


def test_undeclared_legacy_cyrillic_uses_the_detector() -> None:
    assert decode(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_mostly_utf8_with_a_stray_cp1252_byte_keeps_both() -> None:
    data = "Le président a dit: «non».\n".encode() * 5 + b"He said \x93no\x94 twice.\n"
    text = decode(data)
    assert "Le président a dit: «non»." in text
    assert "He said “no” twice." in text


def test_invalid_sequences_do_not_raise() -> None:
    for data in (b"\xff\xfe\xfd ok", b"abc \xc3 def", b"\xed\xa0\x80 surrogate", b"\xf4\x90\x80\x80", b"\x80" * 50):
        assert isinstance(decode(data), str)


def test_nul_bytes_inside_text_are_damage_not_binary() -> None:
    data = ARTICLE.encode("utf-8") * 3
    damaged = data[:40] + b"\x00" + data[40:90] + b"\x00\x00" + data[90:]
    assert not is_binary(damaged)
    text = decode(damaged)
    assert text.replace("\x00", "") == ARTICLE * 3
    assert "Die Straße ist 3 km lang; l’été est chaud." in clean(damaged, kind="text")


def test_one_nul_in_a_short_legacy_text_is_not_binary() -> None:
    data = "Le café est fermé.\x00 Il rouvre demain à midi.\n".encode("latin-1")
    assert decode(data) == "Le café est fermé.\x00 Il rouvre demain à midi.\n"


def _html(charset: str, body: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{body}</p></body></html>'


def test_html_meta_charset_is_honoured() -> None:
    body = "Президент заявил во вторник, что переговоры продолжатся."
    data = _html("koi8-r", body).encode("koi8-r")
    assert codecs.lookup(declared_charset(data) or "").name == "koi8-r"
    assert body in decode(data)


def test_http_equiv_content_type_charset() -> None:
    body = "Příliš žluťoučký kůň úpěl ďábelské ódy."
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head><body>{body}'
    assert body in decode(page.encode("cp1250"))


def test_declared_latin1_means_cp1252_like_browsers() -> None:
    body = "He said “no” for €5."
    assert body in decode(_html("iso-8859-1", body).encode("cp1252"))


def test_wrong_declaration_utf8_page_declaring_latin1() -> None:
    body = "Le président a annoncé “mardi” €5."
    assert body in decode(_html("iso-8859-1", body).encode("utf-8"))


def test_wrong_declaration_cp1252_page_declaring_utf8() -> None:
    body = "Le président a annoncé mardi une série de mesures à Genève."
    assert body in decode(_html("utf-8", body).encode("cp1252"))


@pytest.mark.parametrize("charset", ["undefined", "utf-7", "rot13", "base64", "idna", "utf-16", "x-nonsense", "zlib"])
def test_unusable_declarations_never_raise(charset: str) -> None:
    body = "Le président a annoncé mardi une série de mesures à Genève."
    data = _html(charset, body).encode("cp1252")
    assert body in decode(data)


def _png() -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _gzip() -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as fh:
        fh.write(ARTICLE.encode() * 10)
    return buf.getvalue()


BINARIES = {
    "png": _png(),
    "gzip": _gzip(),
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(40),
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
    "elf": b"\x7fELF\x02\x01\x01" + bytes(100),
    "random": random.Random(7).randbytes(5000),
    "zeros": bytes(3000),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_is_refused_with_a_clear_message(name: str) -> None:
    with pytest.raises(BinaryInputError, match="binary"):
        decode(BINARIES[name])
    with pytest.raises(BinaryInputError):
        clean(BINARIES[name])


def test_binary_error_is_a_value_error() -> None:
    assert issubclass(BinaryInputError, ValueError)


@given(st.binary(max_size=3000))
def test_decode_raises_only_binary_input_error(data: bytes) -> None:
    with contextlib.suppress(BinaryInputError):
        assert isinstance(decode(data), str)


@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]))
def test_unicode_with_bom_or_valid_utf8_roundtrips(text: str, encoding: str) -> None:
    """Any text in a self-describing Unicode encoding comes back exactly (unless dense in control bytes)."""
    if encoding == "utf-8":
        text = text.lstrip("\ufeff")  # a leading U+FEFF in BOM-less UTF-8 *is* a BOM
    if encoding == "utf-16" and text.startswith("\x00"):
        return  # BOM + U+0000 is the UTF-32-LE BOM: ambiguous by design of the BOMs
    data = text.encode(encoding)
    if encoding == "utf-8" and "\x00" in text:
        return  # NUL-laden BOM-less UTF-8 is ambiguous with BOM-less UTF-16/32
    try:
        got = decode(data)
    except BinaryInputError:
        assert encoding == "utf-8" and is_binary(data)
        return
    assert got == text


def test_control_characters_in_valid_utf8_are_text() -> None:
    """A str and its UTF-8 encoding clean alike: control characters do not make UTF-8 binary."""
    for text in ("\x01\x02\x03\x04\x05\x06 hello", "a\x01b\x02c\x03d\x04e\x05f", "\x07" * 40 + "\n"):
        assert not is_binary(text.encode())
        assert clean(text.encode()) == clean(text)


def test_nul_every_fourth_byte_is_not_utf16() -> None:
    """UTF-16 puts its NULs in every other byte; a NUL in every fourth is UTF-8 text with NULs."""
    assert decode(b"000\x00000\x00") == "000\x00000\x00"
    assert clean(b"000\x00000\x00") == clean("000\x00000\x00")
    assert decode("Hello, world".encode("utf-16-le")) == "Hello, world"


def test_nul_dense_utf8_and_control_dense_legacy_bytes_are_binary() -> None:
    assert is_binary(b"\x00" * 30 + b"abc")  # a zeroed file with a few letters
    assert is_binary(b"\x00\x01\x02PNG\x00" * 50)  # a NUL in 3 bytes of 8
    assert not is_binary(b"abc\x00" * 3 + b"a longer line of text after them and more")  # 3 NULs
    assert is_binary(b"\xe9\x01\x02\x03\x04\x05 caf\xe9 text" * 4)  # legacy bytes never hold C0 controls


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>Hi</p></body></html>",
        "<!doctype html><html><body><p>Hi</p></body></html>",
        "<html><body><p>Hi</p></body></html>",
        "<html>\n<body>\n<p>Hi there</p>\n</body>\n</html>",
        "<!-- saved -->\n<html lang='en'><!--<![endif]--><head>\n<meta charset=utf-8>",
        "<head><meta charset=utf-8><title>T</title></head><body><p>Hi</p></body>",
        '<html lang="en-US" class="a\n  b"><head prefix="og: http://ogp.me/ns#"><meta charset="UTF-8"><title>T</title>',
        '<div class="post">\n<p>First paragraph.</p>\n<p>Second.</p>\n</div>\n',
    ],
)
def test_pages_and_fragments_look_like_html(page: str) -> None:
    assert looks_like_html(page)


@pytest.mark.parametrize(
    "text",
    [
        "<div> vs <section> vs <article>: when to use which\nThe <div> element is a generic container.\n",
        "<html> is the root element of a page, and <head> and <body> go inside it.\n<p> makes a paragraph.\n",
        "<html><head> and <body>: the skeleton of a page\n<p> makes a paragraph, <br> a break, <span> a run.\n",
        "<ul><li>One</li><li>Two</li></ul> renders a list of two items.\n<p> and <div> are blocks.\n",
        "<!DOCTYPE html> tells the browser the page is HTML5.\nThen come <html>, <head> and <body>.\n",
        "<p>First paragraph.</p><p>Second.</p><p>Third.</p>",  # one line, no page: pass kind="html"
        "<HTML><A><A>She said the team had worked for months to prepare.\n",  # found by the property test
    ],
)
def test_text_quoting_tags_is_not_html(text: str) -> None:
    """What the cleaner outputs is text: cleaning it again (kind auto) must not take the HTML path."""
    assert not looks_like_html(text)
    once = clean(text, kind="text")
    assert not looks_like_html(once)
    assert clean(once) == once
