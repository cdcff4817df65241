"""Fast whole-line rule matching: index the rules by the characters they can start with.

Trying every rule on every line costs microseconds a line. Almost every rule
starts with a literal word, so a line that starts with "qua" only needs the few
rules that can start with "qua" (lower-cased; a rule that minds case is also
held to the exact first two characters). The possible starts are read from the
parsed pattern (``re._parser``); a rule whose start cannot be told runs on
every line, unless it names words a line must hold (``requires``): one search
for all such words keeps those rules off most lines. The hits of short lines
are remembered across documents in a bounded cache.

The layers get the rules through a RuleBook, which holds the naming rules'
index beside the word lists. The imports go one way: cleaner.model (the
document, the category names) imports neither of the others, cleaner.rules
(the rule data) imports the model, and this module imports the rules.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from cleaner.rules import Rule

_MAX_RANGE = 128


PREFIX = 3  # rules are indexed by the first three (lower-cased) characters a match can start with
EXACT = 2  # and, for a rule that minds case, by the first two characters as they are
_LIMIT = 4000


def start_prefixes(pattern: re.Pattern[str], k: int = PREFIX) -> frozenset[str] | None:
    """Lower-cased strings of up to ``k`` characters that a match can start with.

    A line can only match if its first ``k`` characters (lower-cased) agree with
    one of them; a string shorter than ``k`` only constrains that far. None: the
    start cannot be told, and the rule is tried on every line.
    """
    return _start_texts(pattern, k, fold=True)


def exact_prefixes(pattern: re.Pattern[str], k: int = EXACT) -> frozenset[str] | None:
    """Like start_prefixes, but case-sensitive: None unless the pattern's start is.

    The lower-cased index cannot tell "The" from "the", so a rule made for lines
    in lower case (editor initials, a lower-case brand) would be tried on every
    line starting with a capital. This finer test keeps it off those lines.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    return _start_texts(pattern, k, fold=False)


def _start_texts(pattern: re.Pattern[str], k: int, *, fold: bool) -> frozenset[str] | None:
    """The prefixes of up to ``k`` characters a match can start with (lower-cased when ``fold``)."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - patterns compiled already
        return None
    got = _prefixes(list(parsed), k, fold)
    if got is None or any(not text for text, _ in got):
        return None
    return frozenset(text for text, _ in got)


def required_literal(pattern: re.Pattern[str], shortest: int = 3) -> str | None:
    """The longest run of plain characters every match of ``pattern`` contains (None: none
    of ``shortest`` characters or more, or case is ignored): a cheap ``in`` test tells which
    lines cannot match."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - patterns compiled already
        return None
    best = run = ""
    for op, av in parsed:  # top level only: these items are in every match, in order
        run = run + chr(av) if op is _c.LITERAL else ""
        if len(run) > len(best):
            best = run
    return best if len(best) >= shortest else None


def required_words(pattern: re.Pattern[str], shortest: int = 3) -> tuple[str, ...] | None:
    """Strings of ``shortest`` characters or more, one of which every match of ``pattern``
    holds (compared as the pattern compares them: in any case under IGNORECASE). None: no such set.

    Read from the items every match passes through in turn (the top level, a group, a
    repeat of one or more, each branch of an alternation), so a search for these words,
    with the pattern's flags, tells which lines the pattern cannot match.
    """
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - patterns compiled already
        return None
    got = _required(list(parsed))
    return got if got is not None and min(map(len, got)) >= shortest else None


def _required(items: list) -> tuple[str, ...] | None:
    """The best set of alternatives (the longest shortest one) that a match of ``items`` must hold."""
    best: tuple[str, ...] | None = None
    run = ""
    for op, av in items:
        got: tuple[str, ...] | None = None
        if op is _c.LITERAL:
            run += chr(av)
            got = (run,)
        else:
            run = ""
            if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flag
                got = _required(list(av[-1]))
            elif op is _c.BRANCH:
                alternatives: list[str] = []
                for branch in av[1]:
                    words = _required(list(branch))
                    if words is None:
                        alternatives = []
                        break
                    alternatives.extend(words)
                got = tuple(dict.fromkeys(alternatives)) or None
            elif op in _REPEATS and av[0] >= 1:
                got = _required(list(av[2]))
            elif op is _c.ASSERT:  # a lookahead or lookbehind that must hold: its words are in the line
                got = _required(list(av[1]))
        if got is not None and (best is None or min(map(len, got)) > min(map(len, best))):
            best = got
    return best


