"""The baselines' documented rules and the harness plumbing, checked on tiny inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import baselines, run

DATA = run.DEFAULT_DATA


def test_c4_keeps_terminated_lines_of_five_words() -> None:
    assert baselines.c4_keep_line("This line has five words.") == "This line has five words."
    assert baselines.c4_keep_line("Only four words here.") is None
    assert baselines.c4_keep_line("Five words but no end mark") is None
    assert baselines.c4_keep_line("Five words and trailing dots...") is None
    assert baselines.c4_keep_line("She said it was “fine by me.”") is not None
    assert baselines.c4_keep_line('He said "this is quite fine"') is not None


def test_c4_drops_policy_code_and_javascript_lines() -> None:
    for line in (
        "Please enable JavaScript to view the comments.",
        "By using this site you agree to our Terms of Use.",
        "This website uses cookies to improve your experience.",
        "function() { return the value of this thing. }.",
        "Lorem ipsum dolor sit amet, consectetur adipiscing.",
    ):
        assert baselines.c4_keep_line(line) is None, line


def test_c4_strips_citations_before_the_end_mark_check() -> None:
    assert baselines.c4_keep_line("The war ended in the year 1945.[3]") == "The war ended in the year 1945."


def test_c4_filter_joins_kept_lines() -> None:
    text = "Menu\nHome | News\nThe first real sentence is here.\nShare this\nA second real sentence is here!\n"
    assert baselines.c4_filter(text) == "The first real sentence is here.\nA second real sentence is here!"


def test_lines_as_paragraphs_escapes_and_skips_blank_lines() -> None:
    html = baselines.lines_as_paragraphs("a < b\n\n  \nc & d\n")
    assert "<p>a &lt; b</p>" in html
    assert "<p>c &amp; d</p>" in html
    assert html.count("<p>") == 2


def test_html_to_lines_puts_blocks_on_their_own_lines() -> None:
    fragment = "<div><h1>Title</h1><p>One <b>bold</b> word.</p><ul><li>a</li><li>b</li></ul></div>"
    assert baselines.html_to_lines(fragment) == "Title\nOne bold word.\na\nb"
    assert baselines.html_to_lines("") == ""


def test_stoplist_from_html_lang() -> None:
    assert baselines.stoplist_for_html('<html lang="pt-BR"><body>') == "Portuguese"
    assert baselines.stoplist_for_html(b"<html class=x lang='de'>") == "German"
    assert baselines.stoplist_for_html('<html lang="ja">') == "English"
    assert baselines.stoplist_for_html("<html><body>") == "English"


def test_stoplist_guess_from_text() -> None:
    assert baselines.stoplist_for_text("The cat sat on the mat and it was there for a while.") == "English"
    assert baselines.stoplist_for_text("Der Hund ist nicht in dem Haus, aber er war auch hier.") == "German"
    assert baselines.stoplist_for_text("") == "English"


def test_time_tool_counts_errors_and_keeps_first_pass() -> None:
    def flaky(x: str) -> str:
        if x == "boom":
            raise ValueError("bad page")
        return x.upper()

    timed = run.time_tool(flaky, ["a", "boom", "b"], repeat=2)
    assert timed.outputs == ["A", "", "B"]
    assert timed.errors == 1
    assert timed.error_sample.startswith("ValueError")
    assert 0 <= timed.wall < 1
    assert 0 <= timed.cpu < 1


@pytest.mark.skipif(not (DATA / "ground-truth.json").exists(), reason="benchmark data not available")
def test_run_end_to_end_on_a_subset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.md"
    per_page = tmp_path / "pages.jsonl"
    argv = [
        "--only",
        "raw,c4",
        "--limit",
        "3",
        "--repeat",
        "1",
        "--out",
        str(out),
        "--per-page",
        str(per_page),
    ]
    assert run.main(argv) == 0
    report = out.read_text()
    assert "python -m benchmarks.run --only raw,c4 --limit 3" in report
    assert "| raw whole-page text (naive_text) |" in report
    assert "| C4 line filter |" in report
    assert "trafilatura default |" not in report
    records = [json.loads(line) for line in per_page.read_text().splitlines()]
    assert {(r["mode"], r["tool"]) for r in records} == {
        ("html", "raw"),
        ("text", "c4"),
        ("text", "raw-dump"),
    }
    assert len(records) == 9
    # The raw whole-page text and the unchanged dump are the same text, so they score alike.
    raw = {r["key"]: r["f1"] for r in records if r["tool"] == "raw"}
    dump = {r["key"]: r["f1"] for r in records if r["tool"] == "raw-dump"}
    assert raw == dump
    assert "| raw whole-page text" in capsys.readouterr().out
