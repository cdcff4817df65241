"""Pages where the cleaner lost the article: it keeps under 0.2 of the truth's words, trafilatura over 0.6.

Issue 19's measure of silent loss, on both corpora and both modes. The
reference is trafilatura default on the page's HTML (the engine HTML mode
wraps, and what a user would otherwise run); text mode is also held against
trafilatura on the dump's lines, the like-for-like peer. A word is kept when
it is in the output's word multiset (WCXB's word metric, used for both
corpora here because the issue counts words).

``python -m benchmarks.lost`` prints the counts and the pages, fastest with
``--jobs 2``; ``benchmarks.run`` prints the same counts in RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import baselines, corpora, gate
from benchmarks.score import words

LOST_BELOW = 0.2  # the cleaner keeps under this share of the truth's words ...
REFERENCE_ABOVE = 0.6  # ... where the reference keeps over this share


def kept_share(output: str, truth: str) -> float:
    """The share of the truth's words (as a multiset) that ``output`` holds; 1.0 for an empty truth."""
    true = words(truth)
    total = sum(true.values())
    return sum((words(output) & true).values()) / total if total else 1.0


def lost_pages(outputs: Sequence[str], references: Sequence[str], truths: Sequence[str]) -> list[int]:
    """Indexes of the pages whose output lost the article that the reference kept."""
    return [
        i
        for i, (out, ref, truth) in enumerate(zip(outputs, references, truths, strict=True))
        if kept_share(out, truth) < LOST_BELOW and kept_share(ref, truth) > REFERENCE_ABOVE
    ]


_INPUTS: list[tuple[str, str]] = []


def _run(index: int) -> str:
    tool, text = _INPUTS[index]
    if tool == "trafilatura":
        return baselines.trafilatura_fn()(text)
    if tool == "trafilatura-lines":
        return baselines.trafilatura_lines(text)
    from cleaner import clean

    return clean(text, kind=tool)


def _outputs(jobs: list[tuple[str, str]], workers: int) -> list[str]:
    _INPUTS[:] = jobs
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(jobs)), chunksize=20)
    return [_run(i) for i in range(len(jobs))]


def _reference_cache(name: str, corpus: corpora.Corpus) -> Path:
    import trafilatura

    digest = hashlib.sha256(trafilatura.__version__.encode())
    for page in corpus.pages:
        digest.update(page.key.encode())
        digest.update(hashlib.sha256(page.raw).digest())
    return corpora.CACHE / f"lost-references-{name}-{digest.hexdigest()[:16]}.pickle"


def references(name: str, corpus: corpora.Corpus, workers: int) -> dict[str, list[str]]:
    """trafilatura's outputs on the HTML and on the dump's lines, cached: they only change with trafilatura."""
    path = _reference_cache(name, corpus)
    if path.exists():
        return pickle.loads(path.read_bytes())
    n = len(corpus.pages)
    outs = _outputs(
        [("trafilatura", p.html) for p in corpus.pages] + [("trafilatura-lines", p.dump) for p in corpus.pages], workers
    )
    refs = {"html": outs[:n], "lines": outs[n:]}
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(refs))
    return refs


def report(name: str, corpus: corpora.Corpus, cleaned: dict[str, list[str]], refs: dict[str, list[str]]) -> list[str]:
    """One line per (mode, reference) with the count, then one per lost page."""
    truths = [p.truth for p in corpus.pages]
    lines = []
    for mode, ref in (("html", "html"), ("text", "html"), ("text", "lines")):
        found = lost_pages(cleaned[mode], refs[ref], truths)
        against = "trafilatura on the HTML" if ref == "html" else "trafilatura on the dump's lines"
        lines.append(f"{name} {mode} mode against {against}: {len(found)} lost of {len(truths)}")
        for i in found:
            page = corpus.pages[i]
            lines.append(
                f"    {page.key} ({page.page_type}): cleaner keeps {kept_share(cleaned[mode][i], page.truth):.2f},"
                f" reference {kept_share(refs[ref][i], page.truth):.2f}"
            )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lost", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=sorted(corpora.FOLDERS), action="append", help="default: both")
    parser.add_argument("--data", help="the shared/ folder (default: ../shared beside the checkout)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--save", type=Path, help="pickle the cleaner's outputs here, for a closer look")
    args = parser.parse_args(argv)
    saved: dict[str, Any] = {}
    for name in args.corpus or sorted(corpora.FOLDERS):
        corpus = corpora.load(name, args.data)
        refs = references(name, corpus, args.jobs)
        n = len(corpus.pages)
        outs = _outputs([("html", p.html) for p in corpus.pages] + [("text", p.dump) for p in corpus.pages], args.jobs)
        cleaned = {"html": outs[:n], "text": outs[n:]}
        saved[name] = cleaned
        for mode in ("html", "text"):
            figs = gate.figures_of(corpus, cleaned[mode])
            print(f"{name} {mode}: " + ", ".join(f"{k} {v:.4f}" for k, v in figs.items()))
        print("\n".join(report(name, corpus, cleaned, refs)), flush=True)
    if args.save:
        args.save.write_bytes(pickle.dumps(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