_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())  # (Python 3.11+)


# The letters beyond ASCII that a case-blind regex matches to an ASCII letter
# (dotted and dotless i, long s, Kelvin sign); a test checks every code point.
FOLD_TO_ASCII = "\u0130\u0131\u017f\u212a"


def _word_gate(pattern: re.Pattern[str]) -> Callable[[str], object] | None:
    """A test whether a line holds one of the words every match of ``pattern`` holds (see required_words), or None."""
    words = required_words(pattern)
    if words is None:
        return None
    search = re.compile("|".join(map(re.escape, words)), pattern.flags & (re.IGNORECASE | re.ASCII)).search
    if not (pattern.flags & re.IGNORECASE and all(w.isascii() for w in words)):
        return search
    lowered = tuple(w.lower() for w in words)

    def gate(line: str) -> object:
        # Ignoring case, an ASCII word matches where the text's lower case holds it, unless
        # the text has one of the few other letters that fold to ASCII ones: then the regex.
        # Substring tests are several times faster than a case-blind regex scan.
        if line.isascii() or not any(map(line.__contains__, FOLD_TO_ASCII)):
            low = line.lower()
            return any(map(low.__contains__, lowered))
        return search(line)

    return gate


def _agreeing(prefixes: frozenset[str]) -> frozenset[str]:
    """Every start of every prefix: a head agrees with the prefixes if it is one of these
    (it starts a prefix) or one of these starts it (see _agrees)."""
    return frozenset(p[:k] for p in prefixes for k in range(len(p) + 1))


def _agrees(head: str, prefixes: frozenset[str], starts: frozenset[str]) -> bool:
    """Some prefix and the line's head agree as far as both go (``starts`` from _agreeing)."""
    return head in starts or any(head[:k] in prefixes for k in range(len(head)))


# A prefix is (text, open): open means anything may follow text (its start is
# known only that far); a closed text shorter than k is where the pattern ends.
Prefixes = set[tuple[str, bool]]


def _prefixes(items: list, k: int, fold: bool) -> Prefixes | None:
    done: Prefixes = set()
    current = {""}
    for op, av in items:
        following: set[str] = set()
        for head in current:
            ext = _item_prefixes(op, av, k - len(head), fold)
            if ext is None:
                done.add((head, True))
                continue
            for text, is_open in ext:
                joined = head + text
                if is_open or len(joined) >= k:
                    done.add((joined[:k], True))
                else:
                    following.add(joined)
        current = following
        if len(done) + len(current) > _LIMIT:
            return None
        if not current:
            break
    return done | {(text, False) for text in current}


def _item_prefixes(op, av, k: int, fold: bool) -> Prefixes | None:
    """``fold``: lower-case every character; else give up where case is ignored."""
    if op is _c.LITERAL:
        return {(chr(av).lower() if fold else chr(av), False)}
    if op is _c.IN:
        chars = _charset(av)
        return None if chars is None else {(ch.lower() if fold else ch, False) for ch in chars}
    if op is _c.SUBPATTERN:
        if not fold and av[1] & _c.SRE_FLAG_IGNORECASE:
            return None
        return _prefixes(list(av[-1]), k, fold)
    if op is _ATOMIC:  # (?>...): matches what its items match, and sets no flag
        return _prefixes(list(av), k, fold)
    if op is _c.BRANCH:
        out: Prefixes = set()
        for branch in av[1]:
            got = _prefixes(list(branch), k, fold)
            if got is None:
                return None
            out |= got
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        # Expand the repeat up to k times: more repetitions only add characters past k.
        times = min(max(lo, 1), k) if hi >= 1 else 0
        expanded = [(_c.SUBPATTERN, (None, 0, 0, sub))] * times
        got = _prefixes(expanded, k, fold) if times else {("", False)}
        if got is None:
            return None
        if lo == 0:
            got = got | {("", False)}
        elif lo > times or hi > times:
            got = {(text, is_open or (len(text) < k and hi > times)) for text, is_open in got}
        return got
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", False)}  # zero width
    return None


def _charset(items) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            # ASCII digits only: a line starting with another script's digit may
            # miss a rule, which keeps noise but never drops text.
            out.update("0123456789")
        else:  # NEGATE, other categories (\w, \s), big ranges
            return None
    return out


