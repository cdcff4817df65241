"""SIGTERM and SIGHUP end a run the way Ctrl-C does: workers stopped, temporary files gone.

Left to their default action, these signals killed the command at once: its
worker processes went on (re-parented, holding the caller's pipes open) and
the temporary folder of removal logs stayed behind. Here, in the command's
process, each raises ``Terminated`` (a BaseException, like KeyboardInterrupt),
so every ``with`` and ``finally`` on the way out runs: the pool's workers are
stopped, a half-written output's temporary file is removed (the previous
output stays), the removal-log folder is deleted, and the command exits
128 + the signal's number (143 for SIGTERM, 129 for SIGHUP).

A worker process that gets one in the middle of a task unwinds the same way
(its output's temporary file goes) and exits. Between tasks it holds no
temporary file, but it may be sending the last task's result back: dying in
the middle of that message would leave the pool's reader in the command
waiting forever for the rest of it (the command then hung until killed). So
it ends as its next task would start instead, or, given no task, when the
pool's shutdown tells it to, as every worker does.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Terminated(BaseException):
    """The process was asked to end by a signal; ``code`` is the exit code that says so."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def code(self) -> int:
        return 128 + self.signum

    def __str__(self) -> str:
        return signal.Signals(self.signum).name


_main: int | None = None  # the process that handles these signals by unwinding (the command's)
_worker = False  # this is a worker process (in_worker was called)
_busy = False  # ... running a task
_ending = False  # this process is unwinding already
_stopped: int | None = None  # a worker: the signal that came between tasks (the next one does not run)


def _handler(signum: int, frame: FrameType | None) -> None:
    global _ending, _stopped
    if _ending:
        # A second signal (a worker gets one from the group and one from the command) must
        # not cut short the clean-up the first one started.
        return
    if _busy or os.getpid() == _main:
        _ending = True
        raise Terminated(signum)
    # A worker between tasks (or forked, not yet set up): nothing to clean, but maybe a result
    # half sent; it ends before its next task (see the module's docstring).
    _stopped = signum


@contextlib.contextmanager
def terminable() -> Iterator[None]:
    """In this process, SIGTERM and SIGHUP raise Terminated while the block runs (main thread only)."""
    global _main, _ending
    try:
        previous = {s: signal.signal(s, _handler) for s in SIGNALS}
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    _main, _ending = os.getpid(), False
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
        _main = None


def in_worker() -> None:
    """Handle the signals as a worker process: unwind a task, else exit (a pool initializer calls it)."""
    global _worker, _ending
    _worker, _ending = True, False  # (a forked worker inherits the command's flag)
    for s in SIGNALS:
        signal.signal(s, _handler)


def task(fn: Callable[[T], R]) -> Callable[[T], R]:
    """Wrap a function a worker process runs: a signal during it unwinds it, then the process exits."""

    @functools.wraps(fn)
    def run(arg: T) -> R:
        global _busy
        if not _worker:
            return fn(arg)  # in the command's own process (one worker), or a library caller's
        _busy = True  # (set first: a signal from here on raises Terminated, none is left unseen)
        try:
            try:
                if _stopped is not None:
                    raise Terminated(_stopped)  # told to end between tasks: this one never starts
                return fn(arg)
            finally:
                _busy = False
        except Terminated as exc:  # (raised in fn, or in the finally before it cleared the flag)
            os._exit(exc.code)

    return run
