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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.xpaths import BODY_XPATH

from cleaner.blocks import PageText, page_words
from cleaner.deep import flatten
from cleaner.html_rules import (
    ARTICLE_BODY_ITEMPROP,
    ARTICLE_BODY_WORDS,
    LINK_BLOCK,
    PAGE_TYPE_KEEPS,
    POST_WORDS,
    PRUNE,
    RELATED_LIST,
    TAG_LINKS,
    TOPIC_CLASS_PREFIXES,
    XPATH_RULES,
)
from cleaner.model import Removal
from cleaner.pagetype import detect

LAYER = "html"
# What the extractor leaves out is reported (see text_blocks and unextracted); a block this long
# or longer is taken as kept wherever it shows in the extracted text, a shorter one only in order.
REPORT_MIN_CHARS = 15
_GAP = 4  # what the extracted text may hold between two blocks kept one after the other, spaces aside ('|', '- ')
REPORT_ANCESTORS = 8

# The parser trafilatura itself uses: bytes we encoded are UTF-8 whatever the
# page's <meta charset> says (the text was decoded already), and HTML comments
# and processing instructions never reach the extractor.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, huge_tree=True, encoding="utf-8", remove_comments=True, remove_pis=True
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
_TOPIC_CLASS = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, TOPIC_CLASS_PREFIXES)) + ")", re.IGNORECASE)
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
# is wrong it brings a whole page of noise, so precision first: 0.08. Measured again at
# d9ae0ba (prose holder in), 0.10 with the fast settings only (not for the kinds that run
# trafilatura's defaults): WCXB F1 0.8304 -> 0.8318, every kind level or up (forum 0.7308 ->
# 0.7328, service 0.7525 -> 0.7601), ScrapingHub unchanged, but precision 0.8807 -> 0.8804:
# 8 pages change, 7 of them up, each from a fifth of its truth at precision 1.0 to most of it
# at about 0.88. The precision pin holds it back. A second trigger, the first text under half
# the page's paragraph words (page_prose): F1 0.8308, but ScrapingHub 0.9770 -> 0.9748 (a short
# article whose second text brings its teasers).
FALLBACK_TRIGGER = 0.08
FALLBACK_SHARE = 0.7
# ...and only when the second holds a paragraph's worth of words: a page whose content is
# built by its scripts gives the extractor 'You need to enable JavaScript to run this app.',
# no better than an empty text.
FALLBACK_MIN_WORDS = 30
# The safety net (Cleaner._safety_net): when the cleaned text holds under SAFETY_SHARE (0.2)
# of the words in the page's paragraphs (page_prose: <p> elements of PROSE_MIN_WORDS
# words or more), the article was lost somewhere (a wrapper pruned, a small block
# extracted, the last text pass reading an extraction as a page around a small
# article), and trafilatura's plain extraction is kept when it holds over
# 1/SAFETY_TAKE times as many words. Measured with the whole chain (F1 / P):
#   WCXB dev: 0.8173 / 0.8783 -> 0.8251 / 0.8791 (23 pages taken; every page type up or
#     level); pages that keep under 0.2 of the truth's words where trafilatura keeps over
#     0.6 (benchmarks.lost): 20 -> 10
#   ScrapingHub: 0.9770 / 0.9718 unchanged (2 pages fire, none taken)
# Other settings, simulated with trafilatura default's own output as the second text:
#   paragraphs of 12+ words: WCXB 0.8238 / 0.8790; 20+: 0.8225 / 0.8790; share 0.25:
#     ScrapingHub 0.9748 / 0.9675; <p>, <li>, <td>, <dd> and <blockquote> blocks of 8+
#     words: WCXB 0.8258 / 0.8752 (precision lost on listings and shops).
# (SAFETY_SHARE is cleaner.chain's: the trigger is read before anything HTML is imported.)
SAFETY_TAKE = 0.5
PROSE_MIN_WORDS = 8
# The element holding most of the page's paragraph words is its content, whatever its class
# says (prose_holder): no prune rule takes it or what wraps it.
HOLD_SHARE = 0.5
HOLD_MIN_WORDS = 150


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
    prose_words: int = 0  # words in the page's paragraphs as it came (page_prose): what the safety net weighs
    warnings: list[str] = field(default_factory=list)  # what could not be read (see parse)
    layout: PageText | None = None  # the extracted page's words and block starts (cleaner/blocks.py)


