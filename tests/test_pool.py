"""The batch worker pool: workers clean with the Cleaner the batch was given."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.batch.files import Job
from cleaner.batch.removals import read_spool
from cleaner.batch.work import Settings, run_files
from tests.test_core import ShoutLayer  # a user layer: not in the settings a worker could rebuild from

STORY = "A long enough sentence of the story, with words in it.\n"


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers inherit only by fork")
def test_forked_workers_clean_with_the_batch_cleaner_and_its_extra_layers(tmp_path: Path) -> None:
    jobs = []
    for i in range(6):
        src = tmp_path / "in" / f"{i}.txt"
        src.parent.mkdir(exist_ok=True)
        src.write_text(f"{STORY}BUY NOW {i}\n", encoding="utf-8")
        jobs.append(Job(str(src), str(tmp_path / "out" / f"{i}.txt"), f"{i}.txt"))
    settings = Settings(templates=False, spool=str(tmp_path))
    outcomes = list(run_files(jobs, settings, 2, Cleaner(extra_layers=[ShoutLayer])))
    assert [o.job for o in outcomes] == jobs
    assert all(o.ok for o in outcomes)
    for o in outcomes:
        assert Path(o.job.dest).read_text(encoding="utf-8") == STORY
        assert [r["layer"] for r in read_spool(o.spool)] == ["shout"]
