"""JSON Lines: clean one field of every record, streaming, in order, in constant memory.

Lines are read in chunks and cleaned by a pool with a bounded number of
chunks in flight, so a file of any size streams through with its order kept.
A record without the text (or HTML) field passes through byte for byte; a
line that is not JSON is named on stderr and skipped, and the rest go on.

Site templates need two passes, and a stream cannot be read twice in constant
memory, so they are learned per window: the records are taken
``template_window`` at a time (held as raw lines), the workers send back each
record's site (``site_of`` its URL field) and compact line keys, the parent
learns a template for each site with at least three records in the window,
and the workers clean the window with them. Memory is bounded by the window;
records of one site farther apart than a window do not share a template, so
a crawl grouped or sorted by site finds the most. The next window's first
pass overlaps the end of this one's cleaning on the same pool.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TypeVar

from cleaner.batch import signals
from cleaner.batch.files import STDIO, atomic_open, describe, write_fully
from cleaner.batch.removals import append_spool
from cleaner.batch.work import (
    Settings,
    init_worker,
    learn_templates,
    learnable,
    ordered_map,
    templates_on,
    worker_pool,
    worker_state,
)
from cleaner.chain import Cleaner
from cleaner.model import is_loss
from cleaner.template import Page, Template, site_of, summarise

T = TypeVar("T")

CHUNK = 64
"""Records per task: enough to amortise a round trip to a worker, few enough to stream."""

# One cleaned line: (source index, line number, status, output bytes or None, error, counts, removals).
Item = tuple[int, int, bytes]
Done = tuple[int, int, str, bytes | None, str | None, dict[str, int] | None, list[dict[str, Any]] | None]


@dataclass
class SourceStats:
    """What happened to the records of one input."""

    source: str
    records: int = 0
    cleaned: int = 0
    passed: int = 0
    bad_lines: list[int] = field(default_factory=list)
    warned_lines: list[int] = field(default_factory=list)  # records cleaned with a warning (Result.warnings)
    incomplete_lines: list[int] = field(default_factory=list)  # ... one that says part of the input is missing
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    spool: str | None = None  # the file of its records' removals (read_spool), if Settings.spool asked for one


def _parse(raw: bytes) -> tuple[str, Any, str | None]:
    """("record", record, None), or ("blank" | "bad", None, error)."""
    _, settings = worker_state()
    try:
        text = raw.decode(settings.encoding or "utf-8")
    except (UnicodeError, LookupError) as exc:
        return "bad", None, describe(exc)
    # Without its line break: json.loads would read past it and place an error at "column 1" of the next line.
    text = text.lstrip("\ufeff").rstrip("\r\n")
    if not text.strip():
        return "blank", None, None
    try:
        return "record", json.loads(text), None
    except json.JSONDecodeError as exc:
        where = "at the end of the line" if exc.pos >= len(text) else f"at column {exc.pos + 1}"
        return "bad", None, f"not valid JSON ({exc.msg.removesuffix(' at')} {where})"


def _content(record: Any) -> tuple[str, str] | None:
    """The text to clean and its kind: the text field, else the HTML field, else None."""
    _, settings = worker_state()
    if isinstance(record, dict) and isinstance(record.get(settings.text_field), str):
        return record[settings.text_field], settings.kind
    if isinstance(record, dict) and isinstance(record.get(settings.html_field), str):
        return record[settings.html_field], "html"
    return None


def summarise_line(raw: bytes) -> tuple[str, Page] | None:
    """First pass: the record's site and compact line keys, or None (no URL, nothing to clean, bad)."""
    cleaner, settings = worker_state()
    status, record, _ = _parse(raw)
    if status != "record" or not isinstance(record, dict) or not isinstance(record.get(settings.url_field), str):
        return None
    site = site_of(record[settings.url_field])
    found = _content(record)
    if not site or found is None:
        return None
    try:
        return site, summarise(cleaner.extract_text(found[0], kind=found[1]))
    except Exception:  # the second pass names the failure
        return None