def page_prose(root: etree._Element) -> int:
    """Words in the page's paragraphs of PROSE_MIN_WORDS or more, before anything is pruned.

    What the safety net (Cleaner._safety_net) holds the cleaned text against: a
    page's prose is in its <p> elements, wherever the template put them, while
    menus, cards and buttons are not.
    """
    total = 0
    for el in root.iter("p"):
        n = len(el.text_content().split())
        if n >= PROSE_MIN_WORDS:
            total += n
    return total


def plain_extraction(html: str, *, include_comments: bool, include_tables: bool, explain: bool) -> HtmlOutput | None:
    """trafilatura's default extraction of the page as it came (no prune, no settings of ours).

    The second opinion of html_to_text's fallback and of the safety net; with
    ``explain``, the page's blocks it left out are removals (text_blocks).
    """
    fresh = parse(html)
    if fresh is None:
        return None
    layout = page_words(fresh)  # read before extract, which may change the tree
    text = trafilatura.extract(fresh, include_comments=include_comments, include_tables=include_tables) or ""
    return HtmlOutput(text, unextracted(text_blocks(fresh), text) if explain else [], None, layout=layout)


def _raw_text(el: etree._Element) -> str:
    try:
        return el.text_content()
    except ValueError:
        return ""


def _node_text(el: etree._Element) -> str:
    return " ".join(_raw_text(el).split())


def _shown_text(el: etree._Element) -> str:
    """The node's text with its pieces apart: text_content() glues a heading to the list under it
    and the links of a menu to each other ('Most readFire at the mill', 'HomeNewsSport')."""
    return _joined(el.itertext())


def _joined(pieces: Iterable[str]) -> str:
    """Pieces of text as one line: a space between two that would glue two words, whitespace runs
    collapsed ('Most read' + 'Fire' stay apart, 'budget' + ', roads' stay together)."""
    out: list[str] = []
    last = ""
    for piece in pieces:
        if not piece:
            continue
        if last[-1:].isalnum() and piece[:1].isalnum():
            out.append(" ")
        out.append(piece)
        last = piece
    return " ".join("".join(out).split())


Shown = Callable[[etree._Element], str]


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


def parse(html: str, warnings: list[str] | None = None) -> etree._Element | None:
    """Parse leniently; None when there is no document at all.

    A page nested past the parser's depth limit is flattened (cleaner/deep.py) and
    parsed again: the parser drops everything after the point where it stops. What
    still cannot be read is said in ``warnings``, never lost silently.
    """
    html, data = _xml_legal(html)
    if not html.strip():
        return None
    root = _parse_bytes(data)
    stop = _stopped()
    if stop is not None:
        root = _parse_bytes(flatten(html).encode("utf-8", "surrogatepass"))
        stop = _stopped()
        if stop is not None and warnings is not None:
            warnings.append(
                f"HTML: the page could not be read past line {stop.line} ({stop.message.strip()}): "
                "the text after it is missing"
            )
    return root


def _parse_bytes(data: bytes) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _stopped() -> etree._LogEntry | None:
    """The error that stopped the last parse (in this thread) before the end of the page: a resource limit."""
    return next((e for e in _PARSER.error_log if e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT), None)


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
        if cls and _TOPIC_CLASS.search(cls):
            cls = _box_classes(cls)
        if cls or ident:
            for word in class_words(f"{cls or ''} {ident or ''}"):
                for n, tags in _BY_WORD.get(word, ()):
                    if tag in tags and (best is None or n < best):
                        best = n
                        break
    return best


@functools.lru_cache(maxsize=1024)
def _box_classes(value: str) -> str:
    """The class names in ``value`` that name a box: without a post's category and tag classes."""
    return " ".join(name for name in value.split() if not name.lower().startswith(TOPIC_CLASS_PREFIXES))


def main_body(root: etree._Element) -> etree._Element | None:
    """The element that holds the page's main prose, where the page marks one.

    Marked: schema.org's articleBody, a common template's body class, a blog
    engine's post element, an <article> holding the page's <h1>. A page may
    mark several (each comment a post-body, a list of hentry teasers): the one
    with the most text is the main one.
    """
    marked = [
        el
        for el in root.iter(etree.Element)
        if (_body_hint(el.get("class") or "") or _body_hint(el.get("id") or "") or el.get("itemprop"))
        and (_is_article_body(el) or _is_post(el))
    ]
    marked += [a for h1 in _ARTICLE_H1(root) for a in itertools.islice(h1.iterancestors("article"), 1)]
    if not marked:
        return None
    return max(marked, key=lambda el: len(_raw_text(el)))


