"""HTML layer: prune what is never article, then let trafilatura find the main content.

Pruning first does two things: every pruned node becomes an explained removal
with a category (trafilatura alone drops things silently), and trafilatura
gets a smaller tree, which makes it faster and more precise. The XPath
expressions are data (PRUNE), kept apart from the logic, by category.

Why one file of over 600 lines: pruning, the extraction settings chosen by
page type, the second extraction and the explanation of what trafilatura left
out all work on one parsed tree and one list of pruned nodes; split apart,
each module would take that state as arguments and the order of the steps,
which is the point of this layer, would no longer read top to bottom. The
rules themselves are data in html_rules.py and the page type in pagetype.py.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from operator import itemgetter

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.xpaths import BODY_XPATH

from cleaner.blocks import PageText, page_words
from cleaner.html_rules import (
    ARTICLE_BODY_ITEMPROP,
    ARTICLE_BODY_WORDS,
    LINK_BLOCK,
    PAGE_TYPE_KEEPS,
    PRUNE,
    RELATED_LIST,
    TAG_LINKS,
    XPATH_RULES,
)
from cleaner.model import Removal
from cleaner.pagetype import detect

LAYER = "html"
# Blocks reported when the extractor leaves them out (see text_blocks).
REPORT_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "td", "th", "pre")
REPORT_MIN_CHARS = 15
REPORT_ANCESTORS = 8

# The parser trafilatura itself uses: bytes we encoded are UTF-8 whatever the
# page's <meta charset> says (the text was decoded already), and HTML comments
# and processing instructions never reach the extractor.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)


def _html_class_lookup() -> etree.ElementNamespaceClassLookup:
    """The element classes lxml.html gives (HtmlElement, FormElement for <form>, ...), chosen in C.

    lxml.html picks each element's class in a Python method, called every time
    a node gets its Python object: ~380,000 times on the 181 benchmark pages
    (our rules, and trafilatura on its copies of our tree). lxml's own lookup,
    given the same table, picks the same classes in C: a node's object costs
    half as much, and the HTML mode 2% fewer instructions.
    """
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    lookup.get_namespace(None).update(lxml.html.HtmlElementClassLookup._default_element_classes)
    return lookup


_PARSER.set_element_class_lookup(_html_class_lookup())

# The rules are tested in Python, once per element (rule_index): an XPath regex
# test per rule calls back into Python for every element. Every element is tested,
# in document order: an XPath listing the ones a rule could match (an attribute a
# rule reads, or a rule's tag) ran its predicate on every element, and cost more
# than testing in Python the third of them no rule could match.
# The first rule (by index in PRUNE) for each tag, role and class/id word.
_BY_TAG: dict[str, int] = {}
_BY_ROLE: dict[str, int] = {}
_BY_WORD: dict[str, list[tuple[int, frozenset[str]]]] = {}
for _n, _rule in enumerate(PRUNE):
    for _tag in _rule.tags:
        _BY_TAG.setdefault(_tag, _n)
    for _role in _rule.roles:
        _BY_ROLE.setdefault(_role, _n)
    for _word in _rule.words:
        _BY_WORD.setdefault(_word, []).append((_n, _rule.word_tags))
_HIDDEN = min((n for n, rule in enumerate(PRUNE) if rule.hidden), default=None)
_WORD_TAGS = frozenset(tag for rule in PRUNE if rule.words for tag in rule.word_tags)
_MAX_NGRAM = max((len(word.split("-")) for word in _BY_WORD), default=1)
_SPLIT = re.compile(r"[\s_-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_LINK_CATEGORY, _LINK_RULE, _link_xpath, _LINK_MIN_WORDS, _LINK_SHARE = LINK_BLOCK
_LINK_CANDIDATES = etree.XPath(_link_xpath)
_TAG_CATEGORY, _TAG_RULE, _tag_xpath, _TAG_MAX_OTHER = TAG_LINKS
_TAG_LINKS = etree.XPath(_tag_xpath)
_RELATED_CATEGORY, _RELATED_RULE, _related_xpath, _RELATED_HEADING_WORDS = RELATED_LIST
_RELATED_LISTS = etree.XPath(_related_xpath)
_HEADING_NODES = 4  # elements in a related list's heading, at most
_XPATH_RULES = tuple((category, rule, etree.XPath(xpath)) for category, rule, xpath in XPATH_RULES)
# Never pruned by a rule: the document itself and the page's own main-content landmarks.
_PROTECTED = frozenset({"html", "body", "main", "article"})
# A rule never removes a node holding this share of the page's text or more:
# a page built inside one <form> or one "content sidebar" wrapper keeps its article.
MAX_SHARE = 0.5
_TITLES = etree.XPath("//h1|//title|//meta[@property='og:title']/@content|//meta[@name='twitter:title']/@content")

_ARTICLE_H1 = etree.XPath("//article//h1")

# trafilatura settings, chosen by measurement on both corpora.
# On the 181 ScrapingHub pages (html_to_text alone, after the prune and headline step; F1 / P / R):
#   default (fallback extractors on)            0.9686 / 0.9582 / 0.9792
#   favor_recall                                0.9668 / 0.9546 / 0.9794
#   favor_precision                             0.9673 / 0.9642 / 0.9705
#   fast (no readability/jusText fallback)      0.9698 / 0.9598 / 0.9801
#   fast + favor_recall                         0.9698 / 0.9598 / 0.9801
#   fast + favor_precision                      0.9543 / 0.9634 / 0.9455
#   fast + favor_recall, include_tables=False   0.9657 / 0.9585 / 0.9730
# (link-block share 0.9 there; 0.8, used now, gives 0.9710 / 0.9625 / 0.9798.)
# Before any of this, plain extract(include_comments=False) scored 0.960 / 0.942 / 0.978.
# fast + favor_recall was the choice on those pages alone. On WCXB dev (every 3rd page,
# the page's true kind, html_to_text alone; F1 of that kind) it lost to default on
# every kind but documentation: fast + favor_recall / default
#   article 0.928 / 0.936, forum 0.549 / 0.683, product 0.632 / 0.675,
#   listing 0.518 / 0.535, collection 0.505 / 0.598, service 0.703 / 0.720,
#   documentation 0.903 / 0.879
# but with the second extraction below (which runs default settings on the whole
# page when the first text is short) the two complement each other, and with the
# whole chain, by detected kind, fast + favor_recall / default:
#   article 0.890 / 0.883, listing 0.679 / 0.650, collection 0.849 / 0.831,
#   documentation 0.807 / 0.807, product 0.661 / 0.667, service 0.786 / 0.798
# ScrapingHub: 0.9770 / 0.9718 with fast + favor_recall, 0.9761 / 0.9701 with default.
# So fast + favor_recall stays, but for products and service pages (trafilatura's
# fallback extractors find their scattered blocks) and forums, where favor_recall
# takes the first post and drops the replies, which are what trafilatura calls
# comments: forum F1 0.549 fast + recall, 0.683 default, 0.734 default + comments.
EXTRACT_OPTIONS: dict[str, object] = {
    "include_comments": False,
    "deduplicate": False,
    "fast": True,
    "favor_recall": True,
}
_DEFAULT_SETTINGS: dict[str, object] = {"fast": False, "favor_recall": False}
PAGE_TYPE_OPTIONS: dict[str, dict[str, object]] = {
    "forum": {**_DEFAULT_SETTINGS, "include_comments": True},
    "product": _DEFAULT_SETTINGS,
    "service": _DEFAULT_SETTINGS,
}
# A second extraction, of the page as it came (no prune, trafilatura's default
# settings), when the first looks incomplete: its text is under FALLBACK_TRIGGER
# of the page's visible text. The second is taken when the first has fewer than
# FALLBACK_SHARE of its words: the prune took a wrapper of the content (a "promo"
# or "date" class word on the story's box, content behind a hidden tab) or
# trafilatura's pick on the pruned tree fell on a small block. Measured with the
# whole chain (F1; pages where the second extraction ran):
#   WCXB dev, every 3rd page: 0.8088 -> 0.8205 (39 of 497); article 0.932 -> 0.942,
#     forum 0.714 -> 0.748, listing 0.517 -> 0.536, service 0.706 -> 0.718,
#     documentation 0.855 -> 0.874, product 0.658 -> 0.656
#   ScrapingHub: 0.9761 unchanged (7 of 181 ran it, none taken).
# Running it on every page instead (share 0.7) gave WCXB 0.8254 but ScrapingHub 0.9731
# (P 0.9640): two articles whose first text was right and short against a page of teasers.
# On the full WCXB dev split, with the kinds' rules as now, trigger 0.1 gave F1 0.8162,
# P 0.8781; 0.08 gives 0.8139, P 0.8787: the second text is the larger one, and where it
# is wrong it brings a whole page of noise, so precision first: 0.08.
FALLBACK_TRIGGER = 0.08
FALLBACK_SHARE = 0.7
# ...and only when the second holds a paragraph's worth of words: a page whose content is
# built by its scripts gives the extractor 'You need to enable JavaScript to run this app.',
# no better than an empty text.
FALLBACK_MIN_WORDS = 30


# Characters XML forbids: lxml refuses them in any text it sets (drop_tree
# raises ValueError), and a browser shows none of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The same in UTF-8: control bytes (never part of a longer sequence) and U+FFFE, U+FFFF
# (a lone surrogate does not encode at all).
_XML_ILLEGAL_CONTROLS = bytes(range(0x20)).translate(None, b"\t\n\r")
_XML_ILLEGAL_SEQUENCES = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


@dataclass
class HtmlOutput:
    text: str
    removals: list[Removal]
    title: str | None
    page_type: str | None = None
    page_signals: tuple[str, ...] = ()
    layout: PageText | None = None  # the extracted page's words and block starts (cleaner/blocks.py)


def _raw_text(el: etree._Element) -> str:
    try:
        return el.text_content()
    except ValueError:
        return ""


def _node_text(el: etree._Element) -> str:
    return " ".join(_raw_text(el).split())


def _xml_legal(html: str) -> tuple[str, bytes]:
    """``html`` without the characters XML forbids, and its UTF-8 bytes (what the parser reads).

    A page almost never holds one. Looking for them in the bytes, which the parser
    needs anyway, takes a third of the time of the regex pass over the str, which
    so runs only on a page that holds one.
    """
    try:
        data = html.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        pass
    else:
        if len(data.translate(None, _XML_ILLEGAL_CONTROLS)) == len(data) and not any(
            seq in data for seq in _XML_ILLEGAL_SEQUENCES
        ):
            return html, data
    html = _XML_ILLEGAL.sub("", html)
    return html, html.encode("utf-8", "surrogatepass")


def parse(html: str) -> etree._Element | None:
    """Parse leniently; None when there is no document at all."""
    html, data = _xml_legal(html)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


@functools.lru_cache(maxsize=8192)
def class_words(value: str) -> frozenset[str]:
    """The lower-cased words of a class/id value, and their runs joined by ``-`` (``comments-area``).

    Remembered: pages repeat their class values on many nodes (on the 181 benchmark
    pages, 63,917 values to take apart, 11,717 of them different).
    """
    tokens = [t for t in _SPLIT.split(value.lower()) if t]
    words = set(tokens)
    for n in range(2, min(_MAX_NGRAM, len(tokens)) + 1):
        words.update("-".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return frozenset(words)


def rule_index(el: etree._Element) -> int | None:
    """Index in PRUNE of the first rule that matches ``el``, or None."""
    tag = el.tag
    best = _BY_TAG.get(tag)
    role = el.get("role")
    if role is not None:
        n = _BY_ROLE.get(role)
        if n is not None and (best is None or n < best):
            best = n
    if _HIDDEN is not None and (best is None or best > _HIDDEN) and _is_hidden(el):
        best = _HIDDEN
    if tag in _WORD_TAGS:
        cls, ident = el.get("class"), el.get("id")
        if cls or ident:
            for word in class_words(f"{cls or ''} {ident or ''}"):
                for n, tags in _BY_WORD.get(word, ()):
                    if tag in tags and (best is None or n < best):
                        best = n
                        break
    return best


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


class _PageShare:
    """Whether a node holds MAX_SHARE of the page's text, the page as it was when the current rule first asked.

    The page's text is taken then (it is what the rule's guard compares with), but
    split and joined like a node's only when the answer depends on it: measuring
    once per rule was a fifth of prune's time, and nearly every node asked about is
    far smaller than half the page. What decides that is a floor: a past measure,
    less, for each node removed since, its text and two spaces (removing a node
    shortens the page's text by at most that much: the words either side may join).
    """

    def __init__(self, root: etree._Element, removals: list[Removal]) -> None:
        self._root, self._removals = root, removals
        self._measured = (0, 0)  # a measured length, and how many removals had been made then
        self._text: str | None = None  # the page's text when the current rule first asked
        self._at = 0  # ... and how many removals had been made then
        self._floor = 0  # a length the page's text then had at least
        self._length: int | None = None  # its length, once measured

    def next_rule(self) -> None:
        self._text = self._length = None

    def holds(self, length: int) -> bool:
        """Whether a node whose text is ``length`` long holds MAX_SHARE of the page's text or more."""
        if self._text is None:
            self._text, self._at = _raw_text(self._root), len(self._removals)
            known, at = self._measured
            self._floor = known - sum(len(r.text) + 2 for r in self._removals[at : self._at])
        if self._length is None:
            if length < MAX_SHARE * self._floor:
                return False
            self._length = len(" ".join(self._text.split()))
            self._measured = (self._length, self._at)
        return length >= MAX_SHARE * self._length


def prune(root: etree._Element, skip: frozenset[str] = frozenset()) -> list[Removal]:
    """Drop never-article nodes in place and explain each; rules named in ``skip`` keep what they match.

    The result is that of applying the rules one after the other over the whole
    tree, in PRUNE order, but the tree is walked once. ``skip`` comes from the
    page's kind (PAGE_TYPE_KEEPS): a forum's posts are no article's comments.
    """
    matches = [(n, el) for el in root.iter(etree.Element) if (n := rule_index(el)) is not None]
    matches.sort(key=itemgetter(0))  # stable: document order within a rule
    removals: list[Removal] = []
    tagged = set(_TAG_LINKS(root))  # the post's tag links: a dateline box may hold the tag list
    page = _PageShare(root, removals)  # every node dropped below is recorded there, with its text
    current = None
    for n, el in matches:
        if n != current:
            current = n
            page.next_rule()
        if el.tag in _PROTECTED or el.getparent() is None or not _attached(el, root):
            continue
        text = _node_text(el)
        if len(text) > 200 and page.holds(len(text)):
            continue
        rule = PRUNE[n]
        if rule.rule in skip:
            continue
        if tagged and rule.category != _TAG_CATEGORY:
            # A tag list inside the node is named apart: it is navigation, whatever box holds it.
            inner = _tag_blocks(el, tagged)
            if inner:
                removals.extend(inner)
                text = _node_text(el)
        removals.append(Removal(LAYER, rule.rule, rule.category, text, el.sourceline, el.sourceline))
        el.drop_tree()  # keeps the text that follows the node (its tail)
    for category, rule_id, xpath in _XPATH_RULES:
        page.next_rule()
        if rule_id in skip:
            continue
        for el in xpath(root):
            if el.getparent() is None or el.tag in _PROTECTED or not _attached(el, root):
                continue
            text = _node_text(el)
            if len(text) > 200 and page.holds(len(text)):
                continue  # a link around the whole story is no teaser
            removals.append(Removal(LAYER, rule_id, category, text, el.sourceline, el.sourceline))
            el.drop_tree()
    if _TAG_RULE not in skip:
        removals.extend(prune_tag_lists(root))
    if _RELATED_RULE not in skip:
        removals.extend(prune_related_lists(root, page))
    if _LINK_RULE not in skip:
        removals.extend(prune_link_blocks(root))
    return removals


@functools.lru_cache(maxsize=1)
def _related_headings() -> tuple[re.Pattern[str], ...]:
    """The text layers' related-heading patterns ('Related Stories', 'Lesen Sie auch'), every language."""
    from cleaner.rules import builtin_rules

    return tuple(r.pattern for r in builtin_rules() if r.block and r.category == _RELATED_CATEGORY)


def prune_related_lists(root: etree._Element, page: _PageShare) -> list[Removal]:
    """Drop a list standing right under a related-stories heading, and the heading (RELATED_LIST).

    ``page``: prune's guard against dropping half the page, which this step asks as one more rule.
    """
    removals = []
    page.next_rule()
    for items in _RELATED_LISTS(root):
        # The heading: the list's previous element (a comment between them is no element).
        head = next((s for s in items.itersiblings(preceding=True) if isinstance(s.tag, str)), None)
        if head is None or head.tag in _PROTECTED:
            continue
        if next(itertools.islice(head.iter(), _HEADING_NODES, None), None) is not None:
            continue  # a heading is a few nodes (a <div>, maybe a <strong> or a link in it), not a section
        heading = _node_text(head)
        if not heading or len(heading.split()) > _RELATED_HEADING_WORDS:
            continue
        if not any(p.fullmatch(heading) for p in _related_headings()) or not _attached(items, root):
            continue
        text = _node_text(items)
        if len(text) > 200 and page.holds(len(text)):
            continue  # a list holding half the page is the article's
        for el, line in ((head, heading), (items, text)):
            removals.append(Removal(LAYER, _RELATED_RULE, _RELATED_CATEGORY, line, el.sourceline, el.sourceline))
            el.drop_tree()
    return removals


def prune_tag_lists(root: etree._Element) -> list[Removal]:
    """Drop blocks made of rel="tag" links, a short label and separators: the post's tag list.

    A tag link inside prose is left alone: its block holds more than a label.
    """
    links = _TAG_LINKS(root)
    if not links:
        return []
    return _tag_blocks(root, set(links))


def _tag_blocks(top: etree._Element, tagged: set[etree._Element]) -> list[Removal]:
    """Drop the tag-list blocks inside ``top`` (``top`` itself at most): each tag link's largest
    ancestor that holds nothing but tag links, a short label and separators."""
    removals = []
    for link in [a for a in top.iter("a") if a in tagged]:
        if not _attached(link, top):
            continue
        block = None
        node = link.getparent()
        while node is not None and node.tag not in _PROTECTED:
            linked = sum(_chars(a.text_content()) for a in node.iter("a") if a in tagged)
            if _chars(node.text_content()) - linked > _TAG_MAX_OTHER:
                break
            block = node
            if node is top:
                break
            node = node.getparent()
        if block is None or block is top:
            continue  # (a block that is the whole pruned node keeps that node's rule)
        text = _node_text(block)
        removals.append(Removal(LAYER, _TAG_RULE, _TAG_CATEGORY, text, block.sourceline, block.sourceline))
        block.drop_tree()
    return removals


def _chars(text: str) -> int:
    return len("".join(text.split()))


def prune_link_blocks(root: etree._Element) -> list[Removal]:
    """Drop paragraphs and list items whose text is all link text (teasers for other pages)."""
    removals = []
    for el in _LINK_CANDIDATES(root):
        if not _attached(el, root):
            continue
        text = _node_text(el)
        if len(text.split()) < _LINK_MIN_WORDS:
            continue
        linked = sum(_chars(a.text_content()) for a in el.iter("a"))
        if linked >= _LINK_SHARE * _chars(text):
            removals.append(Removal(LAYER, _LINK_RULE, _LINK_CATEGORY, text, el.sourceline, el.sourceline))
            el.drop_tree()
    return removals


def _attached(el: etree._Element, root: etree._Element) -> bool:
    """False when an ancestor was pruned already by an earlier rule (the node is gone with it)."""
    return root in el.iterancestors()


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def page_titles(root: etree._Element) -> set[str]:
    """The page's own names for its headline: <h1>, <title>, og:title and twitter:title, normalised."""
    titles = set()
    for value in _TITLES(root):
        text = _norm(value if isinstance(value, str) else _node_text(value))
        if text:
            titles.add(text)
    return titles


def is_headline(line: str, titles: set[str]) -> bool:
    """The line is the page's headline: equal to a title, or the start of one (a <title> often adds " | Site")."""
    text = _norm(line)
    if not text:
        return False
    return text in titles or (len(text) >= 15 and any(t.startswith(text) for t in titles))


def headline_in_article(root: etree._Element, headline: str) -> bool:
    """The headline is an <h1> the page marks as part of the article.

    That is: inside an <article>, and inside the article's body element when the
    <article> marks one (itemprop="articleBody" or a body class word); a headline
    above a marked body is the page's title block.
    """
    text = _norm(headline)
    for h1 in _ARTICLE_H1(root):
        if _norm(_node_text(h1)) != text:
            continue
        article = next(h1.iterancestors("article"))
        bodies = [el for el in article.iter() if _is_article_body(el)]
        if not bodies or any(body is h1 or body in h1.iterancestors() for body in bodies):
            return True
    return False


def _is_article_body(el: etree._Element) -> bool:
    if el.get("itemprop") == ARTICLE_BODY_ITEMPROP:
        return True
    value = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(value.strip()) and not ARTICLE_BODY_WORDS.isdisjoint(class_words(value))


_LAYOUT_TABLE = etree.XPath("//table[.//h1 or .//h2 or .//td[count(.//p) >= 2] or .//th[count(.//p) >= 2]]")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(root: etree._Element) -> int:
    """Turn tables that lay out a page (a headline or paragraphs inside a cell) into plain blocks.

    trafilatura renders a table cell by cell on one line with " | ", which glues
    a whole table-built page (article, sidebar, teasers) into one line; as
    blocks, its paragraphs are chosen one by one. Tags change, no text does.
    """
    tables = _LAYOUT_TABLE(root)
    layout = set(tables)
    stack = list(tables)
    while stack:
        el = stack.pop()
        if el.tag == "table" and el not in layout:
            continue  # a data table inside the layout keeps its rows and cells
        if el.tag in _TABLE_PARTS:
            el.tag = "div"
        stack.extend(el)
    return len(tables)


def _signature(el: etree._Element) -> tuple[str, str | None]:
    return el.tag, el.get("class")


def join_split_body(root: etree._Element) -> bool:
    """Join an article body split into sibling containers of one class into the first of them.

    trafilatura takes the first element its body expressions find; templates
    that cut the story into several equal containers (ads between the parts)
    lose every part after the first. Elements move, no text changes.
    """
    for expr in BODY_XPATH:
        found = [el for el in expr(root) if el is not None]
        if not found:
            continue
        first = found[0]
        parent = first.getparent()
        if parent is None:
            return False
        grand, key, parent_key = parent.getparent(), _signature(first), _signature(parent)
        parts = [
            el
            for el in found[1:]
            if _signature(el) == key
            and (
                el.getparent() is parent
                or (_signature(el.getparent()) == parent_key and el.getparent().getparent() is grand)
            )
        ]
        for part in parts:
            first.append(part)
        return bool(parts)
    return False


def text_blocks(root: etree._Element) -> list[tuple[int | None, str, str]]:
    """The page's outermost text blocks as (source line, text, category), read before extraction.

    What trafilatura leaves out it leaves out silently; comparing these blocks
    with its output lets every dropped block be explained. The category is the
    first prune rule an enclosing element matches, else boilerplate.
    """
    blocks: list[tuple[int | None, str, str]] = []
    taken: set[etree._Element] = set()
    for el in root.iter(*REPORT_TAGS):
        ancestors = list(el.iterancestors())
        if any(a in taken for a in ancestors):
            continue
        text = " ".join(el.text_content().split())
        if len(text) < REPORT_MIN_CHARS:
            continue
        taken.add(el)
        category = "boilerplate"
        for a in ancestors[:REPORT_ANCESTORS]:
            n = rule_index(a)
            if n is not None:
                category = PRUNE[n].category
                break
        blocks.append((el.sourceline, text, category))
    return blocks


def unextracted(blocks: list[tuple[int | None, str, str]], text: str) -> list[Removal]:
    """A removal for every block whose text is not in the extracted text."""
    extracted = _norm(text)
    return [
        Removal(LAYER, "html.not-extracted", category, block, line, line)
        for line, block, category in blocks
        if _norm(block) not in extracted
    ]


def html_to_text(
    html: str,
    *,
    favor_precision: bool = False,
    include_tables: bool = True,
    explain: bool = True,
    page_type: str | None = None,
) -> HtmlOutput:
    """Prune, extract with trafilatura, drop a leading headline, and return one block per line.

    ``explain=False`` gives the same text without removals, for a caller that reads
    only the text: what trafilatura left out is then not looked for (reading every
    block of the page for it took a twentieth of the HTML mode's time).
    """
    root = parse(html)
    if root is None:
        return HtmlOutput("", [], None)
    kind = detect(root)
    if page_type is None:
        page_type, signals = kind.kind, kind.signals
    else:
        signals = ("forced",)
    removals = prune(root, PAGE_TYPE_KEEPS.get(page_type, frozenset()))
    unwrap_layout_tables(root)
    join_split_body(root)
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    titles = page_titles(root)
    options = dict(EXTRACT_OPTIONS)
    options.update(PAGE_TYPE_OPTIONS.get(page_type, {}))
    options.update(include_tables=include_tables, favor_precision=favor_precision)
    if favor_precision:
        options["favor_recall"] = False  # trafilatura takes one or the other
    blocks = text_blocks(root) if explain else None
    layout = page_words(root)  # read before extract, which may change the tree
    text = trafilatura.extract(root, **options) or ""
    if blocks is not None:
        removals.extend(unextracted(blocks, text))
    if _chars(text) < FALLBACK_TRIGGER * kind.chars:
        # Little of the page's text came out: a second extraction of the page as it came.
        fresh = parse(html)
        if fresh is not None:
            fresh_layout = page_words(fresh)
            second = (
                trafilatura.extract(fresh, include_comments=options["include_comments"], include_tables=include_tables)
                or ""
            )
            words = len(second.split())
            if words >= FALLBACK_MIN_WORDS and len(text.split()) < FALLBACK_SHARE * words:
                text, signals, layout = second, (*signals, "fallback"), fresh_layout
                removals = unextracted(text_blocks(fresh), text) if explain else []
    lines = text.split("\n")
    # The headline is the page's title, not its article body: trafilatura keeps
    # it when it sits in the chosen container, usually as the first line.
    if lines and is_headline(lines[0], titles) and not headline_in_article(root, lines[0]):
        removals.append(Removal(LAYER, "html.headline", "boilerplate", lines[0], None, None))
        lines = lines[1:]
    text = "\n".join(lines).strip("\n")
    return HtmlOutput(text, removals if explain else [], title or None, page_type, signals, layout)
