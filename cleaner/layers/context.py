"""Context layer: find the article in a whole-page text dump and drop the page around it.

Pattern rules cannot tell a menu from an article; position and shape can.
Each kept line gets a weight: lines that read as prose (long enough, ending
like a sentence, with the function words of real language) weigh their word
count; every other line weighs a small negative amount. The article is the
contiguous run of lines with the largest total weight (the maximum-sum
segment, as in Finn et al.'s Body Text Extraction), so short real lines
inside it (subheadings, one-line quotes, list items) are kept by their
neighbours. Above it, the headline block (title, kicker, byline, date) is
kept when it shares words with the body. Lines outside go, as navigation
(menu labels), related (other stories' headlines) or boilerplate.

The layer only acts when the page clearly has an article and clearly has
furniture around it, so text that is already clean passes untouched. Text
with no page above its article (no menu, no <title> that the headline repeats)
is an article already cut out of its page: its lists and short lines stay, and
only what follows page furniture that a rule named below the article goes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from itertools import accumulate

from cleaner.layers.base import Layer
from cleaner.layers.naming import CJK as _CJK
from cleaner.layers.naming import URL as _URL
from cleaner.layers.naming import WORD as _WORD
from cleaner.layers.naming import Removed, cjk_words, dated, name_by_place
from cleaner.model import Document
from cleaner.text import ends_sentence, title_case_ratio

# A prose line weighs its word count; other lines weigh -(BASE + PER_WORD * words).
BAD_BASE = 1.0
BAD_PER_WORD = 0.5
MAX_GOOD_WEIGHT = 40.0
PROSE_OFFSET = 10  # words a prose line must have before it weighs much
REMOVED_WEIGHT = 3.0  # a line another layer removed: page furniture, a separator
DATED_WEIGHT = 15.0  # a date or byline on its own line: teasers, feeds and comments are stamped
MIN_ARTICLE_WEIGHT = 25.0  # words of prose: below this there is no article to find
MIN_PROSE_WORDS = 8
CJK_PROSE_CHARS = 24  # a CJK sentence: characters, at least (as text.is_prose: three per word)
LONG_PROSE_WORDS = 20
MIN_STOPWORD_RATIO = 0.12
LANGUAGE_SAMPLE = 2000  # words of long lines read to tell whether we know the language
HEADLINE_LINES = 10  # how far above the article a headline block may reach
MENU_WORDS = 3
HEADER_LINES = 2  # lines of page furniture above the article that make the text a page dump
HELD_WORDS = 12  # a line between two headline-block lines: at most this many words
# Lines other layers removed as page furniture separate more than an ad or a caption inside the article.
FURNITURE = frozenset({"navigation", "related", "boilerplate", "comments"})
FURNITURE_FACTOR = 2.0
# A photo gallery (captions, credits, its controls) sits inside the article: it parts
# the paragraphs around it less than an ad does ('Note: ...' under a gallery of 13 lines).
# So do captions and embeds (a tweet, a video's title) that other layers removed.
GALLERY = frozenset({"navigation.gallery", "navigation.counter"})
GALLERY_FACTOR = 1 / 3
TEASER_WORDS = 4
TEASER_RUN = 5
TEASER_STRESS = 3.0
TITLE_MATCH = 0.7  # share of a line's content words that must come from the page title
CJK_TITLE_PAIRS = 3  # character pairs a CJK title line shares with the body, at least (and half of its own)
TITLE_BONUS = 30.0  # how much weight a run under the page's headline may lack and still win
MAX_ANCHORS = 4  # repeats of the <title> tried as the headline
LIST_ITEMS = 5  # a list continuing the article: at least this many items of four words or more,
LIST_SHARE = 0.5  # this share of the lines there opening like two others or more ('3a etapa:', 'Portion Fix')
LONG_LIST = 12  # items of a list that may follow prose without a lead-in line ending in ':'
LIST_PER_WORD = 0.5  # what each word of such an item weighs for the article
LIST_GAP = 4  # content lines from one item to the next, at most
LIST_PROSE_SHARE = 4  # prose lines among the items: at most one per this many items

TABLE_ROWS = 5  # a table with one cell per line: at least this many rows after its lead-in line
TABLE_COLUMNS = (3, 12)  # cells in one row, fewest and most
TABLE_CELL_WORDS = 4  # words in one cell, at most
TABLE_CELL_WEIGHT = 1.0  # what each cell weighs for the article
# A table without a lead-in (_neutral_tables): number cells close together, and its header row.
TABLE_GAP = 6  # lines at most between two number cells of one table
TABLE_NUMBERS = 6  # number cells that make a table
TABLE_HEADER = 12  # cells over a table's first number that may be its header row
TABLE_HEADER_WORDS = 3  # words in one header cell, at most

TRAIL_STEPS = 2  # lines right after the article's run that go on without ending a sentence, at most
SIGN_OFF_WORDS = 5  # words of an author's sign-off under the article, at most: name, title, address
COMMENT_HEADER = 3  # lines of a commenter's name and date between two comments, at most
COMMENT_HEADER_WORDS = 6  # words in one of them, at most ('Nick A', '2 days ago at 07:47 am')
MAX_ROUNDS = 8  # real pages settle in two or three rounds; the cap keeps pathological input linear
COMMENT_GAP = 12  # input lines between two comment-section lines that belong together (as the tail layer)

TWEET_SIGNATURE = "embed.tweet-signature"  # the rule whose line closes a tweet embed (its text stands above)
TWEET_LINES = 5  # upper paragraphs of one tweet, at most
# The rules that name a line by its shape alone; the naming step may name such a line better.
SHAPE_RULES = frozenset({"context.menu", "context.teaser", "context.outside"})
CRUMB_TITLE_WORDS = 4  # a title a breadcrumb ends with: at least this many words ('What's on CTV News Channel')
CRUMB_WORDS = 6  # the steps of a breadcrumb before the title it ends with: at most this many words
TITLE_REACH = 20  # kept lines from the top in which the headline repeats the <title>

FEED_REPEATS = 4  # cards without a date: how many repeats make a feed
FEED_PERIOD = 7  # lines in one card, at most
FEED_SAME = 3  # a line repeated word for word this often is a card's fixed part

_NON_LATIN_SCRIPT = re.compile(
    r"[\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}")
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]+\s+")
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"[-+(]?\d[\d.,:%'’/)]*")
_TEASER_RUN = re.compile(f"1{{{TEASER_RUN},}}")
_CRUMB = re.compile(r" [»›] ")
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.\w[\w.-]{1,62}")
_FIELD = re.compile(r"(?:^|(?<=\s))(?:[^\W\d_]+ ){0,2}[^\W\d_]+:(?=\s)")  # a label: one to three words and ':'
_LIST_MARKER = re.compile(r"[-–•*] ")  # how extracted text marks a list item
_ITEM_NUMBER = re.compile(r"(\d{1,3})[.)] ")  # a numbered list item's number: '1) ', '12. '
_TWEET_LINK = re.compile(r"(?:pic\.twitter\.com|\bt\.co)/\w")
_HASHTAG_END = re.compile(r"#[^\W\d_]\w*$")
_NAMES_TWITTER = re.compile(r"(?i)\b(?:re)?tweet(?:s|ed|ing)?\b|\btwitter\b")
_BYLINE = re.compile(r"(?i)^(?:by|von|par|por|di|de|от|written by|posted by|published by)\s+\S")


@dataclass(slots=True)
class _Shape:
    words: int
    prose: bool
    dated: bool = False
    # What the rounds read of a line, worked out once per line text (see _shape).
    weight: float = 0.0
    symbol: str = "N"  # _symbol
    fine: str = "N"  # _fine_symbol of a line not repeated
    gain: float = 0.0  # prose words beyond the first few, uncapped (0 for other lines)
    several: bool = False  # two words or more
    teaser: bool = False  # a line of a teaser run (_stress_teaser_runs)


class _Memo:
    """What the layer keeps for one document between rounds and runs (in doc.state), by line text."""

    __slots__ = ("_content", "anchored", "counts", "framed", "shapes", "words")

    def __init__(self) -> None:
        self.counts: dict[str, tuple[int, int, bool]] = {}  # ContextLayer._count
        self.shapes: dict[bool, dict[str, _Shape]] = {False: {}, True: {}}  # by shape_only
        self.words: dict[str, set[str]] = {}  # ContextLayer._content_words
        self.anchored: list[int] = []  # the start found under the <title>, once
        self.framed: bool | None = None  # whether page furniture stands above the article (first round)
        self._content: tuple[int, array[int]] | None = None

    def content(self, doc: Document) -> array[int]:
        """Indexes of the lines holding text, removed or not (only a cut can blank a line).

        An array: it lives as long as the document, and a list of Python ints would
        cost 36 bytes a line (more than a page dump's average line).
        """
        if self._content is None or self._content[0] != len(doc.recut):
            self._content = (len(doc.recut), array("q", (i for i, ln in enumerate(doc.lines) if not ln.blank)))
        return self._content[1]


class _Found:
    """The lines a round removes, as (line index, rule, category): an int array and
    interned pairs, because a round over a page dump may take millions of lines."""

    __slots__ = ("_index", "_pairs", "_why")

    def __init__(self) -> None:
        self._index = array("q")
        self._why: list[tuple[str, str]] = []
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}

    def append(self, item: tuple[int, str, str]) -> None:
        i, rule, category = item
        pair = (rule, category)
        self._index.append(i)
        self._why.append(self._pairs.setdefault(pair, pair))

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        for i, (rule, category) in zip(self._index, self._why, strict=True):
            yield i, rule, category


_NOT_PROSE = _Shape(0, False)


class ContextLayer(Layer):
    name = "context"
    # Not over the extracted lines of a page: trafilatura already chose the article, and this
    # layer cost 3 points of recall there. The HTML kind runs it on its output as text
    # (Cleaner._check_as_text), so that the output cleans to itself: on a news article it
    # rarely acts there, but a listing's cards or a manual's code lines read to it as a page
    # around an article (most of the 0.013 F1 the text layers cost on WCXB dev).
    kinds = frozenset({"text"})
    categories = ("boilerplate", "navigation", "related", "comments", "embed")
    blind_to = frozenset({"context"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stopwords = self.book.words("stopwords")

    # -- line shape ------------------------------------------------------------
    def shape(self, line: str, shape_only: bool = False) -> _Shape:
        return self.shapes([line], shape_only)[0]

    def shapes(self, lines: list[str], shape_only: bool | None = None) -> list[_Shape]:
        """Each line's size and whether it reads as prose; ``shape_only=None`` decides
        from the text whether our function-word lists cover its language."""
        counted = [self._count(line) for line in lines]
        if shape_only is None:
            shape_only = _shape_only(counted)
        return [_shape(line, c, shape_only) for line, c in zip(lines, counted, strict=True)]

    def _count(self, line: str) -> tuple[int, int, bool]:
        """(words, function words or -1 for CJK, ends a sentence): what a line's shape is made of."""
        if not line.isascii() and _CJK.search(line):  # (isascii() costs nothing: a flag of the str)
            return (len(line.split()) + len(_CJK.findall(line)) // 2, -1, ends_sentence(line))
        n = len(line.split(None, MIN_PROSE_WORDS))  # (exact below MIN_PROSE_WORDS: a long line is split once, below)
        if n < MIN_PROSE_WORDS:
            return (n, 0, False)
        # Lower case keeps whitespace where it is, so the lowered line splits into as many words.
        tokens = line.lower().split()
        return (len(tokens), len(list(filter(self.stopwords.__contains__, _words(tokens)))), ends_sentence(line))

    # -- the algorithm -----------------------------------------------------------
    def apply(self, doc: Document) -> None:
        """Find the article and remove the page around it, in rounds until one removes nothing (at most MAX_ROUNDS).

        Each round sees the previous rounds' removals as page furniture (a menu
        gone above a headline block shows what else belongs to the page). The
        last round removed nothing from the document as it is now, so a second
        run over the layer's own output removes nothing more: the chain need not
        run it again after only its own removals (``blind_to``).
        """
        memo = doc.state.get(self.name)
        if not isinstance(memo, _Memo):
            memo = doc.state[self.name] = _Memo()
        comments_start = doc.meta.get("comments_start")
        if not isinstance(comments_start, int):
            comments_start = _comment_section(doc)
        self._tweet_texts(doc)
        for _ in range(MAX_ROUNDS):
            kept = doc.kept()
            if len(kept) < 3:
                return
            found = self._round(doc, kept, memo, comments_start)
            if not found:
                return
            for i, rule, category in found:
                self.remove(doc, i, rule, category)

    def _tweet_texts(self, doc: Document) -> None:
        """Remove a tweet's text: the lines over its signature ('— Name (@handle) Month D, YYYY').

        A social embed goes with its text (the guide's embed category), and the
        embed layer takes only the signature: the text above it reads as prose.
        The line right over the signature is the tweet's; the lines over that
        are its upper paragraphs only as far as a mark shows (_tweet_lines). A
        line another layer removed there ends the search. Text input only: HTML
        extraction keeps tweets, as the benchmark's truth does (see
        benchmarks/RESULTS.md, text and HTML floors).
        """
        lines = doc.lines
        signatures = [i for i, (_, rule, _) in doc.removals.whole() if rule == TWEET_SIGNATURE]
        for i in signatures:
            above = _line_above(doc, i)
            if above is None or lines[above].removed or doc.hits(above):
                continue
            for k in [above, *self._tweet_lines(doc, above)]:
                if self.enabled("embed", "context.tweet-text") and not self.kept_by_user(doc, k):
                    self.remove(doc, k, "context.tweet-text", "embed")

    def _tweet_lines(self, doc: Document, last: int) -> list[int]:
        """The upper paragraphs of the tweet whose last paragraph is line ``last``.

        Nothing says where a tweet of several paragraphs starts, but its lines
        are written as posts are: they carry the post's links ('pic.twitter.com/...',
        'https://t.co/...'), end in hashtags, start in lower case ('on. meth. dot.
        com.'), or end no sentence ('Delhi has turned into a gas chamber ...
        neighbouring states'). Going up from ``last``, the tweet runs over such
        lines, at most TWEET_LINES of them, and stops at a removed line (another
        signature, page furniture), at a line that names Twitter (the author's
        lead-in: 'See tweets :', '... turned to Twitter last month to describe
        his city as a "gas chamber."'), or at a sentence of the article (one that
        ends, or a long lead-in ending in ':'). Under a lead-in that names Twitter
        every line of the run is the tweet's; under any other line only the
        marked lines right over ``last`` are (a subheading over a tweet ends no
        sentence either).
        """
        run: list[tuple[int, bool]] = []  # (line index, marked), going up
        k = last
        lead_in = False
        while len(run) < TWEET_LINES:
            up = _line_above(doc, k)
            if up is None or doc.lines[up].removed or doc.hits(up):
                break
            line = doc.lines[up].stripped
            marked = _tweet_marked(line)
            if not marked:
                if _NAMES_TWITTER.search(line):
                    lead_in = True
                    break
                if ends_sentence(line) and (line[-1] != ":" or self.shape(line).prose):
                    break
            run.append((up, marked))
            k = up
        if lead_in:
            return [i for i, _ in run]
        marked_run = list(itertools.takewhile(lambda item: item[1], run))
        return [i for i, _ in marked_run]

    def _round(self, doc: Document, kept: list[int], memo: _Memo, comments_start: int | None) -> _Found:
        """One round over the lines ``kept``: the lines to remove, with rule and category."""
        out = _Found()
        lines = doc.lines
        texts_kept = [lines[i].stripped for i in kept]
        counts = memo.counts
        counted = [counts.get(t) or counts.setdefault(t, self._count(t)) for t in texts_kept]
        shape_only = _shape_only(counted)
        known = memo.shapes[shape_only]
        shapes = [
            known.get(t) or known.setdefault(t, _shape(t, c, shape_only))
            for t, c in zip(texts_kept, counted, strict=True)
        ]
        # What the whole-line removals tell, by line index: flags and factors in arrays, not
        # sets and dicts of Python ints (a page dump of 50-byte lines may lose millions).
        related = bytearray(len(lines))
        factor = array("d", [1.0]) * len(lines)  # a removed line's weight factor
        factors: dict[tuple[str, str, str], float] = {}  # by (layer, rule, category)
        for i, why in doc.removals.whole():
            f = factors.get(why)
            if f is None:
                f = factors[why] = _removed_factor(why[2], why[1])
            factor[i] = f
            if why[2] == "related":
                related[i] = 1
        removed_here = any(layer == self.name for layer, _, _ in factors)  # this layer removed a line before
        anchored = memo.anchored
        # Lines other layers already removed still separate the article from the page.
        # Dates and times on their own lines stamp teasers, comments and feeds; an
        # article has at most a dateline, which sits in the headline block.
        shape_of: list[_Shape | None] = [None] * len(lines)  # by line index; None: removed
        for i, shape in zip(kept, shapes, strict=True):
            shape_of[i] = shape
        content = memo.content(doc)
        sh = [shape_of[i] for i in content]  # None: removed
        weights = array(
            "d", (s.weight if s is not None else -REMOVED_WEIGHT * factor[i] for s, i in zip(sh, content, strict=True))
        )
        # Teaser feeds and comment threads repeat a shape (title, author, date,
        # blurb); an article does not. Their prose is not article prose.
        signature = "".join(["R" if s is None else s.symbol for s in sh])
        regions = _periodic_regions(signature)
        # Cards without dates (kicker, title, source, blurb; a blurb and its share buttons)
        # repeat too, but tell apart from an article's subheadings only by finer shapes,
        # and only once an article stands above them.
        texts = [lines[i].stripped if s is not None else "" for s, i in zip(sh, content, strict=True)]
        seen = Counter([t for s, t in zip(sh, texts, strict=True) if s is not None and s.several])
        repeated = {t for t, k in seen.items() if k >= FEED_SAME}
        made: dict[str, str] = {}  # one '=' symbol per repeated text, not one per line
        fine = [
            "R"
            if s is None
            else ((made.get(t) or made.setdefault(t, "=" + t)) if s.symbol == "N" and t in repeated else s.fine)
            for s, t in zip(sh, texts, strict=True)
        ]
        cum = array("d", accumulate(0.0 if s is None else s.gain for s in sh))
        # Cards known only by their repeated buttons must sit under a heading that another
        # layer removed as related ('You may also like'): a shopping list repeats 'See it now'.
        for lo, hi, buttons in _feed_regions(fine):
            if lo == 0 or cum[lo - 1] < MIN_ARTICLE_WEIGHT:
                continue
            if buttons and not any(related[i] for i in content[max(0, lo - 3) : lo]):
                continue
            regions.append((lo, hi))
        for lo, hi in regions:
            for p in range(lo, hi):
                if weights[p] > 0:
                    weights[p] = -REMOVED_WEIGHT
        _stress_teaser_runs(sh, weights)
        _neutral_tables(sh, texts, weights)
        # The article cannot run on into the comment section that the tail layer found.
        limit = len(content)
        if isinstance(comments_start, int):
            cut = next((p for p, i in enumerate(content) if i >= comments_start), len(content))
            before = sum([s.gain for s in sh[:cut] if s is not None and s.prose])
            if before >= 2 * MIN_ARTICLE_WEIGHT:
                limit = cut  # (comment lines before any article are a counter under the title)
        anchors = self._title_anchors(doc, content, shape_of)
        self._weigh_lists(doc, content, shape_of, weights, anchors)
        seg_start, seg_end, total = _max_segment(weights[:limit])
        anchor = anchors[0] if anchors else None
        if anchor is not None and anchor < limit and not (seg_start <= anchor + HEADLINE_LINES and seg_end >= anchor):
            # The best run lies elsewhere: prefer the one under the page's headline when it
            # comes close (a short article, a list or a table beside a long footer text).
            # A menu may repeat the headline's words above the real headline: try each repeat.
            for a in anchors:
                if a >= limit or (seg_start <= a + HEADLINE_LINES and seg_end >= a):
                    break
                stop = seg_start if seg_start > a else limit
                a_start, a_end, a_total = _best_from(weights[:stop], a + 1, a + 1 + HEADLINE_LINES)
                if _kept_sum(weights, sh, a_start, a_end) >= MIN_ARTICLE_WEIGHT and a_total + TITLE_BONUS > total:
                    seg_start, seg_end, total, anchor = a_start, a_end, a_total, a
                    break
        elif anchor is not None and seg_start < anchor < seg_end:
            # The page repeats its <title> inside the run: the article starts under that
            # headline, and the prose above it is other stories' teasers.
            # (A partial match under prose is more likely a subheading of the article.)
            above = [_symbol(shape_of[i]) for i in content[seg_start:anchor]]
            a_total = sum(weights[anchor + 1 : seg_end + 1])
            full = self._repeats_title(doc, content[0], content[anchor])
            if (full or 2 * above.count("P") < len(above)) and _kept_sum(
                weights, sh, anchor + 1, seg_end
            ) >= MIN_ARTICLE_WEIGHT:
                seg_start, total = anchor + 1, a_total
        # Later rounds see the title gone: keep the start found under it.
        if anchored:
            pos = next((p for p, i in enumerate(content) if i >= anchored[0]), seg_start)
            if pos < seg_start:
                seg_start, total = pos, sum(weights[pos : seg_end + 1])
        elif anchor is not None and seg_start > anchor:
            anchored.append(content[seg_start])
        # Whether there is an article is told by the lines still kept: a removed line inside
        # the run (an ad label) separates, but must not sink an article that a second clean,
        # without that line, would find (clean(clean(x)) == clean(x)).
        if _kept_sum(weights, sh, seg_start, seg_end) < MIN_ARTICLE_WEIGHT:
            # No article between the lines other layers removed: a second clean, which does
            # not see them at all, must not find one either. Look as it would, without them
            # (unless this layer already found the article: then these are its own rounds).
            if anchored or removed_here:
                return out
            seg_start, seg_end, total = _max_segment(
                [0.0 if s is None else w for w, s in zip(weights[:limit], sh, strict=False)]
            )
            if total < MIN_ARTICLE_WEIGHT:
                return out
        first_line, last_line = content[seg_start], content[seg_end]
        start = next(p for p, i in enumerate(kept) if i >= first_line)
        end = max(p for p, i in enumerate(kept) if i <= last_line)
        body = start
        # A page dump's first line, the <title>, is no headline when a headline below repeats
        # it: past other lines, or with more to it ('<headline> – TechCrunch'). A headline
        # printed twice in a row is not told from its copy, and a label ('AUTO NEWS' over
        # each teaser) is no <title>: a second clean of the output keeps them as the first did.
        title_line = None
        if (
            anchors
            and shape_of[content[0]].words >= TEASER_WORDS
            and (anchors[0] > 1 or lines[content[0]].stripped != lines[content[anchors[0]]].stripped)
        ):
            title_line = content[0]
        headlines = frozenset(content[a] for a in anchors)
        start = self._headline_start(doc, kept, shapes, start, end, out, title_line, headlines)
        end = self._trailing_sentences(doc, kept, end)
        if memo.framed is None:
            memo.framed = self._opens_with_title(doc, content, shape_of, anchors) or _framed(
                doc, kept, shapes, start, body, doc.removals.whole(), out
            )
        if start == 0 and end == len(kept) - 1:
            return out if memo.framed else []
        barrier = content[limit] if limit < len(content) else None
        edge = -1
        if not memo.framed:
            # An article already cut out of its page: only what follows the furniture below it goes.
            past = _furniture_edge(kept[end], doc.removals.whole(), barrier)
            if past is None:
                return _Found()
            out, edge = _Found(), past
        headers = _comment_headers(doc, shape_of, barrier) if barrier is not None else set()
        config = self.config
        # (kept_by_user, and enabled when nothing is disabled, written out: this runs for every line outside)
        screened = bool(config.disable_categories or config.disable_rules)
        outside, append = self._outside_category, out.append
        for pos in itertools.chain(range(start), range(end + 1, len(kept))):
            i = kept[pos]
            if i <= edge:
                continue
            if barrier is not None and i >= barrier and shapes[pos].prose:
                rule, category = "comments.thread", "comments"  # what readers wrote
            elif i in headers:
                rule, category = "context.comment-header", "comments"  # who wrote it, and when
            else:
                rule, category = outside(doc, i, shapes[pos])
            if not screened or (config.enabled(category, rule) and not self.kept_by_user(doc, i)):
                append((i, rule, category))
        return out

    def _weigh_lists(
        self,
        doc: Document,
        content: list[int],
        shape_of: list[_Shape | None],
        weights: list[float],
        anchors: list[int],
    ) -> None:
        """List items that continue the article weigh for it, as its prose does.

        A meal plan, a race calendar or a schedule is the article, in short
        lines that would each weigh against it. Such a list repeats how its
        items open ('3a etapa:', 'Portion Fix Containers:', 'Eat every'); a
        teaser list does not ('1. Trump ...', '2. Storm ...'), and a menu's
        items are shorter. The list must continue the article: prose in the
        same run of kept lines before it, or the page's headline just above.
        One pass over runs of kept lines.
        """
        n = len(content)
        p = 0
        while p < n:
            if shape_of[content[p]] is None:
                p += 1
                continue
            q = p
            while q < n and shape_of[content[q]] is not None:
                q += 1
            self._weigh_list_run(doc, content, shape_of, weights, anchors, p, q)
            _weigh_tables(doc, content, shape_of, weights, p, q)
            p = q

    def _weigh_list_run(
        self,
        doc: Document,
        content: list[int],
        shape_of: list[_Shape | None],
        weights: list[float],
        anchors: list[int],
        lo: int,
        hi: int,
    ) -> None:
        """Weigh one run of kept lines content[lo:hi] (see _weigh_lists)."""
        # Shorter lines (subheadings, 'READ MORE', a kicker over each teaser) neither count nor weigh.
        items = [p for p in range(lo, hi) if not shape_of[content[p]].prose and shape_of[content[p]].words > MENU_WORDS]
        if len(items) < LIST_ITEMS:
            return
        # Items open alike ('3a etapa:') or end alike ('(Group A): 10th appearance'): three share a key.
        texts = [doc.lines[content[p]].stripped for p in items]
        keys = [(_lead_key(t), _end_key(t)) for t in texts]
        counts = Counter(k for pair in keys for k in pair)
        stop = self.stopwords
        listed = [
            p
            for p, (lead, end) in zip(items, keys, strict=True)
            if (counts[lead] >= 3 and lead not in stop) or (end and counts[end] >= 3 and end[1:] not in stop)
        ]
        # The list: listed items close together (a subheading or a note may sit between two).
        group: list[int] = []
        for p in [*listed, hi + LIST_GAP + 1]:
            if group and p - group[-1] > LIST_GAP:
                self._weigh_list(doc, content, shape_of, weights, anchors, lo, group)
                group = []
            group.append(p)
        # Items numbered 1, 2, 3, ... in turn open alike too, though their words differ: a
        # listicle's products under 'Here are the deals:'. Such a list needs its lead-in sentence.
        numbered = [p for p in range(lo, hi) if not shape_of[content[p]].prose]  # short ones too: '15) Thriller'
        for group in _numbered_runs(doc, content, numbered):
            self._weigh_list(doc, content, shape_of, weights, anchors, lo, group, lead_only=True)

    def _weigh_list(
        self,
        doc: Document,
        content: list[int],
        shape_of: list[_Shape | None],
        weights: list[float],
        anchors: list[int],
        lo: int,
        listed: list[int],
        *,
        lead_only: bool = False,
    ) -> None:
        """Weigh the items of one list when it continues the article (see _weigh_lists).

        ``lead_only``: only a lead-in sentence ending in ':' shows that the list continues the article.
        """
        first, last = listed[0], listed[-1]
        span = [shape_of[content[p]] for p in range(first, last + 1)]
        if len(listed) < LIST_ITEMS or len(listed) < LIST_SHARE * sum(
            not s.prose and s.words > MENU_WORDS for s in span
        ):
            return
        # A teaser feed puts a blurb under each item; a list is not broken up by prose.
        if LIST_PROSE_SHARE * sum(s.prose for s in span) > len(listed):
            return
        # The list continues the article: a sentence leads into it ('The dates are:'), or
        # it starts in the headline block, under the page's headline. A label ('Most read:')
        # is no lead-in, and a few teasers after the last paragraph are no list.
        # A long list may follow the article's prose directly (a meal plan under its introduction).
        lead = doc.lines[content[first - 1]].stripped if first > lo else ""
        lead_in = lead.endswith(":") and len(lead.split()) > MENU_WORDS
        if lead_only:
            if not lead_in:
                return
        elif len(listed) >= LONG_LIST:
            lead_in = lead_in or any(shape_of[content[p]].prose for p in range(max(lo, first - LIST_GAP), first))
        if not lead_in and not any(
            a <= first <= a + HEADLINE_LINES
            and not any((shape_of[content[p]] or _NOT_PROSE).prose for p in range(a, first))
            for a in anchors
        ):
            return
        # Dated items weigh only in a long list (a tour's dates, a schedule): a few stamped
        # lines are teasers or comments.
        long_list = len(listed) >= LONG_LIST
        for p in listed:
            if long_list or not shape_of[content[p]].dated:
                weights[p] = LIST_PER_WORD * shape_of[content[p]].words

    def _title_anchors(self, doc: Document, content: list[int], shape_of: list[_Shape | None]) -> list[int]:
        """Where the page repeats its <title> as the headline (positions in ``content``, first first).

        A whole-page dump starts with the page's <title>; the article's headline
        repeats it (minus the site name) lower down, and the article follows.
        A menu entry may repeat it too, above the headline.
        """
        found: list[int] = []
        if len(content) < 3 or (head := shape_of[content[0]]) is None or head.prose:
            return found
        # The <title> is "Headline | Site name": the headline is its longest part.
        parts = _TITLE_SEPARATOR.split(doc.lines[content[0]].stripped)
        if len(parts) == 1 and (below := shape_of[content[1]]) is not None and below.prose:
            # A first line that names no site, with prose right under it (no menu, no skip
            # link, no cookie notice either), is the article's own headline: an article
            # already cleaned. Its repeat lower down (a video's title) starts nothing.
            return found
        known = self._known_words(doc)
        title = max((self._content_words(part, known) for part in parts), key=len)
        if len(title) < 2:
            return found
        # A match misses at most 30% of the title's words, so it holds one of these (a cheap first test).
        keys = sorted(title, key=len, reverse=True)[: int(len(title) * (1 - TITLE_MATCH)) + 1]
        holds_key = re.compile("|".join(map(re.escape, keys))).search
        lines = doc.lines
        for p in range(1, len(content) - 1):
            shape = shape_of[content[p]]
            if shape is None or shape.prose or shape.words > 30:
                continue
            line = lines[content[p]].stripped
            if holds_key(line.lower()) is None:
                continue
            mine = self._content_words(line, known)
            shared = len(mine & title)
            if shared >= 2 and shared >= TITLE_MATCH * max(len(mine), len(title)):
                found.append(p)
                if len(found) >= MAX_ANCHORS:
                    break
        return found

    def _opens_with_title(
        self, doc: Document, content: Sequence[int], shape_of: list[_Shape | None], anchors: list[int]
    ) -> bool:
        """Whether the text opens with the page's <title>: a headline repeats it below (a page dump)."""
        if anchors:
            return True
        if len(content) < 3 or (head := shape_of[content[0]]) is None or head.prose:
            return False
        known = self._known_words(doc)
        parts = _TITLE_SEPARATOR.split(doc.lines[content[0]].stripped)
        title = max((self._content_words(part, known) for part in parts), key=len)
        return len(title) >= 2 and any(
            shape_of[content[p]] is not None and title <= self._content_words(doc.lines[content[p]].stripped, known)
            for p in range(1, min(len(content), 2 * HEADLINE_LINES))
        )

    def _repeats_title(self, doc: Document, title_line: int, line: int) -> bool:
        """Whether a line holds every content word of the <title>'s headline part."""
        known = self._known_words(doc)
        parts = _TITLE_SEPARATOR.split(doc.lines[title_line].stripped)
        title = max((self._content_words(part, known) for part in parts), key=len)
        return title <= self._content_words(doc.lines[line].stripped, known)

    def _headline_start(
        self,
        doc: Document,
        kept: list[int],
        shapes: list[_Shape],
        start: int,
        end: int,
        out: _Found,
        title_line: int | None = None,
        headlines: frozenset[int] = frozenset(),
    ) -> int:
        """Find the headline block above the article; return where the article starts.

        The title is the headline-shaped line, within a few lines above the body,
        that shares the most words with the body (the first on a tie: a title
        repeated lower down, in a gallery or a share box, is the copy). Above it, more title lines,
        datelines and one
        kicker directly over a title line. Between the title and the body, decks,
        bylines, dates and labels stay; other lines there (share buttons,
        counters, photo credits) go with the page. ``title_line``: the page's
        <title> (a line index), which a headline below repeats; it is no title line here.
        ``headlines``: the lines that repeat the <title> (_title_anchors). The first of them
        in reach that shares a word with the body is the title, though a caption under the
        photo may share more (a later repeat is a gallery's or a share box's copy).
        """
        known = self._known_words(doc)
        lines = [doc.lines[i].stripped for i in kept]
        low = max(0, start - HEADLINE_LINES)
        # A copy of a sentence above (the dek printed again under the photo) tells nothing
        # about which line there is the title: the words of the body are the article's own.
        block = {lines[p] for p in range(low, start) if shapes[p].prose}
        body: set[str] = set()
        for pos in range(start, min(end + 1, start + 30)):
            if lines[pos] not in block:
                body |= self._content_words(lines[pos], known)
                body |= _cjk_pairs(lines[pos])
        title, best = None, 0
        if title_line is not None and kept[low] == title_line:
            low += 1
        repeat = None  # the first line in reach that repeats the <title> and shares a word with the body
        for p in range(low, start):
            shared = self._title_score(lines[p], shapes[p], body, known)
            first_repeat = repeat is None and kept[p] in headlines
            if not shared or not (shared > best or first_repeat):
                continue  # (the two tests below cost more than the score: only a candidate takes them)
            if _ends_with_other(lines[p], lines[p + 1 : start]) or _crumb(doc, kept, lines, p):
                continue
            if shared > best:
                title, best = p, shared
            if first_repeat:
                repeat = (p, shared)
        if repeat is not None:
            title, best = repeat
        if best < 2:
            # A headline written as a sentence ('... They just might be.') reads as prose;
            # when no other line is clearly the title, a short one that shares words with
            # the body and stands right over the dateline is (not a menu entry sharing one
            # word, above it).
            for p in range(start - 2, low - 1, -1):
                if shapes[p].prose:
                    shared = len(self._content_words(lines[p], known) & body)
                    if shapes[p].words < LONG_PROSE_WORDS and shared >= 2 and shapes[p + 1].dated:
                        title, best = p, shared
                    break
        crumb = _breadcrumb_title(doc, kept, lines, shapes, low, start)
        if crumb is not None:
            title = crumb
        elif best < 2:
            # A title over its dek and byline may share no word with the body; that block
            # is better evidence than one shared word (of a menu entry, or of the byline's name).
            dates = start
            while dates > low and dated(lines[dates - 1], len(lines[dates - 1].split())):
                dates -= 1
            over_dek = _unshared_title(doc, kept, lines, shapes, low, dates) if dates < start else None
            if over_dek is None and dates < start:
                over_dek = _opening_title(doc, kept, lines, shapes, dates)
            title = title if over_dek is None else over_dek
        top = start
        if title is None:
            # No title: only datelines and bylines right above the body.
            while top > low and dated(lines[top - 1], len(lines[top - 1].split())):
                top -= 1
        else:
            top = title
            titled = True  # the line at top is a title line (a kicker may sit over it)
            while top > low:
                above = lines[top - 1]
                if dated(above, len(above.split())):
                    top, titled = top - 1, False
                elif (
                    (score := self._title_score(above, shapes[top - 1], body, known))
                    and (score >= 2 or len(above.split()) > MENU_WORDS)
                    and not _ends_with_other(above, lines[top:start])
                    and not _crumb(doc, kept, lines, top - 1)
                ):
                    top, titled = top - 1, True  # a title in two lines, or title and subtitle (not a breadcrumb)
                elif (
                    titled
                    and _kicker_like(above)
                    and _adjacent(doc, kept[top - 1], kept[top])
                    and not _crumb(doc, kept, lines, top - 1)
                    and not _labelled_below(doc, kept, lines, title, start)
                ):
                    top -= 1  # a section label printed directly over the title (not a menu's last entry)
                    break
                else:
                    break
        held = [
            p == title
            or (
                self._kept_in_headline(lines[p], shapes[p], body, known, below_title=p > (title or -1))
                and not _counter_label(doc, kept, lines, p, p > (title or -1))
            )
            for p in range(top, start)
        ]
        for k, p in enumerate(range(top, start)):
            if held[k] or (
                title is not None
                and p > title
                and _between_held(doc, kept, p, held[k - 1 : k + 2])
                and (
                    (_name_like(lines[p]) and (dated(lines[p + 1], len(lines[p + 1].split())) or _label(lines[p - 1])))
                    or (not any(ch.isdigit() for ch in lines[p]) and self._content_words(lines[p], known) & body)
                )
            ):
                continue
            rule, category = self._outside_category(doc, kept[p], shapes[p])
            if self.enabled(category, rule) and not self.kept_by_user(doc, kept[p]):
                out.append((kept[p], rule, category))
        return top

    def _title_score(self, line: str, shape: _Shape, body: set[str], known: dict[str, set[str]] | None = None) -> int:
        """How many words a headline-shaped line shares with the body (0: not a title)."""
        words = len(line.split())
        if shape.prose or words > 30 or _URL.fullmatch(line):
            return 0
        pairs = _cjk_pairs(line)
        if pairs:
            # No spaces or a particle glued to each word: compare character pairs, and ask
            # that most of the line's pairs come from the body (a teaser shares a few).
            shared = len(pairs & body)
            return shared if shared >= CJK_TITLE_PAIRS and 2 * shared >= len(pairs) else 0
        mine = self._content_words(line, known)
        shared = len(mine & body)
        if shared >= 2 or (shared == 1 and len(mine) <= 8 and not ends_sentence(line)):
            return shared
        return 0

    def _kept_in_headline(
        self, line: str, shape: _Shape, body: set[str], known: dict[str, set[str]] | None = None, *, below_title: bool
    ) -> bool:
        words = len(line.split())
        if shape.prose or dated(line, words) or self._title_score(line, shape, body, known):
            return True
        if below_title and _label(line):
            return True  # "Author:", "Publish date:" labels of the byline block
        if below_title and _FIELD.match(line) and len(_FIELD.findall(line)) >= 2:
            return True  # the article's fact line: "Tested by: Jane Doe Price: £40 More info: ..."
        return _kicker_like(line)

    def _content_words(self, line: str, known: dict[str, set[str]] | None = None) -> set[str]:
        """Words of four letters or more that are not function words (``known``: remembered by line text)."""
        if known is not None:
            got = known.get(line)
            if got is None:
                got = known[line] = self._content_words(line)
            return got
        return {w.lower() for w in _words(line.split()) if len(w) > 3} - self.stopwords

    def _known_words(self, doc: Document) -> dict[str, set[str]]:
        """The document's remembered content words by line text (see _Memo)."""
        memo = doc.state.get(self.name)
        return memo.words if isinstance(memo, _Memo) else {}

    def _trailing_sentences(self, doc: Document, kept: list[int], end: int) -> int:
        """Short sentences right after the article ("Stay tuned.") end it, and so does the
        author's sign-off (name, title, e-mail address); keep them."""
        while end + 1 < len(kept):
            line = doc.lines[kept[end + 1]].stripped
            closing = ends_sentence(line) and 3 <= len(line.split()) < MIN_PROSE_WORDS
            # A closing lead-in ('See more photos:') announces what is not text; a prompt
            # that ends so ('Share this:', 'Read more:') is named by a rule.
            if closing and (line[-1] != ":" or not doc.hits(kept[end + 1])):
                end += 1
                continue
            if self._sign_off(line):
                end += 1
                continue
            steps = self._last_steps(doc, kept, end)
            if steps is not None:
                end = steps
                continue
            break
        return end

    def _last_steps(self, doc: Document, kept: list[int], end: int) -> int | None:
        """Where the article's last lines end, when they go on past its run (position in ``kept``).

        A recipe's or a guide's last steps ('Boil for 10 minutes (if over 1000 feet,
        adjust for altitude)', 'Remove from canner and allow to cool. Jam will set
        within 24-48 hours.') are written as sentences, but one may end without a
        stop, and such a line weighs against the article as a menu entry does. Lines
        right under the run (nothing removed between), in sentence case with the
        function words of prose, at most TRAIL_STEPS of them without an ending, then
        a line that ends a sentence: the article goes on to there. Other stories'
        headlines are in title case; a teaser list ends in no sentence.
        """
        pos = end
        for _ in range(TRAIL_STEPS + 1):
            if pos + 1 >= len(kept) or not _adjacent(doc, kept[pos], kept[pos + 1]) or doc.hits(kept[pos + 1]):
                return None
            pos += 1
            line = doc.lines[kept[pos]].stripped
            n, stop, ends = self._count(line)
            if stop < 0 or title_case_ratio(line) >= 0.5:
                return None
            worded = n >= MIN_PROSE_WORDS and stop >= MIN_STOPWORD_RATIO * n
            if ends and pos > end + 1 and line[-1] != ":" and (worded or 3 <= n < MIN_PROSE_WORDS):
                return pos
            if ends or not worded:
                return None  # (the first line must go on without an ending: a sentence alone is the run's)
        return None

    def _sign_off(self, line: str) -> bool:
        """'정덕현 칼럼니스트 thekian1@entermedia.co.kr': a name and an address, no label
        ('E-mail:'), no sentence ('Write to Al Root at ...', a contact prompt)."""
        words = line.split()
        if not 2 <= len(words) <= SIGN_OFF_WORDS or ":" in line or "@" not in line or _EMAIL.search(line) is None:
            return False
        return not any(w in self.stopwords for w in _WORD.findall(_EMAIL.sub(" ", line).lower()))

    # -- naming, once the lines to remove are settled ----------------------------
    def finish(self, doc: Document) -> None:
        """Name the lines removed by their shape alone by what they are, where the page tells
        more (cleaner/layers/naming.py). Runs after the chain has settled: no decision reads it."""
        removed = Removed.of(doc)
        shaped = removed.lines_where(lambda why: why[0] == self.name and why[1] in SHAPE_RULES)
        if shaped and self._page_title(doc, shaped[0]) and self.enabled("boilerplate", "context.page-title"):
            # The dump opens with the page's <title>, which the kept headline repeats: site metadata.
            removed.rename(shaped.pop(0), "context.page-title", "boilerplate")
        if shaped and self.enabled("navigation", "context.breadcrumb"):
            # A breadcrumb glued into one line ends with the kept headline: 'Home Holidays <title>'.
            kept = doc.kept()
            crumbs = [i for i in shaped if _crumbs_of_title(doc, kept, i)]
            for i in crumbs:
                removed.rename(i, "context.breadcrumb", "navigation")
            if crumbs:
                shaped = [i for i in shaped if i not in set(crumbs)]
        name_by_place(self, doc, shaped, removed)
        # What readers wrote is not printed twice on a page: prose past the comment section's start
        # that repeats another removed line word for word is that line again (a teaser's title).
        threads = removed.lines_where(lambda why: why[0] == self.name and why[1] == "comments.thread")
        if threads:
            texts = {doc.lines[i].stripped for i in threads}
            others: dict[str, str] = {}
            for k in removed.lines_where(lambda why: why[2] != "comments"):
                if doc.lines[k].stripped in texts:
                    others.setdefault(doc.lines[k].stripped, removed.why(k)[2])
            for i in threads:
                category = others.get(doc.lines[i].stripped)
                if category is not None and self.enabled(category, "context.copy"):
                    removed.rename(i, "context.copy", category)

    def _page_title(self, doc: Document, first: int) -> bool:
        """Line ``first``, removed, is the text's first line and the page's <title>: the words of
        its longest part ('<headline> | <site>') are all in a kept line near the top."""
        if any(not ln.blank for ln in doc.lines[:first]):
            return False
        known = self._known_words(doc)
        line = doc.lines[first].stripped
        title = max((self._content_words(part, known) for part in _TITLE_SEPARATOR.split(line)), key=len)
        top = [doc.lines[i].stripped for i in itertools.islice((i for i in doc.kept() if i > first), TITLE_REACH)]
        # ('The Space Review: <headline>' has no spaced separator: it ends with the headline.)
        return (len(title) >= 2 and any(title <= self._content_words(t, known) for t in top)) or _ends_with_other(
            line, top
        )

    @staticmethod
    def _outside_category(doc: Document, index: int, shape: _Shape) -> tuple[str, str]:
        """Name what a line outside the article is: a rule that matched it (even one whose
        context condition failed) knows best; otherwise its shape decides."""
        hits = doc.hits(index)
        if hits:
            return hits[0].id, hits[0].category
        line = doc.lines[index].stripped
        if _URL.fullmatch(line):
            return "context.url", "boilerplate"
        cjk = not shape.prose and not line.isascii() and _CJK.search(line)  # (isascii(): a flag of the str)
        words = cjk_words(line) if cjk or shape.words > MENU_WORDS else shape.words  # (CJK: by characters; no signs)
        ends = ends_sentence(line)
        if words <= MENU_WORDS and not ends:
            return "context.menu", "navigation"
        if not shape.prose and not ends and shape.words <= 25:
            return "context.teaser", "related"
        return "context.outside", "boilerplate"


def _framed(
    doc: Document,
    kept: list[int],
    shapes: list[_Shape],
    start: int,
    body: int,
    removed: Iterable[tuple[int, tuple[str, str, str]]],
    out: Iterable[tuple[int, str, str]],
) -> bool:
    """Whether page furniture stands above the article: a page dump's header (a menu, a login link).

    Text that starts with its article (and its headline block) is an article
    already cut out of its page; what follows it is its own lists, not a footer.
    The header is what the layer or a rule removes above the body and above the
    first long paragraph (short lines under a paragraph are the article's list;
    a long <title> does not end like a sentence), and lines that end like a
    sentence ('New tasks for the game!') are no menu.
    ``start``: where the headline block starts in ``kept``, ``body``: where the body does;
    ``removed``: the whole-line removals so far as (line index, (layer, rule, category)),
    ``out``: the headline block's lines this layer removes.
    """
    top = next((p for p in range(body) if _long_sentence(doc.lines[kept[p]].stripped, shapes[p])), body)
    first = kept[top] + 1 if top < len(kept) else 1 << 62  # (line numbers count from 1)
    listed = _announced(doc, kept, top)
    mine = [i for i in [*kept[:start], *(o[0] for o in out)] if i < first - 1 and i not in listed]
    above = sum(not ends_sentence(doc.lines[i].stripped) for i in mine)
    above += sum(1 for i, why in removed if i + 1 < first and why[2] in FURNITURE)
    return above >= HEADER_LINES


def _announced(doc: Document, kept: list[int], top: int) -> set[int]:
    """Lines above kept[top] that a lead-in line announces ('What's new in 2.26?', 'The dates are:'):
    the items of its list, each opening with a list marker ('- New tasks for the game!').
    A menu has no lead-in, and a page's <title> ending in '?' is followed by no marked items."""
    found: set[int] = set()
    lead = False
    for p in range(min(top, len(kept))):
        line = doc.lines[kept[p]].stripped
        if lead and _LIST_MARKER.match(line):
            found.add(kept[p])
            continue
        lead = line.endswith((":", "?"))
    return found


def _long_sentence(line: str, shape: _Shape) -> bool:
    """A paragraph: long prose that ends like a sentence (a long <title> or caption does not)."""
    return shape.prose and shape.words >= LONG_PROSE_WORDS and ends_sentence(line)


def _furniture_edge(
    last: int,
    removed: Iterable[tuple[int, tuple[str, str, str]]],
    barrier: int | None,
) -> int | None:
    """Where the page starts again under an article already cut out of its page: the first line
    below it that another layer removed as page furniture ('Related stories', 'Leave a comment'),
    or the comment section's start. Only what follows goes; its own lists and short lines are
    kept, wherever they stand. None: nothing marks one. ``last``: the article's last line (an
    index), ``removed``: the whole-line removals so far (see _framed)."""
    marks = [i for i, why in removed if i > last and why[2] in FURNITURE]
    if barrier is not None:
        marks.append(barrier)
    return min(marks, default=None)


def _kept_sum(weights: list[float], sh: list[_Shape | None], lo: int, hi: int) -> float:
    """The weight of content[lo:hi + 1] without the lines already removed (None in ``sh``)."""
    return sum([w for w, s in zip(weights[lo : hi + 1], sh[lo : hi + 1], strict=True) if s is not None])


def _shape_only(counted: Iterable[tuple[int, int, bool]]) -> bool:
    """Whether our function-word lists miss the language of these lines: then shape alone tells prose.

    Read from the first LANGUAGE_SAMPLE words of the lines long enough to be prose.
    """
    tokens = hits = 0
    for n, stop, _ in counted:
        if stop >= 0 and n >= MIN_PROSE_WORDS:
            tokens, hits = tokens + n, hits + stop
            if tokens >= LANGUAGE_SAMPLE:
                break
    return bool(tokens) and hits < tokens * MIN_STOPWORD_RATIO / 3


def _shape(line: str, counted: tuple[int, int, bool], shape_only: bool) -> _Shape:
    """A line's shape from its counts (ContextLayer._count)."""
    n, stop, ends = counted
    if stop < 0:  # CJK: no spaces, no function-word list
        prose = ends and len(line) >= CJK_PROSE_CHARS
    elif n < MIN_PROSE_WORDS:
        prose = False
    elif shape_only or (not stop and _NON_LATIN_SCRIPT.search(line)):
        prose = ends or n >= LONG_PROSE_WORDS  # a script we have no function words for
    else:
        prose = stop >= MIN_STOPWORD_RATIO * n and (ends or n >= LONG_PROSE_WORDS)
    if prose:
        return _prose_shape(n)
    several = n >= 2 if stop >= 0 else len(line.split()) >= 2  # (n counts the words split() finds, but in CJK)
    if dated(line, n):
        return _other_shape(n, True, several, False, "D")
    teaser = TEASER_WORDS <= n <= 25 and _headline_shaped(line)
    fine = "N" if line.isascii() and not line.isupper() else _fine_symbol(None, line, False, "N")  # (its first test)
    return _other_shape(n, False, several, teaser, fine)


# A shape depends on a few small values, not on the line: lines of one shape share one
# object (a page dump's memo holds a shape per distinct line; they are never changed).
@functools.lru_cache(maxsize=4096)
def _prose_shape(words: int) -> _Shape:
    """The shape of a prose line of ``words`` words (_weight, _symbol and _uncapped, written out)."""
    gain = max(float(words - PROSE_OFFSET), 1.0)
    return _Shape(words, True, False, min(gain, MAX_GOOD_WEIGHT), "P", "P", gain, True, False)


@functools.lru_cache(maxsize=4096)
def _other_shape(words: int, is_dated: bool, several: bool, teaser: bool, fine: str) -> _Shape:
    """The shape of a line that is not prose: dated (symbol D) or not (N, ``fine`` its _fine_symbol)."""
    if is_dated:
        return _Shape(words, False, True, -DATED_WEIGHT, "D", "D", 0.0, several, False)
    return _Shape(words, False, False, -(BAD_BASE + BAD_PER_WORD * words), "N", fine, 0.0, several, teaser)


def _removed_factor(category: str, rule: str) -> float:
    """How much a line another layer removed parts the article: furniture more, a gallery's lines less."""
    if category in ("caption", "embed") or rule in GALLERY:
        return GALLERY_FACTOR
    return FURNITURE_FACTOR if category in FURNITURE else 1.0


def _words(tokens: list[str]) -> Iterator[str]:
    """The _WORD words of a line split at whitespace: those of _WORD.findall(line), in another order.

    A word never spans whitespace, and a token of letters only (most of them) is one
    word as it stands, so only the others ('said,', 'well-known', '(the') go through
    the regex: a fifth less than the regex over the whole line.
    """
    return itertools.chain(
        filter(str.isalpha, tokens), _WORD.findall(" ".join(itertools.filterfalse(str.isalpha, tokens)))
    )


def _cjk_pairs(line: str) -> set[str]:
    """The pairs of adjacent CJK characters of a line (empty for other scripts).

    Korean glues particles to its words and Chinese and Japanese have no spaces,
    so a headline and its article share character pairs, not whole words.
    """
    pairs: set[str] = set()
    if line.isascii():
        return pairs  # (a flag of the str: no scan; most lines the headline block reads)
    for run in _CJK_RUN.findall(line):
        pairs.update(run[k : k + 2] for k in range(len(run) - 1))
    return pairs


def _weight(shape: _Shape) -> float:
    """Prose weighs its words beyond the first few, so short teaser blurbs count little."""
    if shape.prose:
        return min(max(float(shape.words - PROSE_OFFSET), 1.0), MAX_GOOD_WEIGHT)
    if shape.dated:
        return -DATED_WEIGHT
    return -(BAD_BASE + BAD_PER_WORD * shape.words)


def _stress_teaser_runs(sh: list[_Shape | None], weights: list[float]) -> None:
    """Runs of headline-shaped lines (other stories' titles) cost more than their lines alone.

    List items (ingredients, questions and answers, table rows) start with a
    digit or a marker, or end like a sentence; they keep their plain weight.
    ``sh`` holds the shape of each content line (None: removed).
    """
    flags = "".join(["1" if s is not None and s.teaser else "0" for s in sh])
    for m in _TEASER_RUN.finditer(flags):
        for q in range(m.start(), m.end()):
            weights[q] *= TEASER_STRESS


def _comment_section(doc: Document) -> int | None:
    """Where the comment section starts, when the tail layer found its heading but not a second line.

    A heading such as '10 thoughts on "..."' starts the comment section; the
    readers' comments under it are stamped with dates ('August 8, 2018 at
    3:17 pm'). The heading and two dated lines close below it mark the
    section; a 'Comments' button in a share bar over a byline and a video
    caption does not.
    """
    heads = sorted(
        i
        for i, (layer, rule, category) in doc.removals.whole()
        if layer == "tail" and category == "comments" and not rule.endswith(".footer")
    )
    for head in heads:
        near = [ln.stripped for ln in doc.lines[head + 1 : head + 1 + COMMENT_GAP] if not ln.blank]
        if sum(dated(t, len(t.split())) for t in near) >= 2:
            return head
    return None


def _comment_headers(doc: Document, shape_of: list[_Shape | None], barrier: int) -> set[int]:
    """Short lines between two comments of the thread below ``barrier``: a commenter's name and date.

    Only a run of at most COMMENT_HEADER short lines that no rule names and that
    end no sentence, one of them a date, with comment lines right above and
    below it: the page footer under the last comment is not the thread's.
    """
    noted = {i for i, (_, _, category) in doc.removals.whole() if category == "comments"}  # line indexes
    found: set[int] = set()
    run: list[int] = []
    above = False  # the line above the current run is a comment
    for i in range(barrier, len(doc.lines)):
        ln = doc.lines[i]
        if ln.blank:
            continue
        shape = shape_of[i]
        hits = doc.hits(i) if shape is not None else ()
        comment = (
            (ln.removed and i in noted)
            or (shape is not None and shape.prose)
            or any(h.category == "comments" for h in hits)
        )
        if comment:
            if above and 0 < len(run) <= COMMENT_HEADER and any(shape_of[k].dated for k in run):
                found.update(run)
            above, run = True, []
        elif shape is not None and not hits and shape.words <= COMMENT_HEADER_WORDS and not ends_sentence(ln.stripped):
            run.append(i)
        else:
            above, run = False, []
    return found


def _weigh_tables(
    doc: Document, content: list[int], shape_of: list[_Shape | None], weights: list[float], lo: int, hi: int
) -> None:
    """A table dumped one cell per line after a lead-in sentence weighs for the article.

    Standings or results ('1', 'Kyle Busch', '5040', '5', ...) repeat a row of
    names and numbers with a fixed period; each cell alone reads as a menu entry.
    The table must follow a sentence that ends in ':' (a menu has no lead-in),
    and its rows must hold at least two numbers each (a menu's columns of links do not).
    One pass over the run content[lo:hi] per lead-in line. A table without a lead-in
    is only kept from weighing against the article: _neutral_tables, below.
    """
    lines = [doc.lines[content[p]].stripped for p in range(lo, hi)]
    if not any(t[-1] == ":" for t in lines):
        return  # no lead-in line
    cells = ["n" if _NUMBER.fullmatch(t) else ("w" if len(t.split()) <= TABLE_CELL_WORDS else "x") for t in lines]
    p = 0
    while p < len(lines):
        lead = lines[p]
        if not (lead.endswith(":") and len(lead.split()) > MENU_WORDS):
            p += 1
            continue
        best = (0, 0)  # end of the table (exclusive), rows
        for k in range(TABLE_COLUMNS[0], TABLE_COLUMNS[1] + 1):
            # A header row of k labels may stand between the lead-in and the rows.
            for start in (p + 1, p + 1 + k):
                row = cells[start : start + k]
                if len(row) < k or row.count("n") < 2 or "x" in row:
                    continue
                if start > p + 1 and cells[p + 1 : start] != ["w"] * k:
                    continue
                end = start + k
                while end < len(cells) and cells[end] == cells[end - k]:
                    end += 1
                rows = (end - start) // k
                if rows >= TABLE_ROWS and rows > best[1]:
                    best = (start + rows * k, rows)
        if best[1]:
            for q in range(p + 1, best[0]):
                weights[lo + q] = TABLE_CELL_WEIGHT
            p = best[0]
        else:
            p += 1


_NUMBER_CELL = re.compile(r"[+\-–]?\d[\d.,:]*%?|%")  # a table cell of data: '74', '100%', '2.5', '3:45'


def _neutral_tables(sh: Sequence[_Shape | None], texts: Sequence[str], weights: MutableSequence[float]) -> None:
    """A table of data inside the article weighs nothing, for or against it (one after a
    lead-in line weighs for it: _weigh_tables, above).

    Dumped as text, a table is a column of short cells ('Pos', 'Player', 'DL',
    'Larry Ogunjobi', '63', '85%') that reads like a menu and repeats its row's
    shape like a feed, so it weighed against the article and split it: the
    paragraphs between two tables went with the page. Many cells of numbers
    close together tell a table from a menu (a menu's entries are words) and
    from a feed (a feed's are titles and dates). The cells above the first
    number (the header row) belong to it too. Weight 0 neither starts nor
    ends a run, so a table at the article's edge does not join it either.
    """
    numbers = [p for p, (s, t) in enumerate(zip(sh, texts, strict=True)) if s is not None and _NUMBER_CELL.fullmatch(t)]
    k = 0
    while k < len(numbers):
        j = k
        while j + 1 < len(numbers) and numbers[j + 1] - numbers[j] <= TABLE_GAP:
            j += 1
        if j - k + 1 >= TABLE_NUMBERS:
            lo, hi = numbers[k], numbers[j]
            while lo > 0 and numbers[k] - lo < TABLE_HEADER and _cell(sh[lo - 1]):
                lo -= 1
            for p in range(lo, hi + 1):
                s = sh[p]
                if s is not None:
                    weights[p] = max(s.weight, 0.0)
        k = j + 1


def _cell(shape: _Shape | None) -> bool:
    return shape is not None and not shape.prose and shape.words <= TABLE_HEADER_WORDS


def _lead_key(line: str) -> str:
    """How a list item opens: its first word, digits as 0; after a bare number, the next word too."""
    parts = line.lower().split(maxsplit=2)
    key = _DIGITS.sub("0", parts[0])
    if len(parts) > 1 and not any(ch.isalpha() for ch in key):
        key += " " + parts[1]
    return key


def _end_key(line: str) -> str:
    """How a list item ends: its last word, digits as 0 ('… (Group A): 10th appearance'); '$' sets it apart
    from a _lead_key."""
    word = _DIGITS.sub("0", line.lower().rsplit(maxsplit=1)[-1])
    return "$" + word if word.isalnum() else ""  # ('»', '...': no word)


def _numbered_runs(doc: Document, content: list[int], items: list[int]) -> Iterator[list[int]]:
    """Runs of LIST_ITEMS or more of ``items`` (positions in ``content``) numbered 1, 2, 3, ... in
    turn ('1) Lego ...', '2. Polistil ...'), each within LIST_GAP of the one before."""
    run: list[int] = []
    for p in items:
        m = _ITEM_NUMBER.match(doc.lines[content[p]].stripped)
        if m is None:
            continue  # a line between two items (a link, a price); LIST_GAP bounds how many
        number = int(m.group(1))
        if run and number == len(run) + 1 and p - run[-1] <= LIST_GAP:
            run.append(p)
            continue
        if len(run) >= LIST_ITEMS:
            yield run
        run = [p] if number == 1 else []
    if len(run) >= LIST_ITEMS:
        yield run


def _headline_shaped(line: str) -> bool:
    """Starts with a capital, not with a number or a list marker ('A:', '1.'), ends without punctuation."""
    first = line.split(maxsplit=1)[0]
    return (
        line[0].isupper()
        and line[-1] not in ".:;,!?)"
        and not any(ch.isdigit() for ch in first)
        and not (len(first) <= 3 and first[-1] in ":.)")
    )


def _uncapped(shape: _Shape) -> float:
    return max(float(shape.words - PROSE_OFFSET), 1.0)


def _symbol(shape: _Shape | None) -> str:
    """One letter for a line's shape: Removed, Dated, Prose, or Not prose."""
    if shape is None:
        return "R"
    if shape.prose:
        return "P"
    return "D" if shape.dated else "N"


def _periodic_regions(sig: str, min_repeats: int = 3) -> list[tuple[int, int]]:
    """Stretches where the shape sequence repeats with a short period that holds a date.

    A feed item (title, author, date, blurb) or a comment (name, date, text)
    repeated three times or more; periods made only of prose and one kind of
    short line (subheading, paragraph, paragraph) are how articles look, and are
    left alone. One pass per period: runs where sig[i] == sig[i + period].
    """
    found: list[tuple[int, int]] = []
    for period, i, end in _repeats(sig, range(2, 7), min_repeats):
        unit = sig[i : i + period]
        if end - i >= period * min_repeats and "D" in unit and len(set(unit) - {"P"}) >= 2:
            found.append((i, end))
    return found


def _repeats(sig: Sequence[str], periods: Iterable[int], times: int = 1) -> Iterator[tuple[int, int, int]]:
    """(period, start, end) of each maximal stretch where sig[k] == sig[k + period]: sig[start:end] repeats.

    Only stretches of ``times`` periods or more. With the symbols as one byte
    each, two shifted copies XORed as integers are zero where they agree, and
    one regex scan finds the runs: no Python loop over positions per period.
    """
    codes = _as_bytes(sig)
    n = len(sig)
    for period in periods:
        if n <= period:
            continue
        width = n - period
        if codes is not None:
            diff = int.from_bytes(codes[:width], "big") ^ int.from_bytes(codes[period:], "big")
            same = diff.to_bytes(width, "big").translate(_ZERO_IS_ONE)
        else:
            same = bytes([a == b for a, b in zip(sig, sig[period:], strict=False)]).translate(_ONE_IS_ONE)
        for m in _run_of(max(1, period * (times - 1))).finditer(same):
            yield period, m.start(), m.end() + period


_ZERO_IS_ONE = bytes([ord("1")] + [ord("0")] * 255)  # byte 0 (the symbols agree) -> "1"
_ONE_IS_ONE = bytes([ord("0"), ord("1")] + [ord("0")] * 254)


def _as_bytes(sig: Sequence[str]) -> bytes | None:
    """One byte per symbol, equal bytes for equal symbols (None: more than 256 kinds)."""
    if isinstance(sig, str) and sig.isascii():
        return sig.encode("ascii")
    codes: dict[str, int] = {}
    out = [codes.setdefault(sym, len(codes)) for sym in sig]
    return bytes(out) if len(codes) <= 256 else None


@functools.lru_cache(maxsize=64)
def _run_of(length: int) -> re.Pattern[bytes]:
    """A regex for a run of ``length`` ones or more."""
    return re.compile(f"1{{{length},}}".encode())


def _fine_symbol(shape: _Shape | None, line: str, repeated: bool, sym: str | None = None) -> str:
    """_symbol, with short lines told apart: K an all-capitals kicker, '=' and the words of a
    line repeated word for word (a card's share buttons), N any other (``sym``: _symbol, if known)."""
    if sym is None:
        sym = _symbol(shape)
    if sym != "N":
        return sym
    if repeated:
        return "=" + line  # the same buttons in every card: the words must match too
    if line.isascii() and not line.isupper():
        return "N"  # (in ASCII every cased character is a letter: some letter is not a capital)
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "K"
    return "N"


def _feed_regions(sig: list[str]) -> list[tuple[int, int, bool]]:
    """Stretches that repeat a card without a date, FEED_REPEATS times or more.

    A card has at most one prose line (its blurb) and either two kinds of short
    line (a kicker in capitals and a title) or a line repeated word for word
    (its share buttons); an article's subheading, paragraph, paragraph has neither.
    Each stretch comes with whether only the repeated line makes it a feed.
    """
    found: list[tuple[int, int, bool]] = []
    for period, i, end in _repeats(sig, range(2, FEED_PERIOD + 1), FEED_REPEATS):
        if "P" not in sig[i : i + period]:
            continue  # (a card holds one prose line: most stretches are removed lines repeating)
        unit = [sym[0] for sym in sig[i : i + period]]
        kinds = set(unit) & set("KN")
        if end - i >= period * FEED_REPEATS and unit.count("P") == 1 and ("=" in unit or len(kinds) >= 2):
            buttons = len(kinds) < 2
            # A card opens with its short lines: a paragraph in front is the article's last.
            start = i if buttons else i + unit.index(next(u for u in unit if u != "P"))
            found.append((start, end, buttons))
    return found


def _breadcrumb_title(
    doc: Document, kept: list[int], lines: list[str], shapes: list[_Shape], low: int, start: int
) -> int | None:
    """The line (position in ``kept``) that a removed breadcrumb above the body ends with: the page's own title.

    'Mensagens » Mensagens de Autoestima » Só quem se Ama…' names the page; the
    title line it repeats, right above or below it, may share no word with the
    body, and a menu entry may. A last crumb of a few words is a section.
    """
    for i in range(kept[low], kept[start]):
        ln = doc.lines[i]
        if not ln.removed or not any(r.id == "navigation.breadcrumb" for r in doc.hits(i)):
            continue
        last = _CRUMB.split(ln.stripped)[-1].strip()
        if len(last.split()) <= MENU_WORDS:
            continue  # 'Home » News': a section, which the menu names too
        for p in range(low, start):
            near = _adjacent(doc, kept[p], i) or _adjacent(doc, i, kept[p])
            if lines[p] == last and near and not shapes[p].prose:
                return p
    return None


def _unshared_title(
    doc: Document, kept: list[int], lines: list[str], shapes: list[_Shape], low: int, top: int
) -> int | None:
    """The title over a dek, when it shares no word with the body (position in ``kept``).

    '4 Things to Do in October' over its dek, the byline's labels ('Author:',
    a name, 'Publish date:') and the dateline at ``top``; the body says 'Oct. 5'.
    The dek, a sentence between the title and the byline, is what tells the
    headline block from a menu, whose last entry may stand over a dateline too.
    All of it stands together: nothing removed between its lines.
    """
    q = top
    while q > low and _adjacent(doc, kept[q - 1], kept[q]):
        above = lines[q - 1]
        if dated(above, len(above.split())) or _label(above):
            q -= 1
        elif q - 1 > low and _name_like(above) and _label(lines[q - 2]):
            q -= 2  # 'Author:' and the name under it
        else:
            break
    dek = q - 1
    if dek <= low or not shapes[dek].prose or not _adjacent(doc, kept[dek], kept[q]):
        return None
    title = dek - 1
    line = lines[title]
    if (
        not _adjacent(doc, kept[title], kept[dek])
        or shapes[title].prose
        or shapes[title].dated
        or not 2 <= len(line.split()) <= HELD_WORDS
        or ends_sentence(line)
        or _URL.fullmatch(line)
        or doc.hits(kept[title])
    ):
        return None
    return title


def _counter_label(doc: Document, kept: list[int], lines: list[str], p: int, below_title: bool) -> bool:
    """Under the title, a word right under a bare number is the counter's label ('2.289' /
    'letture', '858' / 'shares'), not a section label: it goes with the number."""
    return (
        below_title
        and p > 0
        and len(lines[p].split()) <= 2
        and _NUMBER.fullmatch(lines[p - 1]) is not None
        and _adjacent(doc, kept[p - 1], kept[p])
    )


def _labelled_below(doc: Document, kept: list[int], lines: list[str], title: int, start: int) -> bool:
    """Whether the headline block prints its section label under the title ('Cartoni' over the
    date): a short line there, not a name, that repeats a line of the page above the title (the
    menu entry it names). A page prints its section once, so the short line over the title is
    then the menu's last entry ('Video Game'), not a kicker. Positions are in ``kept``."""
    above = {ln.stripped for ln in doc.lines[: kept[title]] if not ln.blank}
    return any(
        _kicker_like(lines[p]) and not _name_like(lines[p]) and lines[p] in above and any(map(str.isalpha, lines[p]))
        for p in range(title + 1, start)
    )


def _label(line: str) -> bool:
    """A label of the byline block: 'Author:', 'Publish date:'."""
    return len(line.split()) <= MENU_WORDS and line.endswith(":")


def _crumb(doc: Document, kept: list[int], lines: list[str], p: int) -> bool:
    """Whether the short line at ``p`` (in ``kept``) is a breadcrumb's last crumb: it stands right
    under a line a rule removed as navigation ('Home', then 'News' or 'Opening Bell'). Such a
    line is neither a kicker nor a title line, even when the body names the section."""
    if not _kicker_like(lines[p]):
        return False
    above = _line_above(doc, kept[p])
    return above is not None and doc.lines[above].removed and any(h.category == "navigation" for h in doc.hits(above))


def _line_above(doc: Document, i: int) -> int | None:
    """The nearest line over line ``i`` that holds text (None at the top)."""
    return next((k for k in range(i - 1, -1, -1) if not doc.lines[k].blank), None)


def _tweet_marked(line: str) -> bool:
    """A line written as a post: a tweet's link, a closing hashtag, or a short line in lower case."""
    return (
        _TWEET_LINK.search(line) is not None
        or _HASHTAG_END.search(line) is not None
        or (line[0].islower() and len(line.split()) < MIN_PROSE_WORDS)
    )


def _opening_title(doc: Document, kept: list[int], lines: list[str], shapes: list[_Shape], dates: int) -> int | None:
    """The title of a text that opens with it: the headline-shaped line right over the datelines is the
    document's first line, or its second under a section label (position in ``kept``).

    A page dump opens with its <title> and menus, so its last menu entry over the dateline has lines
    above it; an article already cleaned (a second clean) opens with its headline block, and its title
    may share no word with the body (a breadcrumb or a dek named it the first time).
    """
    p = dates - 1
    if p < 0 or p > 1 or shapes[p].prose or not _headline_shaped(lines[p]) or not _adjacent(doc, kept[p], kept[dates]):
        return None
    if p == 1 and not (_kicker_like(lines[0]) and _adjacent(doc, kept[0], kept[1])):
        return None
    return p if all(doc.lines[i].blank for i in range(kept[0])) else None


def _adjacent(doc: Document, a: int, b: int) -> bool:
    """Nothing but blank lines between lines ``a`` and ``b`` (a removed line would stand between)."""
    return all(doc.lines[i].blank for i in range(a + 1, b))


def _name_like(line: str) -> bool:
    """Names and titles: two words or more, nearly all capitalised ('Meg Kinnard and Errin Haines, AP')."""
    words = line.split()
    return len(words) >= 2 and not ends_sentence(line) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _between_held(doc: Document, kept: list[int], p: int, held: list[bool]) -> bool:
    """A short line right between two lines the headline block keeps, with nothing removed between.

    Under the title, such a line over the date, made of names, is a byline without
    'By' ('Steve Peoples, AP Political Writer'), and one without numbers (counters)
    that shares words with the body an item of a short list the block's lines
    belong to (the caller checks which).
    """
    if len(held) < 3 or not (held[0] and held[2]) or len(doc.lines[kept[p]].stripped.split()) > HELD_WORDS:
        return False
    return _adjacent(doc, kept[p - 1], kept[p]) and _adjacent(doc, kept[p], kept[p + 1])


def _crumbs_of_title(doc: Document, kept: list[int], i: int) -> bool:
    """Line ``i`` is a few words and then, word for word, a kept line of CRUMB_TITLE_WORDS words or
    more that follows within HEADLINE_LINES lines: a breadcrumb whose last step is the page's title."""
    line = doc.lines[i].stripped
    pos = bisect.bisect_right(kept, i)
    for k in kept[pos : pos + 2]:
        if k - i > HEADLINE_LINES:
            break
        title = doc.lines[k].stripped
        if len(title.split()) >= CRUMB_TITLE_WORDS and len(line) > len(title) and line.endswith(title):
            return len(line[: -len(title)].split()) <= CRUMB_WORDS
    return False


def _ends_with_other(line: str, others: list[str]) -> bool:
    """A breadcrumb repeats the title at its end: 'Home Holidays <title>'."""
    return any(len(line) > len(o) and line.endswith(o) for o in others if len(o.split()) >= 3)


def _kicker_like(line: str) -> bool:
    """A section label: a few words, no digits (archive counts, dates), not a link."""
    return (
        len(line.split()) <= MENU_WORDS
        and not ends_sentence(line)
        and not any(ch.isdigit() for ch in line)
        and _URL.fullmatch(line) is None
    )


def _best_from(weights: list[float], lo: int, hi: int) -> tuple[int, int, float]:
    """The best run that starts at a position in [lo, hi), as (start, end, sum).

    One backward pass: the best run starting at k is weights[k] plus the best
    run starting at k + 1 when that is positive.
    """
    best = (lo, lo - 1, 0.0)
    run, run_end = 0.0, len(weights) - 1
    for k in range(len(weights) - 1, lo - 1, -1):
        if run > 0:
            run += weights[k]
        else:
            run, run_end = weights[k], k
        if k < hi and run > best[2]:
            best = (k, run_end, run)
    return best


def _max_segment(weights: list[float]) -> tuple[int, int, float]:
    """Kadane: the contiguous run with the largest sum, as (start, end, sum)."""
    best = (0, -1, 0.0)
    run_start, run = 0, 0.0
    for k, w in enumerate(weights):
        if run <= 0:
            run_start, run = k, w
        else:
            run += w
        if run > best[2]:
            best = (run_start, k, run)
    return best
