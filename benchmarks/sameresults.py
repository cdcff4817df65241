"""Check that two source trees of the cleaner give byte-identical results: a speed-up must change nothing.

Each tree is imported in its own subprocess (its root first on sys.path), cleans
the same inputs, and pickles every ``Result.text``, every ``Removal`` (all
fields) and what ``clean()`` returns; this process compares them. The inputs:
the 181 ScrapingHub pages in HTML mode (decoded as the benchmark decodes them), their
naive dumps in text mode, each dump repeated 10x, and every golden input (the five
seeds among them).
The reference is a git revision, exported to a temporary folder: by default the
commit this branch started from (``git merge-base HEAD main``), since main moves.

    python -m benchmarks.sameresults [--against REV] [--tree .] [--quick]
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.naive_text import decode_page, load_page
from benchmarks.textspeed import DATA, load_dumps

ROOT = Path(__file__).resolve().parent.parent
SCALE = 10

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


def inputs(data: Path, quick: bool = False) -> list[tuple[str, str | bytes, str]]:
    """(name, content, kind) of every input compared."""
    dumps = load_dumps(data)
    pages = sorted((data / "html").glob("*.html.gz"))
    names = [p.name for p in pages]
    # HTML mode has only a few golden inputs; the pages are what benchmarks.run times.
    found: list[tuple[str, str | bytes, str]] = [(f"{p.name} html", decode_page(load_page(p)), "html") for p in pages]
    found += [(n, d, "text") for n, d in zip(names, dumps, strict=True)]
    if not quick:
        found += [(f"{n} x{SCALE}", d * SCALE, "text") for n, d in zip(names, dumps, strict=True)]
    for path in sorted((ROOT / "golden").glob("*/input.*")):
        found.append((path.parent.name, path.read_bytes(), "html" if path.suffix == ".html" else "text"))
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default=None, help="the reference revision (default: merge-base of HEAD and main)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree under test")
    parser.add_argument("--data", type=Path, default=DATA, help="benchmark folder holding html/*.html.gz")
    parser.add_argument("--quick", action="store_true", help="skip the dumps repeated 10x")
    args = parser.parse_args(argv)
    rev = (
        args.against
        or subprocess.run(
            ["git", "merge-base", "HEAD", "main"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    given = inputs(args.data, args.quick)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inputs.pickle"
        with path.open("wb") as f:
            pickle.dump(given, f)
        (Path(tmp) / "ref").mkdir()
        ref = run_tree(export(rev, Path(tmp) / "ref"), path, Path(tmp) / "ref.pickle")
        new = run_tree(args.tree, path, Path(tmp) / "new.pickle")
    bad = 0
    for (name, text_a, rem_a, _), (_, text_b, rem_b, clean_b) in zip(ref, new, strict=True):
        if text_a == text_b == clean_b and rem_a == rem_b:
            continue
        bad += 1
        if bad <= 10:
            print(f"DIFFERS: {name}: text {'same' if text_a == text_b else 'differs'}", end="")
            print(f", clean() {'same' if text_a == clean_b else 'differs'}", end="")
            first = next((k for k, (a, b) in enumerate(zip(rem_a, rem_b, strict=False)) if a != b), None)
            if first is None and len(rem_a) != len(rem_b):
                first = min(len(rem_a), len(rem_b))
            if first is not None:
                a = rem_a[first] if first < len(rem_a) else None
                b = rem_b[first] if first < len(rem_b) else None
                print(f"; removal {first}: {a} != {b}", end="")
            print()
    removals = sum(len(r) for _, _, r, _ in ref)
    print(f"{len(ref)} inputs, {removals} removals: {bad} differ ({args.tree} against {rev[:12]})")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
