"""One block per line: split an extracted line where the page's DOM puts a block boundary.

trafilatura's text output starts a line for every block it keeps, but some of
its paths hand back several blocks flattened into one (a forum post's nested
containers taken as one paragraph, a post laid out in a table cell with <br>s,
a wild <div> recovered whole), and one line then holds list items, posts or
code lines run together. The page itself says where its blocks are, so each
extracted line is located in the page's words and cut where the page has a
boundary between two of them: the start or end of a block element, a <br>, a
line break inside <pre>. Only the whitespace between two words becomes a line
break; no character of text changes, and a line that cannot be located with
confidence stays as it is.

A table row stays one line (trafilatura's " | " row), so the edges of cells do
not count; a block inside a cell (a second paragraph, a <br>) still does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# Elements that start and end a block: a line of their own in a browser.
WEAK_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "legend", "li", "listing", "main", "menu", "nav", "ol",
        "p", "pre", "section", "summary", "ul", "xmp", "textarea", "option", "plaintext",
    }
)  # fmt: skip
# Table structure: a row is a line, whatever the cells hold at their edges.
ROWS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "caption"})
CELLS = frozenset({"td", "th"})
BOUNDARIES = WEAK_BLOCKS | ROWS | CELLS
# Never rendered as text.
SKIP = frozenset({"script", "style", "template", "head", "svg"})
# Whitespace is kept inside these: each of their line breaks ends a line.
PREFORMATTED = frozenset({"pre", "textarea", "listing", "xmp", "plaintext"})
# Tokens between two located words that may be the extractor's own marks ("- " list items, "| " cells).
_MARK = re.compile(r"\W+")
_TOKEN = re.compile(r"\S+")
# Two located words further apart in the page than this (in characters) are not taken as neighbours.
MAX_GAP = 300
# A word is located by the words from it on, joined, at least this long: shorter runs of
# characters occur by chance inside other words.
ANCHOR_CHARS = 16
# Locating gives up on the rest of a line after this many failed attempts (text not on the
# page, as when the extractor read it from the page's embedded JSON).
MAX_MISSES = 8

_NONE, _CELL, _WEAK, _STRONG = 0, 1, 2, 4


@dataclass
class PageText:
    """The page's visible text without its whitespace, flagged where a block starts."""

    chars: str
    starts: bytearray  # 1 at the first character of a block
    words: bytearray  # 1 at the first character of a word (and at the end of the text)

    def whole(self, start: int, stop: int) -> bool:
        """Whether chars[start:stop] begins and ends where the page's words do (not inside one)."""
        return bool(self.words[start] and self.words[stop]) if stop < len(self.words) else False

    def block_between(self, start: int, stop: int) -> int:
        """The first position in [start, stop) where a block starts, or -1."""
        return self.starts.find(1, start, stop)


def page_words(root: etree._Element) -> PageText:
    """The page's visible text and where its blocks start, read from the tree an extractor gets."""
    chunks: list[str] = []
    starts: list[int] = []
    words: list[int] = []
    size = 0
    pending = _NONE  # the boundaries met since the last word
    pre = 0  # depth of preformatted elements

    def add(text: str) -> None:
        nonlocal pending, size
        if not pre and (not text or text.isspace()):
            return  # (most tails: the markup's indentation)
        pieces = text.split("\n") if pre else [text]
        for n, piece in enumerate(pieces):
            if n:
                pending |= _STRONG  # a code line
            for part in piece.split():
                if pending & _STRONG or (pending & _WEAK and not pending & _CELL):
                    starts.append(size)
                pending = _NONE
                words.append(size)
                chunks.append(part)
                size += len(part)

    def boundary(tag: str) -> None:
        nonlocal pending
        if tag in CELLS:
            pending |= _CELL
        elif tag in ROWS:
            pending |= _STRONG
        elif tag in WEAK_BLOCKS:
            pending |= _WEAK

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if not isinstance(tag, str):
                continue
            if tag in SKIP:
                walker.skip_subtree()  # its end event still comes, with the tail
                continue
            if tag in BOUNDARIES:
                boundary(tag)
            if tag in PREFORMATTED:
                pre += 1
            if el.text:
                add(el.text)
        else:
            if tag in PREFORMATTED:
                pre -= 1
            if tag in BOUNDARIES:
                boundary(tag)
            if el.tail:
                add(el.tail)
    flags, edges = bytearray(size), bytearray(size + 1)
    for at in starts:
        flags[at] = 1
    for at in words:
        edges[at] = 1
    edges[size] = 1
    return PageText("".join(chunks), flags, edges)


def _find(page: PageText, anchor: str, start: int, stop: int) -> int:
    """The first occurrence of ``anchor`` in chars[start:stop] that starts and ends with the page's words."""
    for _ in range(MAX_MISSES):
        at = page.chars.find(anchor, start, stop)
        if at < 0 or page.whole(at, at + len(anchor)):
            return at
        start = at + 1
    return -1


