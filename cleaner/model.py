"""What the chain works on (Document, Line) and what it returns (Result, Removal).

Layers never rewrite a line. They either drop a whole line or cut a span out
of it (junk glued into prose), and every drop or cut becomes a Removal, so the
output can always be explained line by line.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, overload

from cleaner.text import is_prose

CATEGORIES: tuple[str, ...] = (
    "script",
    "comments",
    "caption",
    "source-tail",
    "navigation",
    "embed",
    "banner",
    "promo",
    "related",
    "byline-credit",
    "duplicate",
    "boilerplate",
)
"""The category names of ../shared/GOLDEN-GUIDE.md; every removal carries one."""

PAGE_TYPES: tuple[str, ...] = ("article", "forum", "product", "collection", "listing", "documentation", "service")
"""The kinds of page HTML input is read as (cleaner/pagetype.py tells them apart)."""


@dataclass(frozen=True, slots=True)
class Removal:
    """One thing the cleaner removed, and why.

    ``line``/``end_line`` are 1-based input line numbers for text input (for
    HTML input: the source line of the pruned node, or the line of the
    extracted text). ``start``/``end`` are set for a cut inside a kept line:
    the character offsets of the removed span in the input line.
    """

    layer: str
    rule: str
    category: str
    text: str
    line: int | None = None
    end_line: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, object]:
        # Spelled out: dataclasses.asdict deep-copies, and a report may hold millions of these.
        return {
            "layer": self.layer,
            "rule": self.rule,
            "category": self.category,
            "text": self.text,
            "line": self.line,
            "end_line": self.end_line,
            "start": self.start,
            "end": self.end,
        }


_new_object = object.__new__
# Each field's slot, set directly. The frozen dataclass's own __init__ sets each field through
# object.__setattr__, which takes about twice as long, and a report may hold millions of removals.
_SET_FIELDS = tuple(Removal.__dict__[name].__set__ for name in Removal.__slots__)


def _removal(
    layer: str, rule: str, category: str, text: str, line: int, start: int | None = None, end: int | None = None
) -> Removal:
    """``Removal(layer, rule, category, text, line, line, start, end)``, made faster (text input: end_line is line)."""
    made = _new_object(Removal)
    set_layer, set_rule, set_category, set_text, set_line, set_end_line, set_start, set_end = _SET_FIELDS
    set_layer(made, layer)
    set_rule(made, rule)
    set_category(made, category)
    set_text(made, text)
    set_line(made, line)
    set_end_line(made, line)
    set_start(made, start)
    set_end(made, end)
    return made


# The HTML safety net's warning starts so (cleaner/chain.py): the text is whole, its plain
# extraction kept, so the command does not fail the input for it.
SAFETY_NET_WARNING = "safety net:"


def is_loss(warning: str) -> bool:
    """Whether a warning says part of the input is missing from the text (the command exits 1 for it)."""
    return not warning.startswith(SAFETY_NET_WARNING)


@dataclass(slots=True)
class Result:
    """The cleaned text plus the explanation of every removal."""

    text: str
    removals: list[Removal] = field(default_factory=list)
    kind: str = "text"
    title: str | None = None
    # The kind of page, forced or detected: HTML by its markup (cleaner/pagetype.py), text only
    # "forum" so far, by its lines (cleaner/layers/context/thread.py); None: not told.
    page_type: str | None = None
    warnings: list[str] = field(default_factory=list)  # what may be missing from text, and why (never silent)

    def categories(self) -> dict[str, int]:
        """Removals counted by category, for summaries."""
        counts: dict[str, int] = {}
        for r in self.removals:
            counts[r.category] = counts.get(r.category, 0) + 1
        return counts


class Line:
    """One input line. ``text`` only ever loses cut spans; ``removed`` drops it whole.

    ``stripped``, ``blank`` and ``hits`` (the whole-line rules that match) are
    computed once, because every layer asks for them. A line does not store its
    number (it is its index in ``Document.lines`` plus one): a 100 MB dump has
    two million lines, and each slot or int costs them all.
    """

    __slots__ = ("blank", "cuts", "hits", "removed", "stripped", "text")

    def __init__(self, text: str) -> None:
        self.removed = False
        self.cuts: list[tuple[int, int]] | None = None  # made on the first cut: most lines have none
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.stripped = text.strip()
        self.blank = not self.stripped
        self.hits: tuple | None = None

    def __repr__(self) -> str:
        return f"Line({self.text!r}{', removed' if self.removed else ''})"


_BLANK = Line("")


class Removals(Sequence[Removal]):
    """The removals of one document in the order they were made, stored compactly.

    A Removal object costs ~130 bytes, and a page dump may lose two million
    lines: the log keeps the text (shared with the line), one int per removal
    for the line number and one for the (layer, rule, category) triple, and
    the span of the rare cuts, and makes Removal objects only when read.
    """

    __slots__ = ("_codes", "_lines", "_spans", "_texts", "_why", "_whys")

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._lines = array("q")  # 1-based input line (line == end_line for a text document)
        self._why = array("I")  # index into _whys
        self._whys: list[tuple[str, str, str]] = []
        self._codes: dict[tuple[str, str, str], int] = {}
        self._spans: dict[int, tuple[int, int]] = {}  # position -> (start, end), for cuts

    def add(
        self, layer: str, rule: str, category: str, text: str, line: int, span: tuple[int, int] | None = None
    ) -> None:
        why = (layer, rule, category)
        code = self._codes.get(why)
        if code is None:
            code = self._code(why)
        if span is not None:
            self._spans[len(self._texts)] = span
        self._texts.append(text)
        self._lines.append(line)
        self._why.append(code)

    def _code(self, why: tuple[str, str, str]) -> int:
        code = self._codes[why] = len(self._whys)
        self._whys.append(why)
        return code

    def _make(self, pos: int) -> Removal:
        layer, rule, category = self._whys[self._why[pos]]
        line = self._lines[pos]
        span = self._spans.get(pos)
        if span is None:
            return _removal(layer, rule, category, self._texts[pos], line)
        return _removal(layer, rule, category, self._texts[pos], line, span[0], span[1])

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, pos: int) -> Removal: ...

    @overload
    def __getitem__(self, pos: slice) -> list[Removal]: ...

    def __getitem__(self, pos: int | slice) -> Removal | list[Removal]:
        if isinstance(pos, slice):
            return [self._make(p) for p in range(*pos.indices(len(self)))]
        n = len(self._texts)
        if not -n <= pos < n:
            raise IndexError("removal index out of range")
        return self._make(pos % n)

    def __iter__(self) -> Iterator[Removal]:
        return map(self._make, range(len(self._texts)))

    def __repr__(self) -> str:
        return f"Removals({list(self)!r})"

    def whole(self, start: int = 0) -> Iterator[tuple[int, tuple[str, str, str]]]:
        """(line index, (layer, rule, category)) of each whole-line removal from position
        ``start`` on, in the order made: what layers read of the removals, without a
        Removal object made for each (the triples are shared)."""
        lines, why = (self._lines, self._why) if not start else (self._lines[start:], self._why[start:])
        found = zip(map((-1).__add__, lines), map(self._whys.__getitem__, why), strict=True)
        if not self._spans:
            return found
        cuts = self._spans
        return (item for pos, item in enumerate(found, start) if pos not in cuts)

    def positions(self, lines: int) -> array:
        """Line index -> position of its whole-line removal (-1: none), for a document of ``lines``
        lines: how the naming step finds a line's removal without an object per removal."""
        at = array("i", [-1]) * lines
        cuts = self._spans
        for pos, line in enumerate(self._lines):
            if not cuts or pos not in cuts:
                at[line - 1] = pos
        return at

    def why_at(self, pos: int) -> tuple[str, str, str]:
        """(layer, rule, category) of removal ``pos`` as it is now."""
        return self._whys[self._why[pos]]

    def lines_where(self, wanted: Callable[[tuple[str, str, str]], bool]) -> list[int]:
        """Line indexes, in order, of the whole-line removals whose (layer, rule, category) is ``wanted``."""
        codes = {code for code, why in enumerate(self._whys) if wanted(why)}
        if not codes:
            return []
        cuts = self._spans
        found = [
            line - 1
            for pos, (line, code) in enumerate(zip(self._lines, self._why, strict=True))
            if code in codes and (not cuts or pos not in cuts)
        ]
        found.sort()
        return found

    def rename(self, pos: int, rule: str, category: str) -> None:
        """Give removal ``pos`` another rule and category; its layer, text and line stay."""
        layer = self._whys[self._why[pos]][0]
        why = (layer, rule, category)
        code = self._codes.get(why)
        self._why[pos] = code if code is not None else self._code(why)

    def in_order(self) -> Iterator[Removal]:
        """The removals by input line, then by start offset (a whole-line removal counts as 0), each
        tie in the order made: what sorting them would give, without a sort key per removal.

        A counting sort over the line numbers: two arrays of one int each per line and per removal.
        """
        lines, spans = self._lines, self._spans
        n = len(lines)
        if not n:
            return
        if not spans:
            # Whole-line removals only (the usual case): at most one per line, so a slot per line is the order.
            slot = array("q", [-1]) * (max(lines) + 1)
            for pos, line in enumerate(lines):
                if slot[line] >= 0:
                    break  # a line removed twice (not by Document.remove): the general way below
                slot[line] = pos
            else:
                texts, why, whys = self._texts, self._why, self._whys
                for line, pos in enumerate(slot):
                    if pos >= 0:
                        layer, rule, category = whys[why[pos]]
                        yield _removal(layer, rule, category, texts[pos], line)
                return
        head = array("q", [-1]) * (max(lines) + 1)
        after = array("q", [-1]) * n
        for pos in range(n - 1, -1, -1):  # backwards: each line's chain comes out in the order made
            line = lines[pos]
            after[pos] = head[line]
            head[line] = pos
        make = self._make
        for pos in head:
            if pos < 0:
                continue
            if after[pos] < 0:
                yield make(pos)
                continue
            group = []
            while pos >= 0:
                group.append(pos)
                pos = after[pos]
            group.sort(key=lambda p: spans[p][0] if p in spans else 0)  # stable: ties stay in order made
            yield from map(make, group)


