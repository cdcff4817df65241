"""The naive whole-page text dump used for text mode.

A scraper that does no extraction walks the page and writes every visible text
block on its own line. This module reproduces that dump so text mode can be
scored on pages nobody here wrote (see ../shared/benchmarks/scrapinghub/README.md).
It is deliberately simple: no boilerplate logic at all, or the benchmark would
measure this file instead of the cleaner.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import lxml.html
from lxml import etree

# Elements whose text a scraper never sees as page text. <noscript> is not one:
# a scraper runs no JavaScript, so it reads what a browser without scripts
# shows (Discourse serves a thread's posts there), as html_text and
# BeautifulSoup's get_text() do.
INVISIBLE = frozenset({"script", "style", "template", "head", "svg", "math", "iframe", "object", "select", "option"})
# Elements that start a new visual block; inline elements join their neighbours.
BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "label",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_WS = re.compile(r"\s+")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_page(data: bytes) -> str:
    """Decode as a browser would: UTF-8 if valid, else the declared charset, else cp1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:8192])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def naive_text(html: str | bytes) -> str:
    """Return every visible text block of ``html`` on its own line."""
    if isinstance(html, bytes):
        html = decode_page(html)
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = _WS.sub(" ", "".join(buf)).strip()
        if text:
            lines.append(text)
        buf.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in INVISIBLE or not isinstance(el.tag, str):
            # Comments, processing instructions and invisible elements: skip the
            # content but keep the tail, which belongs to the parent.
            if el.tail:
                buf.append(el.tail)
            return
        block = tag.lower() in BLOCK
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    title = root.find(".//head/title")
    if title is not None and title.text:
        lines.append(_WS.sub(" ", title.text).strip())
    walk(root)
    flush()
    return "\n".join(line for line in lines if line) + "\n" if lines else ""


def load_page(path: Path) -> bytes:
    """Read one benchmark page (gzip-compressed HTML) as bytes."""
    with gzip.open(path, "rb") as fh:
        return fh.read()
