"""Benchmark the cleaner against common extractors on both development corpora, per page type.

One command, one process: ``python -m benchmarks.run`` (``--corpus`` picks one).
For each corpus, two tables:

* HTML mode: each tool gets the page; its text is scored against the corpus's
  hand-made truth by the corpus's own metric.
* Text mode: each tool gets the naive whole-page text dump (naive_text.py), the
  already-scraped-text case the cleaner exists for.

Each table has a column per page type (ScrapingHub is all news articles; WCXB
has seven kinds), WCXB's snippet rates, and speed as a ratio to trafilatura
default timed in the same run, because absolute times on a shared machine are
noisy. Inputs are prepared once, outside the timed passes. The cleaner's rows
are checked against the pins in benchmarks/baseline.json (benchmarks/gate.py).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import baselines, corpora, gate, lost, structure
from benchmarks.corpora import Corpus
from benchmarks.naive_text import naive_text
from benchmarks.results import write_section
from benchmarks.score import CorpusScore

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "RESULTS.md"
SCALE_FACTOR = 10
SCALE_GOAL = 11.0
# Timed passes per tool when --repeat is not given: the small corpus three, the large one one.
DEFAULT_REPEAT = {"scrapinghub": 3, "wcxb": 1}


@dataclass
class Tool:
    """A named ``input -> text`` function; ``family`` lets --only select related rows at once."""

    name: str
    family: str
    label: str
    fn: Callable[[Any], str]
    reference: bool = False  # the row other rows' times are divided by


@dataclass
class Row:
    """Scores and timing of one tool over the pages."""

    tool: Tool
    seconds: float
    cpu_seconds: float
    outputs: list[str]
    page_scores: list[Any]
    corpus: CorpusScore
    by_type: dict[str, CorpusScore]
    snippets: tuple[float, float] | None
    errors: int
    error_sample: str = ""
    empty: int = field(init=False)

    def __post_init__(self) -> None:
        self.empty = sum(1 for out in self.outputs if not out.strip())


@dataclass
class Timed:
    """Outputs of a tool's first pass, with the minimum wall and CPU time over its passes."""

    outputs: list[str]
    wall: float
    cpu: float
    errors: int
    error_sample: str


def time_tool(fn: Callable[[Any], str], inputs: Sequence[Any], repeat: int) -> Timed:
    """Run ``fn`` over all inputs ``repeat`` times; outputs of the first pass, minimum times.

    Wall time (perf_counter) is the headline figure; process CPU time is kept
    too because it is far less disturbed by other processes on a shared machine.
    A page that raises scores as empty output and is counted, so one crash does
    not hide a tool's whole row.
    """
    result = Timed([], float("inf"), float("inf"), 0, "")
    for rep in range(max(1, repeat)):
        outs: list[str] = []
        errs = 0
        cpu_start = time.process_time()
        start = time.perf_counter()
        for item in inputs:
            try:
                outs.append(fn(item))
            except Exception as exc:  # a crashing page must not stop the benchmark
                outs.append("")
                errs += 1
                if not result.error_sample:
                    result.error_sample = f"{type(exc).__name__}: {exc}"[:200]
        result.wall = min(result.wall, time.perf_counter() - start)
        result.cpu = min(result.cpu, time.process_time() - cpu_start)
        if rep == 0:
            result.outputs, result.errors = outs, errs
    return result


def warm_up(fn: Callable[[Any], str], item: Any) -> None:
    """One untimed call so lazy imports and one-off loading stay out of the timings."""
    with contextlib.suppress(Exception):  # errors are counted in the timed pass
        fn(item)