class LineRules(Protocol):
    """What a Document asks of its rule index (cleaner.match.RuleIndex, which the chain builds).

    A protocol, so that the imports go one way: this module imports neither the
    rules nor the matcher; cleaner.rules imports it and cleaner.match imports the rules.
    """

    def hits(self, line: str) -> tuple:
        """The whole-line rules matching the stripped ``line``, in rule order."""
        ...


class Document:
    """The lines of one text input as the chain sees it, plus its removals."""

    def __init__(
        self,
        text: str | Iterable[str],
        lang: str | None = None,
        meta: dict[str, object] | None = None,
        index: LineRules | None = None,
    ) -> None:
        # Built piece by piece (a str is cut into pieces at line breaks, decode_chunks
        # gives pieces): the split of a 100 MB text never exists whole beside the lines.
        self.lines: list[Line] = []
        pending: list[str] = []  # text after a piece's last LF: the start of the next line
        for piece in _pieces(text) if isinstance(text, str) else text:
            cut = piece.rfind("\n") + 1
            if not cut:
                pending.append(piece)
                continue
            if pending:
                pending.append(piece[:cut])
                self._split("".join(pending), last=False)
                pending.clear()
            else:
                self._split(piece if cut == len(piece) else piece[:cut], last=False)
            if cut < len(piece):
                pending.append(piece[cut:])
        self._split("".join(pending), last=True)
        self.removals = Removals()
        self.lang = lang
        self.meta: dict[str, object] = meta or {}
        self.index = index
        # What a layer wants the Result to say about this document (Result.warnings).
        self.warnings: list[str] = []
        # Bumped by every removal and cut: what layers derive from the whole
        # document (the kept lines, the last prose line) is cached per version,
        # because a dozen layers ask for it and most of them remove nothing.
        self.version = 0
        # Lines whose text a cut changed, in order (repeats allowed): a layer that
        # checks each line's text on its own need only re-check these on a later pass.
        self.recut: list[int] = []
        # Layers' own bookkeeping for this document, by layer name (layers are shared
        # between documents and threads, so they keep none on themselves).
        self.state: dict[str, object] = {}
        self._kept: tuple[int, list[int]] | None = None
        self._hit_lines: tuple[int, list[int]] | None = None
        self._hit_base: tuple[int, list[int]] | None = None
        self._last_prose: tuple[int, int] | None = None

    def _split(self, text: str, *, last: bool) -> None:
        """Add the lines of ``text``: whole lines ending in LF, or (``last``) the rest of the input."""
        parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if not last:
            parts.pop()  # the empty string after the final LF
        if "\ufeff" in text:
            # A byte-order mark at a line's start is an encoding signature that
            # concatenated files leave behind, not text: it goes like whitespace,
            # so a cleaned text never starts with one (and cleans to itself).
            parts = [p.lstrip("\ufeff") for p in parts]
        if last and parts and parts[-1] == "":
            parts.pop()
        # Blank lines are layout, never removed or cut: one shared object stands
        # for all of them (a file of blank lines would otherwise cost ~150 bytes each).
        self.lines.extend([Line(t) if t and not t.isspace() else _BLANK for t in parts])

    def hits(self, index: int) -> tuple:
        """The whole-line rules matching line ``index`` (cached; empty without a rule index)."""
        ln = self.lines[index]
        if ln.hits is None:
            ln.hits = self.index.hits(ln.stripped) if self.index is not None else ()
        return ln.hits

    def hit_lines(self) -> list[int]:
        """Indexes, in order, of the kept lines some whole-line rule matches.

        Most lines match no rule: the rule layers walk this list, not every line.
        Do not modify the list (it is shared until the document changes).
        """
        if self._hit_lines is None or self._hit_lines[0] != self.version:
            # Which lines have hits changes only with a cut (new text); removals just thin the list.
            if self._hit_base is None or self._hit_base[0] != len(self.recut):
                hits = self.hits
                self._hit_base = (len(self.recut), [i for i in self.kept() if hits(i)])
            lines = self.lines
            self._hit_lines = (self.version, [i for i in self._hit_base[1] if not lines[i].removed])
        return self._hit_lines[1]

    def last_prose(self) -> int:
        """Index of the last kept line that reads as prose (-1 if none): the end of the article body."""
        if self._last_prose is None or self._last_prose[0] != self.version:
            found = -1
            for i in range(len(self.lines) - 1, -1, -1):
                ln = self.lines[i]
                if not ln.removed and not ln.blank and is_prose(ln.text):
                    found = i
                    break
            self._last_prose = (self.version, found)
        return self._last_prose[1]

    # -- reading -------------------------------------------------------------
    def kept(self) -> list[int]:
        """Indexes of the lines still kept that hold text (blank lines are layout, not content).

        A snapshot: removals after the call do not change it. Do not modify it
        (it is shared until the document changes).
        """
        if self._kept is None:
            self._kept = (self.version, [i for i, ln in enumerate(self.lines) if not ln.removed and not ln.blank])
        elif self._kept[0] != self.version:
            # Lines are only ever removed or cut, never restored: thin the last list.
            lines = self.lines
            self._kept = (self.version, [i for i in self._kept[1] if not lines[i].removed and not lines[i].blank])
        return self._kept[1]

    def iter_kept(self) -> Iterator[tuple[int, Line]]:
        for i, ln in enumerate(self.lines):
            if not ln.removed and not ln.blank:
                yield i, ln

    def gap_before(self, index: int) -> int:
        """How many blank input lines stand directly above ``index`` (removed lines skipped)."""
        n = 0
        j = index - 1
        while j >= 0 and (self.lines[j].blank or self.lines[j].removed):
            if self.lines[j].blank:
                n += 1
            j -= 1
        return n

    # -- removing ------------------------------------------------------------
    def remove(self, index: int, layer: str, rule: str, category: str) -> None:
        """Drop line ``index`` whole and record why."""
        ln = self.lines[index]
        if ln.removed or ln.blank:
            return  # a blank line is layout (and the shared _BLANK object): never removed
        ln.removed = True
        self.version += 1
        log = self.removals  # Removals.add, inlined: a page dump removes millions of lines
        why = (layer, rule, category)
        code = log._codes.get(why)
        if code is None:
            code = log._code(why)
        log._texts.append(ln.stripped)
        log._lines.append(index + 1)
        log._why.append(code)

    def cut(self, index: int, start: int, end: int, layer: str, rule: str, category: str) -> None:
        """Cut ``text[start:end]`` out of a kept line (junk glued into prose)."""
        self.cut_many(index, [(start, end)], layer, rule, category)

    def cut_many(self, index: int, spans: list[tuple[int, int]], layer: str, rule: str, category: str) -> None:
        """Cut sorted, disjoint ``(start, end)`` spans of the current text in one rebuild.

        One rebuild, and one walk over the earlier cuts to map offsets back to
        the input line, so a line with thousands of glued script calls costs
        linear time, not a rebuild per call.
        """
        ln = self.lines[index]
        text = ln.text
        old = sorted(ln.cuts or ())
        if ln.cuts is None:
            ln.cuts = []
        k = shift = prev = 0
        pieces: list[str] = []
        for start, end in spans:
            while k < len(old) and old[k][0] <= start + shift:
                shift += old[k][1] - old[k][0]
                k += 1
            orig = start + shift
            pieces.append(text[prev:start])
            prev = end
            ln.cuts.append((orig, orig + (end - start)))
            self.removals.add(layer, rule, category, text[start:end].strip(), index + 1, (orig, orig + (end - start)))
        pieces.append(text[prev:])
        ln.set_text("".join(pieces))
        self.version += 1
        self.recut.append(index)

    # -- output --------------------------------------------------------------
    def render(self, rows: list[int] | None = None) -> str:
        """Join kept lines by the guide's whitespace rules (and only those).

        ``rows``, if given, receives the index of the line behind each output line (-1 for a gap).
        """
        out: list[str] = []
        pending_blank = False
        for i, ln in enumerate(self.lines):
            if ln.removed:
                continue
            if ln.blank:
                pending_blank = bool(out)
                continue
            if pending_blank:
                out.append("")
                pending_blank = False
                if rows is not None:
                    rows.append(-1)
            out.append(ln.text.rstrip())
            if rows is not None:
                rows.append(i)
        return "\n".join(out) + "\n" if out else ""


PIECE = 1 << 20
"""Characters per piece when a long text is split into lines a piece at a time."""


def _pieces(text: str, size: int | None = None) -> Iterator[str]:
    """``text`` in pieces of about ``size`` (default PIECE) characters, each cut just after a line feed."""
    size = size or PIECE
    if len(text) <= size:
        yield text
        return
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size) + 1
        if not cut:
            yield text[start:]
            return
        yield text[start:cut]
        start = cut
