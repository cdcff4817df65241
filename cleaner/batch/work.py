"""The per-file work and the process pool that spreads it over cores.

Each worker process builds ONE Cleaner, in the pool initializer, from plain
settings (a config path and the command-line disables) that pickle cheaply;
then it reads, cleans and writes whole files, sending back only a small
outcome. Files go to workers in chunks, so the per-file overhead is a
function call, not a round trip.
"""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cleaner.batch.files import STDIO, Job, atomic_write, describe, read_source, write_stdout
from cleaner.chain import Cleaner
from cleaner.config import Config
from cleaner.decode import BinaryInputError

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs, as plain data (it crosses process boundaries)."""

    config_path: str | None = None
    disable_categories: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    disable_layers: tuple[str, ...] = ()
    kind: str = "auto"
    encoding: str | None = None
    keep_removals: bool = False
    # JSON Lines only.
    text_field: str = "text"
    html_field: str = "html"
    output_field: str | None = None
    explain: bool = False

    def config(self) -> Config:
        """The file's config plus the command-line disables (ConfigError if either is bad)."""
        base = Config.load(self.config_path) if self.config_path else Config()
        return dataclasses.replace(
            base,
            disable_categories=base.disable_categories | set(self.disable_categories),
            disable_rules=base.disable_rules | set(self.disable_rules),
            disable_layers=base.disable_layers | set(self.disable_layers),
        )


@dataclass(slots=True)
class Outcome:
    """What happened to one input file; small, so it is cheap to send back."""

    job: Job
    ok: bool
    error: str | None = None
    kind: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    removals: list[dict[str, Any]] | None = None


# The one Cleaner of this process and its settings, set by init_worker.
_STATE: dict[str, Any] = {}


def init_worker(settings: Settings, cleaner: Cleaner | None = None) -> None:
    """Build this process's Cleaner once (pool initializer; also used in-process)."""
    _STATE["settings"] = settings
    _STATE["cleaner"] = cleaner if cleaner is not None else Cleaner(settings.config())


def worker_state() -> tuple[Cleaner, Settings]:
    return _STATE["cleaner"], _STATE["settings"]


def clean_file(job: Job) -> Outcome:
    """Read, clean and write one file; any failure becomes an Outcome, never an exception.

    The output is opened only after the input was read and cleaned, and is
    written atomically, so a failure leaves the previous output as it was.
    """
    cleaner, settings = worker_state()
    try:
        data = read_source(job.source)
        content: str | bytes = data.decode(settings.encoding) if settings.encoding else data
        result = cleaner.clean_document(content, kind=settings.kind)
        out = result.text.encode("utf-8", "surrogateescape")
    except BinaryInputError:
        return Outcome(job, False, "binary data, not text or HTML")
    except (OSError, UnicodeError, ValueError) as exc:
        return Outcome(job, False, describe(exc))
    except Exception as exc:  # a bug in one layer must not stop the batch
        return Outcome(job, False, f"internal error: {type(exc).__name__}: {exc}")
    try:
        if job.dest == STDIO:
            write_stdout(out)
        else:
            atomic_write(job.dest, out)
    except OSError as exc:
        where = "stdout" if job.dest == STDIO else job.dest
        return Outcome(job, False, f"cannot write {where}: {describe(exc)}")
    removals = [r.to_dict() for r in result.removals] if settings.keep_removals else None
    return Outcome(job, True, None, result.kind, len(data), len(out), result.categories(), removals)


def default_jobs() -> int:
    """All cores this process may use (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def ordered_map(pool: Executor, fn: Callable[[T], R], items: Iterable[T], window: int) -> Iterator[R]:
    """``pool.map`` that keeps at most ``window`` tasks in flight: order kept, memory bounded.

    (``Executor.map`` submits the whole iterable at once, which would read a
    large JSON Lines file into memory before the first record is written.)
    """
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _clean_chunk(jobs: Sequence[Job]) -> list[Outcome]:
    return [clean_file(job) for job in jobs]


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def run_files(
    jobs: Sequence[Job], settings: Settings, workers: int, cleaner: Cleaner | None = None
) -> Iterator[Outcome]:
    """Clean ``jobs`` and yield their outcomes in input order.

    ``workers`` 1 (or a single job) runs here with ``cleaner``; more starts a
    process pool. If a worker dies, the files it had not finished are failures.
    """
    if workers <= 1 or len(jobs) <= 1:
        init_worker(settings, cleaner)
        for job in jobs:
            yield clean_file(job)
        return
    workers = min(workers, len(jobs))
    # Chunks big enough to amortise the round trip, small enough to balance the load.
    size = max(1, min(16, len(jobs) // (workers * 8)))
    done = 0
    with ProcessPoolExecutor(workers, initializer=init_worker, initargs=(settings,)) as pool:
        try:
            for chunk in ordered_map(pool, _clean_chunk, _chunks(jobs, size), window=workers * 4):
                for outcome in chunk:
                    done += 1
                    yield outcome
        except BrokenProcessPool:
            for job in jobs[done:]:
                yield Outcome(job, False, "the worker process died (out of memory?)")
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
