"""Noise patterns as data: one TOML file per language plus ``neutral.toml``.

Each ``[[rule]]`` has:

- ``id``: stable rule id, ``<category>.<name>`` by convention (reported in every removal);
- ``category``: one of the guide's categories;
- ``pattern``: a Python regex; it must match the WHOLE stripped line unless
  ``inline = true``, in which case every match is cut out of the line (and the
  line is dropped only if nothing but whitespace is left);
- optional ``tail = true``: the line starts the page footer (see the tail layer);
- optional ``block = true``: the line heads a block (a related-links list, a
  tag list): the short, non-prose lines that follow it share its category;
- optional ``at_end = true``: only applies after the last line of prose,
  for rules whose targets are only noise at the bottom of a page (initials);
- optional ``max_words``: the line must have at most this many words
  (default 30: noise lines are short, and the limit lets the matcher skip long
  prose lines cheaply; ``0`` means no limit, for code and long credits);
- optional ``isolated = true``: only applies to a line that stands alone
  between two lines of prose (the previous one not ending in a colon, which
  would make the line an item of the list it announces);
- optional ``requires = ["|"]``: the rule is only tried on lines that contain
  one of these strings; a cheap filter for rules that cannot be indexed by
  their first character (see cleaner/match.py);
- optional ``pair = true`` (captions): the line is a bare credit, and the
  caption sentence directly before or after it goes with it;
- optional ``then = '<pattern>'`` (embed rules): a button the player or the
  embed prints right under its head ('Report' under a tweet's placeholder,
  'Visit Website' under a video ad's 'Thanks for watching!'). The next kept
  line goes too if it matches the pattern whole; only that one line, since a
  word such as 'Report' alone is also a subheading;
- optional ``names = true``: a naming rule. It never removes a line and no
  layer decides anything by it; it only names a line that a layer removed by
  its place on the page (the context layer's page furniture, a tail layer's
  footer, a block's list): a share bar in a menu is promo, not navigation.

A file may also hold a ``[lexicon]`` table of word lists the layers use
(``caption_verbs``: verbs that make a sentence read as a photo caption).

Patterns are compiled case-sensitively; put ``(?i)`` at the start where case
does not matter. Keep them free of nested quantifiers (the reliability tests
feed them hostile input).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cleaner.model import CATEGORIES

LANGUAGES: tuple[str, ...] = ("neutral", "en", "de", "fr", "es", "pt", "it", "ru", "id", "ko")


@dataclass(frozen=True)
class Rule:
    """One pattern rule, loaded from data."""

    id: str
    category: str
    pattern: re.Pattern[str]
    lang: str = "neutral"
    inline: bool = False
    tail: bool = False
    block: bool = False
    at_end: bool = False
    max_words: int | None = None
    pair: bool = False
    isolated: bool = False
    requires: tuple[str, ...] = ()
    names: bool = False
    then: re.Pattern[str] | None = None

    def matches(self, line: str) -> bool:
        """Whole-line match for line rules (inline rules: any match)."""
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        if self.inline:
            return self.pattern.search(line) is not None
        return self.pattern.fullmatch(line) is not None


DEFAULT_MAX_WORDS = 30


class RuleError(ValueError):
    """A rule file or a user rule is malformed; the message names which and why."""


_KEYS = {
    "id",
    "category",
    "pattern",
    "inline",
    "tail",
    "block",
    "at_end",
    "max_words",
    "pair",
    "isolated",
    "requires",
    "names",
    "then",
    "lang",
    "note",
}


def rule_from_dict(raw: dict[str, object], lang: str, origin: str) -> Rule:
    """Build and validate one rule; errors name the file and rule."""
    unknown = set(raw) - _KEYS
    rid = str(raw.get("id", "?"))
    if unknown:
        raise RuleError(f"{origin}: rule {rid!r}: unknown keys {sorted(unknown)}")
    for key in ("id", "category", "pattern"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            raise RuleError(f"{origin}: rule {rid!r}: {key!r} must be a non-empty string")
    category = str(raw["category"])
    if category not in CATEGORIES:
        raise RuleError(f"{origin}: rule {rid!r}: unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    where = f"{origin}: rule {rid!r}"
    pattern = _compile(str(raw["pattern"]), f"{where}: bad pattern")
    then = raw.get("then")
    if then is not None:
        if not isinstance(then, str) or not then:
            raise RuleError(f"{where}: 'then' must be a non-empty pattern")
        if category != "embed":
            # Only the embed layer reads it: on another rule it would be silently ignored.
            raise RuleError(f"{where}: 'then' (the button under an embed's head) needs category 'embed'")
    then_pattern = _compile(then, f"{where}: bad 'then' pattern") if then else None
    max_words = raw.get("max_words", DEFAULT_MAX_WORDS)
    if not isinstance(max_words, int) or max_words < 0:
        raise RuleError(f"{origin}: rule {rid!r}: max_words must be a whole number (0: no limit)")
    return Rule(
        id=rid,
        category=category,
        pattern=pattern,
        lang=str(raw.get("lang", lang)),
        inline=bool(raw.get("inline", False)),
        tail=bool(raw.get("tail", False)),
        block=bool(raw.get("block", False)),
        at_end=bool(raw.get("at_end", False)),
        max_words=max_words or None,
        pair=bool(raw.get("pair", False)),
        isolated=bool(raw.get("isolated", False)),
        requires=_strings(raw.get("requires", []), origin, rid),
        names=bool(raw.get("names", False)),
        then=then_pattern,
    )


def _compile(source: str, error: str) -> re.Pattern[str]:
    """The compiled pattern; a bad one is a RuleError that starts with ``error``."""
    try:
        return re.compile(source)
    except re.error as exc:
        raise RuleError(f"{error}: {exc}") from exc


def _strings(value: object, origin: str, rid: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(f"{origin}: rule {rid!r}: requires must be a list of non-empty strings")
    return tuple(value)


def load_rules_text(text: str, lang: str, origin: str) -> list[Rule]:
    """Parse one TOML rule file's text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: not valid TOML: {exc}") from exc
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise RuleError(f"{origin}: 'rule' must be an array of tables ([[rule]])")
    return [rule_from_dict(r, lang, origin) for r in rules]