def _locate(tokens: list[str], page: PageText, expected: int) -> list[int | None]:
    """Where each token starts in the page's text, or None where it cannot be told.

    A token continues the previous one when the page's text goes on with it; else
    it is located by the tokens from it on, joined to at least ANCHOR_CHARS, at
    their first occurrence from ``expected`` on (lines come in page order), else
    at their first occurrence before. The extractor's marks are skipped.
    """
    chars = page.chars
    found: list[int | None] = [None] * len(tokens)
    misses = 0
    for i, token in enumerate(tokens):
        if chars.startswith(token, expected) and page.whole(expected, expected + len(token)):
            found[i] = expected
            expected += len(token)
            continue
        if misses >= MAX_MISSES or _MARK.fullmatch(token):
            continue
        anchor, j = token, i + 1
        while len(anchor) < ANCHOR_CHARS and j < len(tokens):
            if not _MARK.fullmatch(tokens[j]):
                anchor += tokens[j]
            j += 1
        if len(anchor) < ANCHOR_CHARS:
            continue
        at = _find(page, anchor, expected, len(chars))
        if at < 0:
            at = _find(page, anchor, 0, expected + len(anchor) - 1)
        if at < 0:
            misses += 1
            continue
        found[i] = at
        expected = at + len(token)
    return found


def split_line(line: str, page: PageText, expected: int = 0) -> tuple[list[str], int]:
    """``line`` cut where the page starts a block, and where in the page's text the line ended.

    A cut between two words replaces the whitespace after the earlier one (the
    tokens between them may only be marks, which go with the later word); a cut
    inside a token, where the extractor ran two blocks' words together without a
    space, is a line break put in. No other character changes.
    """
    cuts, end = _cuts(line, page, expected)
    return [piece for _, piece in _pieces(line, cuts)], end


def _cuts(line: str, page: PageText, expected: int) -> tuple[list[tuple[int, int]], int]:
    """Where split_line cuts ``line``: (end of a piece, start of the next) pairs, and where the line ended."""
    # Most lines are one stretch of the page's text with no block start inside: found whole, they stay whole.
    squeezed = "".join(line.split())
    if page.chars.startswith(squeezed, expected) and page.whole(expected, expected + len(squeezed)):
        at = expected
    else:
        at = _find(page, squeezed, expected, len(page.chars))
    if at >= 0 and page.block_between(at + 1, at + len(squeezed)) < 0:
        return [], at + len(squeezed)
    matches = list(_TOKEN.finditer(line))
    tokens = [m.group() for m in matches]
    located = _locate(tokens, page, expected)
    cuts: list[tuple[int, int]] = []  # (end of the piece before, start of the piece after)
    last = None  # index of the last located token
    for i, at in enumerate(located):
        if at is None:
            continue
        start, size = matches[i].start(), len(tokens[i])
        if last is not None:
            before = located[last] + len(tokens[last])  # type: ignore[operator]
            if (
                0 <= at - before <= MAX_GAP
                and page.block_between(before, at + 1) >= 0
                and all(_MARK.fullmatch(t) for t in tokens[last + 1 : i])
            ):
                cuts.append((matches[last].end(), matches[last + 1].start()))
        inside = page.block_between(at + 1, at + size)
        while inside >= 0:
            cuts.append((start + inside - at, start + inside - at))
            inside = page.block_between(inside + 1, at + size)
        last = i
    end = next((at + len(tokens[i]) for i, at in reversed(list(enumerate(located))) if at is not None), expected)
    return cuts, end


def _pieces(line: str, cuts: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """``line`` cut at ``cuts`` (end of a piece, start of the next): each piece with its offset in ``line``."""
    pieces = []
    begin = 0
    for stop, resume in cuts:
        pieces.append((begin, line[begin:stop]))
        begin = resume
    pieces.append((begin, line[begin:]))
    return pieces


def split_pieces(text: str, page: PageText) -> list[tuple[int, int, str]]:
    """The lines of ``text`` cut at the page's block boundaries (see split_line), each piece as
    (index of its line in ``text``, its offset in that line, its text); a blank line is a piece."""
    out: list[tuple[int, int, str]] = []
    expected = 0
    for row, line in enumerate(text.split("\n")):
        if not line.strip():
            out.append((row, 0, line))
            continue
        cuts, expected = _cuts(line, page, expected)
        out.extend((row, offset, piece) for offset, piece in _pieces(line, cuts))
    return out


def split_blocks(text: str, page: PageText) -> str:
    """``text`` with every line cut at the page's block boundaries (see split_line)."""
    return "\n".join(piece for _, _, piece in split_pieces(text, page))
