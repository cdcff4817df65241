"""The per-file work and the process pool that spreads it over cores.

Each worker process builds ONE Cleaner, in the pool initializer, from plain
settings (a config path and the command-line disables) that pickle cheaply;
then it reads, cleans and writes whole files, sending back only a small
outcome. Files go to workers in chunks, so the per-file overhead is a
function call, not a round trip.

Site templates (lines most pages of one site repeat) take two passes over the
files of each folder with at least three files: first the workers send back
each file's compact line keys (``cleaner.template.Page``, 8 bytes a line, not
the text), the parent learns each folder's template as soon as the folder is
complete and drops its pages, then the workers clean with their folder's
template (a set of keys, sent once per chunk). Files of smaller folders, and
stdin, take one pass.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cleaner.batch import signals
from cleaner.batch.files import STDIO, Job, atomic_write, describe, read_source, write_stdout
from cleaner.batch.removals import write_spool
from cleaner.chain import Cleaner
from cleaner.config import Config
from cleaner.decode import BinaryInputError
from cleaner.layers.template import CATEGORY as TEMPLATE_CATEGORY
from cleaner.layers.template import RULE as TEMPLATE_RULE
from cleaner.template import MIN_DOCS, Page, Template, TemplateLearner, summarise

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
    # Where removal logs go (cleaner/batch/removals.py), one file per input; None: not kept.
    spool: str | None = None
    # JSON Lines only.
    text_field: str = "text"
    html_field: str = "html"
    output_field: str | None = None
    explain: bool = False
    removals_field: str = "removals"  # --explain: where each record's removals go
    overwrite_fields: bool = False  # --explain: replace a record's own removals/page_type field
    url_field: str = "url"
    # Site templates (the template layer) and writing.
    templates: bool = True
    template_window: int = 1000
    fsync: bool = False
    # HTML input: the kind of page, forced (None: detected per page).
    page_type: str | None = None

    def config(self) -> Config:
        """The file's config plus the command-line disables (ConfigError if either is bad)."""
        base = Config.load(self.config_path) if self.config_path else Config()
        return dataclasses.replace(
            base,
            disable_categories=base.disable_categories | set(self.disable_categories),
            disable_rules=base.disable_rules | set(self.disable_rules),
            disable_layers=base.disable_layers | set(self.disable_layers),
            page_type=self.page_type or base.page_type,
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
    spool: str | None = None  # the file of its removals (read_spool), if Settings.spool asked for one
    page_type: str | None = None  # HTML input: the kind of page (cleaner/pagetype.py)
    warnings: list[str] = field(default_factory=list)  # what may be missing from the output (Result.warnings)

    def wire(self) -> tuple[Any, ...]:
        """Every field but the job, in order: ``Outcome(job, *outcome.wire())`` rebuilds it."""
        return (
            self.ok,
            self.error,
            self.kind,
            self.bytes_in,
            self.bytes_out,
            self.counts,
            self.spool,
            self.page_type,
            self.warnings,
        )


# The one Cleaner of this process and its settings, set by init_worker.
_STATE: dict[str, Any] = {}


def init_worker(settings: Settings, cleaner: Cleaner | None = None) -> None:
    """Build this process's Cleaner once (pool initializer; also used in-process)."""
    _STATE["settings"] = settings
    _STATE["cleaner"] = cleaner if cleaner is not None else Cleaner(settings.config())


@contextlib.contextmanager
def worker_pool(workers: int, settings: Settings, cleaner: Cleaner) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, each with its Cleaner ready; stopped at once if the block fails.

    Forked workers inherit ``cleaner`` (its compiled rules and the modules it
    imported) instead of building their own: that start-up cost is paid once, in
    the parent, not once more in every worker while the batch waits. Where fork
    is missing (Windows; macOS defaults to spawn) each worker builds one from the
    settings, which pickle cheaply.

    When the block ends by an exception (Ctrl-C, SIGTERM: cleaner/batch/signals.py,
    a reader gone), the workers are told to end: a task running unwinds (its
    output's temporary file goes) and no queued task starts. Waiting for them to
    finish their tasks instead kept them writing outputs after the command was
    told to stop.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_pool, initargs=(settings, cleaner))
    else:
        pool = ProcessPoolExecutor(workers, initializer=_init_pool, initargs=(settings,))
    with pool:
        try:
            yield pool
        except BaseException:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()  # SIGTERM: signals.task unwinds the task and exits
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _init_pool(settings: Settings, cleaner: Cleaner | None = None) -> None:
    signals.in_worker()
    init_worker(settings, cleaner)


def worker_state() -> tuple[Cleaner, Settings]:
    return _STATE["cleaner"], _STATE["settings"]


def templates_on(cleaner: Cleaner, settings: Settings) -> bool:
    """Whether learning site templates can change anything (asked for, and the layer would act)."""
    return settings.templates and any(
        layer.name == "template" and layer.enabled(TEMPLATE_CATEGORY, TEMPLATE_RULE) for layer in cleaner.layers
    )


def summarise_file(job: Job) -> Page | None:
    """First pass: the compact line keys of one file's text, or None if it cannot be read
    (the second pass names the failure)."""
    cleaner, settings = worker_state()
    try:
        data = read_source(job.source)
        content: str | bytes = data.decode(settings.encoding) if settings.encoding else data
        return summarise(cleaner.extract_text(content, kind=settings.kind))
    except Exception:
        return None


def clean_file(job: Job, template: Template | None = None) -> Outcome:
    """Read, clean and write one file; any failure becomes an Outcome, never an exception.

    The output is opened only after the input was read and cleaned, and is
    written atomically, so a failure leaves the previous output as it was.
    ``template`` is the learned template of the file's group.
    """
    cleaner, settings = worker_state()
    try:
        data = read_source(job.source)
        content: str | bytes = data.decode(settings.encoding) if settings.encoding else data
        result = cleaner.clean_document(content, kind=settings.kind, template=template)
        out = result.text.encode("utf-8", "surrogateescape")
    except BinaryInputError:
        return Outcome(job, False, "binary data, not text or HTML")
    except (OSError, UnicodeError, ValueError) as exc:
        return Outcome(job, False, describe(exc))
    except Exception as exc:  # a bug in one layer must not stop the batch
        return Outcome(job, False, f"internal error: {type(exc).__name__}: {exc}")
    spool = None
    if settings.spool is not None:
        # Before the output, so that a log that cannot be written leaves no output either.
        try:
            spool = write_spool(settings.spool, result.removals)
        except OSError as exc:
            return Outcome(job, False, f"cannot write the removal log in {settings.spool}: {describe(exc)}")
    try:
        if job.dest == STDIO:
            write_stdout(out)
        else:
            atomic_write(job.dest, out, settings.fsync)
    except OSError as exc:
        where = "stdout" if job.dest == STDIO else job.dest
        if spool is not None:
            os.unlink(spool)
        return Outcome(job, False, f"cannot write {where}: {describe(exc)}")
    return Outcome(
        job, True, None, result.kind, len(data), len(out), result.categories(), spool, result.page_type, result.warnings
    )


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


@signals.task
def _summarise_chunk(jobs: Sequence[Job]) -> list[Page | None]:
    return [summarise_file(job) for job in jobs]


@signals.task
def _clean_chunk(items: Sequence[tuple[Job, Template | None]]) -> list[tuple[Any, ...]]:
    # One chunk shares its few templates: pickle sends each once, however many jobs name it.
    # Outcomes go back as plain tuples without their job (the parent has it): a tuple
    # pickles in a tenth of the time of the dataclass holding another one.
    return [clean_file(job, template).wire() for job, template in items]


CHUNK_MOST = 64
"""Files per task at most: a round trip to a worker costs a fraction of a millisecond
of the parent's time, which it takes from the workers on a machine they fill."""
CHUNK_SHARE = 4
"""...and a task is at most 1/(CHUNK_SHARE * workers) of the files still to do, so
tasks shrink to single files at the end of a pass and the workers finish together
(the last task is what one worker does while the others wait)."""


def _chunks(items: Sequence[T], workers: int) -> Iterator[Sequence[T]]:
    """``items`` in tasks: large while much is left, smaller and smaller towards the end."""
    start, n = 0, len(items)
    while start < n:
        size = max(1, min(CHUNK_MOST, (n - start) // (CHUNK_SHARE * workers)))
        yield items[start : start + size]
        start += size


def file_groups(jobs: Sequence[Job]) -> list[str | None]:
    """The site of each file for templates: its folder (stdin: none)."""
    return [None if job.source == STDIO else os.path.dirname(os.path.abspath(job.source)) for job in jobs]


def learnable(groups: Sequence[str | None]) -> list[int]:
    """Indexes of the documents whose group is big enough to have a template."""
    sizes = Counter(g for g in groups if g is not None)
    return [i for i, g in enumerate(groups) if g is not None and sizes[g] >= MIN_DOCS]


def learn_templates(
    groups: Sequence[str | None], indexes: Sequence[int], pages: Iterable[Page | None]
) -> dict[str, Template]:
    """Each group's template from the pages of ``indexes`` (in order). A group's
    pages are dropped once its last one is in, so memory holds the open groups only."""
    remaining = Counter(groups[i] for i in indexes)
    learners: dict[str | None, TemplateLearner] = {}
    templates: dict[str, Template] = {}
    for i, page in zip(indexes, pages, strict=True):
        group = groups[i]
        learner = learners.setdefault(group, TemplateLearner())
        if page is not None:
            learner.add_page(page)
        remaining[group] -= 1
        if not remaining[group]:
            template = learners.pop(group).template()
            if template and group is not None:
                templates[group] = template
    return templates


Mapper = Callable[[Callable[[Any], list[Any]], Iterable[Any]], Iterator[list[Any]]]


def run_files(
    jobs: Sequence[Job],
    settings: Settings,
    workers: int,
    cleaner: Cleaner | None = None,
    on_learned: Callable[[int], None] = lambda n: None,
) -> Iterator[Outcome]:
    """Clean ``jobs`` and yield their outcomes in input order.

    ``workers`` 1 (or a single job) runs here with ``cleaner``; more starts a
    process pool. If a worker dies, the files it had not finished are failures.
    With templates on, the first pass reports its progress to ``on_learned``
    (files summarised so far, per chunk).
    """
    if workers <= 1 or len(jobs) <= 1:
        init_worker(settings, cleaner)
        yield from _run(jobs, settings, worker_state()[0], 1, lambda fn, chunks: map(fn, chunks), on_learned)
        return
    workers = min(workers, len(jobs))
    local = cleaner if cleaner is not None else Cleaner(settings.config())
    with worker_pool(workers, settings, local) as pool:
        done = 0
        try:
            mapper: Mapper = lambda fn, chunks: ordered_map(pool, fn, chunks, workers * 4)  # noqa: E731
            for outcome in _run(jobs, settings, local, workers, mapper, on_learned):
                done += 1
                yield outcome
        except BrokenProcessPool:
            for job in jobs[done:]:
                yield Outcome(job, False, "the worker process died (out of memory?)")


def _run(
    jobs: Sequence[Job],
    settings: Settings,
    cleaner: Cleaner,
    workers: int,
    mapper: Mapper,
    on_learned: Callable[[int], None],
) -> Iterator[Outcome]:
    groups = file_groups(jobs)
    templates: dict[str, Template] = {}
    if templates_on(cleaner, settings):
        indexes = learnable(groups)
        if indexes:

            def pages() -> Iterator[Page | None]:
                for chunk in mapper(_summarise_chunk, _chunks([jobs[i] for i in indexes], workers)):
                    on_learned(len(chunk))
                    yield from chunk

            templates = learn_templates(groups, indexes, pages())
    items = [(job, None if g is None else templates.get(g)) for job, g in zip(jobs, groups, strict=True)]
    done = iter(jobs)  # the outcomes come back in job order, without their jobs
    for chunk in mapper(_clean_chunk, _chunks(items, workers)):
        for wire in chunk:
            yield Outcome(next(done), *wire)
