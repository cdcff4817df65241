"""The names a config may turn off (layers and rules), and the error for one that is none of them.

A misspelt ``--disable-rule`` or ``disable_layers`` entry used to be accepted
and do nothing: the user believed a rule was off while it still removed lines.
Every name is checked against what the chain can act on, and an unknown one is
a ConfigError that suggests the nearest known names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from cleaner.config import ConfigError
from cleaner.model import CATEGORIES
from cleaner.rules import LANGUAGES, Rule, builtin_rules

# Rules that layers apply in code, not from the rule files.
CODE_RULES = frozenset(
    {
        "duplicate.exact",
        "script.code-density",
        "template.site",
        "http.headers",
        "comments.thread",
        "context.tweet-text",
        "context.menu-twice",
        "context.menu-edge",
        "context.page-title",
        "context.breadcrumb",
        "context.url",
        "context.comment-header",
    }
)
# A rule's second name for the lines it takes beside its own (simple.py, caption.py, embed.py, navigation.py).
DERIVED = ("item", "caption", "button", "blurb", "alone")
# What a layer names a line by its shape or place (cleaner/layers/naming.py), as "<layer>.<shape>".
SHAPES = (
    "teaser",
    "outside",
    "question",
    "cut-short",
    "stamp",
    "menu",
    "list-heading",
    "count",
    "copy",
    "prev-next-title",
    "sections",
    "in-list",
)


def rule_ids(layers: Iterable[str], extra_rules: Iterable[Rule] = ()) -> frozenset[str]:
    """Every rule id a removal can carry, for these layers: what ``disable_rules`` may name.

    Built-in rules of every language count, so that a config shared between
    runs in different languages stays valid.
    """
    rules = [*builtin_rules(LANGUAGES), *extra_rules]
    ids = {r.id for r in rules}
    ids |= {f"{r.id}.{suffix}" for r in rules for suffix in DERIVED}
    ids |= {f"{layer}.{shape}" for layer in layers for shape in SHAPES}
    ids |= {f"{category}.footer" for category in CATEGORIES}  # the footer a tail rule starts (tail.py)
    return frozenset(ids | CODE_RULES)


def check_rules(given: Iterable[str], known: Iterable[str]) -> None:
    """ConfigError for a rule id the chain does not know, or an HTML prune rule (those cannot be turned off)."""
    given = set(given)
    html = sorted(r for r in given if r.startswith("html."))
    if html:
        raise ConfigError(
            f"HTML prune rules cannot be turned off one by one ({', '.join(html)}); "
            "--disable CATEGORY keeps a category's lines in the text layers"
        )
    check_known(given, known, "rule")


def check_known(given: Iterable[str], known: Iterable[str], what: str) -> None:
    """ConfigError naming each unknown entry, with the nearest known names (or all, when few)."""
    known = sorted(set(known))
    bad = sorted(set(given) - set(known))
    if not bad:
        return
    parts = []
    for name in bad:
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        parts.append(f"{name!r} (did you mean {', '.join(close)}?)" if close else repr(name))
    hint = (
        f"known: {', '.join(known)}"
        if len(known) <= 20
        else "a rule's id is its `id` in cleaner/rules/*.toml, or the rule column of --explain"
    )
    raise ConfigError(f"unknown {what} {', '.join(parts)}; {hint}")