def _builtin_file(lang: str) -> dict[str, object]:
    res = resources.files(__package__) / f"{lang}.toml"
    if not res.is_file():
        raise RuleError(f"no built-in rules for language {lang!r} (have: {', '.join(LANGUAGES)})")
    try:
        return tomllib.loads(res.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"rules/{lang}.toml: not valid TOML: {exc}") from exc


def builtin_lexicon(languages: Iterable[str] = LANGUAGES) -> dict[str, frozenset[str]]:
    """The ``[lexicon]`` word lists of ``languages``, merged (lower-cased)."""
    merged: dict[str, set[str]] = {}
    for lang in languages:
        lex = _builtin_file(lang).get("lexicon", {})
        if not isinstance(lex, dict):
            raise RuleError(f"rules/{lang}.toml: [lexicon] must be a table")
        for key, words in lex.items():
            merged.setdefault(key, set()).update(str(w).lower() for w in words)
    return {k: frozenset(v) for k, v in merged.items()}


def builtin_rules(languages: Iterable[str] = LANGUAGES) -> list[Rule]:
    """The shipped rules for ``languages``, in file order (neutral first)."""
    out: list[Rule] = []
    for lang in languages:
        rules = _builtin_file(lang).get("rule", [])
        if not isinstance(rules, list):
            raise RuleError(f"rules/{lang}.toml: 'rule' must be an array of tables ([[rule]])")
        out.extend(rule_from_dict(r, lang, f"rules/{lang}.toml") for r in rules)
    seen: set[str] = set()
    for r in out:
        if r.id in seen:
            raise RuleError(f"duplicate rule id {r.id!r}")
        seen.add(r.id)
    return out


def rules_dir() -> Path:
    """Where the shipped rule files live (for docs and tests)."""
    return Path(str(resources.files(__package__)))
