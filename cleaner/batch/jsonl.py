"""JSON Lines: clean one field of every record, streaming, in order, in constant memory.

Lines are read in chunks and cleaned by a pool with a bounded number of
chunks in flight, so a file of any size streams through with its order kept.
A record without the text (or HTML) field passes through byte for byte; a
line that is not JSON is named on stderr and skipped, and the rest go on.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from cleaner.batch.files import STDIO, atomic_open, describe, write_fully
from cleaner.batch.work import Settings, init_worker, ordered_map, worker_state
from cleaner.chain import Cleaner

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
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    removals: list[dict[str, Any]] = field(default_factory=list)


def clean_line(raw: bytes) -> tuple[str, bytes | None, str | None, dict[str, int] | None, list[dict[str, Any]] | None]:
    """Clean one JSON Lines record with this process's Cleaner: (status, line, error, counts, removals)."""
    cleaner, settings = worker_state()
    try:
        text = raw.decode(settings.encoding or "utf-8")
    except (UnicodeError, LookupError) as exc:
        return "bad", None, describe(exc), None, None
    text = text.lstrip("\ufeff")
    if not text.strip():
        return "blank", None, None, None, None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return "bad", None, f"not valid JSON ({exc.msg} at column {exc.colno})", None, None
    out_field = settings.output_field or settings.text_field
    if isinstance(record, dict) and isinstance(record.get(settings.text_field), str):
        content, kind = record[settings.text_field], settings.kind
    elif isinstance(record, dict) and isinstance(record.get(settings.html_field), str):
        content, kind = record[settings.html_field], "html"
    else:
        return "passed", raw.rstrip(b"\r\n"), None, None, None
    try:
        result = cleaner.clean_document(content, kind=kind)
    except Exception as exc:  # one bad record must not stop the stream
        return "failed", None, f"cannot clean: {describe(exc)}", None, None
    record[out_field] = result.text
    removals = [r.to_dict() for r in result.removals]
    if settings.explain:
        record["removals"] = removals
    try:
        line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from \ud800 escapes: keep them escaped
        line = json.dumps(record).encode("ascii")
    return "cleaned", line, None, result.categories(), removals if settings.keep_removals else None


def _clean_chunk(chunk: Sequence[Item]) -> list[Done]:
    return [(si, no, *clean_line(raw)) for si, no, raw in chunk]


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


def _chunked(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
    chunks = _chunked(_read(sources, stats, on_error), CHUNK)
    with contextlib.ExitStack() as stack:
        if workers > 1:
            pool = stack.enter_context(ProcessPoolExecutor(workers, initializer=init_worker, initargs=(settings,)))
            results: Iterator[list[Done]] = ordered_map(pool, _clean_chunk, chunks, window=workers * 4)
        else:
            init_worker(settings, cleaner)
            results = map(_clean_chunk, chunks)
        try:
            with contextlib.ExitStack() as out_stack:
                out = sys.stdout.buffer if dest == STDIO else out_stack.enter_context(atomic_open(dest))
                if dest == STDIO:
                    sys.stdout.flush()
                for done in results:
                    _collect(done, sources, stats, out, on_error)
                    on_progress(len(done))
                if dest != STDIO and all(s.error for s in stats):
                    raise _NothingToWrite
                out.flush()
        except _NothingToWrite:
            pass
        except OSError as exc:
            return stats, describe(exc)
    return stats, None


def _collect(
    done: list[Done], sources: Sequence[str], stats: list[SourceStats], out: BinaryIO, on_error: Callable[[str], None]
) -> None:
    for si, no, status, line, error, counts, removals in done:
        st = stats[si]
        if status == "blank":
            continue
        st.records += 1
        if line is not None:
            write_fully(out, line + b"\n")
        if status == "cleaned":
            st.cleaned += 1
            for cat, n in (counts or {}).items():
                st.counts[cat] = st.counts.get(cat, 0) + n
            if removals:
                st.removals.extend({"record_line": no, **r} for r in removals)
        elif status == "passed":
            st.passed += 1
        else:
            st.bad_lines.append(no)
            on_error(f"{sources[si]}:{no}: {error}; record skipped")