def score_row(tool: Tool, t: Timed, corpus: Corpus) -> Row:
    """Score one tool's outputs by the corpus's own metric, overall and per page type."""
    page_scores = [corpus.page_score(out, p.truth) for out, p in zip(t.outputs, corpus.pages, strict=True)]
    by_type = {
        kind: corpus.corpus_score([s for s, p in zip(page_scores, corpus.pages, strict=True) if p.page_type == kind])
        for kind in corpus.types
    }
    has_snippets = any(p.with_snippets or p.without_snippets for p in corpus.pages)
    snippets = corpora.snippet_rates(t.outputs, corpus.pages) if has_snippets else None
    return Row(
        tool,
        t.wall,
        t.cpu,
        t.outputs,
        page_scores,
        corpus.corpus_score(page_scores),
        by_type,
        snippets,
        t.errors,
        t.error_sample,
    )


def run_table(tools: list[Tool], inputs: Sequence[Any], corpus: Corpus, repeat: int) -> list[Row]:
    """Time and score each tool over the same prepared inputs.

    Passes are interleaved (pass 1 of every tool, then pass 2 of every tool...)
    so a burst of load from other processes on the shared machine hits all
    tools alike instead of inflating whichever one happened to be running.
    """
    for tool in tools:
        if inputs:
            warm_up(tool.fn, inputs[0])
    timed: dict[str, Timed] = {}
    for _ in range(max(1, repeat)):
        for tool in tools:
            t = time_tool(tool.fn, inputs, 1)
            if tool.name not in timed:
                timed[tool.name] = t
            else:
                timed[tool.name].wall = min(timed[tool.name].wall, t.wall)
                timed[tool.name].cpu = min(timed[tool.name].cpu, t.cpu)
    rows = []
    for tool in tools:
        row = score_row(tool, timed[tool.name], corpus)
        rows.append(row)
        print(
            f"  {tool.name:28s} F1 {row.corpus.f1:.4f}  P {row.corpus.precision:.4f}  "
            f"R {row.corpus.recall:.4f}  {row.seconds:7.2f} s (CPU {row.cpu_seconds:.2f} s)",
            file=sys.stderr,
            flush=True,
        )
    return rows


def load_cleaner() -> tuple[Any, str]:
    """Build one Cleaner to reuse for every page, or explain why the cleaner rows are skipped."""
    try:
        import cleaner
    except ImportError as exc:
        return None, f"cleaner rows skipped: `import cleaner` failed ({exc})"
    try:
        return cleaner.Cleaner(), ""
    except Exception as exc:  # report, do not crash the other rows
        return None, f"cleaner rows skipped: Cleaner() failed ({type(exc).__name__}: {exc})"


def selected(tool: Tool, only: set[str] | None) -> bool:
    """--only matches a tool's exact name or its family (e.g. 'trafilatura' selects all three)."""
    return only is None or tool.name in only or tool.family in only


def html_tools(cleaner_obj: Any) -> list[Tool]:
    """The HTML-mode rows; every tool gets the same input form (see --html-input)."""
    tools = []
    if cleaner_obj is not None:
        tools.append(Tool("cleaner", "cleaner", "cleaner (HTML mode)", lambda p: cleaner_obj.clean(p, kind="html")))
    tools += [
        Tool("trafilatura", "trafilatura", "trafilatura default", baselines.trafilatura_fn(), reference=True),
        Tool("trafilatura-fast", "trafilatura", "trafilatura fast=True", baselines.trafilatura_fn(fast=True)),
        Tool(
            "trafilatura-precision",
            "trafilatura",
            "trafilatura favor_precision",
            baselines.trafilatura_fn(favor_precision=True),
        ),
        Tool("readability", "readability", "readability-lxml", baselines.readability_text),
        Tool("justext", "justext", "jusText (stoplist from <html lang>)", baselines.justext_html),
        Tool("resiliparse", "resiliparse", "resiliparse main_content", baselines.resiliparse_text),
        Tool("raw", "raw", "raw whole-page text (naive_text)", naive_text),
    ]
    return tools


