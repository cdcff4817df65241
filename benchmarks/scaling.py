"""How the command's batch path scales from one worker to two.

Replicates the naive text dumps of the ScrapingHub pages to N files (default
5,000) in a temporary directory, then runs the real command on the directory,
``python -m cleaner DIR -o OUT -q --jobs J``, for J = 1 and 2, alternating,
and keeps the best of the repeats. Wall time includes process start-up and
pool start-up: it is what a user waits for. Writes benchmarks/SCALING.md.

    python -m benchmarks.scaling [--files 5000] [--repeats 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.naive_text import load_page, naive_text

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path("/work/shared/benchmarks/scrapinghub/html")
OUT_MD = Path(__file__).resolve().parent / "SCALING.md"


def make_corpus(dest: Path, n_files: int) -> int:
    """Write ``n_files`` text dumps under ``dest`` (100 per subdirectory); return the bytes written."""
    texts = [naive_text(load_page(p)).encode("utf-8") for p in sorted(PAGES.glob("*.html.gz"))]
    texts = [t for t in texts if t.strip()]
    total = 0
    for i in range(n_files):
        sub = dest / f"d{i // 100:03d}"
        if i % 100 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        data = texts[i % len(texts)]
        (sub / f"page-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def command(src: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "cleaner", str(src), "-o", str(out), "-q", "--jobs", str(jobs)]


def time_run(src: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall time and CPU time (user + system, all processes) of one run of the command."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command(src, out, jobs), env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"the command failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--no-write", action="store_true", help="print only; do not write SCALING.md")
    args = ap.parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="cleaner-scaling-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        size = make_corpus(src, args.files)
        print(f"{args.files} files, {size / 1e6:.1f} MB, {cores} usable cores", file=sys.stderr)
        times: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        load_before = os.getloadavg()[0]
        for r in range(args.repeats):
            for jobs in (1, 2):
                t, c = time_run(src, out, jobs)
                times[jobs].append(t)
                cpu[jobs].append(c)
                print(f"repeat {r + 1}: --jobs {jobs}: {t:.2f} s wall, {c:.2f} s CPU", file=sys.stderr)
        load_after = os.getloadavg()[0]
        produced = sum(1 for _ in out.rglob("*.txt"))
        if produced != args.files:
            raise SystemExit(f"expected {args.files} outputs, found {produced}")
    best = {j: min(ts) for j, ts in times.items()}
    rate = {j: args.files / best[j] for j in best}
    speedup = best[1] / best[2]
    shown = " ".join(command(Path("$DIR/in"), Path("$DIR/out"), 0)[1:-1]).replace(sys.executable, "python")
    lines = [
        "# Batch scaling: one worker versus two",
        "",
        f"Measured with `python -m benchmarks.scaling --files {args.files} --repeats {args.repeats}`, which",
        f"replicates the naive text dumps of the {len(list(PAGES.glob('*.html.gz')))} ScrapingHub pages to "
        f"{args.files} files ({size / 1e6:.1f} MB, 100 per subdirectory) and times the command",
        "",
        f"    python {shown} N",
        "",
        f"for N = 1 and 2, alternating, best of {args.repeats} (wall time, process start-up included).",
        f"Machine: {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{cores} usable cores.",
        "",
        f"Load average (1 min) before and after: {load_before:.1f} and {load_after:.1f}; the machine is shared,",
        "so wall times above a load of about 0 are other work, not the command. CPU time (user + system, all",
        "of the command's processes) depends much less on that load (runs still vary by ~15%): equal CPU time",
        "for 1 and 2 workers means the parallel path adds no work, and the wall-time speedup is then limited",
        "only by free cores.",
        "",
        "| --jobs | best wall time (s) | files/s | all runs, wall (s) | best CPU time (s) |",
        "|---:|---:|---:|---|---:|",
    ]
    for j in (1, 2):
        runs = ", ".join(f"{t:.2f}" for t in times[j])
        lines.append(f"| {j} | {best[j]:.2f} | {rate[j]:.0f} | {runs} | {min(cpu[j]):.2f} |")
    lines += [
        "",
        f"Speedup with 2 workers: **{speedup:.2f}x** wall (goal: at least 1.8x on 2 cores); "
        f"CPU time ratio (2 workers / 1): {min(cpu[2]) / min(cpu[1]):.2f}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        OUT_MD.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
