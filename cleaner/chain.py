"""The Cleaner: decode, HTML to text when needed, then the text layers in order.

Build one Cleaner and reuse it: rules are loaded and compiled once, in the
constructor, so a scraper pays the set-up once, not per document.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, overload

from cleaner.config import Config
from cleaner.decode import decode_pieces, has_markup, http_headers_end, looks_like_html
from cleaner.layers import TEXT_LAYERS, Layer
from cleaner.match import RuleBook, RuleIndex
from cleaner.model import SAFETY_NET_WARNING, Document, Removal, Result
from cleaner.names import check_known, check_rules, rule_ids
from cleaner.rules import builtin_lexicon, builtin_rules
from cleaner.template import Template, TemplateLearner

# The safety net's trigger, here so that text input never imports the HTML layer (cleaner/html.py
# says how it was measured): the cleaned HTML output holds under this share of the words in the
# page's paragraphs.
SAFETY_SHARE = 0.2

if TYPE_CHECKING:
    from cleaner.blocks import PageText

KINDS = ("auto", "text", "html")
# A removal can change the context another rule reads (a line becomes the last
# one, or stands alone between prose), so the layers run again until a pass
# removes nothing. Real pages settle in two or three passes; the cap only
# bounds pathological input.
MAX_PASSES = 8
# The response headers of a page saved with `curl -i` (Cleaner._http_headers).
HTTP_LAYER, HTTP_RULE, HTTP_CATEGORY = "http", "http.headers", "boilerplate"
# Layers whose removals refuse a cut of run-together blocks (Cleaner._one_block_a_line). A piece
# the other layers remove is judged by its own words ("Learn More", "Sponsored", a photo credit);
# these judge a line by where it stands or what stands around it (the page's shape, the last
# prose line, a line seen before), and the cut moves both. Measured on WCXB dev, HTML mode,
# against refusing every cut the check would clean: listing 0.6099 -> 0.6106, every other type
# level (within 0.0001); ScrapingHub unchanged; pages with run-together lines
# (benchmarks.structure) 12 -> 8. Taking duplicate's removals too cost documentation 0.0006 (an
# API manual repeats a field's description), byline's cost collection 0.0001 ("by" and "per"
# alone), tail's cost forum 0.0001 (a quote's "member said:").
BLOCK_CUT_REFUSED = frozenset({"context", "script", "duplicate", "byline", "tail"})
MAX_CHECKS = 4  # rounds of cleaning the output again; one almost always settles it


class HtmlDisabledError(ValueError):
    """HTML input with the html layer turned off (the command words the advice its own way)."""


@dataclass(slots=True)
class _Extracted:
    """A document after decoding and HTML extraction, before the text layers."""

    text: str
    kind: str
    removals: list[Removal]
    title: str | None
    pieces: Iterator[str] | None = None  # the text still to decode, a piece at a time (text is "" then)
    page_type: str | None = None  # HTML input: the kind of page (cleaner/pagetype.py)
    source: str | None = None  # HTML input: the page, for the safety net's second extraction
    prose_words: int = 0  # HTML input: words in the page's paragraphs (html.page_prose)
    warnings: list[str] = field(default_factory=list)  # what could not be read (Result.warnings)
    layout: PageText | None = None  # HTML input: where the page's blocks start (cleaner/blocks.py)


def _only_by(doc: Document, since: tuple[int, int, object], layers: frozenset[str]) -> bool:
    """Whether every change to ``doc`` since ``(version, removal count)`` is a line removed by one of ``layers``."""
    if not layers:
        return False
    version, count = since[0], since[1]
    new = len(doc.removals) - count
    # A removal bumps the version once; a cut bumps it once for all its spans (and is not whole).
    if doc.version - version != new:
        return False
    whole = 0
    for _, (layer, _, _) in doc.removals.whole(count):
        if layer not in layers:
            return False
        whole += 1
    return whole == new


def _settle(doc: Document, layers: list[Layer]) -> None:
    """Run ``layers`` over ``doc`` in passes until one removes nothing (at most MAX_PASSES)."""
    # A layer is skipped when nothing changed since it last ran and removed nothing:
    # on the same document it would remove nothing again. (Layers are deterministic
    # functions of the document; the version counts every removal and cut.) A layer
    # blind to some layers' removals (its own among them) is also skipped when only
    # those changed the document: it reads the document as if they had not happened.
    settled: dict[int, tuple[int, int, dict[str, object]]] = {}  # version, removals, meta
    for _ in range(MAX_PASSES):
        before = len(doc.removals)
        for n, layer in enumerate(layers):
            last = settled.get(n)
            if last is not None and last[2] == doc.meta:
                if last[0] == doc.version:
                    continue
                if _only_by(doc, last, layer.blind_to):
                    settled[n] = (doc.version, len(doc.removals), last[2])
                    continue
            version, count, meta = doc.version, len(doc.removals), dict(doc.meta)
            layer.apply(doc)
            if doc.meta == meta and (doc.version == version or _only_by(doc, (version, count, meta), layer.blind_to)):
                settled[n] = (doc.version, len(doc.removals), meta)
        if len(doc.removals) == before:
            break


def _text_page_type(doc: Document, forced: str | None) -> str | None:
    """The kind of page a text input is: the one the user forced, else "forum" when its lines
    read as a thread, else None (text mode tells no other kind apart yet)."""
    if forced is not None:
        return forced
    found = doc.meta.get("page_type")
    return found if isinstance(found, str) else None


class Cleaner:
    """A configured filter chain. Thread-safe to share: layers keep no per-document state."""

    def __init__(self, config: Config | None = None, *, extra_layers: Sequence[type[Layer]] = ()) -> None:
        self.config = config or Config()
        rules = [*builtin_rules(self.config.languages), *self.config.extra_rules]
        self.book = RuleBook(tuple(rules), builtin_lexicon(self.config.languages))
        # User layers run before the duplicate layer, which should see the final text.
        classes = [*TEXT_LAYERS[:-1], *extra_layers, TEXT_LAYERS[-1]]
        # A misspelt name would turn nothing off while the user believes it did: refuse it.
        names = [cls.name for cls in classes]
        check_known(self.config.disable_layers, ["html", *names], "layer")
        if self.config.disable_rules:
            check_rules(self.config.disable_rules, rule_ids(names, self.config.extra_rules))
        self.layers: list[Layer] = [
            cls(self.config, self.book) for cls in classes if cls.name not in self.config.disable_layers
        ]
        # Disabled rules stay in the index: layers only act on their own enabled
        # rules, and the context layer must see that a user asked to keep a line.
        self.index = RuleIndex([r for r in rules if not r.names])

    @property
    def layer_names(self) -> list[str]:
        return [layer.name for layer in self.layers]

    def clean_document(self, content: str | bytes, *, kind: str = "auto", template: Template | None = None) -> Result:
        """Clean one document and explain every removal.

        ``template`` is the learned template of the document's site, for a caller
        that learns it itself (the command's worker processes); see clean_batch.
        """
        ex = self._extract(content, kind, whole=False)
        return self._clean_text(ex, {"template": template} if template else None)

    def extract_text(self, content: str | bytes, *, kind: str = "auto") -> str:
        """The text the text layers would see (HTML extracted): what a site template is learned from."""
        return self._extract(content, kind, explain=False).text

    def _extract(self, content: str | bytes, kind: str, *, whole: bool = True, explain: bool = True) -> _Extracted:
        """Decode, detect the kind, and for HTML extract the text: everything before the text layers.

        Unless ``whole`` is asked for, decoded text input stays in pieces that the
        Document splits one by one: a 100 MB input is never one str beside its lines.
        ``explain=False`` is for a caller that reads only the text: the HTML layer
        then records no removals (see html_to_text).
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if not isinstance(content, str | bytes):
            raise TypeError(f"cleaner cleans str or bytes (text or HTML), not {type(content).__name__}")
        if isinstance(content, bytes):
            pieces = decode_pieces(content)
            # A byte-order mark is an encoding signature, not text: decoding drops it,
            # and the ones that follow go the same way. What looks_like_html reads
            # (the first 4096 characters) is in the first piece but for odd input.
            text = ""
            for piece in pieces:
                text = (text + piece).lstrip("\ufeff")
                if len(text) > 4096:
                    break
        else:
            pieces = iter(())
            # A str that still starts with a byte-order mark is read as decoded bytes would be.
            text = content.lstrip("\ufeff")
        text, head = self._http_headers(text)
        if kind == "auto":
            kind = "html" if looks_like_html(text) else "text"
        if kind == "text" and not whole:
            return _Extracted("", kind, head, None, itertools.chain((text,), pieces))
        text = "".join((text, *pieces))
        if kind == "html" and not has_markup(text):
            # A plain text given as HTML: as HTML its line breaks would be spaces and the whole
            # text one line. With no tag to read there is nothing for the html layer to do, so
            # it is cleaned as the text it is, line by line (Result.kind says "text").
            kind = "text"
        if kind == "html":
            if "html" in self.config.disable_layers:
                raise HtmlDisabledError("the html layer is disabled; pass kind='text' to clean the markup as text")
            # Imported on first use: trafilatura takes longer to import than a text batch
            # of a few pages takes to clean, and text-only users never need it.
            from cleaner.html import html_to_text

            out = html_to_text(
                text,
                favor_precision=self.config.html_favor_precision,
                include_tables=self.config.html_include_tables,
                explain=explain,
                page_type=self.config.page_type,
            )
            return _Extracted(
                out.text,
                kind,
                [*head, *out.removals],
                out.title,
                page_type=out.page_type,
                source=text,
                prose_words=out.prose_words,
                warnings=out.warnings,
                layout=out.layout,
            )
        return _Extracted(text, kind, head, None)

    def _http_headers(self, text: str) -> tuple[str, list[Removal]]:
        """Blank out the HTTP response headers ``curl -i`` saves above a page, and record them.

        Each header line becomes an empty line rather than going, so every later
        line keeps its number (the removals of text and HTML input name input lines).
        """
        end = http_headers_end(text) if text.startswith("HTTP/") else 0
        if not end or not self.config.enabled(HTTP_CATEGORY, HTTP_RULE):
            return text, []
        block = text[:end]
        lines = block.count("\n")
        removal = Removal(HTTP_LAYER, HTTP_RULE, HTTP_CATEGORY, block.rstrip("\r\n"), 1, lines - 1)
        return "\n" * lines + text[end:], [removal]

    def _clean_text(self, ex: _Extracted, meta: dict[str, object] | None = None, *, name: bool = True) -> Result:
        """Run the text layers over extracted text; ``meta`` carries per-document facts (a template).

        ``name=False`` is for a caller that reads only the text: it skips the layers' naming
        step, and the Result holds no removals (a Removal object for each removed line cost
        about a twentieth of the run).
        """
        doc = Document(ex.pieces if ex.pieces is not None else ex.text, meta=meta, index=self.index)
        if ex.kind == "html":  # the layers read the page's kind too (a forum's quoted posts: layers/duplicate.py)
            doc.meta = {**doc.meta, "page_type": ex.page_type}
        ex.pieces = None
        ex.text = ""  # the lines hold the text now; a decoded 100 MB str need not outlive the split
        layers = [layer for layer in self.layers if ex.kind in layer.kinds]
        _settle(doc, layers)
        # Text input is not checked: on a page whose article the context layer cannot hold,
        # each second clean takes more of it, and the check would take it all (ScrapingHub
        # 6a72de37 went from 102 lines to 5 before the layer read its tables as the article's).
        # Dropping the article is worse than a second clean that removes more; such a page is
        # fixed in the layer (see the README, "What happens on bad input").
        text = self._check_as_text(doc) if ex.kind == "html" else doc.render()
        if ex.kind == "html" and len(text.split()) < SAFETY_SHARE * ex.prose_words:
            kept = self._safety_net(ex, text, meta, layers, name=name)
            if kept is not None:
                return kept
        if ex.layout is not None:
            text = self._one_block_a_line(doc, ex.layout)
        # Which lines go is settled: now each layer may name again what it removed by a line's place.
        for layer in layers if name else ():
            layer.finish(doc)
        doc.lines = []  # the line objects go before the removals are made (their texts stay with them)
        removals = [*ex.removals, *doc.removals.in_order()] if name else []
        # Text input: the context layer tells a forum thread by its lines (layers/context/thread.py).
        page_type = ex.page_type if ex.kind == "html" else _text_page_type(doc, self.config.page_type)
        return Result(text, removals, ex.kind, ex.title, page_type, [*ex.warnings, *doc.warnings])

    def _safety_net(
        self, ex: _Extracted, text: str, meta: dict[str, object] | None, layers: list[Layer], *, name: bool
    ) -> Result | None:
        """The page's plain extraction, when the cleaned ``text`` lost the article it holds (or None).

        The cleaned text holds under SAFETY_SHARE of the words in the page's
        paragraphs (cleaner/html.py says how that was measured): a wrapper was
        pruned, a small block extracted, or the last text pass read the
        extraction as a page around a small article. trafilatura's default
        extraction of the page as it came is kept instead when it holds over
        1/SAFETY_TAKE times as many words, cleaned by ``layers`` (the line rules
        the HTML kind runs, as the first text was), but not cleaned once more as text: that last pass is what
        may take the article (so a second clean of this output may remove
        more). The Result says so in its warnings.
        """
        from cleaner.html import EXTRACT_OPTIONS, PAGE_TYPE_OPTIONS, SAFETY_TAKE, plain_extraction

        assert ex.source is not None
        options = {**EXTRACT_OPTIONS, **PAGE_TYPE_OPTIONS.get(ex.page_type or "", {})}
        second = plain_extraction(
            ex.source,
            include_comments=bool(options["include_comments"]),
            include_tables=self.config.html_include_tables,
            explain=name,
        )
        words = len(text.split())
        if second is None or words >= SAFETY_TAKE * len(second.text.split()):
            return None
        doc = Document(second.text, meta={**(meta or {}), "page_type": ex.page_type}, index=self.index)
        _settle(doc, layers)
        out = doc.render()
        for layer in layers if name else ():
            layer.finish(doc)
        warning = (
            f"{SAFETY_NET_WARNING} the cleaned text kept {words} words, under {SAFETY_SHARE:.0%} of the "
            f"{ex.prose_words} words in the page's paragraphs, so trafilatura's plain extraction of the page "
            f"({len(out.split())} words after the line rules) is kept instead"
        )
        before = [r for r in ex.removals if r.layer != "html"]  # what went before the page was read (HTTP headers)
        removals = [*before, *second.removals, *doc.removals.in_order()] if name else []
        return Result(out, removals, ex.kind, ex.title, ex.page_type, [*ex.warnings, warning])

    def _one_block_a_line(self, doc: Document, layout: PageText) -> str:
        """``doc``'s text with the blocks trafilatura ran together on one line cut apart, where the page starts them.

        The cut changes only whitespace (cleaner/blocks.py), but the cut text must
        clean to itself (``clean(clean(page)) == clean(page)``), so it is cleaned
        as text until it does. A piece the line rules then remove (a "Learn More"
        button, a "Sponsored" label, a photo credit, a paragraph now seen twice)
        was noise hidden inside a run-together line: it goes, recorded on ``doc``
        as a cut of its line. When a layer that reads the page's shape
        (BLOCK_CUT_REFUSED) would remove anything, the cut is not taken: a
        listing's cards or a manual's menu line, once cut, read to it as a page
        dump around an article (on WCXB dev, cutting before the check pass lost
        listing F1 0.605 -> 0.586 and documentation 0.874 -> 0.863).
        """
        from cleaner.blocks import split_pieces  # (with the html layer: lxml, imported on first use)

        rows: list[int] = []
        text = doc.render(rows)
        pieces = split_pieces(text, layout)
        if len(pieces) == text.count("\n") + 1:
            return text
        cut = "\n".join(piece for _, _, piece in pieces)
        check = Document(cut, meta={"page_type": doc.meta.get("page_type")}, index=self.index)
        settled = self._check_as_text(check)
        if not check.removals:
            return cut
        if any(r.layer in BLOCK_CUT_REFUSED for r in check.removals):
            return text
        spans: dict[int, list[tuple[int, int, str, str, str]]] = {}
        for r in check.removals:
            row, offset, piece = pieces[r.line - 1]
            offset += len(piece) - len(piece.lstrip("\ufeff"))  # (a Document drops a line's leading BOM)
            start, end = (r.start, r.end) if r.start is not None and r.end is not None else (0, len(piece))
            spans.setdefault(rows[row], []).append((offset + start, offset + end, r.layer, r.rule, r.category))
        for i, cuts in spans.items():
            for start, end, layer, rule, category in sorted(cuts, reverse=True):  # right to left: offsets hold
                doc.cut(i, start, end, layer, rule, category)
        return settled

    def _check_as_text(self, doc: Document) -> str:
        """Clean the HTML-mode output again as the text it now is until that changes nothing; return it.

        ``clean(clean(page)) == clean(page)`` must hold, but the HTML kind skips
        the layers meant for page dumps, and every layer read the extracted
        lines with the removed ones still in place. So the output is cleaned
        once more exactly as ``clean(text)`` would clean it (text layers, no
        template), and what that pass removes is recorded on ``doc`` like any
        other removal, at its extracted line. On the 181 benchmark pages the
        first check settles every one and costs no recall.
        """
        for _ in range(MAX_CHECKS):
            rows: list[int] = []  # the line of doc behind each line of text
            text = doc.render(rows)
            # "extracted": the text is what the extractor chose as the page's content, not a page dump.
            check = Document(text, meta={"extracted": True, "page_type": doc.meta.get("page_type")}, index=self.index)
            for ln, i in zip(check.lines, rows, strict=True):
                if i >= 0 and ln.stripped == doc.lines[i].stripped:
                    ln.hits = doc.lines[i].hits  # the rules that match it, if the first pass asked (the same index)
            _settle(check, [layer for layer in self.layers if "text" in layer.kinds])
            if not check.removals:
                return text
            cuts: dict[int, list[tuple[int, int, str, str, str]]] = {}
            for r in check.removals:
                i = rows[r.line - 1]
                if r.start is None or r.end is None:
                    doc.remove(i, r.layer, r.rule, r.category)
                else:
                    cuts.setdefault(i, []).append((r.start, r.end, r.layer, r.rule, r.category))
            for i, spans in cuts.items():
                # Offsets are into the line as checked: doc's current text, less a byte-order mark
                # a cut left at its start (a Document drops those). Cut right to left.
                text_now = doc.lines[i].text
                shift = len(text_now) - len(text_now.lstrip("\ufeff"))
                for start, end, layer, rule, category in sorted(spans, reverse=True):
                    doc.cut(i, start + shift, end + shift, layer, rule, category)
        return doc.render()

    def clean(self, content: str | bytes, *, kind: str = "auto") -> str:
        """Clean one document and return only the text (the same text clean_document gives: its removals are
        neither named nor made into Removal objects, since nobody reads them)."""
        return self._clean_text(self._extract(content, kind, whole=False, explain=False), name=False).text

    # -- batches of one site ---------------------------------------------------
    @overload
    def clean_batch(
        self,
        contents: Iterable[str | bytes],
        *,
        kind: str = ...,
        groups: Iterable[str | None] | None = ...,
        return_exceptions: Literal[False] = ...,
    ) -> list[Result]: ...

    @overload
    def clean_batch(
        self,
        contents: Iterable[str | bytes],
        *,
        kind: str = ...,
        groups: Iterable[str | None] | None = ...,
        return_exceptions: bool,
    ) -> list[Result | Exception]: ...

    def clean_batch(
        self,
        contents: Iterable[str | bytes],
        *,
        kind: str = "auto",
        groups: Iterable[str | None] | None = None,
        return_exceptions: bool = False,
    ) -> list[Result] | list[Result | Exception]:
        """Clean many documents, also removing each site's template (lines most of its pages repeat).

        ``groups`` names the site of each document (``cleaner.template.site_of(url)``,
        or a folder); documents of one group share a learned template, a document
        whose group is None gets none, and ``groups=None`` makes the batch one group.
        Two passes: extract every text once, learn a template per group, then clean.
        ``contents`` may be any iterable of str or bytes; it is read into a list.
        Returns a list of ``Result`` (text, removals, kind), in input order. A bad document raises, unless
        ``return_exceptions`` is set: then its slot holds the exception and the
        others are still cleaned (one bad file does not stop a batch).
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        docs = list(contents)  # any iterable (a generator too): the batch is read twice
        sites = [""] * len(docs) if groups is None else list(groups)
        if len(sites) != len(docs):
            raise ValueError(f"groups has {len(sites)} entries for {len(docs)} documents")
        learn = "template" in self.layer_names
        learners: dict[str, TemplateLearner] = {}
        extracted: list[_Extracted | Exception] = []
        for content, group in zip(docs, sites, strict=True):
            try:
                ex = self._extract(content, kind)
            except Exception as exc:
                if not return_exceptions:
                    raise
                extracted.append(exc)
                continue
            extracted.append(ex)
            if learn and group is not None:
                learners.setdefault(group, TemplateLearner()).add(ex.text)
        templates = {group: learner.template() for group, learner in learners.items()}
        results: list[Result | Exception] = []
        for ex, group in zip(extracted, sites, strict=True):
            if isinstance(ex, Exception):
                results.append(ex)
                continue
            template = templates.get(group) if group is not None else None
            try:
                results.append(self._clean_text(ex, {"template": template} if template else None))
            except Exception as exc:
                if not return_exceptions:
                    raise
                results.append(exc)
        return results
