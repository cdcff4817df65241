"""Fast whole-line rule matching: index the rules by the characters they can start with.

Python's regex engine tries the branches of a big alternation one by one, so
running every rule on every line costs microseconds a line. Almost every rule
starts with a literal word, so a line that starts with "qu" only needs the few
rules that can start with "qu". The possible starts are read from the parsed
pattern (``re._parser``); a rule whose start cannot be told runs on every line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from cleaner.rules import Rule

_MAX_RANGE = 128


PREFIX = 2  # rules are indexed by the first two (lower-cased) characters a match can start with
_LIMIT = 4000


def start_prefixes(pattern: re.Pattern[str], k: int = PREFIX) -> frozenset[str] | None:
    """Lower-cased strings of up to ``k`` characters that a match can start with.

    A line can only match if its first ``k`` characters (lower-cased) agree with
    one of them; a string shorter than ``k`` only constrains that far. None: the
    start cannot be told, and the rule is tried on every line.
    """
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - patterns compiled already
        return None
    got = _prefixes(list(parsed), k)
    if got is None or any(not text for text, _ in got):
        return None
    return frozenset(text for text, _ in got)


# A prefix is (text, open): open means anything may follow text (its start is
# known only that far); a closed text shorter than k is where the pattern ends.
Prefixes = set[tuple[str, bool]]


def _prefixes(items: list, k: int) -> Prefixes | None:
    done: Prefixes = set()
    current = {""}
    for op, av in items:
        following: set[str] = set()
        for head in current:
            ext = _item_prefixes(op, av, k - len(head))
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


def _item_prefixes(op, av, k: int) -> Prefixes | None:
    if op is _c.LITERAL:
        return {(chr(av).lower(), False)}
    if op is _c.IN:
        chars = _charset(av)
        return None if chars is None else {(ch.lower(), False) for ch in chars}
    if op is _c.SUBPATTERN:
        return _prefixes(list(av[-1]), k)
    if op is _c.BRANCH:
        out: Prefixes = set()
        for branch in av[1]:
            got = _prefixes(list(branch), k)
            if got is None:
                return None
            out |= got
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        # Expand the repeat up to k times: more repetitions only add characters past k.
        times = min(max(lo, 1), k) if hi >= 1 else 0
        expanded = [(_c.SUBPATTERN, (None, 0, 0, sub))] * times
        got = _prefixes(expanded, k) if times else {("", False)}
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

# Word-count classes: a line is only tried against rules whose max_words reach its class.
_WORD_CLASSES = (2, 4, 8, 15, 30, 60, 120)


def _word_class(words: int) -> int:
    for k, top in enumerate(_WORD_CLASSES):
        if words <= top:
            return k
    return len(_WORD_CLASSES)


class RuleIndex:
    """All whole-line rules of a chain, matched once per line.

    Candidates are bucketed by the line's first two characters and its
    word-count class, so a line is tried only against rules that could match it.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = [r for r in rules if not r.inline]
        self._order = {r.id: n for n, r in enumerate(self.rules)}
        self._starts = [start_prefixes(r.pattern) for r in self.rules]
        self._buckets: dict[tuple[str, int], tuple[re.Pattern[str] | None, tuple[Rule, ...], tuple[Rule, ...]]] = {}
        self._combined: dict[tuple[Rule, ...], re.Pattern[str]] = {}
        # Rules by each start prefix, so a new bucket unions a few lists instead of scanning every rule.
        self._unknown_start = [n for n, st in enumerate(self._starts) if st is None]
        self._by_prefix: dict[str, list[int]] = {}
        for n, st in enumerate(self._starts):
            for p in st or ():
                self._by_prefix.setdefault(p, []).append(n)
        self._longest = max((len(p) for p in self._by_prefix), default=0)
        tokens = sorted({t for r in self.rules for t in r.requires}, key=len, reverse=True)
        self._any_required = re.compile("|".join(map(re.escape, tokens))) if tokens else None
        # functools' C cache: bounded, thread-safe, and cheaper per call than a Python-level dict dance.
        self._cached = functools.lru_cache(maxsize=CACHE_LINES)(self._match)

    def clear_cache(self) -> None:
        """Forget the remembered hits (benchmarks start each timed pass from an empty cache)."""
        self._cached.cache_clear()

    def _bucket(self, head: str, wclass: int) -> tuple[re.Pattern[str] | None, tuple[Rule, ...], tuple[Rule, ...]]:
        key = (head, wclass)
        got = self._buckets.get(key)
        if got is None:
            low = _WORD_CLASSES[wclass - 1] + 1 if wclass else 0
            cands = [r for r in self._starting(head) if r.max_words is None or r.max_words >= low]
            plain = tuple(r for r in cands if not r.requires)
            filtered = tuple(r for r in cands if r.requires)
            # Many buckets hold the same rules: compile each set once (compiling is most of a cold run).
            combined = self._combined.get(plain)
            if combined is None and plain:
                combined = re.compile("|".join(f"(?:{_scoped(r.pattern.pattern)})" for r in plain))
                self._combined[plain] = combined
            got = self._buckets[key] = (combined, plain, filtered)
        return got

    def _starting(self, head: str) -> list[Rule]:
        """The rules a line starting with ``head`` may match (one start prefix agrees), in rule order."""
        if len(head) < self._longest:  # a short line: a longer prefix may still agree
            return [
                r
                for r, st in zip(self.rules, self._starts, strict=True)
                if st is None or any(p[: len(head)] == head[: len(p)] for p in st)
            ]
        found = set(self._unknown_start)
        for k in range(len(head) + 1):  # every prefix of the head (no rule prefix is longer)
            found.update(self._by_prefix.get(head[:k], ()))
        return [self.rules[n] for n in sorted(found)]

    def hits(self, line: str) -> tuple[Rule, ...]:
        """Every rule matching the whole stripped ``line`` within its max_words, in rule order."""
        if not line:
            return ()
        if len(line) > CACHE_CHARS:
            return self._match(line)
        return self._cached(line)

    def _match(self, line: str) -> tuple[Rule, ...]:
        words = len(line.split())
        combined, plain, filtered = self._bucket(line[:PREFIX].lower(), _word_class(words))
        found: list[Rule] = []
        if combined is not None and combined.fullmatch(line) is not None:
            found = [
                r
                for r in plain
                if (r.max_words is None or words <= r.max_words) and r.pattern.fullmatch(line) is not None
            ]
        if filtered and self._any_required is not None and self._any_required.search(line):
            for r in filtered:
                if (
                    (r.max_words is None or words <= r.max_words)
                    and any(t in line for t in r.requires)
                    and r.pattern.fullmatch(line) is not None
                ):
                    found.append(r)
        if len(found) > 1:
            found.sort(key=lambda r: self._order[r.id])
        return tuple(found)


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(pattern: str) -> str:
    """Turn a leading global flag group ``(?i)X`` into a scoped ``(?i:X)`` so patterns can be joined."""
    m = _LEADING_FLAGS.match(pattern)
    if not m:
        return pattern
    return f"(?{m.group(1)}:{pattern[m.end() :]})"