def text_tools(cleaner_obj: Any) -> list[Tool]:
    """The text-mode rows, all fed the naive whole-page dump."""
    tools = []
    if cleaner_obj is not None:
        tools.append(
            Tool("cleaner-text", "cleaner", "cleaner (text mode)", lambda d: cleaner_obj.clean(d, kind="text"))
        )
    tools += [
        Tool("c4", "c4", "C4 line filter", baselines.c4_filter),
        Tool("justext-lines", "justext", "jusText on lines as <p>", baselines.justext_lines),
        Tool(
            "trafilatura-lines",
            "trafilatura",
            "trafilatura default on lines as <p>",
            baselines.trafilatura_lines,
            reference=True,
        ),
        Tool("raw-dump", "raw", "raw dump (input unchanged)", lambda d: d),
    ]
    return tools


def _ratio(num: float, den: float | None) -> str:
    return f"{num / den:.2f}" if den else "–"


TYPE_ABBREV = {"documentation": "docs"}


def table_markdown(rows: list[Row], corpus: Corpus, ref_label: str) -> str:
    """One Markdown table: F1/P/R, each page type's F1, snippet rates, speed ratios to the reference row."""
    ref = next((r.seconds for r in rows if r.tool.reference), None)
    ref_cpu = next((r.cpu_seconds for r in rows if r.tool.reference), None)
    types = corpus.types
    snip = any(r.snippets is not None for r in rows)
    head = ["tool", "F1", "P", "R"]
    head += [f"{TYPE_ABBREV.get(t, t)} ({sum(p.page_type == t for p in corpus.pages)})" for t in types]
    head += ["with", "without"] if snip else []
    head += ["docs/s", f"time / {ref_label}", f"CPU / {ref_label}", "empty", "errors"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    n = len(corpus.pages)
    for r in rows:
        c = r.corpus
        # A pass under 1 ms (the unchanged dump) has no meaningful rate.
        docs_s = f"{n / r.seconds:.1f}" if r.seconds >= 1e-3 else "–"
        cells = [r.tool.label, f"{c.f1:.3f}", f"{c.precision:.3f}", f"{c.recall:.3f}"]
        cells += [f"{r.by_type[t].f1:.3f}" for t in types]
        if snip:
            cells += [f"{r.snippets[0]:.3f}", f"{r.snippets[1]:.3f}"] if r.snippets else ["–", "–"]
        cells += [docs_s, _ratio(r.seconds, ref), _ratio(r.cpu_seconds, ref_cpu), str(r.empty), str(r.errors)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def published_markdown(corpus: Corpus) -> str:
    """The corpus README's published figures, in the same columns as our tables where it gives them."""
    if corpus.name != "wcxb":
        return f"\n{corpus.published}\n"
    head = "| published system (HTML input) | F1 | P | R | " + " | ".join(
        TYPE_ABBREV.get(t, t) for t in corpora.PAGE_TYPES
    )
    lines = [head + " |", "|---|" + "---:|" * (3 + len(corpora.PAGE_TYPES))]
    for row in corpora.WCXB_PUBLISHED_ROWS:
        lines.append("| " + " | ".join([row[0], *(f"{v:.3f}" for v in row[1:])]) + " |")
    return f"\n{corpus.published}\n\n" + "\n".join(lines) + "\n"


def speed_line(rows: list[Row], cleaner_name: str, refs: list[tuple[list[Row], str]]) -> str:
    """'speed vs trafilatura' = trafilatura time / cleaner time (above 1 means the cleaner is faster)."""
    cl = next((r for r in rows if r.tool.name == cleaner_name), None)
    if cl is None or cl.seconds <= 0:
        return ""
    parts = []
    for ref_rows, what in refs:
        ref = next((r for r in ref_rows if r.tool.reference), None)
        if ref is not None:
            cpu = f"{ref.cpu_seconds / cl.cpu_seconds:.2f}x" if cl.cpu_seconds > 0 else "–"
            parts.append(f"{ref.seconds / cl.seconds:.2f}x wall ({cpu} CPU) vs {what}")
    if not parts:
        return ""
    return f"Cleaner speed (trafilatura time / cleaner time): {'; '.join(parts)}.\n"


def scaling(cleaner_obj: Any, dumps: list[str], repeat: int) -> str:
    """Cleaner text mode on the dumps and on each dump repeated 10x; near-linear is <= 11x.

    Both sets are timed here, alternating pass by pass, so the ratio is not
    skewed by load that came and went between the two measurements.
    """
    fn = lambda d: cleaner_obj.clean(d, kind="text")  # noqa: E731
    big = [d * SCALE_FACTOR for d in dumps]
    warm_up(fn, big[0] if big else "")
    plain = time_tool(fn, dumps, 1)
    large = time_tool(fn, big, 1)
    for _ in range(max(1, repeat) - 1):
        for acc, t in ((plain, time_tool(fn, dumps, 1)), (large, time_tool(fn, big, 1))):
            acc.wall, acc.cpu = min(acc.wall, t.wall), min(acc.cpu, t.cpu)
    ratio = large.wall / plain.wall if plain.wall else float("inf")
    cpu_ratio = large.cpu / plain.cpu if plain.cpu else float("inf")

    def verdict(r: float) -> str:
        return "meets" if r <= SCALE_GOAL else "MISSES"

    err = f", {large.errors} errors on the 10x set" if large.errors else ""
    return (
        f"Text-mode scaling: {len(dumps)} dumps in {plain.wall:.2f} s ({plain.cpu:.2f} s CPU) "
        f"({len(dumps) / plain.wall:.1f} docs/s, single process, single thread); "
        f"each dump repeated {SCALE_FACTOR}x: {large.wall:.2f} s ({large.cpu:.2f} s CPU); "
        f"ratio {ratio:.2f}x wall ({verdict(ratio)} the <= {SCALE_GOAL:g}x goal), "
        f"{cpu_ratio:.2f}x CPU ({verdict(cpu_ratio)} it){err}.\n"
    )


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cleaner_version() -> str:
    """The cleaner is usually imported from the checkout, not installed: say which one."""
    try:
        import cleaner
    except ImportError:
        return "not importable"
    version = getattr(cleaner, "__version__", None) or _version("cleaner")
    where = Path(cleaner.__file__).resolve().parent
    return f"{version} from {where.relative_to(ROOT) if where.is_relative_to(ROOT) else where}"


def _git_head() -> str:
    try:
        head = ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]
        out = subprocess.run(head, capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return out.stdout.strip() + (" (uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_header(argv: list[str], loaded: list[Corpus], repeats: dict[str, int], load_start: float) -> str:
    """Who/what/where of this run, so a figure can be traced back to its conditions."""
    cmd = "python -m benchmarks.run" + (" " + shlex.join(argv) if argv else "")
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    load_end = os.getloadavg()[0]
    busy = (
        " (above nproc: other processes competed for the cores, so trust the CPU columns over wall time)"
        if max(load_start, load_end) > nproc
        else ""
    )
    data = "; ".join(
        f"{c.title}, {len(c.pages)} pages, timings the minimum of {repeats[c.name]} passes" for c in loaded
    )
    return (
        "# Benchmark results\n\n"
        f"- Command: `{cmd}`\n"
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}\n"
        f"- Code: git {_git_head()}\n"
        f"- Machine: {platform.system()} {platform.machine()}, {_cpu_model()}, nproc {nproc}; "
        f"1-min load average {load_start:.1f} at start, {load_end:.1f} at end{busy}\n"
        f"- Python {platform.python_version()}; cleaner {_cleaner_version()}, "
        f"trafilatura {_version('trafilatura')}, readability-lxml {_version('readability-lxml')}, "
        f"jusText {_version('jusText')}, resiliparse {_version('resiliparse')}, lxml {_version('lxml')}\n"
        f"- Data: {data}\n"
    )


NOTES = """\
## Methodology

- **Corpora** (found by benchmarks/data.py in `../shared/benchmarks/`, or `--data`,
  or `$CLEANER_BENCH_DATA`): ScrapingHub's article-extraction benchmark (181 news
  pages) and the WCXB development split (1,497 pages of seven kinds; Foley 2026,
  CC-BY-4.0). Each is scored by its own benchmark's metric (benchmarks/score.py):
  - ScrapingHub: tokens are `\\w+` runs with case kept; texts become multisets
    of overlapping 4-token shingles. Per page P = tp/(tp+fp), R = tp/(tp+fn).
    Corpus P is the mean over pages that predicted something, R the mean over
    pages with a truth, F1 = 2PR/(P+R) of those means.
  - WCXB: lower-cased `\\w+` word multisets; per page P, R and F1, an empty
    prediction scoring 0 (1 if the truth is empty too); corpus and page-type
    figures are the plain means of the per-page figures. "with" is the share
    of the must-contain snippets found in the output, "without" the share of
    the must-not-contain snippets found (lower is better); both are
    case-insensitive substring tests with whitespace runs read as one space.
    The page type is the truth file's `_internal.page_type.primary`
    (`category` read as collection).
- **Timing**: `time.perf_counter` around one tool's whole pass over all pages,
  in one process and one thread, minimum of the passes, after one untimed
  warm-up call per tool. Passes are interleaved across the tools of a table.
  The machine is shared and noisy: compare the ratio columns (same run), not
  absolute times across runs; CPU time (`time.process_time`) moves less when
  other processes compete. "time / trafilatura" divides by the trafilatura
  default row of the same table (HTML mode: `extract` on the page; text mode:
  `extract` on the dump's lines wrapped as `<p>`).
- **Inputs, prepared once and never timed**: page bytes are decoded once with
  `naive_text.decode_page` (UTF-8, else the declared charset, else cp1252) and
  every HTML-mode tool, the cleaner included, gets that same `str`. The
  text-mode input is `naive_text(page)` (cached in benchmarks/.cache/ by page
  digest and dumper source).
- **cleaner**: one `cleaner.Cleaner()` built before timing and reused;
  HTML mode `clean(page, kind="html")`, text mode `clean(dump, kind="text")`.
- **trafilatura** (the issue's "default"): `extract(html, include_comments=False,
  include_tables=True)`; the other rows add `fast=True` or `favor_precision=True`.
  `None` counts as empty output. Text mode: the default on `<html><body>` with
  one `<p>` per dump line (HTML-escaped).
- **readability-lxml**: `Document(html).summary()`, every block element on its
  own line, text from `text_content()`.
- **jusText** (default settings): HTML mode takes the stoplist named by
  `<html lang>` (English when missing or unknown); text mode guesses the
  stoplist from the dump (the language whose stoplist covers most of the first
  3,000 tokens, inside the timed pass). Non-boilerplate paragraphs, one a line.
- **resiliparse** (the fast extractor of data pipelines such as datatrove):
  `extract_plain_text(html, main_content=True, preserve_formatting=True,
  comments=False, alt_texts=False, list_bullets=False)`.
- **C4 line filter** (TFDS `c4_utils.clean_page` line rules): keep a line that
  ends in terminal punctuation (typographic closing quotes added), has at least
  5 words, no word over 1,000 characters and none of "javascript", "lorem
  ipsum", "{", or the policy phrases. C4's page rules are not applied (they
  blank whole pages).
- **raw**: HTML mode runs `naive_text` on the page (timed); text mode returns
  the dump unchanged, the score of doing nothing.
"""


def write_per_page(path: Path, tables: list[tuple[str, str, Corpus, list[Row]]], with_outputs: bool) -> None:
    """Per-page P/R/F1 of every tool as JSON lines (benchmarks.worst reads the same figures)."""
    with path.open("w", encoding="utf-8") as fh:
        for name, mode, corpus, rows in tables:
            for r in rows:
                for page, s, output in zip(corpus.pages, r.page_scores, r.outputs, strict=True):
                    rec = {
                        "corpus": name,
                        "mode": mode,
                        "tool": r.tool.name,
                        "key": page.key,
                        "page_type": page.page_type,
                        "url": page.url,
                        "precision": round(s.precision, 4),
                        "recall": round(s.recall, 4),
                        "f1": round(s.f1, 4),
                        "output_chars": len(output),
                        "truth_chars": len(page.truth),
                    }
                    if with_outputs:
                        rec["output"] = output
                    fh.write(json.dumps(rec) + "\n")


def lost_markdown(corpus: Corpus, html_rows: list[Row], text_rows: list[Row]) -> str:
    """Issue 19's count: pages where the cleaner keeps under 0.2 of the truth's words, trafilatura over 0.6."""
    by_name = {r.tool.name: r for r in html_rows + text_rows}
    truths = [p.truth for p in corpus.pages]
    counts = []
    for mine, ref, label in (
        ("cleaner", "trafilatura", "HTML mode against trafilatura default"),
        ("cleaner-text", "trafilatura", "text mode against trafilatura default on the page"),
        ("cleaner-text", "trafilatura-lines", "text mode against trafilatura on the dump's lines"),
    ):
        if mine in by_name and ref in by_name:
            found = lost.lost_pages(by_name[mine].outputs, by_name[ref].outputs, truths)
            keys = ", ".join(corpus.pages[i].key[:8] for i in found[:12]) + (", ..." if len(found) > 12 else "")
            counts.append(f"- {label}: {len(found)}" + (f" ({keys})" if found else ""))
    if not counts:
        return ""
    return (
        f"\nPages where the cleaner lost the article (keeps under {lost.LOST_BELOW} of the truth's words "
        f"where the reference keeps over {lost.REFERENCE_ABOVE}; benchmarks/lost.py):\n\n" + "\n".join(counts) + "\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns a process exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", choices=("all", *corpora.FOLDERS), default="all", help="which corpus to run (default: both)"
    )
    parser.add_argument("--data", help="the shared/ folder (default: ../shared beside the checkout)")
    parser.add_argument(
        "--only",
        help="comma-separated tool names or families (cleaner, trafilatura, readability, justext, "
        "resiliparse, raw, c4, cleaner-text, trafilatura-lines, ...)",
    )
    parser.add_argument("--limit", type=int, help="use only the first N pages of each corpus (sorted by key)")
    parser.add_argument(
        "--repeat", type=int, help="timed passes per tool; the minimum is kept (default: 3 ScrapingHub, 1 WCXB)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help=f"Markdown results file (default {DEFAULT_OUT.relative_to(ROOT)} for full runs of both corpora; "
        "other runs write a file only when --out is given)",
    )
    parser.add_argument("--per-page", type=Path, help="write per-page P/R/F1 of every tool as JSON lines")
    parser.add_argument(
        "--per-page-outputs", action="store_true", help="also put each tool's output text in --per-page"
    )
    parser.add_argument("--no-scaling", action="store_true", help="skip the text-mode 10x scaling line")
    args = parser.parse_args(argv)
    argv_list = list(sys.argv[1:] if argv is None else argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()} if args.only else None
    names = list(corpora.FOLDERS) if args.corpus == "all" else [args.corpus]
    full = only is None and args.limit is None and args.corpus == "all"
    out = args.out or (DEFAULT_OUT if full else None)

    wall_start = time.perf_counter()
    load_start = os.getloadavg()[0]
    loaded = []
    for name in names:
        print(f"loading {name} ...", file=sys.stderr, flush=True)
        loaded.append(corpora.load(name, args.data, args.limit))
    repeats = {c.name: args.repeat or DEFAULT_REPEAT[c.name] for c in loaded}
    cleaner_obj, cleaner_msg = load_cleaner()
    if cleaner_msg and (only is None or "cleaner" in only or "cleaner-text" in only):
        print(cleaner_msg, file=sys.stderr)
    html_sel = [t for t in html_tools(cleaner_obj) if selected(t, only)]
    text_sel = [t for t in text_tools(cleaner_obj) if selected(t, only)]

    tables: list[tuple[str, str, Corpus, list[Row]]] = []
    parts: list[str] = []
    measured: gate.Figures = {}
    long_lines: list[tuple[Corpus, list[structure.LongLine]]] = []
    for corpus in loaded:
        n, repeat = len(corpus.pages), repeats[corpus.name]
        print(f"{corpus.name}: HTML mode ({n} pages)", file=sys.stderr)
        html_rows = run_table(html_sel, [p.html for p in corpus.pages], corpus, repeat)
        print(f"{corpus.name}: text mode ({n} pages)", file=sys.stderr)
        dumps = [p.dump for p in corpus.pages]
        text_rows = run_table(text_sel, dumps, corpus, repeat)
        tables += [(corpus.name, "html", corpus, html_rows), (corpus.name, "text", corpus, text_rows)]
        for mode, rows, tool in (("html", html_rows, "cleaner"), ("text", text_rows, "cleaner-text")):
            row = next((r for r in rows if r.tool.name == tool), None)
            if row is not None:
                measured.setdefault(corpus.name, {})[mode] = gate.pinned_figures(row.corpus, row.by_type)
        cleaner_html = next((r for r in html_rows if r.tool.name == "cleaner"), None)
        if cleaner_html is not None:
            long_lines.append((corpus, structure.failures(corpus, cleaner_html.outputs)))

        section = [f"\n## {corpus.title} ({n} pages; metric: {corpus.metric})\n"]
        section.append("\n### HTML mode\n\n" + table_markdown(html_rows, corpus, "trafilatura"))
        section.append("\n" + speed_line(html_rows, "cleaner", [(html_rows, "trafilatura default")]))
        section.append("\n### Text mode (input: naive whole-page dump)\n\n")
        section.append(table_markdown(text_rows, corpus, "trafilatura on lines"))
        section.append(
            "\n"
            + speed_line(
                text_rows,
                "cleaner-text",
                [(text_rows, "trafilatura on the same lines"), (html_rows, "trafilatura default on the page")],
            )
        )
        if (
            corpus.name == "scrapinghub"
            and cleaner_obj is not None
            and not args.no_scaling
            and any(t.name == "cleaner-text" for t in text_sel)
        ):
            print("text-mode scaling ...", file=sys.stderr, flush=True)
            section.append("\n" + scaling(cleaner_obj, dumps, repeat))
        rows = html_rows + text_rows
        errs = [f"- {r.tool.label}: {r.errors} pages raised, e.g. `{r.error_sample}`" for r in rows if r.errors]
        if errs:
            section.append("\nErrors:\n\n" + "\n".join(errs) + "\n")
        section.append(published_markdown(corpus))
        section.append(lost_markdown(corpus, html_rows, text_rows))
        c4_drops = sum(baselines.c4_page_rules_would_drop(d) for d in dumps)
        section.append(
            f"\nWith C4's page rules (punctuation-counted sentences), {c4_drops} of {n} dumps "
            "would have been dropped entirely.\n"
        )
        parts.append("".join(s for s in section if s))

    if long_lines:
        parts.append(
            "\n## Block structure of the cleaner's HTML mode (benchmarks/structure.py)\n\n"
            + structure.table_markdown(long_lines)
        )
    if measured:
        pins = gate.load_pins() if gate.BASELINE.exists() else {}
        below = gate.shortfalls(measured, {k: v for k, v in pins.items() if k in measured})
        verdict = (
            "every figure is at or above its pin (within 0.0005)" if not below else "BELOW PIN: " + "; ".join(below)
        )
        parts.append(
            "\n## The cleaner against its pins (benchmarks/baseline.json)\n\n"
            + gate.comparison_markdown(measured, pins)
            + f"\n{verdict}.\n"
        )
    total = time.perf_counter() - wall_start
    head = machine_header(argv_list, loaded, repeats, load_start)
    if cleaner_msg:
        head += f"\n**{cleaner_msg}.**\n"
    report = head + "".join(parts) + f"\nFull run took {total:.0f} s wall time.\n\n" + NOTES
    print(report)
    if out is not None:
        if out.resolve() == DEFAULT_OUT.resolve():
            write_section("extraction", report, out)  # the other benchmarks' sections stay
        else:
            out.write_text(report, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    if args.per_page is not None:
        write_per_page(args.per_page, tables, args.per_page_outputs)
        print(f"wrote {args.per_page}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
