"""HTML layer: prune what is never article, then let trafilatura find the main content.

Pruning first does two things: every pruned node becomes an explained removal
with a category (trafilatura alone drops things silently), and trafilatura
gets a smaller tree, which makes it faster and more precise. The XPath
expressions are data (PRUNE), kept apart from the logic, by category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from cleaner.model import Removal

LAYER = "html"

# category -> (rule id, XPath). Class/id tests use a word-boundary idiom so
# that "comment" does not also hit "commentary".
PRUNE: tuple[tuple[str, str, str], ...] = (
    ("script", "html.script", "//script|//style|//noscript|//template"),
    ("caption", "html.figcaption", "//figcaption"),
)


# Characters XML forbids: lxml refuses them in any text it sets (drop_tree
# raises ValueError), and a browser shows none of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class HtmlOutput:
    text: str
    removals: list[Removal]
    title: str | None


def _node_text(el: etree._Element) -> str:
    try:
        return " ".join(el.text_content().split())
    except ValueError:
        return ""


def parse(html: str) -> etree._Element | None:
    """Parse leniently; None when there is no document at all."""
    html = _XML_ILLEGAL.sub("", html)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
    except (etree.ParserError, ValueError):
        return None


def prune(root: etree._Element) -> list[Removal]:
    """Drop never-article nodes in place and explain each."""
    removals: list[Removal] = []
    for category, rule, xpath in PRUNE:
        for el in root.xpath(xpath):
            if el.getparent() is None:
                continue
            removals.append(Removal(LAYER, rule, category, _node_text(el), el.sourceline, el.sourceline))
            el.drop_tree()  # keeps the text that follows the node (its tail)
    return removals


def html_to_text(html: str, *, favor_precision: bool = False, include_tables: bool = True) -> HtmlOutput:
    """Prune, extract with trafilatura, and return the text with one block per line."""
    root = parse(html)
    if root is None:
        return HtmlOutput("", [], None)
    removals = prune(root)
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    text = trafilatura.extract(
        root,
        include_comments=False,
        include_tables=include_tables,
        favor_precision=favor_precision,
        deduplicate=False,
    )
    return HtmlOutput(text or "", removals, title or None)
