"""Benchmark the cleaner against common extractors on the ScrapingHub article set.

One command, one process: ``python -m benchmarks.run``. Two tables:

* HTML mode: each tool gets the page and its text is scored against the
  hand-made articleBody.
* Text mode: each tool gets the naive whole-page text dump (naive_text.py), the
  already-scraped-text case the cleaner exists for.

Every tool is timed the same way (perf_counter around a whole pass over the
pages, minimum of ``--repeat`` passes) and the ratio columns compare tools
within the same run, because absolute times on a shared machine are noisy.
Inputs are prepared once, outside the timed passes.
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

from benchmarks import baselines
from benchmarks.naive_text import decode_page, load_page, naive_text
from benchmarks.results import write_section
from benchmarks.score import CorpusScore, PageScore, score_corpus, score_page

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path("/work/shared/benchmarks/scrapinghub")
DEFAULT_OUT = ROOT / "benchmarks" / "RESULTS.md"
SCALE_FACTOR = 10
SCALE_GOAL = 11.0
# Published figures from the data README, printed next to ours as a sanity check.
PUBLISHED = {
    "trafilatura": "trafilatura 2.0.0: F1 0.958 (P 0.938, R 0.978)",
    "readability": "readability-lxml: F1 0.922 (P 0.913, R 0.931)",
    "justext": "jusText 3.0.2: F1 0.804 (P 0.858, R 0.756)",
    "raw": "beautifulsoup get_text (whole page): F1 0.665 (P 0.499, R 0.994)",
}


@dataclass
class Page:
    """One benchmark page with every input form prepared up front (never timed)."""

    key: str
    url: str
    raw: bytes
    html: str
    dump: str
    truth: str


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
    page_scores: list[PageScore]
    corpus: CorpusScore
    errors: int
    error_sample: str = ""
    empty: int = field(init=False)

    def __post_init__(self) -> None:
        self.empty = sum(1 for out in self.outputs if not out.strip())


def load_pages(data: Path, limit: int | None) -> list[Page]:
    """Read, decode and dump every page once, so no tool's time includes this work."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    if limit is not None:
        keys = keys[:limit]
    pages = []
    for key in keys:
        raw = load_page(data / "html" / f"{key}.html.gz")
        html = decode_page(raw)
        pages.append(Page(key, truth[key]["url"], raw, html, naive_text(html), truth[key]["articleBody"]))
    return pages


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


def run_table(tools: list[Tool], inputs: Sequence[Any], truths: list[str], repeat: int) -> list[Row]:
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
        t = timed[tool.name]
        page_scores = [score_page(out, truth) for out, truth in zip(t.outputs, truths, strict=True)]
        row = Row(tool, t.wall, t.cpu, t.outputs, page_scores, score_corpus(page_scores), t.errors, t.error_sample)
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
        Tool(
            "trafilatura-no-comments",
            "trafilatura",
            "trafilatura include_comments=False",
            baselines.trafilatura_fn(include_comments=False),
        ),
        Tool(
            "trafilatura-precision",
            "trafilatura",
            "trafilatura favor_precision",
            baselines.trafilatura_fn(favor_precision=True),
        ),
        Tool("readability", "readability", "readability-lxml", baselines.readability_text),
        Tool("justext", "justext", "jusText (stoplist from <html lang>)", baselines.justext_html),
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


