"""What a new user trips on: misspelt names, wrong argument types, and the messages they get."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import CATEGORIES, Cleaner, Config, ConfigError, Result, clean
from cleaner.cli import main
from cleaner.names import rule_ids
from tests.golden_cases import cases

ARTICLE = "The council voted on Tuesday to fund a new bridge over the river.\n\nSource link\n"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"disable_rules": {"navigation.prev-nex"}}, "did you mean navigation.prev-next"),
        ({"disable_rules": {"no-such-rule"}}, "unknown rule 'no-such-rule'"),
        ({"disable_rules": {"html.nav"}}, "cannot be turned off one by one"),
        ({"disable_layers": {"nope"}}, "unknown layer 'nope'"),
        ({"disable_layers": {"captions"}}, "did you mean caption"),
    ],
)
def test_unknown_names_are_config_errors(settings: dict[str, set[str]], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Cleaner(Config(**settings))


def test_known_names_are_accepted() -> None:
    for rule in ("navigation.prev-next", "template.site", "context.in-list", "duplicate.exact", "comments.footer"):
        Cleaner(Config(disable_rules={rule}))
    Cleaner(Config(disable_layers={"html", "context"}))


def test_every_rule_a_removal_carries_is_known() -> None:
    """The list of known ids follows the layers: every id the golden inputs' removals carry is in it."""
    cleaner = Cleaner()
    known = rule_ids(cleaner.layer_names)
    seen = {r.rule for c in cases() for r in cleaner.clean_document(c.input.read_bytes()).removals}
    assert len(seen) > 20
    assert {r for r in seen if not r.startswith("html.")} <= known


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('disable_layers = ["nope"]\n', "unknown layer 'nope'"),
        ('disable_rules = ["promo.sharee"]\n', "unknown rule 'promo.sharee'"),
    ],
)
def test_unknown_names_in_a_config_file_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str
) -> None:
    (tmp_path / "c.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "o.txt"
    assert main([str(tmp_path / "a.txt"), "-o", str(out), "--config", str(tmp_path / "c.toml")]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_unknown_disable_rule_on_the_command_line_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--disable-rule", "navigation.prev-nex"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule 'navigation.prev-nex'" in err and "navigation.prev-next" in err


def test_misspelt_layer_on_the_command_line_is_suggested(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--disable-layer", "captions"]) == 2
    assert "did you mean caption?" in capsys.readouterr().err


def test_html_layer_disabled_speaks_the_command_s_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.html"
    page.write_text("<!doctype html><html><body><p>Hello there, world.</p></body></html>\n", encoding="utf-8")
    assert main([str(page), "--disable-layer", "html"]) == 1
    err = capsys.readouterr().err
    assert "--kind text" in err and "kind='text'" not in err
    assert main([str(page), "--kind", "html", "--disable-layer", "html"]) == 2
    assert "--kind html needs the html layer" in capsys.readouterr().err
    with pytest.raises(ValueError, match="kind='text'"):  # the library's own words stay the library's
        Cleaner(Config(disable_layers={"html"})).clean(page.read_text(), kind="html")


@pytest.mark.parametrize("value", [None, 42, ["a list"], bytearray(b"text")])
def test_clean_of_anything_but_str_or_bytes_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        clean(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str or bytes"):
        Cleaner().clean_document(value)  # type: ignore[arg-type]


def test_clean_batch_takes_a_generator() -> None:
    docs = [ARTICLE, ARTICLE.replace("bridge", "tunnel"), b"Plain bytes of text.\n"]
    from_list = Cleaner().clean_batch(docs, groups=["a", "a", None])
    from_gen = Cleaner().clean_batch((d for d in docs), groups=iter(["a", "a", None]))
    assert all(isinstance(r, Result) for r in from_gen)
    assert [r.text for r in from_gen] == [r.text for r in from_list]
    assert "Source link" not in from_gen[0].text and "tunnel" in from_gen[1].text
    with pytest.raises(ValueError, match="groups has 1 entries for 3 documents"):
        Cleaner().clean_batch(iter(docs), groups=["a"])
    mixed = Cleaner().clean_batch(iter([ARTICLE, None]), return_exceptions=True)  # type: ignore[list-item]
    assert isinstance(mixed[0], Result) and isinstance(mixed[1], TypeError)


def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_explain_keeps_a_record_s_own_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    mine = ["the crawler's own list"]
    _jsonl(src, [{"id": 1, "text": ARTICLE}, {"id": 2, "text": ARTICLE, "removals": mine}])
    assert main(["--jsonl", str(src), "-o", str(out), "--explain", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert 'already has a "removals" field' in err and "--overwrite-fields" in err and ":2" in err
    records = _records(out)
    assert [r["id"] for r in records] == [1]
    assert records[0]["removals"][0]["category"] == "source-tail"

    # Elsewhere: both records written, the crawler's field kept as it was.
    assert main(["--jsonl", str(src), "-o", str(out), "--explain", "--removals-field", "cleaner", "-j", "1"]) == 0
    records = _records(out)
    assert records[1]["removals"] == mine and records[1]["cleaner"][0]["category"] == "source-tail"
    assert "removals" not in records[0]

    # Asked for: replaced.
    assert main(["--jsonl", str(src), "-o", str(out), "--explain", "--overwrite-fields", "-j", "1"]) == 0
    assert _records(out)[1]["removals"][0]["category"] == "source-tail"


def test_jsonl_removals_field_cannot_be_the_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    _jsonl(src, [{"text": ARTICLE}])
    assert main(["--jsonl", str(src), "--explain", "--removals-field", "text"]) == 2
    assert "--removals-field must differ" in capsys.readouterr().err


def test_help_says_where_jsonl_removals_go(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "each cleaned record gets its removals as a list in --removals-field" in out
    assert "--overwrite-fields" in out


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ('{"text": "abc"', "at the end of the line"),  # json read past the line break: "column 1"
        ('{"text": "a" "b"}', "at column 14"),
        ('{"text": "a\u00e9", }', "at column 16"),  # columns count characters, not bytes
        ('{"text": "abc', "Unterminated string starting at column 10"),
    ],
)
def test_bad_jsonl_line_is_placed_at_its_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, where: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": ARTICLE}) + "\n" + line + "\n", encoding="utf-8")
    assert main(["--jsonl", str(src), "-o", str(tmp_path / "o.jsonl"), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "in.jsonl:2: not valid JSON (" in err and f"{where})" in err
    assert " at at " not in err


def _summary(err: str) -> str:
    return next(line for line in err.splitlines() if " file" in line and "cleaned," in line)


def test_failure_summary_shows_the_first_few(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    missing = [str(tmp_path / f"missing{i}.txt") for i in range(6)]
    assert main([str(tmp_path / "ok.txt"), *missing, "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    summary = _summary(err)
    assert "1 file cleaned, 6 failed" in summary
    assert summary.count("missing") == 3 and "and 3 more (each named above" in summary
    assert all(f"{m}: " in err for m in missing)  # each still named on its own line
    report = tmp_path / "r.json"
    assert main([str(tmp_path / "ok.txt"), *missing, "-o", str(tmp_path / "out"), "--report", str(report)]) == 1
    assert f"and 3 more (all in {report})" in _summary(capsys.readouterr().err)
    assert len(json.loads(report.read_text())["failures"]) == 6


def test_summary_names_what_a_directory_held_that_was_not_cleaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    (src / ".git").mkdir(parents=True)
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / ".draft.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert main([str(src), "-o", str(tmp_path / "out")]) == 0
    summary = _summary(capsys.readouterr().err)
    assert "1 file cleaned" in summary
    assert "2 hidden (name starts with a dot)" in summary and "1 dangling symlink" in summary
    (src / ".draft.txt").unlink()
    (src / ".git").rmdir()
    (src / "gone.txt").unlink()
    assert main([str(src), "-o", str(tmp_path / "out")]) == 0
    assert "Not cleaned" not in _summary(capsys.readouterr().err)


PLAIN = (
    "Council approves new bridge\n\n"
    "The city council voted 7 to 2 on Tuesday to fund a new bridge over the river.\n"
    "Construction is expected to begin next spring, the mayor said after the meeting.\n\n"
    "Source link\n"
)


def test_plain_text_given_as_html_keeps_its_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = Cleaner().clean_document(PLAIN, kind="html")
    assert result.kind == "text"
    assert result.text == Cleaner().clean(PLAIN, kind="text")
    assert result.text.splitlines()[:4] == PLAIN.splitlines()[:4]
    src = tmp_path / "a.txt"
    src.write_text(PLAIN, encoding="utf-8")
    assert main([str(src), "--kind", "html", "-o", str(tmp_path / "o.txt")]) == 0
    assert (tmp_path / "o.txt").read_text(encoding="utf-8") == result.text
    assert "holds no HTML markup; cleaned as text" in capsys.readouterr().err


def test_a_fragment_with_one_tag_is_still_html() -> None:
    fragment = "<p>The city council voted 7 to 2 on Tuesday to fund a new bridge over the river.</p>\nSecond"
    assert Cleaner().clean_document(fragment, kind="html").kind == "html"
    # A comparison is no tag: "x<y," stays plain text.
    assert Cleaner().clean_document("When x<y, the order holds.\nNext line.\n", kind="html").kind == "text"


HEADERS = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\nServer: nginx\r\n\r\n"
PAGE = (
    "<!doctype html><html><head><title>Council vote</title></head><body><article>"
    "<h1>Council approves new bridge</h1>"
    "<p>The city council voted 7 to 2 on Tuesday to fund a new bridge over the river, "
    "ending a debate that had lasted more than three years.</p>"
    "<p>Construction is expected to begin next spring, the mayor said after the meeting.</p>"
    "</article></body></html>\n"
)


def test_curl_i_headers_are_not_taken_for_text() -> None:
    cleaner = Cleaner()
    plain = cleaner.clean_document(PAGE)
    saved = cleaner.clean_document(HEADERS + PAGE)
    assert saved.kind == "html" and saved.text == plain.text
    head = saved.removals[0]
    assert (head.layer, head.rule, head.category) == ("http", "http.headers", "boilerplate")
    assert (head.line, head.end_line) == (1, 3) and head.text.startswith("HTTP/1.1 200 OK")
    assert [r.line for r in saved.removals[1:]] == [r.line + 4 for r in plain.removals]  # source lines kept


def test_curl_i_redirects_and_http2_before_a_text() -> None:
    head = "HTTP/2 301\nlocation: https://example.org/a\n\nHTTP/2 200\ncontent-type: text/plain\n\n"
    result = Cleaner().clean_document(head + ARTICLE)
    assert result.text == Cleaner().clean(ARTICLE)
    assert (result.removals[0].line, result.removals[0].end_line) == (1, 5)
    assert [r.line for r in result.removals[1:]] == [r.line + 6 for r in Cleaner().clean_document(ARTICLE).removals]


def test_curl_i_content_type_charset_decodes_the_body() -> None:
    body = PAGE.replace("Construction", "\u041f\u0440\u0438\u0432\u0435\u0442 Construction")
    data = HEADERS.encode("ascii") + body.encode("cp1251")
    assert "\u041f\u0440\u0438\u0432\u0435\u0442 Construction" in Cleaner().clean(data)


@pytest.mark.parametrize(
    "text",
    [
        "HTTP/1.1 200 OK is the answer a server gives when all went well.\n\nMore text follows here.\n",
        "HTTP/1.1 200 OK\n\nThe status line alone, with no header under it, is no header block.\n",
        "HTTP/1.1 200 OK\nContent-Type: text/html\nThe block never ends in a blank line here.\n",
    ],
)
def test_text_about_http_is_kept(text: str) -> None:
    result = Cleaner().clean_document(text)
    assert not any(r.rule == "http.headers" for r in result.removals)
    assert result.text.startswith("HTTP/1.1 200 OK")


def test_curl_i_headers_kept_when_the_rule_is_off() -> None:
    result = Cleaner(Config(disable_rules={"http.headers"})).clean_document(HEADERS + PAGE, kind="html")
    assert not any(r.rule == "http.headers" for r in result.removals)


def test_readme_stands_alone() -> None:
    """A user's clone has no ../shared: the README must say what it needs itself."""
    from benchmarks import data

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    assert f"`export {data.ENV_VAR}=DIR`" in readme and "`--data DIR`" in readme
    assert "scrapinghub/article-extraction-benchmark" in readme and "web-content-extraction-benchmark" in readme
    for name in CATEGORIES:
        assert f"\n| `{name}` | " in readme, f"category {name} not explained in the README"
    # The two commands of "Set up and run" are still there, as written.
    assert "python -m pip install -e . && cleaner golden/seed-000/input.txt -o out.txt" in readme
    assert "python -m pip install -e '.[test,scrapy,dask]' && python -m pytest" in readme