def clean_line(
    raw: bytes, template: Template | None = None
) -> tuple[str, bytes | None, str | None, dict[str, int] | None, list[dict[str, Any]] | None]:
    """Clean one JSON Lines record with this process's Cleaner: (status, line, error, counts, removals).

    A cleaned record's error is its warnings, if it has any.
    """
    cleaner, settings = worker_state()
    status, record, error = _parse(raw)
    if status != "record":
        return status, None, error, None, None
    found = _content(record)
    if found is None:
        return "passed", raw.rstrip(b"\r\n"), None, None, None
    try:
        result = cleaner.clean_document(found[0], kind=found[1], template=template)
    except Exception as exc:  # one bad record must not stop the stream
        return "failed", None, f"cannot clean: {describe(exc)}", None, None
    removals = [r.to_dict() for r in result.removals] if settings.explain or settings.spool is not None else None
    if settings.explain:
        added: dict[str, Any] = {settings.removals_field: removals}
        if result.page_type is not None:
            added["page_type"] = result.page_type
        if result.warnings:
            added["warnings"] = result.warnings
        taken = [name for name in added if name in record]
        if taken and not settings.overwrite_fields:
            # The record's own data would be lost without a word (a crawl's "removals", a page's "page_type").
            return "failed", None, _taken(taken), None, None
        record.update(added)
    record[settings.output_field or settings.text_field] = result.text
    try:
        line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from \ud800 escapes: keep them escaped
        line = json.dumps(record).encode("ascii")
    warning = "; ".join(result.warnings) or None  # said like an error, but the record is written
    status = "incomplete" if any(map(is_loss, result.warnings)) else "cleaned"
    return status, line, warning, result.categories(), removals if settings.spool is not None else None


def _taken(fields: list[str]) -> str:
    names = " and ".join(f'"{name}"' for name in fields)
    return (
        f"the record already has a {names} field, which --explain would replace; "
        "--removals-field NAME puts the removals elsewhere, --overwrite-fields replaces it"
    )


@signals.task
def _summarise_chunk(chunk: Sequence[Item]) -> list[tuple[str, Page] | None]:
    return [summarise_line(raw) for _, _, raw in chunk]


@signals.task
def _clean_chunk(chunk: Sequence[tuple[Item, Template | None]]) -> list[Done]:
    return [(si, no, *clean_line(raw, template)) for (si, no, raw), template in chunk]


def _read(sources: Sequence[str], stats: list[SourceStats], on_error: Callable[[str], None]) -> Iterator[Item]:
    for si, src in enumerate(sources):
        try:
            fh: BinaryIO = sys.stdin.buffer if src == STDIO else open(src, "rb")  # noqa: SIM115
        except OSError as exc:
            stats[si].error = describe(exc)
            on_error(f"{src}: {stats[si].error}")
            continue
        try:
            for no, raw in enumerate(fh, 1):
                yield si, no, raw
        except OSError as exc:
            stats[si].error = describe(exc)
            on_error(f"{src}: {stats[si].error} (the records before it were kept)")
        finally:
            if fh is not sys.stdin.buffer:
                fh.close()


def _chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _with_templates(
    items: Iterator[Item], mapper: Callable[..., Iterator[list[Any]]], window: int
) -> Iterator[list[tuple[Item, Template | None]]]:
    """The second pass's chunks, each record with its site's template learned in its window."""
    for records in _chunked(items, window):
        found = [f for chunk in mapper(_summarise_chunk, _chunked(records, CHUNK)) for f in chunk]
        groups = [f[0] if f is not None else None for f in found]
        indexes = learnable(groups)
        templates = learn_templates(groups, indexes, (found[i][1] for i in indexes))  # type: ignore[index]
        del found
        tagged = [(item, templates.get(g) if g is not None else None) for item, g in zip(records, groups, strict=True)]
        yield from _chunked(tagged, CHUNK)


class _NothingToWrite(Exception):
    """Every input failed to open: keep any previous output rather than emptying it."""