def table_markdown(rows: list[Row], n_pages: int, ref_label: str) -> str:
    """Markdown table; time ratio is relative to this table's reference trafilatura row."""
    ref = next((r.seconds for r in rows if r.tool.reference), None)
    ref_cpu = next((r.cpu_seconds for r in rows if r.tool.reference), None)
    head = (
        "| tool | F1 | precision | recall | docs/s | time (s) | "
        f"time / {ref_label} | CPU (s) | CPU / {ref_label} | empty pages | errors |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for r in rows:
        c = r.corpus
        # A pass under 1 ms (the unchanged dump) has no meaningful rate.
        docs_s = f"{n_pages / r.seconds:.1f}" if r.seconds >= 1e-3 else "–"
        lines.append(
            f"| {r.tool.label} | {c.f1:.3f} | {c.precision:.3f} | {c.recall:.3f} | {docs_s} | "
            f"{r.seconds:.2f} | {_ratio(r.seconds, ref)} | {r.cpu_seconds:.2f} | {_ratio(r.cpu_seconds, ref_cpu)} | "
            f"{r.empty} | {r.errors} |"
        )
    return head + "\n".join(lines) + "\n"


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
    return f"Cleaner speed vs trafilatura (trafilatura time / cleaner time): {'; '.join(parts)}.\n"


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


def machine_header(argv: list[str], n_pages: int, repeat: int, html_input: str, load_start: float) -> str:
    """Who/what/where of this run, so a figure can be traced back to its conditions."""
    cmd = "python -m benchmarks.run" + (" " + shlex.join(argv) if argv else "")
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    load_end = os.getloadavg()[0]
    busy = (
        " (above nproc: other processes competed for the cores, so trust the CPU columns over wall time)"
        if max(load_start, load_end) > nproc
        else ""
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
        f"jusText {_version('jusText')}, lxml {_version('lxml')}\n"
        f"- Data: ScrapingHub article-extraction benchmark, {n_pages} pages; "
        f"timings are the minimum of {repeat} passes; HTML-mode input: {html_input}\n"
    )


NOTES = """\
## Methodology

- **Metric** (benchmarks/score.py, from the data README): tokens are `\\w+` runs
  with case kept; texts become multisets of overlapping 4-token shingles (1–3
  tokens give one short shingle, empty gives none). Per page P = tp/(tp+fp),
  R = tp/(tp+fn), both 1.0 when fp = fn = 0. Corpus P is the mean over pages
  with tp+fp > 0 (a page where a tool returns nothing costs recall only),
  corpus R the mean over pages with tp+fn > 0, F1 = 2PR/(P+R) of those means.
- **Timing**: `time.perf_counter` around one tool's whole pass over all pages,
  in one process and one thread, minimum of `--repeat` passes, after one untimed
  warm-up call per tool. Passes are interleaved across the tools of a table
  (pass 1 of every tool, then pass 2...), so load bursts hit all tools alike.
  The machine is shared and noisy, so compare the ratio columns (same run)
  rather than absolute times across runs; process CPU time (`time.process_time`,
  same passes) is shown beside wall time because it moves much less when other
  processes compete for the cores. "time / trafilatura" divides by the
  trafilatura default row of the same table (HTML mode: `extract` on the page;
  text mode: `extract` on the dump's lines wrapped as `<p>`).
- **Inputs, prepared once and never timed**: page bytes are decoded once with
  `naive_text.decode_page` (UTF-8, else the declared charset, else cp1252). With
  the default `--html-input str` *every* HTML-mode tool, the cleaner included,
  gets that same `str`, so no tool is charged for decoding and none gets a
  different decoding. The text-mode input is `naive_text(page)`.
- **cleaner**: one `cleaner.Cleaner()` built before timing and reused;
  HTML mode `clean(page, kind="html")`, text mode `clean(dump, kind="text")`.
- **trafilatura**: `extract(html)` with defaults; `include_comments=False`;
  `favor_precision=True`. `None` counts as empty output. Text mode: default
  `extract` on `<html><body>` with one `<p>` per dump line (HTML-escaped).
- **readability-lxml**: `Document(html).summary()`, parsed with lxml; every
  block element (naive_text's BLOCK set) is put on its own line and the text
  taken with `text_content()`.
- **jusText** (default settings): HTML mode takes the stoplist named by the
  page's `<html lang="..">` (ISO 639-1 prefix mapped to jusText's stoplist
  names; missing or unknown, e.g. `ja`, falls back to English). Text mode has
  no markup, so the stoplist is guessed from the dump: among 16 major
  languages, the one whose stoplist covers the most of the first 3,000
  lower-cased tokens. The guess is inside the timed pass; loading stoplists is
  not. Paragraphs not classified as boilerplate are joined one per line.
- **C4 line filter** (rules of TFDS `c4_utils.clean_page`, the reference C4
  code): strip `[1]`/`[edit]`/`[citation needed]`; keep a line only if it ends
  in `.` `!` `?` `"` (C4's marks) or a typographic closing quote `”` `’` `»`
  (added here), does not end in `...`, has at least 5 whitespace-separated
  words (C4 used 5 words per line and 3 sentences per page), has no word over
  1,000 characters, and contains none of "javascript", "lorem ipsum", "{",
  "terms of use", "privacy policy", "cookie policy", "uses cookies",
  "use of cookies", "use cookies". C4's page-level rules are *not* applied:
  "lorem ipsum" and "{" drop only their line here (C4 dropped the page), and
  the fewer-than-3-sentences and bad-words page drops are skipped, since they
  blank whole pages and this benchmark scores every page. {c4_pages}
- **raw**: HTML mode runs `naive_text` on the page (timed); text mode returns
  the dump unchanged, the score of doing nothing.
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns a process exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        help="comma-separated tool names or families (cleaner, trafilatura, "
        "readability, justext, raw, c4, cleaner-text, trafilatura-lines, ...)",
    )
    parser.add_argument("--limit", type=int, help="use only the first N pages (sorted by key)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per tool; the minimum is kept")
    parser.add_argument(
        "--out",
        type=Path,
        help=f"Markdown results file (default {DEFAULT_OUT.relative_to(ROOT)} for full runs; "
        "runs with --only/--limit write a file only when --out is given)",
    )
    parser.add_argument("--per-page", type=Path, help="write per-page P/R/F1 of every tool as JSON lines")
    parser.add_argument(
        "--per-page-outputs", action="store_true", help="also put each tool's output text in --per-page"
    )
    parser.add_argument(
        "--html-input",
        choices=("str", "bytes"),
        default="str",
        help="what every HTML-mode tool receives: the once-decoded str (default) or the raw bytes",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark data directory")
    parser.add_argument("--no-scaling", action="store_true", help="skip the text-mode 10x scaling line")
    args = parser.parse_args(argv)
    argv_list = list(sys.argv[1:] if argv is None else argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()} if args.only else None
    out = args.out or (DEFAULT_OUT if only is None and args.limit is None else None)

    wall_start = time.perf_counter()
    load_start = os.getloadavg()[0]
    print(f"loading pages from {args.data} ...", file=sys.stderr, flush=True)
    pages = load_pages(args.data, args.limit)
    n = len(pages)
    truths = [p.truth for p in pages]
    cleaner_obj, cleaner_msg = load_cleaner()
    if cleaner_msg and (only is None or "cleaner" in only or "cleaner-text" in only):
        print(cleaner_msg, file=sys.stderr)

    html_sel = [t for t in html_tools(cleaner_obj) if selected(t, only)]
    text_sel = [t for t in text_tools(cleaner_obj) if selected(t, only)]
    html_inputs = [p.html if args.html_input == "str" else p.raw for p in pages]
    dumps = [p.dump for p in pages]

    print(f"HTML mode ({n} pages):", file=sys.stderr)
    html_rows = run_table(html_sel, html_inputs, truths, args.repeat)
    print(f"Text mode ({n} pages):", file=sys.stderr)
    text_rows = run_table(text_sel, dumps, truths, args.repeat)

    scale = ""
    if (
        cleaner_obj is not None
        and not args.no_scaling
        and (only is None or "cleaner" in only or "cleaner-text" in only)
    ):
        print("Text-mode scaling ...", file=sys.stderr, flush=True)
        scale = scaling(cleaner_obj, dumps, args.repeat)

    c4_drops = sum(baselines.c4_page_rules_would_drop(d) for d in dumps)
    c4_pages = (
        f"With C4's page rules (punctuation-counted sentences), {c4_drops} of {n} "
        "dumps would have been dropped entirely."
    )
    total = time.perf_counter() - wall_start

    parts = [machine_header(argv_list, n, args.repeat, args.html_input, load_start)]
    if cleaner_msg:
        parts.append(f"\n**{cleaner_msg}.**\n")
    parts.append("\n## HTML mode\n\n" + table_markdown(html_rows, n, "trafilatura"))
    parts.append("\n" + speed_line(html_rows, "cleaner", [(html_rows, "trafilatura default")]))
    parts.append("\n## Text mode (input: naive whole-page dump)\n\n")
    parts.append(table_markdown(text_rows, n, "trafilatura on lines"))
    parts.append(
        "\n"
        + speed_line(
            text_rows,
            "cleaner-text",
            [(text_rows, "trafilatura on the same lines"), (html_rows, "trafilatura default on the page")],
        )
    )
    parts.append("\n" + scale if scale else "")
    errs = [
        f"- {r.tool.label}: {r.errors} pages raised, e.g. `{r.error_sample}`" for r in html_rows + text_rows if r.errors
    ]
    if errs:
        parts.append("\n## Errors\n\n" + "\n".join(errs) + "\n")
    published = "; ".join(PUBLISHED.values())
    parts.append(
        f"\nPublished figures for comparison (data README): {published}. "
        "Versions and text flattening differ from ours; the gaps were not investigated.\n"
    )
    parts.append(f"\nFull run took {total:.0f} s wall time.\n\n")
    parts.append(NOTES.replace("{c4_pages}", c4_pages))
    report = "".join(p for p in parts if p)
    print(report)

    if out is not None:
        if out.resolve() == DEFAULT_OUT.resolve():
            write_section("extraction", report, out)  # the other benchmarks' sections stay
        else:
            out.write_text(report, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    if args.per_page is not None:
        with args.per_page.open("w", encoding="utf-8") as fh:
            for mode, rows in (("html", html_rows), ("text", text_rows)):
                for r in rows:
                    for page, s, output in zip(pages, r.page_scores, r.outputs, strict=True):
                        rec = {
                            "mode": mode,
                            "tool": r.tool.name,
                            "key": page.key,
                            "url": page.url,
                            "precision": round(s.precision, 4),
                            "recall": round(s.recall, 4),
                            "f1": round(s.f1, 4),
                            "tp": s.tp,
                            "fp": s.fp,
                            "fn": s.fn,
                            "output_chars": len(output),
                            "truth_chars": len(page.truth),
                        }
                        if args.per_page_outputs:
                            rec["output"] = output
                        fh.write(json.dumps(rec) + "\n")
        print(f"wrote {args.per_page}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
