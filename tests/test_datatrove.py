"""The datatrove step in a real pipeline: JSONL reader, CleanerFilter, JSONL writer on 2 tasks and 2 workers."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner import CATEGORIES, Cleaner, Config, ConfigError
from cleaner.integrations.datatrove import CleanerFilter

ARTICLE = (
    "Council approves new bridge\n\n"
    "The city council voted 7 to 2 on Tuesday to fund a new bridge over the river, "
    "ending a debate that had lasted more than three years.\n\n"
    "The site seen from the east bank on Monday. (Jane Doe/City Photo/Associated Press)\n\n"
    "Construction is expected to begin next spring and to take about two years, the mayor said after the meeting.\n\n"
    "Leave a Comment\n\nSource link\n"
)
MORE = (
    "\nOpponents said the money would be better spent on repairing roads in the outer districts, "
    "where residents have complained for years about potholes and flooding after heavy rain.\n"
)
SHORT = "Rain is forecast for the weekend across the north of the country.\n\nSource link\n"
NOISE_ONLY = "Source link\n"
PAGE = (
    "<!doctype html><html><head><title>Library reopens</title><script>var ads = 1;</script></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
    "<article><h1>Library reopens after renovation</h1>"
    "<p>The central library reopened on Saturday after an 18-month renovation that added a reading garden "
    "and a children's wing to the old building.</p>"
    "<p>Visitors queued from early morning, and staff said more than 2,000 people came through the doors "
    "in the first four hours.</p>"
    "</article><footer>Leave a Comment</footer></body></html>"
)

RECORDS = {
    "a.jsonl": [
        {"id": "article", "text": ARTICLE},
        {"id": "short", "text": SHORT},
    ],
    "b.jsonl": [
        {"id": "noise", "text": NOISE_ONLY},
        {"id": "page", "text": "(no text extracted)", "html": PAGE},
    ],
}


def _read(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            out[rec["id"]] = rec
    return out


def test_pipeline_two_tasks_two_workers(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    for name, records in RECORDS.items():
        (data / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    step = CleanerFilter(
        html_field="html",
        min_words=20,
        keep_removals=True,
        exclusion_writer=JsonlWriter(str(tmp_path / "dropped"), compression=None),
    )
    executor = LocalPipelineExecutor(
        [JsonlReader(str(data)), step, JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    kept = _read(tmp_path / "out")
    dropped = _read(tmp_path / "dropped")
    assert sorted(kept) == ["article", "page"]
    assert sorted(dropped) == ["noise", "short"]
    # Every kept text is exactly what the Cleaner gives on its own.
    ref = Cleaner()
    assert kept["article"]["text"] == ref.clean(ARTICLE)
    assert kept["page"]["text"] == ref.clean(PAGE, kind="html")
    assert "Source link" not in kept["article"]["text"]
    assert "Associated Press" not in kept["article"]["text"]
    assert "renovation" in kept["page"]["text"]
    assert "Leave a Comment" not in kept["page"]["text"]

    meta = kept["article"]["metadata"]
    assert set(meta["cleaner_removed"]) == set(CATEGORIES)
    expected = ref.clean_document(ARTICLE).categories()
    assert {c: n for c, n in meta["cleaner_removed"].items() if n} == expected
    assert meta["cleaner_removed"]["caption"] >= 1 and meta["cleaner_removed"]["source-tail"] >= 1
    assert [r["text"] for r in meta["cleaner_removals"]] == [r.text for r in ref.clean_document(ARTICLE).removals]
    assert kept["page"]["metadata"]["html"] == PAGE  # the source field is left as it was

    # Dropped documents keep their text as it came, with the reason and the counts.
    assert dropped["noise"]["metadata"]["filter_reason"] == "cleaned_empty"
    assert dropped["noise"]["text"] == NOISE_ONLY
    assert dropped["short"]["metadata"]["filter_reason"] == "cleaned_too_short"
    assert dropped["short"]["text"] == SHORT
    assert dropped["short"]["metadata"]["cleaner_removed"]["source-tail"] == 1

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    ours = next(s for s in stats if s["name"] == str(step))["stats"]

    def total(label: str) -> int:
        value = ours[label]
        return value["total"] if isinstance(value, dict) else value

    assert total("total") == 4
    assert total("forwarded") == 2
    assert total("dropped") == 2
    assert total("dropped_cleaned_empty") == 1
    assert total("dropped_cleaned_too_short") == 1
    every = [ARTICLE, SHORT, NOISE_ONLY]
    sources = sum(ref.clean_document(t).categories().get("source-tail", 0) for t in every)
    sources += ref.clean_document(PAGE, kind="html").categories().get("source-tail", 0)
    assert total("removed_source-tail") == sources
    assert total("removed_caption") >= 1


def test_html_field_missing_cleans_the_text() -> None:
    step = CleanerFilter(html_field="html")
    doc = Document(text=ARTICLE, id="1")
    assert step.filter(doc) is True
    assert doc.text == Cleaner().clean(ARTICLE)
    assert step.stats["no_html"].total == 1


def test_a_result_with_warnings_carries_them_in_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.chain
    import cleaner.html

    # The HTML safety net made to fire on any page with paragraphs; a document cleaned quietly has no key.
    monkeypatch.setattr(cleaner.chain, "SAFETY_SHARE", 100.0)
    monkeypatch.setattr(cleaner.html, "SAFETY_TAKE", 100.0)
    step = CleanerFilter(kind="html")
    doc = Document(text=PAGE, id="1")
    assert step.filter(doc) is True
    assert doc.metadata["cleaner_warnings"][0].startswith("safety net:")
    assert step.stats["warned"].total == 1
    quiet = Document(text=ARTICLE, id="2")
    assert CleanerFilter().filter(quiet) is True and "cleaner_warnings" not in quiet.metadata


def test_drop_empty_off_keeps_an_emptied_document() -> None:
    doc = Document(text=NOISE_ONLY, id="1")
    assert CleanerFilter(drop_empty=False).filter(doc) is True
    assert doc.text.strip() == ""


def test_bad_settings_fail_when_the_step_is_built() -> None:
    with pytest.raises(ConfigError, match="kind"):
        CleanerFilter(kind="pdf")
    with pytest.raises(ConfigError, match="min_words"):
        CleanerFilter(min_words=-1)
    with pytest.raises(ConfigError):
        CleanerFilter(disable=["nope"])
    with pytest.raises(ConfigError, match="html layer"):
        CleanerFilter(html_field="html", config=Config(disable_layers=frozenset({"html"})))


def test_pickles_without_its_cleaner() -> None:
    step = CleanerFilter(disable=["related"])
    step.filter(Document(text=ARTICLE, id="1"))
    assert step._cleaner is not None
    copy = pickle.loads(pickle.dumps(step))
    assert copy._cleaner is None
    assert "related" in copy.config.disable_categories
    doc = Document(text=ARTICLE, id="2")
    assert copy.filter(doc) is True
    assert doc.text == Cleaner().clean(ARTICLE)


def test_readme_example_runs_as_written(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### datatrove", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    (tmp_path / "scraped").mkdir()
    records = [{"id": "article", "text": ARTICLE + MORE}, {"id": "noise", "text": NOISE_ONLY}]
    (tmp_path / "scraped" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]

    def ids(folder: str) -> list[str]:
        found = []
        for path in (tmp_path / folder).glob("*.jsonl.gz"):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                found += [json.loads(line)["id"] for line in f]
        return found

    assert ids("clean") == ["article"]
    assert ids("dropped") == ["noise"]
