"""ContextLayer: the outline of the algorithm, step by step, each step in its module.

The package docstring (cleaner/layers/context/__init__.py) tells the
algorithm in plain words; here it runs, in that order. What the layer keeps
about one document between its rounds is its Memo; what a round removes is
its Found.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from cleaner.layers.base import Layer
from cleaner.layers.context.frame import cut_out, framed, furniture_edge
from cleaner.layers.context.headline import headline_block
from cleaner.layers.context.lines import Shape, line_shapes, remembered_shapes
from cleaner.layers.context.lists import weigh_lists
from cleaner.layers.context.menus import edge_menus, menus_printed_twice
from cleaner.layers.context.outside import name_outside, outside_category
from cleaner.layers.context.posts import tweet_signatures, tweet_text
from cleaner.layers.context.regions import comment_headers, comment_limit, comment_section, repeated_regions
from cleaner.layers.context.run import article_run, trailing_sentences
from cleaner.layers.context.spare import THREAD_SPARE_RATIO, spared, warning
from cleaner.layers.context.tables import neutral_tables
from cleaner.layers.context.thread import thread_end
from cleaner.layers.context.titles import crumbs_of_title, opens_with_title, page_title, page_title_line, title_anchors
from cleaner.layers.context.weigh import line_weights, removed_marks, stress_teaser_runs, weigh_as_removed
from cleaner.layers.naming import Removed, name_by_place
from cleaner.model import Document

MAX_ROUNDS = 8  # real pages settle in two or three rounds; the cap keeps pathological input linear
# The rules that name a line by its shape alone; the naming step may name such a line better.
SHAPE_RULES = frozenset({"context.menu", "context.teaser", "context.outside"})


class ContextLayer(Layer):
    """Find the article of a whole-page dump by the weight of its prose and remove the page around it."""

    name = "context"
    # Not over the extracted lines of a page: trafilatura already chose the article, and this
    # layer cost 3 points of recall there. The HTML kind runs it on its output as text
    # (Cleaner._check_as_text), so that the output cleans to itself: on a news article it
    # rarely acts there, but a listing's cards or a manual's code lines read to it as a page
    # around an article (most of the 0.013 F1 the text layers cost on WCXB dev), unless the
    # output opens with no menu-like line (frame.plain_head: then it is one document).
    kinds = frozenset({"text"})
    categories = ("boilerplate", "navigation", "related", "comments", "embed")
    blind_to = frozenset({"context"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stopwords = self.book.words("stopwords")
        self.list_headings = self.book.words("list_headings")
        self.thread_words = self.book.words("thread_words")
        self.post_labels = self.book.words("post_labels")

    def shapes(self, lines: list[str], shape_only: bool | None = None) -> list[Shape]:
        """Each line's size and whether it reads as prose; ``shape_only=None`` decides
        from the text whether our function-word lists cover its language (lines.py)."""
        return line_shapes(lines, self.stopwords, shape_only)

    def apply(self, doc: Document) -> None:
        """Find the article and remove the page around it, in rounds until one removes nothing (at most MAX_ROUNDS).

        Each round sees the previous rounds' removals as page furniture (a menu
        gone above a headline block shows what else belongs to the page). The
        last round removed nothing from the document as it is now, so a second
        run over the layer's own output removes nothing more: the chain need not
        run it again after only its own removals (``blind_to``).
        """
        memo = doc.state.get(self.name)
        if not isinstance(memo, Memo):
            memo = doc.state[self.name] = Memo()
            # A forum thread's replies are its content: they stay once they weigh half the run
            # (thread.py). Not in the HTML kind's last pass: its markup told the page's type.
            forced = self.config.page_type
            if not doc.meta.get("extracted") and forced in (None, "forum"):
                end = (
                    thread_end([ln.stripped for ln in doc.lines], self.thread_words, self.post_labels)
                    if forced is None
                    else len(doc.lines)
                )
                if end is not None:
                    memo.thread_end = end
                    doc.meta["page_type"] = "forum"
        comments_start = doc.meta.get("comments_start")
        if memo.thread_end is not None:
            comments_start = None  # a thread's replies are its content, not a comment section under it
        elif not isinstance(comments_start, int):
            comments_start = comment_section(doc)
        # An embedded post's text goes with the signature another layer removed (posts.py).
        for signature in tweet_signatures(doc):
            for k in tweet_text(doc, signature, self.stopwords):
                if self.enabled("embed", "context.tweet-text") and not self.kept_by_user(doc, k):
                    self.remove(doc, k, "context.tweet-text", "embed")
        for _ in range(MAX_ROUNDS):
            kept = doc.kept()
            if len(kept) < 3:
                return
            found = self._round(doc, kept, memo, comments_start)
            if not found:
                return
            for i, rule, category in found:
                self.remove(doc, i, rule, category)

    def _round(self, doc: Document, kept: list[int], memo: Memo, comments_start: int | None) -> Found:
        """One round over the lines ``kept``: the lines to remove, with rule and category."""
        out = Found()
        lines, stopwords, known = doc.lines, self.stopwords, memo.words
        # 1. What each kept line is: its words, prose or not, dated (lines.py).
        kept_texts = [lines[i].stripped for i in kept]
        shapes = remembered_shapes(kept_texts, stopwords, memo.counts, memo.shapes)
        shape_of: list[Shape | None] = [None] * len(lines)  # by line index; None: removed
        for i, shape in zip(kept, shapes, strict=True):
            shape_of[i] = shape
        # Lines other layers already removed still separate the article from the page: the
        # rounds read every line holding text (content), removed ones as None in sh.
        content = memo.content(doc)
        sh = [shape_of[i] for i in content]
        texts = [lines[i].stripped if s is not None else "" for s, i in zip(sh, content, strict=True)]
        # 2. What each line weighs for an article: prose for, other lines against (weigh.py).
        related, factor, removers = removed_marks(doc)
        weights = line_weights(sh, content, factor)
        # 3. Feeds and comment threads repeat a card's shape: their prose is not the article's
        #    (regions.py); nor is a run of other stories' titles (weigh.py). A table of data
        #    weighs nothing either way (tables.py).
        weigh_as_removed(weights, repeated_regions(sh, texts, content, related))
        stress_teaser_runs(sh, weights)
        neutral_tables(sh, texts, weights)
        # 4. The article cannot run on into the comment section that the tail layer found.
        limit = comment_limit(content, sh, comments_start)
        # 5. Where the page repeats its <title> as the headline (titles.py); lists and tables
        #    that continue the article from there or from its prose weigh for it (lists.py).
        anchors = title_anchors(doc, content, shape_of, stopwords, known)
        weigh_lists(doc, content, shape_of, weights, anchors, stopwords, self.list_headings)
        # 6. The article: the run of lines that weighs most, pulled under the headline (run.py).
        found = article_run(
            doc, content, shape_of, sh, weights, limit, anchors, memo.anchored, self.name in removers, stopwords, known
        )
        if found is None:
            # No article to measure the page against: a menu printed twice still goes (menus.py).
            for p in menus_printed_twice(kept_texts):
                i = kept[p]
                if self.enabled("navigation", "context.menu-twice") and not self.kept_by_user(doc, i):
                    out.append((i, "context.menu-twice", "navigation"))
            # ... and so do a page dump's header and footer menus: long runs of entries above
            # the page's first sentence and below its last (menus.py).
            twice = {i for i, _, _ in out}
            for p in edge_menus(kept_texts):
                i = kept[p]
                if i in twice or not self.enabled("navigation", "context.menu-edge") or self.kept_by_user(doc, i):
                    continue
                out.append((i, "context.menu-edge", "navigation"))
            return out
        first_line, last_line = content[found[0]], content[found[1]]
        start = next(p for p, i in enumerate(kept) if i >= first_line)
        end = max(p for p, i in enumerate(kept) if i <= last_line)
        body = start
        # 7. Its edges: the headline block above (headline.py), closing lines below (run.py).
        title_line = page_title_line(doc, content, shape_of, anchors)
        headlines = frozenset(content[a] for a in anchors)
        start, dropped = headline_block(doc, kept, shapes, start, end, stopwords, known, title_line, headlines)
        for p in dropped:
            rule, category = outside_category(doc, kept[p], shapes[p])
            if self.enabled(category, rule) and not self.kept_by_user(doc, kept[p]):
                out.append((kept[p], rule, category))
        end = trailing_sentences(doc, kept, end, stopwords, related)
        # 8. A page dump, or an article already cut out of its page (frame.py)? Told once.
        if memo.framed is None:
            # A first line whose words come back only in the prose under it, not in a headline
            # (no anchor), is the heading of a text already cut out when that text opens plainly.
            titled = opens_with_title(doc, content, shape_of, anchors, stopwords, known)
            memo.framed = (titled and (bool(anchors) or not cut_out(doc, kept, doc.removals.whole()))) or framed(
                doc, kept, shapes, start, body, doc.removals.whole(), out
            )
        if start == 0 and end == len(kept) - 1:
            return out if memo.framed else []
        barrier = content[limit] if limit < len(content) else None
        edge = -1
        if not memo.framed:
            # An article already cut out of its page: only what follows the furniture below it goes.
            past = furniture_edge(kept[end], doc.removals.whole(), barrier)
            if past is None:
                return Found()
            out, edge = Found(), past
        # 9. Every line outside goes, named by what it is (outside.py).
        headers = comment_headers(doc, shape_of, barrier) if barrier is not None else set()
        config = self.config
        # (kept_by_user, and enabled, asked only when something is disabled: this runs for every line outside)
        screen = None
        if config.disable_categories or config.disable_rules:

            def screen(i: int, rule: str, category: str) -> bool:
                return config.enabled(category, rule) and not self.kept_by_user(doc, i)

        name_outside(doc, kept, shapes, start, end, edge, barrier, headers, out.append, screen)
        # 10. A page whose sentences around the run outweigh it many times over is not one
        #     article (a thread, a listing): its sentences stay (spare.py). Not in the HTML kind's
        #     last pass, whose text the extractor chose (WCXB documentation lost 0.004 F1 there).
        if doc.meta.get("extracted"):
            return out
        thread = memo.thread_end is not None
        ratio = THREAD_SPARE_RATIO if thread else None  # None: spare.py's own SPARE_RATIO
        keep, words_kept, words_spared = spared(doc, kept, out, memo.sparing, memo.thread_end, ratio)
        if not keep:
            return out
        if not memo.sparing:
            memo.sparing = True
            if not thread:  # a thread's replies are kept by design, not by a safety net
                doc.warnings.append(warning(words_kept, words_spared, len(keep)))
        rest = Found()
        for item in out:
            if item[0] not in keep:
                rest.append(item)
        return rest

    # -- naming, once the lines to remove are settled ----------------------------
    def finish(self, doc: Document) -> None:
        """Name the lines removed by their shape alone by what they are, where the page tells
        more (cleaner/layers/naming.py). Runs after the chain has settled: no decision reads it."""
        removed = Removed.of(doc)
        shaped = removed.lines_where(lambda why: why[0] == self.name and why[1] in SHAPE_RULES)
        if (
            shaped
            and page_title(doc, shaped[0], self.stopwords, self._known_words(doc))
            and self.enabled("boilerplate", "context.page-title")
        ):
            # The dump opens with the page's <title>, which the kept headline repeats: site metadata.
            removed.rename(shaped.pop(0), "context.page-title", "boilerplate")
        if shaped and self.enabled("navigation", "context.breadcrumb"):
            # A breadcrumb glued into one line ends with the kept headline: 'Home Holidays <title>'.
            kept = doc.kept()
            crumbs = [i for i in shaped if crumbs_of_title(doc, kept, i)]
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

    def _known_words(self, doc: Document) -> dict[str, set[str]]:
        """The document's remembered content words by line text (see Memo)."""
        memo = doc.state.get(self.name)
        return memo.words if isinstance(memo, Memo) else {}


