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

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOAL = 10.0  # peak RSS below this many times the input size (issue: reliability)

CHILD = r"""
import json, sys, time
path, mode = sys.argv[1], sys.argv[2]
import cleaner
data = open(path, "rb").read()
out = {"input_bytes": len(data)}
if mode == "clean":
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="input size in MB (default 100)")
    ap.add_argument("--tracemalloc", action="store_true", help="also report the Python-level peak (slower)")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        size = build_input(path, args.mb)
        _, floor = run_child(path, "read", [])
        report, peak = run_child(path, "clean", ["--tracemalloc"] if args.tracemalloc else [])
    mb = 1_000_000
    lines = [
        f"input:            {size / mb:8.1f} MB ({report['input_bytes']:,} bytes)",
        f"floor (import + read): {floor / mb:8.1f} MB peak RSS",
        f"clean_document:   {peak / mb:8.1f} MB peak RSS = {peak / size:.1f}x the input",
        f"  above the floor:{(peak - floor) / mb:8.1f} MB = {(peak - floor) / size:.1f}x the input",
        f"  time {report['seconds']} s, {report['output_chars']:,} chars out, {report['removals']:,} removals",
    ]
    if "python_peak_bytes" in report:
        lines.append(f"  tracemalloc peak: {int(report['python_peak_bytes']) / mb:.1f} MB")
    print("\n".join(lines))
    if not args.no_write:
        from benchmarks.results import write_section

        command = "python -m benchmarks.memory" + ("" if argv is None else " " + " ".join(argv))
        verdict = "met" if peak / size < GOAL else "NOT met"
        write_section(
            "memory",
            f"## Memory: peak RSS cleaning one {size / mb:.0f} MB text\n\n"
            f"Command: `{command}` ({time.strftime('%Y-%m-%d')}, {platform.python_version()}, "
            f"{os.cpu_count()} cores). Goal: peak < {GOAL:.0f}x the input: **{verdict}** "
            f"({peak / size:.1f}x).\n\n```\n" + "\n".join(lines) + "\n```\n\n"
            "Method and where the memory goes: benchmarks/MEMORY.md.",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
