"""What the chain works on (Document, Line) and what it returns (Result, Removal).

Layers never rewrite a line. They either drop a whole line or cut a span out
of it (junk glued into prose), and every drop or cut becomes a Removal, so the
output can always be explained line by line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from cleaner.text import is_prose

if TYPE_CHECKING:
    from cleaner.match import RuleIndex

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
        return asdict(self)


@dataclass(slots=True)
class Result:
    """The cleaned text plus the explanation of every removal."""

    text: str
    removals: list[Removal] = field(default_factory=list)
    kind: str = "text"
    title: str | None = None

    def categories(self) -> dict[str, int]:
        """Removals counted by category, for summaries."""
        counts: dict[str, int] = {}
        for r in self.removals:
            counts[r.category] = counts.get(r.category, 0) + 1
        return counts


class Line:
    """One input line. ``text`` only ever loses cut spans; ``removed`` drops it whole.

    ``stripped``, ``blank`` and ``hits`` (the whole-line rules that match) are
    computed once, because every layer asks for them.
    """

    __slots__ = ("blank", "cuts", "hits", "no", "removed", "stripped", "text")

    def __init__(self, no: int, text: str) -> None:
        self.no = no
        self.removed = False
        self.cuts: list[tuple[int, int]] | None = None  # made on the first cut: most lines have none
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.stripped = text.strip()
        self.blank = not self.stripped
        self.hits: tuple | None = None

    def __repr__(self) -> str:
        return f"Line({self.no}, {self.text!r}{', removed' if self.removed else ''})"


_BLANK = Line(0, "")


class Document:
    """The lines of one text input as the chain sees it, plus its removals."""

    def __init__(
        self,
        text: str,
        lang: str | None = None,
        meta: dict[str, object] | None = None,
        index: RuleIndex | None = None,
    ) -> None:
        parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if "\ufeff" in text:
            # A byte-order mark at a line's start is an encoding signature that
            # concatenated files leave behind, not text: it goes like whitespace,
            # so a cleaned text never starts with one (and cleans to itself).
            parts = [p.lstrip("\ufeff") for p in parts]
        if parts and parts[-1] == "":
            parts.pop()
        # Blank lines are layout, never removed or cut: one shared object stands
        # for all of them (a file of blank lines would otherwise cost ~150 bytes each).
        self.lines: list[Line] = [Line(i + 1, t) if t and not t.isspace() else _BLANK for i, t in enumerate(parts)]
        self.removals: list[Removal] = []
        self.lang = lang
        self.meta: dict[str, object] = meta or {}
        self.index = index
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
        self.removals.append(Removal(layer, rule, category, ln.stripped, ln.no, ln.no))

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
            self.removals.append(
                Removal(layer, rule, category, text[start:end].strip(), ln.no, ln.no, orig, orig + (end - start))
            )
        pieces.append(text[prev:])
        ln.set_text("".join(pieces))
        self.version += 1
        self.recut.append(index)

    # -- output --------------------------------------------------------------
    def render(self) -> str:
        """Join kept lines by the guide's whitespace rules (and only those)."""
        out: list[str] = []
        pending_blank = False
        for ln in self.lines:
            if ln.removed:
                continue
            if ln.blank:
                pending_blank = bool(out)
                continue
            if pending_blank:
                out.append("")
                pending_blank = False
            out.append(ln.text.rstrip())
        return "\n".join(out) + "\n" if out else ""
