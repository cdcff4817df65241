"""Per-pattern backtracking audit: every rule pattern against long runs of hostile characters.

For each rule in cleaner/rules/*.toml (fullmatch for line rules, search for
inline rules), each prefix (the pattern's literal words, plus generic starts),
each unit (a character or short run its quantifiers eat) and each failing
tail, time the match at N and 10N units; print each rule's worst ratio.
A linear pattern shows ~10x; the quadratic ones showed 100x-1000x.
Slow (10-15 minutes): run by hand after editing patterns, see REGEX-AUDIT.md.

    python -m benchmarks.regex_audit 300            # every rule
    python -m benchmarks.regex_audit 300 script.    # rules whose id contains 'script.'
"""

import re
import sys
import time

from cleaner.rules import LANGUAGES, builtin_rules

UNITS = [
    " ",
    "\t",
    "|",
    " | ",
    "/",
    " / ",
    "(",
    "()",
    "( ",
    "©",
    "© ",
    "1",
    "1 ",
    "12 ",
    "«",
    "»",
    "›",
    " » ",
    "-",
    "_",
    ":",
    ": ",
    ".",
    "a",
    "A",
    "A ",
    "Ab ",
    "{",
    "{:",
    ";",
    "<",
    "<a ",
    "<a />",
    "=",
    "'",
    "a.",
    "a/",
    "A|",
    "1:",
    "…",
    "—",
    "#",
    "*",
    "$",
    "via ",
    "for ",
    "x=",
]
TAILS = ["", "\x01", "x" * 400]


def prefixes(pat):
    frags = set(re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’ ]{1,}", pat))
    out = {""} | {f for f in frags} | {f + " " for f in frags}
    out |= {
        "(",
        "©",
        "var x",
        "Next",
        "a{",
        "<a ",
        "1 2 ",
        "a » b » ",
        "window.",
        "function(",
        "Source: ",
        "Tags: ",
        "AP Photo",
        "John Smith / ",
    }
    return sorted(out)


def t(f, s):
    a = time.perf_counter()
    f(s)
    return time.perf_counter() - a


rules = builtin_rules(LANGUAGES)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
ONLY = sys.argv[2] if len(sys.argv) > 2 else ""
for r in rules:
    if ONLY not in r.id:
        continue
    f = r.pattern.search if r.inline else r.pattern.fullmatch
    worst = (0, 0, "", "", "")
    for p in prefixes(r.pattern.pattern):
        for u in UNITS:
            for tail in TAILS:
                a = t(f, p + u * N + tail)
                if a > 0.05:  # already slow at N: report without trying 10N
                    worst = max(worst, (999, a, p, u, tail[:3]))
                    continue
                if a < 2e-5:
                    continue
                a = min(t(f, p + u * N + tail) for _ in range(3))
                b = min(t(f, p + u * 10 * N + tail) for _ in range(2))
                worst = max(worst, (b / a, b, p, u, tail[:3]))
    print(
        f"{worst[0]:7.1f}x {worst[1] * 1000:9.2f}ms {r.id:34s} prefix={worst[2]!r} unit={worst[3]!r} tail={worst[4]!r}",
        flush=True,
    )