# A class or id can name a body or post term only if it holds the term's last word: a regex
# search (in C) rules out most elements before their class words are taken apart.
_body_hint = re.compile("|".join(sorted({t.split("-")[-1] for t in ARTICLE_BODY_WORDS | POST_WORDS})), re.I).search


def _is_post(el: etree._Element) -> bool:
    cls = el.get("class")
    return cls is not None and not POST_WORDS.isdisjoint(class_words(cls))


def _holders(root: etree._Element) -> frozenset[etree._Element]:
    """The main body, the page's prose holder and every element around them: a prune rule never
    takes them (a wrapper's class word, "share_wrapper", "date-outer" or "cc-newsletter", says
    nothing about the post inside it)."""
    found: set[etree._Element] = set()
    for el in (main_body(root), prose_holder(root)):
        if el is not None:
            found.update([el, *el.iterancestors()])
    return frozenset(found)


def prose_holder(root: etree._Element) -> etree._Element | None:
    """The smallest element that holds most of the page's paragraph words: its main content,
    where the page marks none (main_body).

    A page's prose is in its <p> elements (page_prose); the element holding
    HOLD_SHARE of their words is where the content is, whatever its class
    says: a newsletter archive's issue sits in a "cc-newsletter" section, a
    product's description in a box of the shop's own naming. The page-share
    guard (MAX_SHARE of the page's text) cannot save such a box when menus,
    scripts' fallbacks or a review panel hold more text than it. A page with
    under HOLD_MIN_WORDS words of paragraphs has no main prose to tell by.
    Measured with the whole chain (F1 / precision; types level unless named):
      WCXB dev: 0.8295 / 0.8802 -> 0.8304 / 0.8807; article 0.9423 -> 0.9432, forum
        0.7301 -> 0.7308, product 0.6406 -> 0.6449, collection 0.5853 -> 0.5861;
        10 pages change, two lost articles among them (0228, 0583: 0.28 -> 1.00, 0.23 -> 0.73)
      ScrapingHub: 0.9770 / 0.9718, no page changes.
    HOLD_MIN_WORDS 100 costs one service page (its 120 words of paragraphs lie in a promo
    block, which then stays and stops the second extraction): service 0.7525 -> 0.7519;
    200 loses the product page above. HOLD_SHARE 0.7 changes 6 pages, product none; 0.4
    gains product 0.0045 more (one page), but under half is not "most".
    """
    words: dict[etree._Element, int] = {}
    total = 0
    for p in root.iter("p"):
        n = len(p.text_content().split())
        if n >= PROSE_MIN_WORDS:
            total += n
            for el in p.iterancestors():
                words[el] = words.get(el, 0) + n
    if total < HOLD_MIN_WORDS:
        return None
    need = HOLD_SHARE * total
    holder = root
    while True:
        inner = next((el for el in holder if words.get(el, 0) >= need), None)
        if inner is None:
            return holder if holder is not root else None
        holder = inner


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


def prune(root: etree._Element, skip: frozenset[str] = frozenset(), *, explain: bool = True) -> list[Removal]:
    """Drop never-article nodes in place and explain each; rules named in ``skip`` keep what they match.

    The result is that of applying the rules one after the other over the whole
    tree, in PRUNE order, but the tree is walked once. ``skip`` comes from the
    page's kind (PAGE_TYPE_KEEPS): a forum's posts are no article's comments.
    ``explain=False``: each removal's text is read the fast way, blocks glued (for a caller
    that reads only the output; the page-share guard reads the same lengths either way).
    """
    show = _shown_text if explain else _node_text
    matches = [(n, el) for el in root.iter(etree.Element) if (n := rule_index(el)) is not None]
    matches.sort(key=itemgetter(0))  # stable: document order within a rule
    removals: list[Removal] = []
    tagged = set(_TAG_LINKS(root))  # the post's tag links: a dateline box may hold the tag list
    page = _PageShare(root, removals)  # every node dropped below is recorded there, with its text
    holders = _holders(root)
    current = None
    for n, el in matches:
        if n != current:
            current = n
            page.next_rule()
        if el.tag in _PROTECTED or el in holders or el.getparent() is None or not _attached(el, root):
            continue
        text = _node_text(el)
        if len(text) > 200 and page.holds(len(text)):
            continue
        rule = PRUNE[n]
        if rule.rule in skip:
            continue
        if tagged and rule.category != _TAG_CATEGORY:
            # A tag list inside the node is named apart: it is navigation, whatever box holds it.
            inner = _tag_blocks(el, tagged, show)
            removals.extend(inner)
        shown = show(el)
        removals.append(Removal(LAYER, rule.rule, rule.category, shown, el.sourceline, el.sourceline))
        el.drop_tree()  # keeps the text that follows the node (its tail)
    for category, rule_id, xpath in _XPATH_RULES:
        page.next_rule()
        if rule_id in skip:
            continue
        for el in xpath(root):
            if el.getparent() is None or el.tag in _PROTECTED or el in holders or not _attached(el, root):
                continue
            text = _node_text(el)
            if len(text) > 200 and page.holds(len(text)):
                continue  # a link around the whole story is no teaser
            removals.append(Removal(LAYER, rule_id, category, show(el), el.sourceline, el.sourceline))
            el.drop_tree()
    if _TAG_RULE not in skip:
        removals.extend(prune_tag_lists(root, show))
    if _RELATED_RULE not in skip:
        removals.extend(prune_related_lists(root, page, show))
    if _LINK_RULE not in skip:
        removals.extend(prune_link_blocks(root, show))
    return removals


