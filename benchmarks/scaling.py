"""How the command's batch path scales from one worker to two, and what fsync and templates cost.

Replicates the naive text dumps of the ScrapingHub pages to N files (default
5,000, 100 per subdirectory) in a temporary directory, then runs the real
command on the directory, ``python -m cleaner DIR -o OUT -q --jobs J [FLAGS]``,
for J = 1 and 2 and each configuration (default; ``--fsync``; ``--no-templates``),
interleaved, each at least twice. Wall time includes process and pool start-up:
it is what a user waits for (from cached bytecode, as an installed package
starts; see command_env). CPU time is user + system of all the command's
processes (the workers included).

The machine may be shared, so each repeat also runs a control: the same
warm Cleaner loop over the pages in one process, then in two forked processes
at once, with no pool and no files. Its ratio is the parallel speedup the
machine offers at that moment; the command cannot beat it. Its CPU ratio is
what two processes running at once cost each other here. Writes its section of benchmarks/RESULTS.md.

    python -m benchmarks.scaling [--files 5000] [--repeats 2] [--configs default,fsync,no-templates]
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
from typing import NamedTuple

from benchmarks import data
from benchmarks.naive_text import load_page, naive_text
from benchmarks.results import write_section

ROOT = Path(__file__).resolve().parent.parent
PAGES = data.corpus_dir("scrapinghub") / "html"
CONFIGS = {"default": [], "fsync": ["--fsync"], "no-templates": ["--no-templates"]}
CONTROL_PAGES = 181


def page_texts() -> list[bytes]:
    texts = [naive_text(load_page(p)).encode("utf-8") for p in sorted(PAGES.glob("*.html.gz"))]
    return [t for t in texts if t.strip()]


def make_corpus(dest: Path, n_files: int, texts: list[bytes]) -> int:
    """Write ``n_files`` text dumps under ``dest`` (100 per subdirectory); return the bytes written."""
    total = 0
    for i in range(n_files):
        sub = dest / f"d{i // 100:03d}"
        if i % 100 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        data = texts[i % len(texts)]
        (sub / f"page-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def command(src: Path, out: Path, jobs: int, flags: list[str]) -> list[str]:
    return [sys.executable, "-m", "cleaner", str(src), "-o", str(out), "-q", "--jobs", str(jobs), *flags]


def command_env(cache: Path) -> dict[str, str]:
    """The command's environment: this checkout's cleaner, with Python's bytecode cache on.

    An installed package runs from cached bytecode. A shell that turns the cache off
    (PYTHONDONTWRITEBYTECODE, as this machine's does) would make every timed run
    compile cleaner/ first, about a tenth of the start-up both worker counts pay.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(cache))
    subprocess.run([sys.executable, "-m", "cleaner", "--version"], env=env, check=True, capture_output=True)
    return env


def time_run(src: Path, out: Path, jobs: int, flags: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, all processes) of one run of the command."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command(src, out, jobs, flags), env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"the command failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


class Control(NamedTuple):
    """The control's timings: wall and CPU time of the same work in one process, and in two at once."""

    one: float
    two: float
    one_cpu: float
    two_cpu: float

    @property
    def speedup(self) -> float:
        return self.one / self.two

    @property
    def cpu_ratio(self) -> float:
        return self.two_cpu / self.one_cpu

    def __str__(self) -> str:
        return f"{self.one:.2f} s / {self.two:.2f} s = {self.speedup:.2f}x (CPU ratio {self.cpu_ratio:.2f})"


