"""Text-mode speed: documents per second on the ScrapingHub naive dumps, and the 10x scaling ratio.

CPU time (``time.process_time``) is the headline figure because the machine is
shared and wall time is noisy; wall time is printed beside it. Every figure is
the minimum over ``--repeat`` passes, and the plain and 10x sets are timed in
alternating passes so a burst of load skews both alike. Cold start (building a
Cleaner and its first pass over the dumps, which warms the rule index) is
reported apart from the warm figures. The headline figure times ``clean()``, which
returns only the text; ``clean_document()``, which also makes a Removal object for
every removal, is timed beside it. Reference passes that clean nothing (splitting
the lines into words, the C4 line filter, the context layer's line features alone)
show what a docs/s goal leaves for the cleaning itself on this machine.

    python -m benchmarks.textspeed [--repeat 5] [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks import data
from benchmarks.naive_text import load_page, naive_text

DATA = data.corpus_dir("scrapinghub")
SCALE = 10
GOAL_DOCS = 1000.0
GOAL_RATIO = 11.0


def load_dumps(data: Path) -> list[str]:
    """The naive whole-page text dump of every benchmark page, in file-name order."""
    return [naive_text(load_page(path)) for path in sorted((data / "html").glob("*.html.gz"))]


def timed(fn: Callable[[str], object], docs: Sequence[str], reset: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one pass of ``fn`` over ``docs``, after ``reset()``."""
    reset()
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        fn(doc)
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes per set; the minimum counts")
    parser.add_argument("--data", type=Path, default=DATA, help="benchmark folder holding html/*.html.gz")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    args = parser.parse_args(argv)

    dumps = load_dumps(args.data)
    if not dumps:
        print(f"no pages under {args.data / 'html'}", file=sys.stderr)
        return 1
    size = sum(len(d.encode("utf-8")) for d in dumps)
    big = [d * SCALE for d in dumps]

    import cleaner  # imported here so the cold figure below includes the first use only

    cpu0 = time.process_time()
    c = cleaner.Cleaner()
    build_cpu = time.process_time() - cpu0
    fn = lambda d: c.clean(d, kind="text")  # noqa: E731
    # Each timed pass starts with empty line caches: the compiled indexes stay warm, but
    # lines remembered from an earlier pass over the same pages would flatter the figure.
    namer = c.book.namer  # the naming rules' index remembers lines too

    def reset() -> None:
        c.index.clear_cache()
        if namer is not None:
            namer.clear_cache()

    cold_cpu, _ = timed(fn, dumps, reset)
    cold_cpu += build_cpu
    timed(fn, big[:1], reset)  # warm the index on the long lines of the 10x set too

    explain = lambda d: c.clean_document(d, kind="text")  # noqa: E731
    plain = [float("inf")] * 2
    large = [float("inf")] * 2
    explained = [float("inf")] * 2
    for _ in range(max(1, args.repeat)):
        for acc, docs, f in ((plain, dumps, fn), (explained, dumps, explain), (large, big, fn)):
            cpu, wall = timed(f, docs, reset)
            acc[0], acc[1] = min(acc[0], cpu), min(acc[1], wall)

    # Reference passes over the same dumps: what the goal leaves for the cleaner's work. The
    # context layer's line features (words, function words, sentence end) are what issue 4
    # asks the classifier to read; the C4 line filter is the benchmark's cheapest baseline.
    from benchmarks.baselines import c4_filter
    from cleaner.layers.context import ContextLayer

    context = next((layer for layer in c.layers if isinstance(layer, ContextLayer)), None)
    floors = {
        "split every line into words": lambda d: [line.split() for line in d.splitlines()],
        "C4 line filter (benchmarks.baselines)": c4_filter,
    }
    if context is not None:
        floors["the context layer's line features alone"] = lambda d: context.shapes(
            [t for line in d.splitlines() if (t := line.strip())]
        )
    floor_cpu = {name: min(timed(f, dumps, reset)[0] for _ in range(max(1, args.repeat))) for name, f in floors.items()}

    n = len(dumps)
    ratio_cpu, ratio_wall = large[0] / plain[0], large[1] / plain[1]
    lines = [
        f"{n} dumps, {size / 1e6:.2f} MB, Python {sys.version.split()[0]}, min of {args.repeat} passes",
        f"cold: Cleaner() + first pass {cold_cpu:.2f} s CPU (Cleaner() alone {build_cpu:.2f} s)",
        f"warm: {plain[0]:.3f} s CPU = {n / plain[0]:.0f} docs/s CPU "
        f"({plain[1]:.3f} s wall = {n / plain[1]:.0f} docs/s wall); goal >= {GOAL_DOCS:g} docs/s: "
        f"{'meets' if n / plain[0] >= GOAL_DOCS else 'MISSES'}",
        f"clean_document (every removal explained): {explained[0]:.3f} s CPU = {n / explained[0]:.0f} docs/s CPU",
        f"{SCALE}x each dump: {large[0]:.3f} s CPU ({large[1]:.3f} s wall); "
        f"ratio {ratio_cpu:.2f}x CPU, {ratio_wall:.2f}x wall; goal <= {GOAL_RATIO:g}x: "
        f"{'meets' if ratio_cpu <= GOAL_RATIO else 'MISSES'}",
        "reference passes over the same dumps, no cleaning (CPU):",
        *(f"  {name}: {n / cpu:.0f} docs/s" for name, cpu in floor_cpu.items()),
    ]
    print("\n".join(lines))
    if not args.no_write:
        from benchmarks.results import write_section

        given = list(sys.argv[1:] if argv is None else argv)  # the options as run, for the record
        command = "python -m benchmarks.textspeed" + (" " + " ".join(given) if given else "")
        write_section(
            "text-speed",
            "## Text mode speed, one core\n\n"
            f"Command: `{command}` ({time.strftime('%Y-%m-%d')}; CPU time is the headline figure, the "
            "machine is shared). Where the time goes: benchmarks/TEXTSPEED.md.\n\n```\n" + "\n".join(lines) + "\n```",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
