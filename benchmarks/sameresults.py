"""Check that two source trees of the cleaner give byte-identical results: a speed-up must change nothing.

Each tree is imported in its own subprocess (its root first on sys.path), cleans
the same inputs, and pickles every ``Result.text``, every ``Removal`` (all
fields) and what ``clean()`` returns; this process compares them. The inputs,
counted apart: both development corpora (benchmarks.corpora: the 181 ScrapingHub
pages and the 1,497 WCXB dev pages), each page in HTML mode (its decoded str) and its
naive dump in text mode; the ScrapingHub dumps repeated 10x (the long-input path);
and every golden input (the five seeds among them). WCXB's seven page kinds (forums,
products, listings...) reach code the news articles of ScrapingHub never do.
An output differs when the text or what ``clean()`` returns does; removals differ
when any field of any removal does.
The reference is a git revision, exported to a temporary folder: by default the
commit this branch started from (``git merge-base HEAD main``), since main moves.

    python -m benchmarks.sameresults [--against REV] [--tree .] [--data DIR] [--quick]

``--quick`` leaves out the 10x dumps. The corpora are found as benchmarks.data
finds them (``../shared`` beside the checkout, ``--data``, ``CLEANER_BENCH_DATA``);
if one is absent the run says where to get it and exits 2.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from benchmarks import corpora

ROOT = Path(__file__).resolve().parent.parent
SCALE = 10
CORPORA = ("scrapinghub", "wcxb")  # names for benchmarks.corpora.load
LONG = "scrapinghub"  # the corpus whose dumps are also compared repeated SCALE times

# Run in the subprocess: clean every input with the tree's own cleaner and pickle what came out.
_CHILD = """
import pickle, sys
sys.path.insert(0, sys.argv[1])
import cleaner
assert cleaner.__file__.startswith(sys.argv[1]), cleaner.__file__
with open(sys.argv[2], "rb") as f:
    inputs = pickle.load(f)
c = cleaner.Cleaner()
out = []
for name, content, kind in inputs:
    r = c.clean_document(content, kind=kind)
    out.append((name, r.text, [(m.layer, m.rule, m.category, m.text, m.line, m.end_line, m.start, m.end)
                               for m in r.removals], c.clean(content, kind=kind)))
with open(sys.argv[3], "wb") as f:
    pickle.dump(out, f)
"""

# (group, name, content, kind): the group is what the summary counts apart.
Input = tuple[str, str, str | bytes, str]


def inputs(data_override: str | os.PathLike[str] | None = None, quick: bool = False) -> list[Input]:
    """Every input compared, grouped by corpus and mode (corpora.load exits 2 if a corpus is absent)."""
    found: list[Input] = []
    for name in CORPORA:
        pages = corpora.load(name, data_override).pages
        found += [(f"{name} html", f"{name}/{p.key} html", p.html, "html") for p in pages]
        found += [(f"{name} text", f"{name}/{p.key} text", p.dump, "text") for p in pages]
        if name == LONG and not quick:
            found += [(f"{name} text x{SCALE}", f"{name}/{p.key} x{SCALE}", p.dump * SCALE, "text") for p in pages]
    for path in sorted((ROOT / "golden").glob("*/input.*")):
        found.append(("golden", path.parent.name, path.read_bytes(), "html" if path.suffix == ".html" else "text"))
    return found


def export(rev: str, into: Path) -> Path:
    """The ``cleaner`` package at git revision ``rev``, written under ``into``."""
    archive = subprocess.run(["git", "archive", rev, "cleaner"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run_tree(tree: Path, given: Path, out: Path) -> list[tuple[str, str, list[tuple], str]]:
    subprocess.run([sys.executable, "-c", _CHILD, str(tree.resolve()), str(given), str(out)], check=True)
    with out.open("rb") as f:
        return pickle.load(f)


def _describe(name: str, a: tuple, b: tuple) -> str:
    """One line on how the new tree's result for ``name`` differs from the reference's."""
    (_, text_a, rem_a, _), (_, text_b, rem_b, clean_b) = a, b
    line = f"DIFFERS: {name}: text {'same' if text_a == text_b else 'differs'}"
    line += f", clean() {'same' if text_a == clean_b else 'differs'}"
    first = next((k for k, (x, y) in enumerate(zip(rem_a, rem_b, strict=False)) if x != y), None)
    if first is None and len(rem_a) != len(rem_b):
        first = min(len(rem_a), len(rem_b))
    if first is not None:
        x = rem_a[first] if first < len(rem_a) else None
        y = rem_b[first] if first < len(rem_b) else None
        line += f"; removal {first}: {x} != {y}"
    return line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default=None, help="the reference revision (default: merge-base of HEAD and main)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree under test")
    parser.add_argument("--data", default=None, help="the shared/ folder or its benchmarks/ one (benchmarks.data)")
    parser.add_argument("--quick", action="store_true", help="skip the dumps repeated 10x")
    args = parser.parse_args(argv)
    rev = (
        args.against
        or subprocess.run(
            ["git", "merge-base", "HEAD", "main"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    given = inputs(args.data, args.quick)
    groups = [group for group, _, _, _ in given]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inputs.pickle"
        with path.open("wb") as f:
            pickle.dump([(name, content, kind) for _, name, content, kind in given], f)
        del given[:]  # (the children read the pickle; the pages need not stay in this process too)
        (Path(tmp) / "ref").mkdir()
        ref = run_tree(export(rev, Path(tmp) / "ref"), path, Path(tmp) / "ref.pickle")
        new = run_tree(args.tree, path, Path(tmp) / "new.pickle")
    count: Counter[str] = Counter()
    removals: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    lists: Counter[str] = Counter()
    shown = 0
    for group, a, b in zip(groups, ref, new, strict=True):
        (name, text_a, rem_a, _), (_, text_b, rem_b, clean_b) = a, b
        count[group] += 1
        removals[group] += len(rem_a)
        text_bad, rem_bad = not (text_a == text_b == clean_b), rem_a != rem_b
        texts[group] += text_bad
        lists[group] += rem_bad
        if (text_bad or rem_bad) and shown < 10:
            shown += 1
            print(_describe(name, a, b))
    for group in count:
        print(
            f"{group}: {count[group]} inputs, {removals[group]} removals: "
            f"{texts[group]} outputs differ, {lists[group]} removal lists differ"
        )
    bad = sum(texts.values()) + sum(lists.values())
    print(
        f"all: {sum(count.values())} inputs, {sum(removals.values())} removals: {sum(texts.values())} outputs differ, "
        f"{sum(lists.values())} removal lists differ ({args.tree} against {rev[:12]})"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
