"""The baselines' documented rules and the harness plumbing, checked on tiny inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks import baselines, corpora, data, run, structure


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


@pytest.mark.skipif(
    not data.have("scrapinghub") or not data.have("wcxb-dev"), reason="../shared not beside the checkout"
)
def test_run_end_to_end_on_a_subset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.md"
    per_page = tmp_path / "pages.jsonl"
    argv = ["--only", "raw,c4", "--limit", "3", "--repeat", "1", "--out", str(out), "--per-page", str(per_page)]
    assert run.main(argv) == 0
    report = out.read_text()
    assert "python -m benchmarks.run --only raw,c4 --limit 3" in report
    assert "## ScrapingHub" in report and "## WCXB" in report
    assert "| raw whole-page text (naive_text) |" in report
    assert "| C4 line filter |" in report
    assert "trafilatura default |" not in report
    assert "| rs-trafilatura | 0.859 |" in report  # the published figures, beside ours
    records = [json.loads(line) for line in per_page.read_text().splitlines()]
    assert {(r["corpus"], r["mode"], r["tool"]) for r in records} == {
        (corpus, mode, tool)
        for corpus in ("scrapinghub", "wcxb")
        for mode, tool in (("html", "raw"), ("text", "c4"), ("text", "raw-dump"))
    }
    assert len(records) == 18
    # The raw whole-page text and the unchanged dump are the same text, so they score alike.
    raw = {(r["corpus"], r["key"]): r["f1"] for r in records if r["tool"] == "raw"}
    dump = {(r["corpus"], r["key"]): r["f1"] for r in records if r["tool"] == "raw-dump"}
    assert raw == dump
    assert "| raw whole-page text" in capsys.readouterr().out


def test_a_benchmark_without_its_data_says_where_to_get_it_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        run.main(["--data", str(tmp_path), "--limit", "1", "--only", "raw"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "benchmark data not found" in err and "wcxb-dev" in err and "--data" in err


def test_data_is_found_from_the_repository_root_or_the_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(data.ENV_VAR, raising=False)
    assert data.shared_dir() == data.ROOT.parent / "shared"
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    assert data.shared_dir() == tmp_path
    assert data.shared_dir("elsewhere") == Path("elsewhere")
    (tmp_path / "benchmarks" / "wcxb-dev" / "html").mkdir(parents=True)
    (tmp_path / "benchmarks" / "wcxb-dev" / "ground-truth").mkdir()
    assert data.have("wcxb-dev") and not data.have("scrapinghub")
    assert data.corpus_dir("wcxb-dev") == tmp_path / "benchmarks" / "wcxb-dev"


_MACHINE_PATH = re.compile(r"(?:^|[\s`'\"(=])/(?:work|home|root|Users|mnt|srv)/\w")


def test_no_machine_path_in_the_repository() -> None:
    """Every benchmark and test finds its data from the repository root, never by an absolute path."""
    offenders = []
    for path in data.ROOT.rglob("*"):
        if not path.is_file() or path.suffix not in {".py", ".md", ".toml", ".ini", ".cfg", ".json", ".txt"}:
            continue
        rel = path.relative_to(data.ROOT)
        if rel.parts[0] in {".git", ".tox", "build"} or ".cache" in rel.parts or "egg-info" in str(rel):
            continue
        if rel.parts[0] == "golden" and path.name in {"input.txt", "expected.txt"}:
            continue  # scraped pages, verbatim
        if path == Path(__file__).resolve():
            continue  # the examples below
        if _MACHINE_PATH.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(str(rel))
    assert offenders == []


def test_the_machine_path_check_can_fail() -> None:
    assert _MACHINE_PATH.search('DATA = Path("/work/shared/benchmarks")')
    assert _MACHINE_PATH.search("see `/home/me/shared`")
    assert not _MACHINE_PATH.search("../shared/benchmarks/wcxb-dev and a/work/b")


def test_a_page_counts_as_lost_only_where_the_reference_kept_the_article() -> None:
    from benchmarks.lost import kept_share, lost_pages

    truth = "one two three four five six seven eight nine ten"
    assert kept_share("two one ten", truth) == 0.3
    assert kept_share("anything", "") == 1.0
    outputs = ["one", "one two three", "one"]
    references = [truth, truth, "one two"]
    # Page 0: kept 0.1 where the reference kept all; page 1 kept 0.3; page 2's reference kept only 0.2.
    assert lost_pages(outputs, references, [truth, truth, truth]) == [0]


def _page(truth: str, html: str = "<html><body><p>x</p></body></html>", kind: str = "forum") -> corpora.Page:
    return corpora.Page("k1", "", kind, b"", html, "", truth)


def test_the_structure_check_compares_a_line_with_the_truths_longest_paragraph() -> None:
    truth = "one two three\n\nfour five six seven\nstill the same paragraph"  # longest: 8 words
    assert structure.paragraphs(truth) == ["one two three", "four five six seven\nstill the same paragraph"]
    page = _page(truth)
    assert structure.long_line(page, " ".join(["w"] * 24)) is None  # 3x 8 words is allowed
    found = structure.long_line(page, "short line\n" + " ".join(["w"] * 25))
    assert found is not None and (found.words, found.truth_words) == (25, 8)
    # A truth without a blank line marks no paragraphs: its page is not checked.
    assert structure.paragraphs("a b\nc d") == [] and not structure.checked(_page("a b\nc d"))
    assert structure.long_line(_page("a b\nc d"), " ".join(["w"] * 100)) is None


def test_the_structure_check_says_why_a_line_is_long() -> None:
    items = "".join(f"<li>item number {n} of the list</li>" for n in range(8))
    line = " ".join(f"item number {n} of the list" for n in range(8))
    assert structure.cause(f"<html><body><ul>{items}</ul></body></html>", line) == "run together"
    assert structure.cause(f"<html><body><p>{line}</p></body></html>", line) == "one block"
    assert structure.cause("<html><body><p>other words entirely here</p></body></html>", line) == "not in the HTML"


def test_the_structure_table_counts_each_cause_per_page_type() -> None:
    pages = [_page("a\n\nb", kind="forum"), _page("a\n\nb", kind="article"), _page("no blank line", kind="forum")]
    corpus = corpora.Corpus("wcxb", "WCXB", pages, None, None, "", "")  # type: ignore[arg-type]
    found = [structure.LongLine("k1", "forum", 30, 1, "...", "one block")]
    table = structure.table_markdown([(corpus, found)])
    assert "| wcxb | forum | 1 | 0 | 1 | 0 | 1 | 2 |" in table
    assert "| wcxb | article | 0 | 0 | 0 | 0 | 1 | 1 |" in table
    assert "| wcxb | all | 1 | 0 | 1 | 0 | 2 | 3 |" in table
