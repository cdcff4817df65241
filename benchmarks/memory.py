"""Peak memory of cleaning one big text document, measured in a child process.

The input (~100 MB by default) is the seed texts and the naive page dumps of
the ScrapingHub pages, repeated until the size is reached: realistic line
lengths and a realistic share of noise. Each measurement runs in a fresh
child process, and the peak RSS of that child (``ru_maxrss`` from
``os.wait4``) is reported next to the input size. A second child that only
imports cleaner and reads the file gives the floor (interpreter, libraries,
the input bytes).

    python -m benchmarks.memory                # ~100 MB, text kind
    python -m benchmarks.memory --mb 20        # smaller, quicker
    python -m benchmarks.memory --tracemalloc  # also Python-level peak by phase (slower)

Results: benchmarks/MEMORY.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import data

ROOT = Path(__file__).resolve().parent.parent
SHARED = data.shared_dir()
GOAL = 10.0  # peak RSS below this many times the input size (issue: reliability)

CHILD = r"""
import json, sys, time
path, mode = sys.argv[1], sys.argv[2]
import cleaner
data = open(path, "rb").read()
out = {"input_bytes": len(data)}
if mode in ("explain", "report"):
    # The command on one file, in this process (-j 1), as a user runs it: --explain
    # prints each removal (stdout, since the text goes to a file), --report writes them as JSON.
    import contextlib, os, tempfile
    from cleaner.cli import main
    with tempfile.TemporaryDirectory() as tmp, open(os.devnull, "w") as null:
        flags = ["--explain"] if mode == "explain" else ["--report", os.path.join(tmp, "r.json")]
        start = time.perf_counter()
        with contextlib.redirect_stdout(null):
            code = main([path, "-o", os.path.join(tmp, "out.txt"), "-j", "1", "-q", *flags])
        out["seconds"] = round(time.perf_counter() - start, 2)
        out["exit_code"] = code
        if mode == "report":
            out["report_bytes"] = os.path.getsize(os.path.join(tmp, "r.json"))
elif mode == "clean":
    start = time.perf_counter()
    if "--tracemalloc" in sys.argv:
        import tracemalloc
        tracemalloc.start()
    result = cleaner.clean_document(data, kind="text")
    out["seconds"] = round(time.perf_counter() - start, 2)
    out["output_chars"] = len(result.text)
    out["removals"] = len(result.removals)
    if "--tracemalloc" in sys.argv:
        out["python_peak_bytes"] = tracemalloc.get_traced_memory()[1]
print(json.dumps(out))
"""


def build_input(path: Path, megabytes: float, shared: Path = SHARED) -> int:
    """Write ~``megabytes`` MB of realistic scraped text to ``path``; returns the size in bytes."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.naive_text import load_page, naive_text

    docs = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    docs += [naive_text(load_page(p)) for p in sorted((shared / "benchmarks/scrapinghub/html").glob("*.html.gz"))]
    if not any(d.strip() for d in docs):
        raise SystemExit(f"no seeds or benchmark pages under {shared}: the shared/ folder must sit beside the checkout")
    blob = "\n\n".join(d.strip("\n") for d in docs if d.strip()).encode("utf-8") + b"\n\n"
    target = int(megabytes * 1_000_000)
    with path.open("wb") as fh:
        written = 0
        while written < target:
            fh.write(blob)
            written += len(blob)
    return written


def run_child(path: Path, mode: str, extra: list[str]) -> tuple[dict[str, object], int]:
    """Run the child; return its JSON report and its peak RSS in bytes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), mode, *extra],
        stdout=subprocess.PIPE,
        cwd=str(ROOT),
    )
    assert proc.stdout is not None
    report = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child failed with exit code {proc.returncode}")
    return json.loads(report), usage.ru_maxrss * 1024  # Linux reports kilobytes


MODES = ("clean", "explain", "report")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="input size in MB (default 100)")
    ap.add_argument(
        "--modes",
        default=",".join(MODES),
        help="what to measure, comma-separated: clean (clean_document), explain (the command with "
        "--explain), report (the command with --report); default all",
    )
    ap.add_argument("--tracemalloc", action="store_true", help="also report the Python-level peak (slower)")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    args = ap.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in MODES for m in modes):
        ap.error(f"--modes takes {', '.join(MODES)}")
    mb = 1_000_000
    lines: list[str] = []
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        size = build_input(path, args.mb)
        _, floor = run_child(path, "read", [])
        lines.append(f"input:            {size / mb:8.1f} MB ({size:,} bytes)")
        lines.append(f"floor (import + read): {floor / mb:8.1f} MB peak RSS")
        for mode in modes:
            extra = ["--tracemalloc"] if args.tracemalloc and mode == "clean" else []
            report, peak = run_child(path, mode, extra)
            ratios[mode] = peak / size
            label = {"clean": "clean_document:", "explain": "cleaner --explain:", "report": "cleaner --report:"}[mode]
            lines.append(f"{label:18s}{peak / mb:8.1f} MB peak RSS = {peak / size:.1f}x the input")
            lines.append(f"  above the floor:{(peak - floor) / mb:8.1f} MB = {(peak - floor) / size:.1f}x the input")
            if mode == "clean":
                lines.append(
                    f"  time {report['seconds']} s, {report['output_chars']:,} chars out, "
                    f"{report['removals']:,} removals"
                )
            else:
                lines.append(
                    f"  time {report['seconds']} s, exit code {report['exit_code']}"
                    + (f", report {int(report['report_bytes']) / mb:.1f} MB" if "report_bytes" in report else "")
                )
            if "python_peak_bytes" in report:
                lines.append(f"  tracemalloc peak: {int(report['python_peak_bytes']) / mb:.1f} MB")
            print("\n".join(lines[-3:]), flush=True)
    if not args.no_write:
        from benchmarks.results import write_section

        command = "python -m benchmarks.memory" + ("" if argv is None else " " + " ".join(argv))
        worst = max(ratios.values())
        verdict = "met" if worst < GOAL else "NOT met"
        write_section(
            "memory",
            f"## Memory: peak RSS cleaning one {size / mb:.0f} MB text\n\n"
            f"Command: `{command}` ({time.strftime('%Y-%m-%d')}, {platform.python_version()}, "
            f"{os.cpu_count()} cores). Goal: peak < {GOAL:.0f}x the input: **{verdict}** "
            f"({', '.join(f'{m} {r:.1f}x' for m, r in ratios.items())}).\n\n```\n" + "\n".join(lines) + "\n```\n\n"
            "Method and where the memory goes: benchmarks/MEMORY.md.",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