def run_jsonl(
    sources: Sequence[str],
    dest: str,
    settings: Settings,
    workers: int,
    cleaner: Cleaner | None = None,
    on_error: Callable[[str], None] = lambda msg: None,
    on_progress: Callable[[int], None] = lambda n: None,
) -> tuple[list[SourceStats], str | None]:
    """Clean every record of ``sources`` into ``dest`` (a file, written atomically, or ``-``).

    Returns the per-source stats and the write error, if the output could not be written.
    """
    stats = [SourceStats(src) for src in sources]
    items = _read(sources, stats, on_error)
    first = next(items, None)
    if first is None and dest != STDIO and all(s.error for s in stats):
        return stats, None  # every input failed to open: create nothing, keep any previous output
    if first is not None:
        items = itertools.chain([first], items)
    with contextlib.ExitStack() as stack:
        if workers > 1:
            local = cleaner if cleaner is not None else Cleaner(settings.config())
            pool = stack.enter_context(worker_pool(workers, settings, local))

            def mapper(fn: Callable[[Any], list[Any]], chunks: Iterable[Any]) -> Iterator[list[Any]]:
                return ordered_map(pool, fn, chunks, window=workers * 4)

        else:
            init_worker(settings, cleaner)
            mapper = map  # type: ignore[assignment]
            local = worker_state()[0]
        if templates_on(local, settings):
            tasks = _with_templates(items, mapper, max(1, settings.template_window))
        else:
            tasks = ([(item, None) for item in chunk] for chunk in _chunked(items, CHUNK))
        results: Iterator[list[Done]] = mapper(_clean_chunk, tasks)
        logs = _Logs(settings.spool, stats)
        stack.callback(logs.close)
        try:
            with contextlib.ExitStack() as out_stack:
                out = sys.stdout.buffer if dest == STDIO else out_stack.enter_context(atomic_open(dest, settings.fsync))
                if dest == STDIO:
                    sys.stdout.flush()
                for done in results:
                    _collect(done, sources, stats, out, on_error, logs)
                    on_progress(len(done))
                if dest != STDIO and all(s.error for s in stats):
                    raise _NothingToWrite
                out.flush()
        except _NothingToWrite:
            pass
        except OSError as exc:
            return stats, describe(exc)
    return stats, None


class _Logs:
    """Each source's removal log, a spool file opened on its first removal (see cleaner/batch/removals.py)."""

    def __init__(self, directory: str | None, stats: list[SourceStats]) -> None:
        self.directory = directory
        self.stats = stats
        self.files: dict[int, BinaryIO] = {}

    def add(self, si: int, no: int, removals: list[dict[str, Any]]) -> None:
        if self.directory is None:
            return
        fh = self.files.get(si)
        if fh is None:
            fd, path = tempfile.mkstemp(suffix=".jsonl", dir=self.directory)  # removed with the directory
            fh = self.files[si] = os.fdopen(fd, "wb")
            self.stats[si].spool = path
        try:
            append_spool(fh, ({"record_line": no, **r} for r in removals))
        except OSError as exc:
            raise OSError(f"cannot write the removal log in {self.directory}: {describe(exc)}") from exc

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
        self.files.clear()


def _collect(
    done: list[Done],
    sources: Sequence[str],
    stats: list[SourceStats],
    out: BinaryIO,
    on_error: Callable[[str], None],
    logs: _Logs,
) -> None:
    for si, no, status, line, error, counts, removals in done:
        st = stats[si]
        if status == "blank":
            continue
        st.records += 1
        if line is not None:
            write_fully(out, line + b"\n")
        if status in ("cleaned", "incomplete"):
            st.cleaned += 1
            if status == "incomplete":
                st.incomplete_lines.append(no)
            for cat, n in (counts or {}).items():
                st.counts[cat] = st.counts.get(cat, 0) + n
            if removals:
                logs.add(si, no, removals)
            if error:
                st.warned_lines.append(no)
                on_error(f"{sources[si]}:{no}: warning: {error}")
        elif status == "passed":
            st.passed += 1
        else:
            st.bad_lines.append(no)
            on_error(f"{sources[si]}:{no}: {error}; record skipped")
