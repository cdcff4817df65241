"""What kind of page an HTML document is, read from its structure.

The HTML layer acts on the kind: on a forum thread the replies are the
content, so the comment rules must not remove them; on a listing the cards
are the content. The kinds are those of the WCXB corpus: article, forum,
product, collection (a shop's category page), listing (jobs, news, courses),
documentation and service (a company's page of sections).

The signals are general conventions, never a site's own names: schema.org
types (JSON-LD or microdata), ``og:type``, ``<pre>``/``<code>`` density,
repeated post containers, repeated cards, ``<section>`` counts. The score of
each kind is a sum of such signals; a page no signal marks is an article
(what the HTML mode was built for, and the safe choice: its rules are the
ones measured on news pages).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from cleaner.model import PAGE_TYPES

_SCHEMA_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"(?:https?://schema\.org/)?([A-Za-z]+)"')
_ITEMTYPE = re.compile(r"schema\.org/([A-Za-z]+)")
_SCRIPT_LD = etree.XPath("//script[@type='application/ld+json']")
_ITEMTYPES = etree.XPath("//@itemtype")
_REPEATED = etree.XPath("//body//*[@class and @class = following-sibling::*[1]/@class]")
_SCRIPTS = etree.XPath(".//script | .//style | .//noscript | .//template")
_COUNT_PRE = etree.XPath("count(//pre)")
_COUNT_CODE = etree.XPath("count(//code)")
_COUNT_P = etree.XPath("count(//p)")
_OG_TYPE = etree.XPath("//meta[@property='og:type']/@content")

# schema.org types and the kind each one marks (a page may hold several).
SCHEMA_KINDS: dict[str, str] = {
    "DiscussionForumPosting": "forum",
    "QAPage": "forum",
    "SocialMediaPosting": "forum",
    "Product": "product",
    "ProductGroup": "product",
    "Offer": "product",
    "TechArticle": "documentation",
    "APIReference": "documentation",
    "SoftwareSourceCode": "documentation",
    "Article": "article",
    "NewsArticle": "article",
    "BlogPosting": "article",
    "Report": "article",
    "CollectionPage": "listing",
    "ItemList": "listing",
    "SearchResultsPage": "listing",
    "JobPosting": "listing",
    "Service": "service",
    "FAQPage": "service",
    "ProfessionalService": "service",
}
# Class/id words of a forum post's container (a thread repeats it once per post).
_POST_WORDS = frozenset(
    ("post", "message", "reply", "answer", "topic-post", "forum-post", "postbody", "post-body", "message-body")
)
_SPLIT = re.compile(r"[\s_-]+")
_NOT_CARDS = frozenset({"p", "option", "tr", "td", "br", "span", "a", "meta", "link", "script", "img", "source"})
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|USD|EUR|GBP|zł|kr))")


@dataclass(frozen=True)
class PageKind:
    """The kind chosen and the signals behind it (shown by --explain)."""

    kind: str
    signals: tuple[str, ...]
    chars: int = 0  # the page's visible text, in characters (no spaces, no scripts or styles)


def _words(value: str) -> set[str]:
    tokens = [t for t in _SPLIT.split(value.lower()) if t]
    return set(tokens) | {f"{a}-{b}" for a, b in itertools.pairwise(tokens)}


def schema_types(root: etree._Element) -> Counter[str]:
    """The schema.org types the page declares, JSON-LD and microdata, with how often."""
    found: Counter[str] = Counter()
    for script in _SCRIPT_LD(root):
        found.update(_SCHEMA_TYPE.findall(script.text or ""))
    for value in _ITEMTYPES(root):
        found.update(_ITEMTYPE.findall(value))
    return found


def _sibling_groups(root: etree._Element) -> list[list[etree._Element]]:
    """Runs of like siblings (one parent, tag and class), four or more, largest first; one walk of the tree."""
    # Only elements whose next sibling has their class (found in C): a card or post template
    # always has a class, and walking every node in Python cost a third of the detection.
    seen: dict[tuple[int, str, str], etree._Element] = {}
    for el in _REPEATED(root):
        seen.setdefault((id(el.getparent()), el.tag, el.get("class")), el)
    runs = []
    for (_, tag, cls), el in seen.items():
        members = [c for c in el.getparent() if c.tag == tag and c.get("class") == cls]
        if len(members) >= 4:
            runs.append(members)
    runs.sort(key=len, reverse=True)
    return runs


def _chars(el: etree._Element) -> int:
    """Characters of visible text, spaces, scripts and styles not counted (read once, for the whole page)."""
    return _block_chars(el) - sum(map(_block_chars, _SCRIPTS(el)))


def _block_chars(el: etree._Element) -> int:
    """Characters of a block's text, spaces not counted (a post or card holds no script worth counting)."""
    return len("".join(el.text_content().split()))