@functools.lru_cache(maxsize=1)
def _related_headings() -> tuple[re.Pattern[str], ...]:
    """The text layers' related-heading patterns ('Related Stories', 'Lesen Sie auch'), every language."""
    from cleaner.rules import builtin_rules

    return tuple(r.pattern for r in builtin_rules() if r.block and r.category == _RELATED_CATEGORY)


def prune_related_lists(root: etree._Element, page: _PageShare, show: Shown = _shown_text) -> list[Removal]:
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
        for el in (head, items):
            line = show(el)
            removals.append(Removal(LAYER, _RELATED_RULE, _RELATED_CATEGORY, line, el.sourceline, el.sourceline))
            el.drop_tree()
    return removals


def prune_tag_lists(root: etree._Element, show: Shown = _shown_text) -> list[Removal]:
    """Drop blocks made of rel="tag" links, a short label and separators: the post's tag list.

    A tag link inside prose is left alone: its block holds more than a label.
    """
    links = _TAG_LINKS(root)
    if not links:
        return []
    return _tag_blocks(root, set(links), show)


def _tag_blocks(top: etree._Element, tagged: set[etree._Element], show: Shown = _shown_text) -> list[Removal]:
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
        text = show(block)
        removals.append(Removal(LAYER, _TAG_RULE, _TAG_CATEGORY, text, block.sourceline, block.sourceline))
        block.drop_tree()
    return removals


def _chars(text: str) -> int:
    return len("".join(text.split()))


def prune_link_blocks(root: etree._Element, show: Shown = _shown_text) -> list[Removal]:
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
            text = show(el)
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


@dataclass(slots=True)
class Block:
    """A run of the page's visible text between two block-level boundaries, as the page's elements cut it."""

    owner: etree._Element  # the element holding its first text: its line, and the boxes around it
    pieces: list[str]


def text_blocks(root: etree._Element) -> list[Block]:
    """Every run of visible text in the page, in page order, read before extraction.

    What trafilatura leaves out it leaves out silently; comparing these blocks
    with its output lets every word it dropped be explained. Together the blocks
    hold all of the page's text but what is never shown (scripts, styles, the
    head): any element but an inline one (a link, a span, bold...) ends a block,
    so a <div> of rating stars is a block as a paragraph is.
    """
    blocks: list[Block] = []
    pieces: list[str] = []
    owner: etree._Element | None = None  # the element holding the block's first text

    def flush() -> None:
        nonlocal pieces, owner
        if owner is not None:
            blocks.append(Block(owner, pieces))
        pieces, owner = [], None

    def add(text: str | None, el: etree._Element | None) -> None:
        nonlocal owner
        if text:
            pieces.append(text)
            if owner is None and el is not None and text.strip():
                owner = el

    walk = etree.iterwalk(root, events=("start", "end"))
    for event, el in walk:
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail shows
            if event == "end":
                add(el.tail, el.getparent())
            continue
        inline = tag in _INLINE
        if event == "start":
            if tag in _UNSEEN:
                walk.skip_subtree()
                continue
            if not inline:
                flush()
            add(el.text, el)
        else:
            if not inline and tag not in _UNSEEN:
                flush()
            add(el.tail, el.getparent())
    flush()
    return blocks


# Elements whose text runs on in the block around them; any other element starts and ends a block.
_INLINE_TAGS = (
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q s samp small span strike "
    "strong sub sup time tt u var"
)
_INLINE = frozenset(_INLINE_TAGS.split())
# Elements whose text is never shown.
_UNSEEN = frozenset(("head", "script", "style", "noscript", "template", "title"))