class Memo:
    """What the layer keeps for one document between rounds and runs (in doc.state), by line text."""

    __slots__ = ("_content", "anchored", "counts", "framed", "shapes", "sparing", "thread_end", "words")

    def __init__(self) -> None:
        self.counts: dict[str, tuple[int, int, bool]] = {}  # lines.count_line
        self.shapes: dict[bool, dict[str, Shape]] = {False: {}, True: {}}  # by shape_only
        self.words: dict[str, set[str]] = {}  # lines.content_words
        self.anchored: list[int] = []  # the start found under the <title>, once
        self.framed: bool | None = None  # whether page furniture stands above the article (first round)
        self.sparing = False  # the page is not one article: its sentences outside the run stay (spare.py)
        self.thread_end: int | None = None  # a forum thread's last line: sentences below it still go (thread.py)
        self._content: tuple[int, array[int]] | None = None

    def content(self, doc: Document) -> array[int]:
        """Indexes of the lines holding text, removed or not (only a cut can blank a line).

        An array: it lives as long as the document, and a list of Python ints would
        cost 36 bytes a line (more than a page dump's average line).
        """
        if self._content is None or self._content[0] != len(doc.recut):
            self._content = (len(doc.recut), array("q", (i for i, ln in enumerate(doc.lines) if not ln.blank)))
        return self._content[1]


class Found:
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
