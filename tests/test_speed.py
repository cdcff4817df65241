"""The speed-ups must not change what is removed.

The rule index only narrows which rules are tried on a line, so its hits must
equal trying every rule; the chain skips a layer that already settled, so its
result must equal running every layer until a pass removes nothing; the
document's cached views must follow removals and cuts.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings

from cleaner import BinaryInputError, Cleaner
from cleaner.layers import context
from cleaner.match import (
    CACHE_CHARS,
    FOLD_TO_ASCII,
    RuleIndex,
    _word_gate,
    required_literal,
    required_words,
    start_prefixes,
)
from cleaner.model import Document
from cleaner.rules import builtin_rules
from tests.test_properties import texts

RULES = builtin_rules()
INDEX = RuleIndex(RULES)
ENTRIES: dict[str, dict] = tomllib.loads(Path(__file__).with_name("rule_examples.toml").read_text(encoding="utf-8"))[
    "rules"
]


def _brute(line: str) -> tuple[str, ...]:
    """Every whole-line rule tried on the line: what the index must reproduce."""
    words = len(line.split())
    return tuple(
        r.id
        for r in INDEX.rules
        if (r.max_words is None or words <= r.max_words)
        and (not r.requires or any(t in line for t in r.requires))
        and r.pattern.fullmatch(line) is not None
    )


def _lines() -> list[str]:
    out: list[str] = []
    for entry in ENTRIES.values():
        for item in [*entry.get("examples", []), *entry.get("near_misses", [])]:
            line = (item if isinstance(item, str) else item["text"]).strip()
            # Case-flipped and cut-short copies reach the buckets a rule must not miss
            # (the exact-case start of case-sensitive rules, heads shorter than a prefix).
            out += [line, line.upper(), line.lower(), line.swapcase(), line[:1], line[:2], line[:3]]
    return [line for line in out if line]


def test_index_hits_equal_trying_every_rule() -> None:
    lines = _lines()
    assert len(lines) > 1000
    wrong = [
        (line, INDEX.hits(line), _brute(line))
        for line in lines
        if tuple(r.id for r in INDEX.hits(line)) != _brute(line)
    ]
    assert not wrong, wrong[:3]
    assert sum(1 for line in lines if _brute(line)) > 300  # the comparison is not between empty tuples


# Lines where a lower-cased search could miss what a case-blind regex finds, or lines could run together.
_ODD_LINES = [
    "ſubscribe to our newsletters",  # long s: the case-blind pattern reads it as 's'
    "Sİgn up for our newsletters",  # dotted capital I: its lower case is two characters
    "You are ſigned in as Jane",
    "Cancel reply\nShare your thoughts Cancel reply",  # a line feed inside a line
    "ΣΥΝΔΕΣΗ edit profile",
]


def test_hits_of_gives_what_hits_gives_line_by_line() -> None:
    """hits_of leaves out the lines its word screen rules out; it must not leave out a line that matches."""
    namer = CLEANER.book.namer
    assert namer is not None and namer._screen is not None  # the naming rules' index takes the short way
    assert INDEX._screen is not None  # every rule of the main index whose start is unknown names words
    lines = _lines() + _ODD_LINES
    for index in (namer, INDEX):
        for size in (1, 3, 60, len(lines)):
            for start in range(0, len(lines), size):
                chunk = lines[start : start + size]
                assert index.hits_of(chunk) == [index.hits(line) for line in chunk], chunk
        for odd in _ODD_LINES:
            chunk = ["Home", odd, "Edit Profile Sign Out"]
            assert index.hits_of(chunk) == [index.hits(line) for line in chunk], odd
    assert sum(1 for line in lines if namer.hits(line)) > 30  # the comparison is not between empty tuples


@given(texts)
def test_hits_of_gives_what_hits_gives_on_any_text(text: str) -> None:
    namer = CLEANER.book.namer
    assert namer is not None
    lines = [line.strip() for line in text.splitlines()]
    assert namer.hits_of(lines) == [namer.hits(line) for line in lines]


class _Unscreened(RuleIndex):
    """The index without its word screens: every candidate of a bucket is tried (what the screens must equal)."""

    def _bucket(self, head: str, wclass: int):  # type: ignore[no-untyped-def]
        return (super()._bucket(head, wclass)[0], None, None, None)


UNSCREENED = _Unscreened(RULES)


def test_word_screen_changes_no_hit_on_odd_lines() -> None:
    """A short line is tried only against the rules that test no word when it holds none of the others'
    words (RuleIndex._bucket): letters that fold to ASCII, or lower case that grows, must not hide one."""
    lines = [*_lines(), *_ODD_LINES, *(line.upper() for line in _ODD_LINES), "Kredit: AP", "CREDİT: Jane Doe", "ſaid:"]
    for line in lines:
        for part in [line, *line.splitlines()]:
            assert INDEX._match(part) == UNSCREENED._match(part), part


@given(texts)
def test_word_screen_changes_no_hit_on_any_text(text: str) -> None:
    for line in text.splitlines():
        assert INDEX._match(line.strip()) == UNSCREENED._match(line.strip()), line


def test_word_screen_leaves_most_rules_off_a_short_line() -> None:
    """The screen pays only if it rules out most of the rules that every line is tried against."""
    cands, free, written, lowered = RuleIndex(RULES)._bucket("Hom", 0)
    assert free is not None and written is not None and lowered is not None
    assert len(free) < len(cands) / 2
    assert written("Home") is None and lowered("home") is None  # so "Home" is tried against ``free`` alone
    assert written("Photo: Getty") is not None


def test_an_atomic_group_tells_where_a_match_starts() -> None:
    assert start_prefixes(re.compile(r"(?>ab|cd)e")) == {"abe", "cde"}
    assert start_prefixes(re.compile(r"(?></?[a-z]\w*>)")) is not None


def test_index_cache_is_bounded_and_skips_long_lines() -> None:
    index = RuleIndex(RULES)
    line = "Leave a Comment"
    assert index.hits(line) == index.hits(line)
    info = index._cached.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    long_line = "Share this " + "x" * CACHE_CHARS
    index.hits(long_line)
    assert index._cached.cache_info().currsize == 1
    index.clear_cache()
    assert index._cached.cache_info().currsize == 0
    assert info.maxsize is not None


def test_required_literal() -> None:
    assert required_literal(re.compile(r"\(\s*adsbygoogle\s*=\s*window\.adsbygoogle")) == "window.adsbygoogle"
    assert required_literal(re.compile(r"googletag\.cmd\.push\(")) == "googletag.cmd.push("
    assert required_literal(re.compile(r"(?i)googletag")) is None  # case ignored: "in" would miss "GoogleTag"
    assert required_literal(re.compile(r"abc|xyz")) is None  # neither word is in every match
    assert required_literal(re.compile(r"ab(?:cdef)?gh")) is None  # only the optional part is long
    for rule in (r for r in RULES if r.inline):
        literal = required_literal(rule.pattern)
        for example in ENTRIES[rule.id]["examples"]:
            line = example if isinstance(example, str) else example["text"]
            if literal is not None and rule.pattern.search(line):
                assert literal in line


def test_required_words() -> None:
    def words(pattern: str) -> tuple[str, ...] | None:
        return required_words(re.compile(pattern))

    assert words(r"[A-Z][^\n]{2,120} via \w+") == (" via ",)
    assert words(r"abc|xyz") == ("abc", "xyz")  # one of the branches, whichever matched
    assert words(r"(?:hello)+ w") == ("hello",)  # a repeat of at least one
    assert words(r"(?:hello)* w") is None  # may be absent
    assert words(r"ab(?:cdef)?gh") is None  # only the optional part is long
    assert words(r"(?:abc|x)yz") is None  # a branch of one letter: no word of three
    assert words(r"(?i:abc)de") is None  # the group ignores case, the gate could not tell
    assert words(r"(?i)subscribe now") == ("subscribe now",)  # compared ignoring case, like the pattern
    # Every whole-line rule that has such words: each example it matches holds one of them.
    for rule in (r for r in RULES if not r.inline):
        found = required_words(rule.pattern)
        if found is None:
            continue
        gate = re.compile("|".join(map(re.escape, found)), rule.pattern.flags & (re.IGNORECASE | re.ASCII))
        for example in ENTRIES[rule.id]["examples"]:
            line = (example if isinstance(example, str) else example["text"]).strip()
            for variant in (line, line.upper(), line.lower(), line.swapcase()):
                if rule.pattern.fullmatch(variant):
                    assert gate.search(variant), (rule.id, variant, found)


def test_fold_to_ascii_names_every_letter_that_matches_an_ascii_one_ignoring_case() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = [chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))]
    assert "".join(found) == FOLD_TO_ASCII


def test_a_case_blind_gate_passes_every_line_its_pattern_matches() -> None:
    pattern = re.compile(r"(?i)(?:[^.\n]{3,40}\. )?(?:sign up|subscribe) to [^\n]{1,40}")
    gate = _word_gate(pattern)
    assert gate is not None
    lines = [
        "Subscribe to our newsletter",
        "SIGN UP TO the list",
        "Great deals. ſubscribe to us",  # long s: a case-blind regex reads it as 's'
        "Sİgn up to the “list”",  # dotted capital I, whose lower case is two characters
        "Great deals’ here. sign up to it",
    ]
    for line in lines:
        assert pattern.fullmatch(line), line
        assert gate(line), line
    assert not gate("Sign on to the list")
    assert not gate("Sign on to the “list”")


def _naive(cleaner: Cleaner, text: str) -> tuple[str, list]:
    """Every layer, every pass, until a pass removes nothing, then every layer's naming step: the chain
    before it skipped settled layers."""
    doc = Document(text, index=cleaner.index)
    layers = [layer for layer in cleaner.layers if "text" in layer.kinds]
    for _ in range(8):
        before = len(doc.removals)
        for layer in layers:
            layer.apply(doc)
        if len(doc.removals) == before:
            break
    for layer in layers:  # then each layer names what it removed by place, as the chain does
        layer.finish(doc)
    return doc.render(), sorted(doc.removals, key=lambda r: (r.line or 0, r.start or 0))


CLEANER = Cleaner()


@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(texts)
def test_skipping_settled_layers_changes_nothing(text: str) -> None:
    got = CLEANER.clean_document(text, kind="text")
    assert (got.text, got.removals) == _naive(CLEANER, text)


def test_cached_views_follow_removals_and_cuts() -> None:
    doc = Document(
        "Leave a Comment\n\nSome prose line that is long enough to count as a sentence here.\nx\n", index=INDEX
    )
    assert doc.kept() == [0, 2, 3]
    assert doc.hit_lines() == [0]
    assert doc.last_prose() == 2
    doc.remove(2, "t", "t.rule", "boilerplate")
    assert doc.kept() == [0, 3]
    assert doc.last_prose() == -1
    doc.cut(0, 0, 6, "t", "t.cut", "boilerplate")  # "Leave " goes: "a Comment" matches nothing
    assert doc.hit_lines() == []
    assert doc.recut == [0]


def test_words_of_the_tokens_are_the_words_of_the_line() -> None:
    """The context layer counts function words and content words from _words: the regex's words, in another order."""
    lines = [
        "The cat, the dog and (the) bird—and the rest.",
        "well-known 'tis rock'n'roll l’homme de la ville, and_so the2 x²the the½",
        "İstanbul AND THE ǅungla; Straße und die Welt. ſo the",
        "e\u0301t\u00e9 de la the\u0301 \u00a0the\u2003and",
        "- - -- the -the- 'the' ’the’ the's",
    ]
    for line in lines + _lines():
        for text in (line, line.lower()):
            assert sorted(context._words(text.split())) == sorted(context._WORD.findall(text)), text
    assert len(context._WORD.findall(lines[0])) >= 9  # the comparison is not between empty lists


@given(texts)
def test_words_of_the_tokens_are_the_words_of_any_text(text: str) -> None:
    for line in text.splitlines():
        assert sorted(context._words(line.split())) == sorted(context._WORD.findall(line))


@given(texts)
def test_clean_returns_the_text_clean_document_returns(text: str) -> None:
    """clean() skips making the Removal objects; the text must not change."""
    assert CLEANER.clean(text) == CLEANER.clean_document(text).text
    data = text.encode("utf-8")
    try:
        expected = CLEANER.clean_document(data).text
    except BinaryInputError:
        with pytest.raises(BinaryInputError):
            CLEANER.clean(data)
    else:
        assert CLEANER.clean(data) == expected
