"""The quality gate: the cleaner's figures on both corpora may not fall below their pins.

``benchmarks/baseline.json`` pins, for each corpus and mode, the F1, the
precision and every page type's F1 that main reaches. ``tests/test_quality_gate.py``
recomputes them on the full corpora and fails when any figure drops more than
TOLERANCE below its pin (the model is trafilatura's own CI gate). A pin only
moves up, in the commit whose change earns it: ``python -m benchmarks.gate
--raise-pins`` writes max(pin, figure) for every figure and never lowers one.

The figures are the same ones ``python -m benchmarks.run`` prints for the
cleaner's rows (same inputs, same metric); here they are computed on two
processes, because the test must stay well under five minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import corpora
from benchmarks.score import CorpusScore

BASELINE = Path(__file__).resolve().parent / "baseline.json"
TOLERANCE = 0.0005
MODES = ("html", "text")
CHUNK = 60  # pages per task: small enough that two workers finish together

Figures = dict[str, dict[str, dict[str, float]]]  # corpus -> mode -> figure name -> value


def figures_of(corpus: corpora.Corpus, outputs: Sequence[str]) -> dict[str, float]:
    """F1, precision and each page type's F1 of one mode's outputs, by the corpus's own metric."""
    scores = [corpus.page_score(out, p.truth) for out, p in zip(outputs, corpus.pages, strict=True)]
    by_type = {
        kind: corpus.corpus_score([s for s, p in zip(scores, corpus.pages, strict=True) if p.page_type == kind])
        for kind in corpus.types
    }
    return pinned_figures(corpus.corpus_score(scores), by_type)


def pinned_figures(total: CorpusScore, by_type: dict[str, CorpusScore]) -> dict[str, float]:
    """The figures a pin holds, from a corpus score and its page types' scores."""
    return {"f1": total.f1, "precision": total.precision, **{f"f1 {kind}": s.f1 for kind, s in by_type.items()}}


# Set before the worker processes fork, so the pages are shared rather than pickled to each task.
_INPUTS: dict[tuple[str, str], list[str]] = {}
_CLEANER: Any = None


def _clean_chunk(task: tuple[str, str, int, int]) -> tuple[str, str, int, list[str]]:
    global _CLEANER
    name, mode, start, stop = task
    if _CLEANER is None:
        from cleaner import Cleaner

        _CLEANER = Cleaner()
    inputs = _INPUTS[(name, mode)][start:stop]
    return name, mode, start, [_CLEANER.clean(x, kind=mode) for x in inputs]


def measure(
    names: Iterable[str] = ("scrapinghub", "wcxb"), data: str | os.PathLike[str] | None = None, workers: int = 2
) -> Figures:
    """The cleaner's figures on the full corpora, both modes, cleaned on ``workers`` processes."""
    loaded = {name: corpora.load(name, data) for name in names}
    _INPUTS.clear()
    tasks = []
    for name, corpus in loaded.items():
        for mode in MODES:
            _INPUTS[(name, mode)] = [p.html if mode == "html" else p.dump for p in corpus.pages]
            tasks += [(name, mode, i, i + CHUNK) for i in range(0, len(corpus.pages), CHUNK)]
    tasks.sort(key=lambda t: t[1] != "html")  # the slow HTML chunks first, so the workers end together
    outputs: dict[tuple[str, str], dict[int, list[str]]] = {}
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = list(pool.imap_unordered(_clean_chunk, tasks))
    else:
        done = [_clean_chunk(t) for t in tasks]
    for name, mode, start, outs in done:
        outputs.setdefault((name, mode), {})[start] = outs
    result: Figures = {}
    for name, corpus in loaded.items():
        for mode in MODES:
            chunks = outputs[(name, mode)]
            flat = [out for start in sorted(chunks) for out in chunks[start]]
            result.setdefault(name, {})[mode] = figures_of(corpus, flat)
    return result


def load_pins(path: Path = BASELINE) -> Figures:
    """The pinned figures."""
    return json.loads(path.read_text(encoding="utf-8"))


def shortfalls(measured: Figures, pins: Figures, tolerance: float = TOLERANCE) -> list[str]:
    """Every pinned figure that is missing or more than ``tolerance`` below its pin, as a sentence."""
    found = []
    for name, modes in pins.items():
        for mode, figs in modes.items():
            for fig, pin in figs.items():
                got = measured.get(name, {}).get(mode, {}).get(fig)
                if got is None:
                    found.append(f"{name} {mode} {fig}: pinned at {pin:.4f} but not measured")
                elif got < pin - tolerance:
                    found.append(f"{name} {mode} {fig}: {got:.4f} is below its pin {pin:.4f} (by {pin - got:.4f})")
    return found


def raised(measured: Figures, pins: Figures) -> Figures:
    """New pins: each the larger of pin and figure (figures rounded down to 4 places), never lower."""
    new: Figures = json.loads(json.dumps(pins))
    for name, modes in measured.items():
        for mode, figs in modes.items():
            for fig, got in figs.items():
                floor = math.floor(got * 10_000) / 10_000
                old = new.setdefault(name, {}).setdefault(mode, {}).get(fig)
                new[name][mode][fig] = floor if old is None else max(old, floor)
    return new


def write_pins(pins: Figures, path: Path = BASELINE) -> None:
    """Write the pins atomically, keys in a stable order so a diff shows only what moved."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".baseline.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(pins, fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)


def comparison_markdown(measured: Figures, pins: Figures) -> str:
    """A table of every figure beside its pin, for RESULTS.md and the terminal."""
    lines = ["| corpus | mode | figure | this run | pin | margin |", "|---|---|---|---:|---:|---:|"]
    for name, modes in measured.items():
        for mode, figs in modes.items():
            for fig, got in figs.items():
                pin = pins.get(name, {}).get(mode, {}).get(fig)
                pin_s = f"{pin:.4f}" if pin is not None else "–"
                margin = f"{got - pin:+.4f}" if pin is not None else "–"
                lines.append(f"| {name} | {mode} | {fig} | {got:.4f} | {pin_s} | {margin} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.gate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="the shared/ folder (default: ../shared beside the checkout)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--raise-pins", action="store_true", help="write max(pin, figure) into baseline.json; never lowers a pin"
    )
    args = parser.parse_args(argv)
    measured = measure(data=args.data, workers=args.jobs)
    pins = load_pins() if BASELINE.exists() else {}
    print(comparison_markdown(measured, pins))
    if args.raise_pins:
        write_pins(raised(measured, pins))
        print(f"wrote {BASELINE}", file=sys.stderr)
        return 0
    missing = shortfalls(measured, pins)
    for line in missing:
        print("BELOW PIN:", line, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