# Menus, share buttons and footers repeat across the pages of a batch (and a
# page often repeats its own): the hits of short lines are remembered, by text.
# Long lines are rarely repeated, and holding them would let the cache pin memory.
CACHE_LINES = 8192
CACHE_CHARS = 200
SCREEN_LINES = 512  # lines joined for one screen in RuleIndex.hits_of: a bounded copy

# Word-count classes: a line is only tried against rules whose max_words reach its class.
_WORD_CLASSES = (2, 4, 8, 15, 30, 60, 120)
# The class of every word count up to the last bound (a table: this runs once per line).
_CLASS_OF = tuple(next(k for k, top in enumerate(_WORD_CLASSES) if n <= top) for n in range(_WORD_CLASSES[-1] + 1))
_NO_LIMIT = 1 << 62
# Buckets of lines up to this word class get a word screen (_Bucket): on longer lines its one
# search costs more than the gates it spares (instruction counts on the 181 dumps).
SCREEN_CLASS = 2

# A candidate: the rule, its pattern's fullmatch, its max_words (or _NO_LIMIT), for a
# rule with ``requires`` a search for any of those words (else None), and for a rule the
# index cannot narrow by its start a search for the words every match holds (else None).
_Search = Callable[[str], "re.Match[str] | None"]
_Candidate = tuple[Rule, _Search, int, _Search | None, Callable[[str], object] | None]
# A bucket: its candidates; those no word screen can skip (None: the same); a search for the words one
# of which a line must hold (as written) for another candidate's gates to pass; the same for words
# compared with the lower-cased line (see _screen_words).
_Bucket = tuple[tuple[_Candidate, ...], tuple[_Candidate, ...] | None, _Search | None, _Search | None]


def _word_class(words: int) -> int:
    return _CLASS_OF[words] if words < len(_CLASS_OF) else len(_WORD_CLASSES)


