"""The batch worker pool: workers clean with the Cleaner the batch was given."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.batch.files import Job
from cleaner.batch.removals import read_spool
from cleaner.batch.work import CHUNK_MOST, CHUNK_SHARE, Outcome, Settings, _chunks, run_files
from cleaner.model import Document
from tests.test_core import ShoutLayer  # a user layer: not in the settings a worker could rebuild from

STORY = "A long enough sentence of the story, with words in it.\n"


def _jobs(tmp_path: Path, contents: list[str | bytes]) -> list[Job]:
    """One input file per content under ``tmp_path/in``, each with its output under ``tmp_path/out``."""
    (tmp_path / "in").mkdir(exist_ok=True)
    jobs = []
    for i, content in enumerate(contents):
        src = tmp_path / "in" / f"{i:02d}.txt"
        src.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        jobs.append(Job(str(src), str(tmp_path / "out" / f"{i:02d}.txt"), f"{i:02d}.txt"))
    return jobs


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers inherit only by fork")
def test_forked_workers_clean_with_the_batch_cleaner_and_its_extra_layers(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, [f"{STORY}BUY NOW {i}\n" for i in range(6)])
    settings = Settings(templates=False, spool=str(tmp_path))
    outcomes = list(run_files(jobs, settings, 2, Cleaner(extra_layers=[ShoutLayer])))
    assert [o.job for o in outcomes] == jobs
    assert all(o.ok for o in outcomes)
    for o in outcomes:
        assert Path(o.job.dest).read_text(encoding="utf-8") == STORY
        assert [r["layer"] for r in read_spool(o.spool)] == ["shout"]


@pytest.mark.parametrize("workers", [1, 2])
def test_each_outcome_comes_back_to_its_own_file_in_order(tmp_path: Path, workers: int) -> None:
    # Enough files for tasks of several files each, with failures among them: outcomes travel
    # back without their job, so a slip would pin one file's result on another.
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    jobs = _jobs(tmp_path, [png if i % 7 == 3 else f"{STORY}Story {i} " + "and more words " * i for i in range(90)])
    outcomes = list(run_files(jobs, Settings(templates=False), workers, Cleaner()))
    assert [o.job for o in outcomes] == jobs
    for i, o in enumerate(outcomes):
        assert o.ok == (i % 7 != 3), o
        if o.ok:
            assert o.bytes_in == Path(o.job.source).stat().st_size
            assert o.kind == "text" and o.bytes_out == Path(o.job.dest).stat().st_size
        else:
            assert o.error == "binary data, not text or HTML" and not Path(o.job.dest).exists()


def test_jobs_and_outcomes_cross_to_workers_and_back_whole() -> None:
    job = Job("in/a.txt", "out/a.txt", "a.txt")
    assert pickle.loads(pickle.dumps(job)) == job
    outcome = Outcome(job, True, None, "text", 120, 80, {"caption": 2}, "/tmp/spool-a.jsonl")
    assert Outcome(job, *outcome.wire()) == outcome
    failed = Outcome(job, False, "binary data, not text or HTML")
    assert Outcome(job, *failed.wire()) == failed


@pytest.mark.parametrize("n", [0, 1, 7, 50, 600, 5000])
@pytest.mark.parametrize("workers", [1, 2, 8])
def test_tasks_cover_every_file_once_in_order_and_shrink_towards_the_end(n: int, workers: int) -> None:
    items = list(range(n))
    tasks = [list(t) for t in _chunks(items, workers)]
    assert [i for t in tasks for i in t] == items
    sizes = [len(t) for t in tasks]
    assert all(1 <= s <= CHUNK_MOST for s in sizes)
    assert sizes == sorted(sizes, reverse=True), "never a bigger task after a smaller one"
    done = 0
    for s in sizes:  # each task at most its share of what is left (or a single file)
        assert s == 1 or s <= (n - done) // (CHUNK_SHARE * workers)
        done += s
    if n >= CHUNK_SHARE * workers:
        assert sizes[-1] == 1, "the batch ends on single files, so no worker waits long for another"
    if n >= 5000 and workers <= 2:
        assert len(tasks) < n / 30, "large batches go out in large tasks"


class _CrashLayer(ShoutLayer):
    """Kills the worker process that meets the line ``CRASH`` (as the out-of-memory killer would)."""

    name = "crash"

    def apply(self, doc: Document) -> None:
        if any(ln.stripped == "CRASH" for _, ln in doc.iter_kept()):
            os._exit(1)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers inherit only by fork")
def test_a_dead_worker_fails_the_files_not_yet_done_and_keeps_the_ones_before(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, [STORY + ("CRASH\n" if i == 40 else "") for i in range(60)])
    outcomes = list(run_files(jobs, Settings(templates=False), 2, Cleaner(extra_layers=[_CrashLayer])))
    assert [o.job for o in outcomes] == jobs
    assert all(o.ok for o in outcomes[:20]), "the first tasks were done before the crash"
    assert not outcomes[40].ok
    failed = [o for o in outcomes if not o.ok]
    assert {o.error for o in failed} == {"the worker process died (out of memory?)"}
    for o in outcomes[:20]:
        assert Path(o.job.dest).read_text(encoding="utf-8") == STORY
    assert not Path(jobs[40].dest).exists()