def _repeated_posts(runs: list[list[etree._Element]], page: int) -> int:
    """The largest run whose class names a post and that holds a third of the page's text: a thread's posts."""
    for run in runs:
        cls = run[0].get("class")
        if cls and not _POST_WORDS.isdisjoint(_words(cls)) and sum(map(_block_chars, run)) >= page / 3:
            return len(run)
    return 0


_CARD_PART = etree.XPath("boolean(.//a) and boolean(.//img | .//h2 | .//h3 | .//h4 | .//h5)")


def _cards(runs: list[list[etree._Element]], page: int) -> tuple[int, int]:
    """The largest run of like siblings that each hold a link and an image or heading, and how
    many of them show a price: a listing's or a shop's cards."""
    for run in runs[:40]:
        if run[0].tag in _NOT_CARDS:
            continue
        cards = [m for m in run if _CARD_PART(m)]
        if len(cards) >= 6 and sum(map(_block_chars, cards)) >= page / 3:
            priced = sum(1 for m in cards if _PRICE.search(m.text_content() or ""))
            return len(cards), priced
    return 0, 0


def detect(root: etree._Element) -> PageKind:
    """Guess the page's kind from its schema.org types, og:type and DOM structure."""
    score: Counter[str] = Counter()
    signals: list[str] = []
    types = schema_types(root)
    for name, n in types.items():
        kind = SCHEMA_KINDS.get(name)
        if kind is not None:
            score[kind] += 2
            signals.append(f"schema:{name}" + (f"x{n}" if n > 1 else ""))
    if types.get("Product", 0) >= 3:
        score["collection"] += 5  # many products: a category page, not one product's
    og = [v.strip().lower() for v in _OG_TYPE(root)]
    if og:
        signals.append(f"og:{og[0]}")
        if og[0] == "product.group":
            score["collection"] += 2  # Open Graph's group of products: a shop's category page
        elif og[0].startswith("product"):
            score["product"] += 2
        elif og[0] == "article":
            score["article"] += 1
    pres, codes = int(_COUNT_PRE(root)), int(_COUNT_CODE(root))
    paragraphs = int(_COUNT_P(root)) or 1
    if pres >= 2 or codes >= 8:
        signals.append(f"pre:{pres} code:{codes}")
        # (+1 when code is a large share of the blocks, +1 more for many code blocks: a
        # reference page's sidebar of cards must not outweigh its examples)
        score["documentation"] += 2 + (pres + codes / 4 >= paragraphs / 3) + (pres >= 10)
    runs = _sibling_groups(root)
    page = _chars(root)
    posts = _repeated_posts(runs, page)
    if posts >= 3:
        signals.append(f"posts:{posts}")
        score["forum"] += 2 + (posts >= 5)
    cards, priced = _cards(runs, page)
    if cards >= 6:
        signals.append(f"cards:{cards}" + (f" priced:{priced}" if priced else ""))
        if priced >= cards // 2:
            score["collection"] += 3
        else:
            score["listing"] += 2 + (cards >= 12)
    sections = len(root.xpath("//section"))
    if sections >= 6 and not score:
        signals.append(f"sections:{sections}")
        score["service"] += 1
    if not score:
        return PageKind("article", tuple(signals), page)
    kind = max(PAGE_TYPES, key=lambda k: (score[k], -PAGE_TYPES.index(k)))
    return PageKind(kind, tuple(signals), page)