class RuleIndex:
    """All whole-line rules of a chain, matched once per line.

    Candidates are bucketed by the line's first three characters and its
    word-count class, so a line is tried only against the few rules that could
    match it, one by one. (Joining a bucket's rules into one alternation used to
    save a little per line with two-character buckets, but compiling it cost
    about 0.3 ms per rule per bucket: most of a cold run.)
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = [r for r in rules if not r.inline]
        self._starts = [start_prefixes(r.pattern) for r in self.rules]
        self._exact = [(ex, _agreeing(ex)) if (ex := exact_prefixes(r.pattern)) else None for r in self.rules]
        self._buckets: dict[tuple[str, int], _Bucket] = {}
        self._searches: dict[frozenset[str], _Search] = {}  # _any_of
        # Rules by each start prefix, so a new bucket unions a few lists instead of scanning every rule.
        self._unknown_start = [n for n, st in enumerate(self._starts) if st is None]
        self._by_prefix: dict[str, list[int]] = {}
        for n, st in enumerate(self._starts):
            for p in st or ():
                self._by_prefix.setdefault(p, []).append(n)
        self._by_stem: dict[str, set[int]] = {}  # by every shorter start of a prefix
        for p, numbers in self._by_prefix.items():
            for k in range(len(p)):
                self._by_stem.setdefault(p[:k], set()).update(numbers)
        self._heads: dict[str, list[int]] = {}
        # Words past the last class and past every rule's max_words change no decision, so a long
        # line is split only that far (a 600 kB line of 200,000 words made a list of all of them).
        limits = [r.max_words for r in self.rules if r.max_words is not None]
        self._count_to = max([len(_CLASS_OF), *limits])
        self._candidates = [
            (
                r,
                r.pattern.fullmatch,
                _NO_LIMIT if r.max_words is None else r.max_words,
                re.compile("|".join(map(re.escape, r.requires))).search if r.requires else None,
                # A rule that may start with any capital or digit is tried on most lines: one
                # search for a word it must hold is cheaper than a failed fullmatch that backtracks.
                _word_gate(r.pattern) if st is None or min(map(len, st)) < PREFIX else None,
            )
            for r, st in zip(self.rules, self._starts, strict=True)
        ]
        self._gate_words = [_screen_words(c) for c in self._candidates]
        tokens = sorted({t for r in self.rules for t in r.requires}, key=len, reverse=True)
        self._any_required = re.compile("|".join(map(re.escape, tokens))).search if tokens else None
        self._unknown_set = frozenset(self._unknown_start)
        self._known_heads: dict[str, bool] = {}
        self._screen = _screen([self._gate_words[n] for n in self._unknown_start])
        # functools' C cache: bounded, thread-safe, and cheaper per call than a Python-level dict dance.
        self._cached = functools.lru_cache(maxsize=CACHE_LINES)(self._match)

    def clear_cache(self) -> None:
        """Forget the remembered hits (benchmarks start each timed pass from an empty cache)."""
        self._cached.cache_clear()

    def _bucket(self, head: str, wclass: int) -> _Bucket:
        """The candidates for a line whose first PREFIX characters are ``head`` (as written), and the
        screen that tells, for most lines, that only the ungated ones can match (see _Bucket)."""
        key = (head, wclass)
        got = self._buckets.get(key)
        if got is None:
            low = _WORD_CLASSES[wclass - 1] + 1 if wclass else 0
            exact = self._exact
            numbers = [
                n
                for n in self._starting(head.lower())
                if self._candidates[n][2] >= low and (exact[n] is None or _agrees(head[:EXACT], *exact[n]))
            ]
            cands = tuple(self._candidates[n] for n in numbers)
            screens = [self._gate_words[n] for n in numbers]
            if wclass > SCREEN_CLASS or all(w is None for w in screens):
                got = (cands, None, None, None)
            else:
                free = tuple(c for c, w in zip(cands, screens, strict=True) if w is None)
                written = {word for w in screens if w is not None for word in w[0]}
                lowered = {word for w in screens if w is not None for word in w[1]}
                got = (cands, free, self._any_of(written), self._any_of(lowered))
            self._buckets[key] = got
        return got

    def _any_of(self, words: set[str]) -> _Search | None:
        """A search for any of ``words`` (None: no words), compiled once per set of words: buckets
        share a few sets, and compiling one costs as much as matching a few hundred lines."""
        if not words:
            return None
        key = frozenset(words)
        got = self._searches.get(key)
        if got is None:
            alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
            got = self._searches[key] = re.compile(alternatives).search
        return got

    def _starting(self, head: str) -> list[int]:
        """The rules (by number) a line starting with ``head`` may match (one start prefix agrees), in rule order."""
        got = self._heads.get(head)
        if got is not None:
            return got
        found = set(self._unknown_start)
        for k in range(len(head) + 1):  # a rule prefix that the head starts with
            found.update(self._by_prefix.get(head[:k], ()))
        found.update(self._by_stem.get(head, ()))  # a short line: a longer rule prefix starts with it
        got = sorted(found)
        self._heads[head] = got
        return got

    def hits(self, line: str) -> tuple[Rule, ...]:
        """Every rule matching the whole stripped ``line`` within its max_words, in rule order."""
        if not line:
            return ()
        if len(line) > CACHE_CHARS:
            return self._match(line)
        return self._cached(line)

    def hits_of(self, lines: Sequence[str]) -> list[tuple[Rule, ...]]:
        """``[self.hits(line) for line in lines]``, for many lines of which few can match.

        The rules whose start cannot be told are tried on every line. When each of them
        names words a matching line must hold, one search of each word in a batch of lines
        at once (lower-cased) tells which lines hold none; such a line whose start no
        other rule agrees with matches nothing, and is not tried at all.
        """
        if self._screen is None or len(lines) < 2:
            return [self.hits(line) for line in lines]
        out: list[tuple[Rule, ...]] = []
        for lo in range(0, len(lines), SCREEN_LINES):
            out += self._screened(lines[lo : lo + SCREEN_LINES])
        return out

    def _screened(self, lines: Sequence[str]) -> list[tuple[Rule, ...]]:
        """hits_of for one batch (the batch's text is joined: a batch of bounded size bounds the copy)."""
        joined = "\n".join(lines)
        low = joined.lower()
        # Offsets of the lower-cased text must be the lines' own, no line may hold a line feed,
        # and no letter that folds to an ASCII one may hide a word from the lower-cased search.
        if len(low) != len(joined) or low.count("\n") != len(lines) - 1 or any(map(low.__contains__, FOLD_TO_ASCII)):
            return [self.hits(line) for line in lines]
        starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        held = bytearray(len(lines))  # 1: the line holds a word of the screen
        for word in self._screen or ():
            at = low.find(word)
            while at >= 0:
                k = bisect.bisect_right(starts, at) - 1
                held[k] = 1
                at = low.find(word, starts[k + 1]) if k + 1 < len(starts) else -1
        known, hits = self._known_start, self.hits
        return [hits(line) if held[k] or known(line[:PREFIX].lower()) else () for k, line in enumerate(lines)]

    def _known_start(self, head: str) -> bool:
        """Some rule whose start can be told may match a line starting with ``head`` (lower-cased)."""
        got = self._known_heads.get(head)
        if got is None:
            unknown = self._unknown_set
            got = self._known_heads[head] = any(n not in unknown for n in self._starting(head))
        return got

    def _match(self, line: str) -> tuple[Rule, ...]:
        words = len(line.split(None, self._count_to))  # exact up to _count_to, then _count_to + 1
        cands, free, written, lowered = self._bucket(
            line[:PREFIX], _CLASS_OF[words] if words < len(_CLASS_OF) else len(_WORD_CLASSES)
        )
        if free is not None and _holds_none(line, written, lowered):
            cands = free  # most short lines hold none of the words the gated candidates test
        if not cands:
            return ()
        # One search for every required word at once: most lines hold none, and then
        # no rule that requires one is tried.
        gate = self._any_required
        required = gate is not None and gate(line) is not None
        return tuple(
            r
            for r, fullmatch, most, needs, gate in cands
            if words <= most
            and (needs is None or (required and needs(line)))
            and (gate is None or gate(line))
            and fullmatch(line) is not None
        )


@dataclass(frozen=True)
class RuleBook:
    """Everything data-driven a layer needs: the enabled rules, the word lists and the naming rules' index.

    (Here, not in cleaner.rules: the naming index is a RuleIndex, and the rule data must not import its matcher.)
    """

    rules: tuple[Rule, ...]
    lexicon: dict[str, frozenset[str]]

    def words(self, key: str) -> frozenset[str]:
        return self.lexicon.get(key, frozenset())

    @functools.cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    @functools.cached_property
    def namer(self) -> RuleIndex | None:
        """The naming rules (``names = true``), indexed like the others; None if there are none."""
        named = [r for r in self.rules if r.names]
        return RuleIndex(named) if named else None


def _screen_words(cand: _Candidate) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Words one of which a line must hold for the candidate's gates to pass, as (words compared as
    written, words compared with the lower-cased line); None: its gates test no such words.

    A rule that ``requires`` words is tried only on a line holding one, as written. Else the word
    gate (_word_gate) tests the words every match holds: as written, or ignoring case; an ASCII word
    it then finds in the lower-cased line (but past a letter that folds to ASCII, which the caller checks).
    """
    rule, _, _, needs, gate = cand
    if needs is not None:
        return tuple(rule.requires), ()
    if gate is None:
        return None
    words = required_words(rule.pattern)
    if words is None:  # pragma: no cover - _word_gate made no gate then
        return None
    if not rule.pattern.flags & re.IGNORECASE:
        return words, ()
    if not all(w.isascii() for w in words):
        return None  # (a case-blind regex finds such a word where its lower case may not show)
    return (), tuple(w.lower() for w in words)


def _holds_none(line: str, written: _Search | None, lowered: _Search | None) -> bool:
    """``line`` holds none of the words that ``written`` searches for, nor, lower-cased, of those of
    ``lowered`` (compared as the case-blind gates compare them: not past a letter that folds to ASCII)."""
    if written is not None and written(line) is not None:
        return False
    if lowered is None:
        return True
    return (line.isascii() or not any(map(line.__contains__, FOLD_TO_ASCII))) and lowered(line.lower()) is None


def _screen(gate_words: Sequence[tuple[tuple[str, ...], tuple[str, ...]] | None]) -> tuple[str, ...] | None:
    """Lower-cased words one of which every line that the rules of ``gate_words`` (their
    _screen_words) match holds (see RuleIndex.hits_of); None if some rule names no such words."""
    words: set[str] = set()
    for got in gate_words:
        if got is None:
            return None
        written, lowered = got
        # Lower case goes letter by letter but for the capital sigma (its form depends on the next letter).
        if any("\u03a3" in w for w in written):
            return None
        words.update(w.lower() for w in (*written, *lowered))
    return tuple(sorted(words, key=len, reverse=True))


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(pattern: str) -> str:
    """Turn a leading global flag group ``(?i)X`` into a scoped ``(?i:X)`` so patterns can be joined."""
    m = _LEADING_FLAGS.match(pattern)
    if not m:
        return pattern
    return f"(?{m.group(1)}:{pattern[m.end() :]})"
