"""Markup nested deeper than the parser will go, flattened so that its text can still be read.

libxml2 stops reading a page at its depth limit (2048 open elements even with
``huge_tree``) and drops everything after that point: 50,000 nested ``<div>``
elements around an article gave an empty output. Browsers have the same
problem and the same answer: past a depth (Blink: 512) a new element is put
beside the deepest one instead of inside it. Here that is done on the markup
before it is parsed again: past ``limit`` open elements, each new element is
closed before the next one opens, and the end tags of the elements so closed
are dropped. Nothing else changes: every character of text stays where it was.

Only a page that hit the limit comes here. One pass, each character looked at
a bounded number of times (finds and matches move forward only), so a hostile
page costs time in proportion to its size.
"""

from __future__ import annotations

import re
from collections import Counter

LIMIT = 512
"""Open elements kept nested; Blink's parser uses the same depth (kMaximumHTMLParserDOMTreeDepth)."""


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_VOID = _names(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr"
)
# Elements whose content is raw text up to their end tag: a "<div>" inside a script is no element.
_RAW = _names("script style textarea title xmp iframe noembed noframes noscript plaintext")
# A start tag of one of these closes an open element of the same name at the top (a list item, a cell...).
_SIBLINGS = _names("p li dt dd option optgroup tr td th")
# A start tag of one of these closes an open <p> at the top (HTML's "close a p element").
_CLOSES_P = _names(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul"
)
_NAME = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")
# The rest of a tag up to its '>': a value quoted after '=' may hold '>'; any other quote is
# a character like the others. Possessive: no backtracking, and a scan for a closing quote
# fails only when no such quote is left in the page, so the page is read in linear time.
_TAG_REST = re.compile(r"""(?:[^>"'=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="'])*+>""")


def flatten(html: str, limit: int = LIMIT) -> str:
    """``html`` with no element nested more than ``limit`` (and one) deep; the text is unchanged."""
    out: list[str] = []
    stack: list[str] = []  # the open elements' names, as far as a simple reading of the tags knows
    where: dict[str, list[int]] = {}  # each name's places in the stack
    closed: Counter[str] = Counter()  # elements closed early here, whose own end tag is still to come
    leaf: str | None = None  # the element open past the limit, if any
    done = i = 0  # copied up to; read up to

    def pop_to(size: int) -> None:
        while len(stack) > size:
            where[stack.pop()].pop()

    while (j := html.find("<", i)) >= 0:
        if html.startswith("<!--", j):
            k = html.find("-->", j + 4)
            i = len(html) if k < 0 else k + 3
            continue
        m = _NAME.match(html, j)
        if m is None:
            i = j + 1
            continue
        rest = _TAG_REST.match(html, m.end())
        if rest is None:
            break  # a tag open to the end of the page
        i = rest.end()
        end, name = m.group(1) == "/", m.group(2).lower()
        if end:
            if name == leaf:
                leaf = None
            elif closed[name]:
                closed[name] -= 1
                out.append(html[done:j])  # this element was closed already: its end tag goes
                done = i
            elif where.get(name):
                pop_to(where[name][-1])
                leaf = None  # closed with its ancestor
            continue
        if name in _VOID:
            continue
        if stack and ((name in _SIBLINGS and stack[-1] == name) or (name in _CLOSES_P and stack[-1] == "p")):
            pop_to(len(stack) - 1)
        if len(stack) < limit:
            where.setdefault(name, []).append(len(stack))
            stack.append(name)
        else:
            if leaf is not None:
                out.append(f"{html[done:j]}</{leaf}>")
                done = j
                closed[leaf] += 1
            leaf = name
        if name in _RAW:
            k = _raw_end(html, name, i)
            i = len(html) if k < 0 else k
    out.append(html[done:])
    return "".join(out)


_RAW_ENDS: dict[str, re.Pattern[str]] = {name: re.compile(f"</{name}", re.IGNORECASE) for name in _RAW}


def _raw_end(html: str, name: str, start: int) -> int:
    """Where the end tag of the raw-text element ``name`` opened before ``start`` begins, or -1."""
    m = _RAW_ENDS[name].search(html, start)
    return -1 if m is None else m.start()