def control(texts: list[bytes]) -> Control:
    """Cleaning ``texts`` twice in one process, and once in each of two processes at once.

    A first, untimed pass warms the Cleaner up, so that both sides run warm: the
    forked processes inherit it. Their CPU time beside the one process's is what
    running at once costs on this machine (shared caches, the host's load).
    """
    from cleaner import Cleaner

    cleaner = Cleaner()

    def loop() -> None:
        for t in texts:
            cleaner.clean_document(t)

    loop()
    start, cpu = time.perf_counter(), time.process_time()
    loop()
    loop()
    one, one_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            try:
                loop()
            finally:
                os._exit(0)
        pids.append(pid)
    two_cpu = 0.0
    for pid in pids:
        usage = os.wait4(pid, 0)[2]
        two_cpu += usage.ru_utime + usage.ru_stime
    return Control(one, time.perf_counter() - start, one_cpu, two_cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--configs", default=",".join(CONFIGS), help=f"comma-separated, of: {', '.join(CONFIGS)}")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    args = ap.parse_args(argv)
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown:
        ap.error(f"unknown configuration {', '.join(unknown)}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    texts = page_texts()
    wall: dict[tuple[str, int], list[float]] = {(c, j): [] for c in configs for j in (1, 2)}
    cpu: dict[tuple[str, int], list[float]] = {(c, j): [] for c in configs for j in (1, 2)}
    controls: list[Control] = []
    loads: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cleaner-scaling-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        size = make_corpus(src, args.files, texts)
        env = command_env(Path(tmp) / "pycache")
        print(f"{args.files} files, {size / 1e6:.1f} MB, {cores} usable cores", file=sys.stderr)
        for r in range(args.repeats):
            loads.append(os.getloadavg()[0])
            controls.append(control(texts[:CONTROL_PAGES]))
            print(f"repeat {r + 1}: control {controls[-1]}", file=sys.stderr)
            for c in configs:
                for jobs in (1, 2):
                    loads.append(os.getloadavg()[0])
                    t, u = time_run(src, out, jobs, CONFIGS[c], env)
                    wall[c, jobs].append(t)
                    cpu[c, jobs].append(u)
                    print(f"repeat {r + 1}: {c} --jobs {jobs}: {t:.2f} s wall, {u:.2f} s CPU", file=sys.stderr)
            produced = sum(1 for _ in out.rglob("*.txt"))
            if produced != args.files:
                raise SystemExit(f"expected {args.files} outputs, found {produced}")
        loads.append(os.getloadavg()[0])
    text = report(args, configs, cores, size, wall, cpu, controls, loads)
    print(text)
    if not args.no_write:
        write_section("scaling", text)
    return 0


def report(
    args: argparse.Namespace,
    configs: list[str],
    cores: int | None,
    size: int,
    wall: dict[tuple[str, int], list[float]],
    cpu: dict[tuple[str, int], list[float]],
    controls: list[Control],
    loads: list[float],
) -> str:
    shown = " ".join(command(Path("$DIR/in"), Path("$DIR/out"), 0, [])[1:-1]).replace(sys.executable, "python")
    best_control = max(c.speedup for c in controls)
    lines = [
        "# Batch scaling: one worker versus two",
        "",
        "Reproduce with one command (about 10 minutes on a quiet 2-core machine):",
        "",
        f"    python -m benchmarks.scaling --files {args.files} --repeats {args.repeats} --configs {','.join(configs)}",
        "",
        f"It replicates the naive text dumps of the {len(list(PAGES.glob('*.html.gz')))} ScrapingHub pages to "
        f"{args.files} files ({size / 1e6:.1f} MB, 100 per subdirectory) and times",
        "",
        f"    python {shown} N [FLAGS]",
        "",
        "for N = 1 and 2 and each configuration, interleaved (every configuration and N once per repeat).",
        f"Machine: {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{cores} usable cores. Load average (1 min) seen before the runs: "
        f"{min(loads):.1f} to {max(loads):.1f}.",
        "",
        "| configuration | --jobs | best wall (s) | files/s | all runs, wall (s) | CPU, all runs (s) |",
        "|---|---:|---:|---:|---|---|",
    ]
    for c in configs:
        for j in (1, 2):
            best = min(wall[c, j])
            lines.append(
                f"| {c} | {j} | {best:.2f} | {args.files / best:.0f} | "
                f"{', '.join(f'{t:.2f}' for t in wall[c, j])} | {', '.join(f'{t:.2f}' for t in cpu[c, j])} |"
            )
    lines += [
        "",
        "| configuration | speedup, 2 workers (best wall 1 / best wall 2) | CPU ratio (best 2 / best 1) |",
        "|---|---:|---:|",
    ]
    for c in configs:
        speed = min(wall[c, 1]) / min(wall[c, 2])
        ratio = min(cpu[c, 2]) / min(cpu[c, 1])
        lines.append(f"| {c} | **{speed:.2f}x** | {ratio:.2f} |")
    lines += [
        "",
        "Control (the same Cleaner loop over the pages, warmed up, then twice in one process versus once in each",
        "of two processes at once; no pool, no files): "
        + ", ".join(map(str, controls))
        + f". The best, {best_control:.2f}x, is the most two cores gave this machine's other load allowing;",
        "the command's speedup is to be read against it, not against 2.0x, and its CPU ratio against the",
        "control's (what running two at once costs here). Goal: at least 1.8x on 2 free cores.",
        "",
        NOTES,
    ]
    return "\n".join(lines)


NOTES = """\
## What the configurations mean, and the decisions taken

- **default**: site templates on (each folder of 100 files is learned in a first
  pass: the workers read each file and send back its line keys, 8 bytes a line),
  no fsync. Outputs are still atomic: a temporary file renamed over the output.
- **fsync**: `--fsync`, each output synced before its rename and its directory
  after. On this machine's ext4 disk an fsync costs a few milliseconds of *wall*
  time per file, about as much as cleaning the file, and it hardly uses CPU: it
  waits for the disk, and two workers wait for the same journal. It buys
  durability across a power cut, not atomicity, so it is off by default and
  offered as `--fsync`.
- **no-templates**: `--no-templates`, one pass per file. The difference to
  *default* is the price of learning templates (reading and hashing every file
  twice).

Where the time of two workers goes beyond half of one worker's, in instructions
(callgrind, every process counted; a shared machine does not disturb them), on
600 files of this corpus with templates on:

- Nothing is done twice but the warm-up. The parent and two workers execute no
  more instructions than one process (26.2 G against 26.5 G). Each worker warms
  up its own rule index (buckets built lazily per first three characters of the
  lines it meets): a first pass over the 181 dumps costs 6.9 G, a later one
  6.4 G, so the second worker pays some 0.5 G (about 0.1 s) once more.
- The parent while the workers run: about 0.4 M instructions a file (1% of
  cleaning one): learning each folder's template from the workers' 8-byte line
  keys (as one worker would), and the pool's bookkeeping: tasks of up to 64
  files go out (the jobs and a template once per task), outcomes come back as
  plain tuples. On two busy cores it is taken from the workers.
- Serial start-up, before any worker starts and the same for both runs:
  interpreter and imports 0.5 G, Cleaner() 1.3 G (compiling and indexing the
  rules), planning the 5,000 files 0.4 G. About 2.3 G, what cleaning 60 files
  takes: it caps the speedup, the more as cleaning gets faster.
- Balance: a task holds at most a quarter of a worker's share of the files
  left, so every pass ends on single files and the workers finish it (at the
  template barrier and at the end) within a file of each other.

So a CPU ratio above 1.0 is not more work: it is the two cores slowing each
other down (shared caches and memory, and on a virtual machine the host's
other load), which the control shows too.

When the wall-time speedup is far below the control's, look at the load
average: other work on a shared machine takes the second core, and CPU time
per file also rises (shared caches), so neither figure is clean then.
"""


if __name__ == "__main__":
    raise SystemExit(main())
