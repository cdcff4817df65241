"""Cross-document templates: the lines a site repeats on most of its pages.

One page alone cannot tell a footer ("© 2024 Example News", "Follow us on
Twitter") from a short line of the article; many pages of the same site can.
A TemplateLearner is fed the texts of one group of documents (one site) and
learns the lines that repeat across them; the template layer
(cleaner/layers/template.py) then removes those lines from each document of
the group. ``Cleaner.clean_batch`` does both passes.

Lines are compared whitespace-normalised, and the learner keeps only a 64-bit
key per distinct line, never the documents themselves.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from cleaner.text import is_prose, word_count

MIN_DOCS = 3
"""A template line is on at least this many documents. Two stories of a site
often share a line (a quote, a syndicated paragraph); three unrelated pages
sharing one is furniture."""
MIN_SHARE = 0.5
"""...and on at least this share of the group's documents: furniture is on
most pages of a site, while a blurb on a minority of them (a series intro)
may belong to those stories. Precision first: when unsure, keep."""
MIN_ARTICLE_WORDS = 25
"""Words of prose that make an article (as in the context layer): a template
that would leave a document less than this, out of more, is not furniture."""
LONG_LINE_WORDS = 20

_LINE_SPLIT = re.compile(r"\r\n|\r|\n")  # the same split as cleaner.model.Document
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def normalise(line: str) -> str:
    """The form lines are compared in: runs of whitespace as one space, stripped."""
    return " ".join(line.split())


def line_key(line: str) -> int:
    """A 64-bit key of the normalised line; stable across processes (unlike ``hash``),
    so a template learned in one worker can be used in another."""
    return _key(normalise(line))


def _key(normalised: str) -> int:
    data = normalised.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


@dataclass(frozen=True, slots=True)
class Template:
    """The learned lines of one group, as keys; ``line in template`` asks about one line."""

    keys: frozenset[int] = frozenset()

    def __contains__(self, line: object) -> bool:
        return isinstance(line, str) and bool(self.keys) and line_key(line) in self.keys

    def __len__(self) -> int:
        return len(self.keys)


EMPTY = Template()


def _prose_words(line: str, n: int | None = None) -> int:
    """Words of a line that reads as article prose, else 0 (``n``: its word count, if known)."""
    if n is None:
        n = word_count(line)
    return n if n >= LONG_LINE_WORDS or is_prose(line) else 0


class TemplateLearner:
    """Learns the template of one group of documents (one site).

    A line (whitespace-normalised, counted once per document) is template when
    it is on at least ``min_docs`` documents and on at least ``min_share`` of
    them. Short generic lines ("Photo", "1") are template only on those terms,
    that is, when the site repeats them on most pages.

    One guard protects articles: a template never eats a whole article. When
    the batch holds several copies of one story (updates, re-scrapes), their
    body lines repeat too; a document whose prose would nearly all go is taken
    for such a copy, copies of one story (sharing most prose words) count as
    one document, and the lines are counted again.
    """

    def __init__(self, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE) -> None:
        if min_docs < 2:
            raise ValueError("min_docs must be at least 2: a line on one document is not a template")
        if not 0.0 < min_share <= 1.0:
            raise ValueError("min_share must be in (0, 1]")
        self.min_docs = min_docs
        self.min_share = min_share
        self._docs: list[Page] = []

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, text: str) -> None:
        """Count the lines of one document of the group."""
        self._docs.append(summarise(text))

    def add_page(self, page: Page) -> None:
        """Count a document already summarised (by ``summarise``, perhaps in another process)."""
        self._docs.append(page)

    def update(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.add(text)

    def template(self) -> Template:
        """The learned template (empty when the group is too small to have one)."""
        if len(self._docs) < self.min_docs:
            return EMPTY
        counts = Counter(k for page in self._docs for k in page.keys)
        lines = self._pick(counts, len(self._docs))
        units = _stories(self._docs, lines)
        if len(units) < len(self._docs):  # some pages were copies: count each story once
            counts = Counter(k for keys in units for k in keys)
            lines = self._pick(counts, len(units))
        return Template(frozenset(lines)) if lines else EMPTY

    def _pick(self, counts: Counter[int], n: int) -> set[int]:
        need = max(self.min_docs, self.min_share * n)
        return {k for k, c in counts.items() if c >= need}


class Page(NamedTuple):
    """What the learner keeps of a document: 8 bytes per distinct line, plus the words of its prose lines.

    Small and picklable, so a worker process can summarise a document and send only this.
    """

    keys: array[int]
    prose: array[int]
    words: array[int]

    def eaten(self, lines: set[int]) -> bool:
        """Would these template lines take an article-sized amount of prose and leave almost none?"""
        taken = sum(w for k, w in zip(self.prose, self.words, strict=True) if k in lines)
        left = sum(self.words) - taken
        return taken >= MIN_ARTICLE_WORDS and left < MIN_ARTICLE_WORDS


def summarise(text: str) -> Page:
    """The compact form of one document's text that a TemplateLearner counts."""
    keys: set[int] = set()
    prose: dict[int, int] = {}
    for raw in _LINE_SPLIT.split(text):
        # normalise() and word_count() inlined: this runs on every line of every file of a
        # batch's first pass, and both would split the line again.
        parts = raw.split()
        if not parts:
            continue
        line = " ".join(parts)
        key = _key(line)
        if key in keys:
            continue  # the same line again: counted once per document
        keys.add(key)
        words = _prose_words(line, len(parts))
        if words:
            prose[key] = words
    return Page(array("Q", keys), array("Q", prose), array("L", prose.values()))


def _stories(pages: list[Page], lines: set[int]) -> list[Collection[int]]:
    """The line keys of each distinct story: a page the candidate lines would eat joins an
    earlier such page that holds most of its prose words (another copy of one story)."""
    units: list[Collection[int]] = []
    owner: dict[int, int] = {}  # prose line key -> the unit of the first eaten page that had it
    for page in pages:
        if not page.eaten(lines):
            units.append(page.keys)
            continue
        votes: Counter[int] = Counter()
        for k, w in zip(page.prose, page.words, strict=True):
            if k in owner:
                votes[owner[k]] += w
        if votes:
            unit, words = votes.most_common(1)[0]
            if 2 * words >= sum(page.words):
                units[unit] = {*units[unit], *page.keys}
                continue
        for k in page.prose:
            owner.setdefault(k, len(units))
        units.append(page.keys)
    return units


def learn(texts: Iterable[str], min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE) -> Template:
    """The template of one group of texts."""
    learner = TemplateLearner(min_docs, min_share)
    learner.update(texts)
    return learner.template()


def site_of(url: str) -> str:
    """The group of a page for ``clean_batch``: its host, lower-cased, without "www." or a port.

    ``"https://www.Example.com:8080/a"`` and ``"example.com/b"`` both give
    ``"example.com"``; a URL without a host gives ``""`` (use no group then).
    """
    s = url.strip()
    if not _SCHEME.match(s):
        s = "//" + s.lstrip("/")
    try:
        host = urlsplit(s).hostname or ""
    except ValueError:  # malformed, e.g. an unclosed IPv6 bracket
        return ""
    if any(ch.isspace() for ch in host):
        return ""
    return host.removeprefix("www.").rstrip(".")
