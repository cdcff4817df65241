"""Paths and writes: which inputs become which outputs, and writing them safely.

The promise here is that bad input loses nothing. Every output is written to a
temporary file in its destination directory and renamed over the destination
in one step, so a failure (unreadable input, binary data, a full disk, Ctrl-C)
leaves any previous output exactly as it was. Planning refuses a command line
that would overwrite an input before anything is read or written.

The rename is the atomicity; ``fsync`` is durability against a power cut or a
kernel crash, and it costs more than cleaning a page (benchmarks/SCALING.md),
so it is asked for (``--fsync``): then each temporary file is synced before
its rename and the directory after it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleaner.chain import HtmlDisabledError

STDIO = "-"
"""The name that means stdin as an input and stdout as an output."""


class UsageError(Exception):
    """The command line asks for something impossible or unsafe: exit 2, nothing written."""


@dataclass(frozen=True, slots=True)
class Job:
    """One input file and where its cleaned text goes (``STDIO`` for stdout)."""

    source: str
    dest: str
    name: str
    """The input as the user knows it: the path given, or the file under a directory given."""

    def __reduce__(self) -> tuple[type[Job], tuple[str, str, str]]:
        # Jobs go to the worker processes by the thousand (twice with templates): as a plain
        # tuple of arguments a job pickles in a third of the time of a frozen dataclass's state.
        return (Job, (self.source, self.dest, self.name))


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


@functools.lru_cache(maxsize=4096)
def _real_dir(path: str) -> str:
    return os.path.realpath(path)


def _resolved(path: str) -> str:
    """``realpath``, resolving each directory once: planning 5,000 files must stay cheap."""
    head, tail = os.path.split(os.path.abspath(path))
    if not tail:
        return _real_dir(head)
    full = os.path.join(_real_dir(head), tail)
    return os.path.realpath(full) if os.path.islink(full) else full


def _locate(path: str) -> tuple[str, tuple[int, int] | None]:
    """``(_resolved(path), _identity(path))``, with one system call for a path that is no symlink."""
    head, tail = os.path.split(os.path.abspath(path))
    if not tail:
        return _real_dir(head), _identity(head)
    full = os.path.join(_real_dir(head), tail)
    try:
        st = os.lstat(full)
    except OSError:  # missing (most outputs), or out of reach: nothing to clash with by identity
        return full, None
    if stat.S_ISLNK(st.st_mode):
        return os.path.realpath(full), _identity(full)
    return full, (st.st_dev, st.st_ino)


# Why walk() passed an entry over (the summary counts each).
SKIP_HIDDEN = "hidden (name starts with a dot)"
SKIP_DANGLING = "dangling symlink"
SKIP_LINKED_DIR = "symlinked directory"
SKIP_SPECIAL = "not a regular file (a pipe, socket or device)"
SKIP_UNREADABLE = "unreadable directory"


def walk(root: str, skip: str | None = None, skipped: Counter[str] | None = None) -> Iterator[tuple[str, str]]:
    """Yield ``(path, path relative to root)`` for the regular files under ``root``, sorted.

    Hidden files and directories (a leading dot) are skipped, so are symlinked
    directories (no loops) and ``skip`` (an output directory inside the input,
    so a second run does not clean its own earlier outputs). Files of a
    directory come before those of its subdirectories. A directory entry knows
    its own type, so a regular file costs no system call beyond its directory's
    listing (planning is serial: the workers wait for it). What is passed over
    is counted in ``skipped`` by why, for the summary to say so.
    """
    skipped = Counter() if skipped is None else skipped
    skip_resolved = _resolved(skip) if skip else None
    todo = [(root, "")]  # directories still to list, the next one last
    while todo:
        where, rel = todo.pop()
        try:
            with os.scandir(where) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:  # unreadable, or gone since it was listed
            skipped[SKIP_UNREADABLE] += 1
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            if entry.name.startswith("."):
                skipped[SKIP_HIDDEN] += 1
                continue
            if _is(entry.is_dir):
                if _is(entry.is_symlink):
                    skipped[SKIP_LINKED_DIR] += 1
                elif _resolved(entry.path) != skip_resolved:
                    subdirs.append((entry.path, os.path.join(rel, entry.name)))
            elif _is(entry.is_file):  # follows a symlink; a dangling one is not a file
                yield entry.path, os.path.join(rel, entry.name)
            elif _is(entry.is_symlink):
                skipped[SKIP_DANGLING] += 1
            else:
                skipped[SKIP_SPECIAL] += 1
        todo.extend(reversed(subdirs))


def _is(test: Callable[[], bool]) -> bool:
    """A DirEntry type test, False where the entry cannot be looked at."""
    try:
        return test()
    except OSError:
        return False


def check_stdin_alone(inputs: Sequence[str]) -> None:
    """Refuse stdin mixed with other inputs (a usage error).

    A missing input is not a usage error: it is one bad input of the batch,
    named when its turn comes, and the others are still done.
    """
    if STDIO in inputs and len(inputs) > 1:
        raise UsageError("'-' (stdin) must be the only input")


def plan(inputs: Sequence[str], output: str | None, skipped: Counter[str] | None = None) -> list[Job]:
    """Turn the command line into jobs, or raise UsageError before anything is touched.

    One file in: stdout, the ``-o`` file, or a file of the same name inside an
    existing ``-o`` directory. Several inputs or a directory: ``-o DIR`` is
    required and outputs keep their relative names under it. A missing input
    is planned like a file: reading it fails in its turn, so nothing is
    written for it and the rest of the batch goes on. ``skipped`` counts what
    the directories held that is not cleaned (see walk).
    """
    check_stdin_alone(inputs)
    _real_dir.cache_clear()  # directories may have changed since the last plan in this process
    single = len(inputs) == 1 and (inputs[0] == STDIO or not os.path.isdir(inputs[0]))
    jobs: list[Job] = []
    if single:
        src = inputs[0]
        if output is None or output == STDIO:
            dest = STDIO
        elif os.path.isdir(output) or output.endswith(("/", os.sep)):
            if src == STDIO:
                raise UsageError(f"-o {output} is a directory; give a file name for the cleaned stdin")
            dest = os.path.join(output, os.path.basename(src))
        else:
            dest = output
        jobs.append(Job(src, dest, "<stdin>" if src == STDIO else src))
    else:
        if output is None or output == STDIO:
            what = "several inputs" if len(inputs) > 1 else f"the directory {inputs[0]}"
            raise UsageError(f"{what} need -o DIR (the cleaned files keep their names under DIR)")
        if os.path.exists(output) and not os.path.isdir(output):
            raise UsageError(f"-o {output} is an existing file, but a directory is needed for several outputs")
        for src in inputs:
            if os.path.isdir(src):
                for path, rel in walk(src, skip=output, skipped=skipped):
                    jobs.append(Job(path, os.path.join(output, rel), path))
            else:
                jobs.append(Job(src, os.path.join(output, os.path.basename(src)), src))
    check_outputs(jobs, [j.source for j in jobs if j.source != STDIO])
    return jobs


def check_outputs(jobs: Sequence[Job], sources: Sequence[str], extra: Sequence[tuple[str, str]] = ()) -> None:
    """Refuse two outputs with one path, or an output (or ``extra`` file) that is an input."""
    by_path: dict[str, str] = {}
    by_id: dict[tuple[int, int], str] = {}
    for src in sources:
        resolved, ident = _locate(src)
        by_path[resolved] = src
        if ident is not None:
            by_id[ident] = src
    seen: dict[str, str] = {}
    targets = [(j.dest, f"output of {j.name}") for j in jobs if j.dest != STDIO]
    targets.extend(extra)
    for dest, what in targets:
        resolved, ident = _locate(dest)
        clash = by_path.get(resolved)
        if clash is None and ident is not None:
            clash = by_id.get(ident)
        if clash is not None:
            raise UsageError(f"refusing to overwrite the input {clash} with the {what}")
        if resolved in seen:
            raise UsageError(f"{dest} would be written twice (the {seen[resolved]} and the {what})")
        seen[resolved] = what


# -- reading -----------------------------------------------------------------


def read_source(source: str) -> bytes:
    """Read a whole input: a path, or stdin for ``-``."""
    if source == STDIO:
        return sys.stdin.buffer.read()
    with open(source, "rb") as fh:
        return fh.read()


def describe(exc: BaseException) -> str:
    """A one-line reason for a failure, without the path (the caller names the file)."""
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    if isinstance(exc, UnicodeDecodeError):
        return f"cannot decode as {exc.encoding}: invalid byte at offset {exc.start}"
    if isinstance(exc, HtmlDisabledError):
        return "is HTML, and the html layer is disabled (--disable-layer html); pass --kind text to clean it as text"
    return str(exc) or type(exc).__name__


# -- writing -----------------------------------------------------------------

_UMASK: int | None = None


def _new_file_mode() -> int:
    """The mode a plain ``open(..., "w")`` would give (temp files are created 0600)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], fsync: bool = False) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    On any exception the temporary file is removed and ``path`` is untouched.
    A new file gets the usual permissions; a replaced file keeps its own.
    With ``fsync`` the data reaches the disk before the rename, and the rename
    before the return (durable across a power cut, at a few milliseconds a file).
    """
    dest = Path(path)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where a directory of the path should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(dest.parent)) from None
    try:
        mode = stat.S_IMODE(os.stat(dest).st_mode)
    except OSError:
        mode = _new_file_mode()
    # The name is chosen before the file exists, so that an interruption at any point (a
    # signal raises in the middle of a call that created the file: cleaner/batch/signals.py)
    # finds it to remove.
    name = ""
    try:
        while True:
            name = os.path.join(dest.parent, f".{dest.name}.{secrets.token_hex(6)}.tmp")
            try:
                tmp = open(name, "xb", opener=_private)  # noqa: SIM115
            except FileExistsError:  # another file's name, not ours to remove
                name = ""
                continue
            break
        with tmp:
            yield tmp
            tmp.flush()
            if fsync:
                os.fsync(tmp.fileno())
        os.chmod(name, mode)
        os.replace(name, dest)
    except BaseException:
        if name:
            with contextlib.suppress(OSError):
                os.unlink(name)
        raise
    if fsync:
        _sync_dir(dest.parent)


def _private(path: str, flags: int) -> int:
    """Open a new temporary file readable by its owner alone (as tempfile does) until it is renamed."""
    return os.open(path, flags, 0o600)


def _sync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (where directories can be opened and synced)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open a directory
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse it; the file itself is synced
            os.fsync(fd)
    finally:
        os.close(fd)


def write_fully(fh: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` (one place for tests to simulate a full disk)."""
    fh.write(data)


def atomic_write(path: str | os.PathLike[str], data: bytes, fsync: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically (see atomic_open)."""
    with atomic_open(path, fsync) as fh:
        write_fully(fh, data)


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout whatever its text encoding (outputs are always UTF-8)."""
    out = sys.stdout
    out.flush()
    out.buffer.write(data)
    out.buffer.flush()