def _category(el: etree._Element) -> str:
    """What a block left out is: the first prune rule a box around it matches, else boilerplate."""
    for a in itertools.islice(el.iterancestors(), REPORT_ANCESTORS):
        n = rule_index(a)
        if n is not None:
            return PRUNE[n].category
    return "boilerplate"


def unextracted(blocks: list[Block], text: str) -> list[Removal]:
    """A removal for each block, or each run of a block's pieces, whose text is not in the extracted text.

    The extracted text is read in page order, as trafilatura writes it: a block
    is found at or after the end of the last one found (a long block anywhere:
    trafilatura may move a part). A block not found whole is looked for piece by
    piece just ahead (trafilatura drops a share button inside a paragraph and
    keeps the rest); unless its pieces found hold half its text, all of it is
    reported, since short pieces turn up anywhere by chance. Texts are compared
    without their spaces: the pieces of a block (a menu's links) may touch on the
    page, and a removal shows them apart.
    """
    extracted = _bare(text)
    removals: list[Removal] = []
    at = 0
    for block in blocks:
        whole = _bare("".join(block.pieces))
        if not whole:
            continue
        # A short block ('Share', 'News') is kept only where the text goes on: elsewhere it is chance.
        found = extracted.find(whole, at, None if len(whole) >= REPORT_MIN_CHARS else at + len(whole) + _GAP)
        if found >= 0:
            at = found + len(whole)
            continue
        if len(whole) >= REPORT_MIN_CHARS and whole in extracted:
            continue
        runs, kept, end = _missing_pieces(block.pieces, extracted, at, at + len(whole) + REPORT_MIN_CHARS)
        if 2 * kept < len(whole):
            runs = [_joined(block.pieces)]
        else:
            at = end
        line, category = block.owner.sourceline, _category(block.owner)
        removals.extend(Removal(LAYER, "html.not-extracted", category, run, line, line) for run in runs)
    return removals


def _bare(text: str) -> str:
    return "".join(text.split()).casefold()


def _missing_pieces(pieces: list[str], extracted: str, at: int, until: int) -> tuple[list[str], int, int]:
    """The runs of ``pieces`` not found in order in ``extracted[at:until]``, the characters found, and where
    the last found ends."""
    runs: list[str] = []
    missing: list[str] = []
    kept = 0
    for piece in pieces:
        bare = _bare(piece)
        if not bare:
            continue
        found = extracted.find(bare, at, until)
        if found < 0:
            missing.append(" ".join(piece.split()))
            continue
        at, kept = found + len(bare), kept + len(bare)
        if missing:
            runs.append(" ".join(missing))
            missing = []
    if missing:
        runs.append(" ".join(missing))
    return runs, kept, at


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
    warnings: list[str] = []
    root = parse(html, warnings)
    if root is None:
        return HtmlOutput("", [], None, warnings=warnings)
    prose = page_prose(root)
    kind = detect(root)
    if page_type is None:
        page_type, signals = kind.kind, kind.signals
    else:
        signals = ("forced",)
    removals = prune(root, PAGE_TYPE_KEEPS.get(page_type, frozenset()), explain=explain)
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
        second = plain_extraction(
            html, include_comments=bool(options["include_comments"]), include_tables=include_tables, explain=explain
        )
        if second is not None:
            words = len(second.text.split())
            if words >= FALLBACK_MIN_WORDS and len(text.split()) < FALLBACK_SHARE * words:
                text, signals, removals = second.text, (*signals, "fallback"), second.removals
                layout = second.layout
    lines = text.split("\n")
    # The headline is the page's title, not its article body: trafilatura keeps
    # it when it sits in the chosen container, usually as the first line.
    if lines and is_headline(lines[0], titles) and not headline_in_article(root, lines[0]):
        removals.append(Removal(LAYER, "html.headline", "boilerplate", lines[0], None, None))
        lines = lines[1:]
    text = "\n".join(lines).strip("\n")
    return HtmlOutput(
        text,
        _in_page_order(removals) if explain else [],
        title or None,
        page_type,
        signals,
        prose_words=prose,
        warnings=warnings,
        layout=layout,
    )


def _in_page_order(removals: list[Removal]) -> list[Removal]:
    """The removals in the order of the page (the headline, which has no source line, first), without
    the empty ones: a pruned image or empty ad box took no text, and its removal would explain nothing."""
    return sorted((r for r in removals if r.text), key=lambda r: r.line or 0)
