"""SIGTERM and SIGHUP to a running batch: workers end, temporary files go, earlier outputs stay whole.

Each test starts the command in a session of its own, waits until it has
written some outputs (so the signal lands mid-run), signals it, and then looks
at what is left: processes of the session (read from /proc), the temporary
folder (TMPDIR points at an empty one), and the outputs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
FILES = 1500  # far more than 2 workers clean before the signal
PREVIOUS = "previous output\n"

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGHUP") or not os.path.isdir("/proc"), reason="POSIX signals and /proc needed"
)


def _session(sid: int) -> list[int]:
    """The processes still alive in session ``sid`` (zombies are dead: only their parent's wait is missing)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # state, ppid, pgrp, session, ...
        if int(fields[3]) == sid and fields[0] != "Z":
            alive.append(int(entry))
    return alive


def _start(args: list[str], tmp: Path, log: Path) -> subprocess.Popen[bytes]:
    (tmp / "tmp").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp / "tmp")}
    with open(log, "wb") as err:  # a file, not a pipe: workers left behind would hold a pipe open
        return subprocess.Popen(
            [sys.executable, "-m", "cleaner", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )


def _wait_until(test: Callable[[], bool], proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while not test():
        assert proc.poll() is None, "the command ended before it could be signalled"
        assert time.monotonic() < deadline, "the command wrote nothing in two minutes"
        time.sleep(0.02)


def _end(proc: subprocess.Popen[bytes], sig: int, group: bool) -> int:
    """Signal the command (or its whole process group), wait for it; kill what it leaves, say what that was."""
    if group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    code = proc.wait(timeout=120)
    time.sleep(0.5)  # workers ending on their own are given a moment
    left = _session(proc.pid)
    for pid in left:  # (our own session's processes, started by this test)
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"processes left running: {left}"
    return code


@pytest.mark.parametrize(
    ("sig", "code", "group"),
    [(signal.SIGTERM, 143, False), (signal.SIGHUP, 129, False), (signal.SIGTERM, 143, True)],
    ids=["sigterm", "sighup", "sigterm-to-the-group"],
)
def test_a_signal_ends_a_batch_of_files_cleanly(tmp_path: Path, sig: int, code: int, group: bool) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    seeds = [(GOLDEN / f"seed-00{i}" / "input.txt").read_text(encoding="utf-8") for i in range(5)]
    for n in range(FILES):
        (src / f"f{n:04}.txt").write_text(seeds[n % 5], encoding="utf-8")
        (out / f"f{n:04}.txt").write_text(PREVIOUS, encoding="utf-8")  # a previous run's outputs
    cleaner = Cleaner()
    expected = [cleaner.clean(seed, kind="text") for seed in seeds]
    args = [str(src), "-o", str(out), "-j", "2", "--no-templates", "--report", str(tmp_path / "r.json")]
    proc = _start(args, tmp_path, tmp_path / "err.txt")
    _wait_until(lambda: (out / "f0020.txt").read_text(encoding="utf-8") != PREVIOUS, proc)
    assert _end(proc, sig, group) == code
    assert "terminated" in (tmp_path / "err.txt").read_text()
    assert os.listdir(tmp_path / "tmp") == []  # the removal logs' folder is gone
    assert sorted(os.listdir(out)) == [f"f{n:04}.txt" for n in range(FILES)]  # no temporary file left
    new = 0
    for n in range(FILES):
        text = (out / f"f{n:04}.txt").read_text(encoding="utf-8")
        assert text in (PREVIOUS, expected[n % 5]), f"f{n:04}.txt is neither its old nor its new output"
        new += text != PREVIOUS
    assert 20 < new < FILES  # stopped mid-run
    assert not (tmp_path / "r.json").exists()


def test_sigterm_ends_a_json_lines_run_cleanly(tmp_path: Path) -> None:
    seeds = [(GOLDEN / f"seed-00{i}" / "input.txt").read_text(encoding="utf-8") for i in range(5)]
    src, dest = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps({"text": seeds[n % 5]}) + "\n" for n in range(FILES * 4)), encoding="utf-8")
    dest.write_text(PREVIOUS, encoding="utf-8")
    args = ["--jsonl", str(src), "-o", str(dest), "-j", "2", "--report", str(tmp_path / "r.json")]
    proc = _start(args, tmp_path, tmp_path / "err.txt")
    # Mid-run: the output's temporary file has records in it.
    _wait_until(lambda: any(p.name.startswith(".out.jsonl.") and p.stat().st_size for p in tmp_path.iterdir()), proc)
    assert _end(proc, signal.SIGTERM, False) == 143
    assert os.listdir(tmp_path / "tmp") == []
    assert dest.read_text(encoding="utf-8") == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["err.txt", "in.jsonl", "out.jsonl", "tmp"]
