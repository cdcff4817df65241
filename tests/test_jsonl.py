"""JSON Lines mode: fields, pass-through, bad lines, order with several workers, streaming."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner.batch import files
from cleaner.batch.work import ordered_map
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"


def _seed(i: int) -> tuple[str, str]:
    d = GOLDEN / f"seed-00{i}"
    return (d / "input.txt").read_text(encoding="utf-8"), (d / "expected.txt").read_text(encoding="utf-8")


def _write_jsonl(path: Path, records: list[object]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_text_field_is_cleaned_in_place_and_other_fields_kept(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    records = [{"id": i, "text": _seed(i)[0], "url": f"https://example.org/{i}"} for i in range(5)]
    _write_jsonl(src, records)
    assert main(["--jsonl", str(src), "-o", str(out), "-q"]) == 0
    got = _read_jsonl(out)
    assert [r["id"] for r in got] == list(range(5))
    for i, rec in enumerate(got):
        assert rec["text"] == _seed(i)[1]
        assert rec["url"] == f"https://example.org/{i}"
        assert list(rec) == ["id", "text", "url"], "key order kept"
        assert "removals" not in rec


def test_output_field_keeps_the_original(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    raw, expected = _seed(4)
    _write_jsonl(src, [{"body": raw}])
    assert main(["--jsonl", str(src), "-o", str(out), "--text-field", "body", "--output-field", "clean", "-q"]) == 0
    (rec,) = _read_jsonl(out)
    assert rec == {"body": raw, "clean": expected}


def test_html_field_is_used_when_the_text_field_is_absent(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    page = (GOLDEN / "sh-5a822960-en" / "input.html").read_text(encoding="utf-8")
    _write_jsonl(src, [{"id": 1, "page": page}])
    assert main(["--jsonl", str(src), "-o", str(out), "--html-field", "page", "-q"]) == 0
    (rec,) = _read_jsonl(out)
    assert rec["page"] == page
    assert rec["text"] == cleaner.clean(page, kind="html")
    assert "<p" not in rec["text"] and rec["text"].strip()


def test_records_without_the_fields_pass_through_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    odd = ['{"id": 1,   "title": "spacing kept", "n": 1.50}', "[1, 2, 3]", '{"text": null}']
    src.write_text(odd[0] + "\n" + json.dumps({"text": _seed(4)[0]}) + "\n" + odd[1] + "\n" + odd[2] + "\n")
    assert main(["--jsonl", str(src), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == odd[0] and lines[2] == odd[1] and lines[3] == odd[2]
    assert json.loads(lines[1])["text"] == _seed(4)[1]
    assert "4 records: 1 cleaned, 3 passed through" in capsys.readouterr().err


def test_bad_line_is_named_skipped_and_the_rest_processed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    good = [json.dumps({"id": i, "text": _seed(i)[0]}) for i in range(3)]
    src.write_text(good[0] + "\n" + '{"id": "broken", "text": "unterminated\n' + good[1] + "\n\n" + good[2] + "\n")
    assert main(["--jsonl", str(src), "-o", str(out)]) == 1
    assert [r["id"] for r in _read_jsonl(out)] == [0, 1, 2]
    err = capsys.readouterr().err
    assert f"cleaner: {src}:2: not valid JSON" in err and "record skipped" in err
    assert "1 skipped" in err


def test_explain_adds_the_removals_to_each_record(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    raw, _ = _seed(4)
    _write_jsonl(src, [{"text": raw}, {"other": 1}])
    assert main(["--jsonl", str(src), "-o", str(out), "--explain", "-q"]) == 0
    first, second = _read_jsonl(out)
    assert first["removals"] == [r.to_dict() for r in cleaner.clean_document(raw).removals]
    assert second == {"other": 1}


def test_a_record_with_a_warning_is_written_named_counted_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner import html

    monkeypatch.setattr(html, "flatten", lambda page: page)  # the deep page stays unreadable past its nest
    prose = "The council met on Tuesday and voted to close the old bridge, officials said."
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    deep = f"<html><body><p>{prose}</p>{'<div>' * 3000}<p>lost</p></body></html>"
    _write_jsonl(src, [{"text": _seed(0)[0]}, {"html": deep}])
    assert main(["--jsonl", str(src), "-o", str(out), "-j", "1", "--explain"]) == 1
    err = capsys.readouterr().err
    assert f"{src}:2: warning: HTML: the page could not be read past line 1" in err
    assert "2 cleaned" in err and "0 skipped, 1 with warnings; " in err
    records = _read_jsonl(out)
    assert "warnings" not in records[0]
    assert records[1]["text"] == prose + "\n" and len(records[1]["warnings"]) == 1


def test_a_record_the_safety_net_kept_is_named_and_counted_but_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleaner.chain
    from cleaner import html

    # The net made to fire on any page with paragraphs: its text is whole, so the record does not fail the run.
    monkeypatch.setattr(cleaner.chain, "SAFETY_SHARE", 100.0)
    monkeypatch.setattr(html, "SAFETY_TAKE", 100.0)
    prose = "The council met on Tuesday and voted to close the old bridge, officials said."
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(src, [{"html": f"<html><body><article><p>{prose}</p><p>{prose}</p></article></body></html>"}])
    assert main(["--jsonl", str(src), "-o", str(out), "-j", "1", "--explain"]) == 0
    err = capsys.readouterr().err
    assert f"{src}:1: warning: safety net:" in err and "1 with warnings" in err
    (record,) = _read_jsonl(out)
    assert prose in record["text"] and record["warnings"][0].startswith("safety net:")


def test_stdin_to_stdout(tmp_path: Path) -> None:
    raw, expected = _seed(4)
    data = (json.dumps({"text": raw}) + "\n").encode()
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "--jsonl", "-", "-q"],
        input=data,
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"text": expected}
    assert os.listdir(tmp_path) == []


def test_order_kept_and_same_output_with_two_workers(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    seeds = [_seed(i)[0] for i in range(5)]
    _write_jsonl(src, [{"id": i, "text": seeds[i % 5]} if i % 7 else {"id": i} for i in range(600)])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["--jsonl", str(src), "-o", str(one), "-j", "1", "-q"]) == 0
    assert main(["--jsonl", str(src), "-o", str(two), "-j", "2", "-q"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert [r["id"] for r in _read_jsonl(two)] == list(range(600))


def test_several_inputs_go_to_one_output_in_order(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(a, [{"id": "a1", "text": "Hello.\n"}, {"id": "a2", "text": "World.\n"}])
    _write_jsonl(b, [{"id": "b1", "text": "Again.\n"}])
    assert main(["--jsonl", str(a), str(b), "-o", str(out), "-j", "2", "-q"]) == 0
    assert [r["id"] for r in _read_jsonl(out)] == ["a1", "a2", "b1"]


def test_report_counts_per_input(tmp_path: Path) -> None:
    src, out, rep = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "r.json"
    _write_jsonl(src, [{"text": _seed(4)[0]}, {"x": 1}])
    with src.open("a") as fh:
        fh.write("not json\n")
    assert main(["--jsonl", str(src), "-o", str(out), "--report", str(rep), "-q"]) == 1
    (entry,) = json.loads(rep.read_text())["inputs"]
    doc = cleaner.clean_document(_seed(4)[0])
    assert entry["records"] == 3 and entry["cleaned"] == 1 and entry["passed_through"] == 1
    assert entry["bad_lines"] == [3]
    assert entry["counts"] == doc.categories()
    assert entry["removals"] == [{"record_line": 1, **r.to_dict()} for r in doc.removals]


def test_report_with_a_lone_surrogate_is_valid_json(tmp_path: Path) -> None:
    """A record's \\ud800 escape ends up in a removed line: the report escapes it (it was a traceback)."""
    src, out, rep = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "r.json"
    # Under the article, a comment form starts the footer: the next line goes with it.
    src.write_text('{"text": "' + _seed(4)[0].replace("\n", "\\n") + '\\nLeave a Comment\\n\\ud800 Comments\\n"}\n')
    assert main(["--jsonl", str(src), "-o", str(out), "--report", str(rep), "-q"]) == 0
    removals = json.loads(rep.read_text(encoding="utf-8"))["inputs"][0]["removals"]
    assert any({"record_line": 1, "text": "\ud800 Comments"}.items() <= r.items() for r in removals)


def test_directory_where_a_file_is_expected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(src, [{"text": "Hello.\n"}])
    (tmp_path / "adir").mkdir()
    assert main(["--jsonl", str(tmp_path / "adir"), str(src), "-o", str(out), "-q"]) == 1
    assert f"{tmp_path / 'adir'}: is a directory, not a file" in capsys.readouterr().err
    assert _read_jsonl(out) == [{"text": "Hello.\n"}]
    assert main(["--jsonl", str(src), "-o", str(tmp_path / "adir")]) == 2


def test_only_failed_inputs_leave_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"old": true}\n')
    (tmp_path / "adir").mkdir()
    assert main(["--jsonl", str(tmp_path / "adir"), "-o", str(out), "-q"]) == 1
    assert out.read_text() == '{"old": true}\n'


def test_missing_input_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--jsonl", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "sub" / "out.jsonl")]) == 1
    assert "nope.jsonl: no such file or directory" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_a_missing_input_among_several_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(src, [{"text": "Hello.\n"}])
    assert main(["--jsonl", str(tmp_path / "nope.jsonl"), str(src), "-o", str(out), "-q"]) == 1
    assert "nope.jsonl: no such file or directory" in capsys.readouterr().err
    assert _read_jsonl(out) == [{"text": "Hello.\n"}]


def test_same_path_refused(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [{"text": "x\n"}])
    before = src.read_bytes()
    assert main(["--jsonl", str(src), "-o", str(src)]) == 2
    assert src.read_bytes() == before


def test_full_disk_keeps_the_old_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(src, [{"text": _seed(i)[0]} for i in range(3)])
    out.write_text("previous\n")

    def full(fh: object, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("cleaner.batch.jsonl.write_fully", full)
    assert main(["--jsonl", str(src), "-o", str(out), "-q"]) == 1
    assert out.read_text() == "previous\n"
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl", "out.jsonl"]
    monkeypatch.setattr("cleaner.batch.jsonl.write_fully", files.write_fully)


def test_ordered_map_keeps_order_and_bounds_what_is_in_flight() -> None:
    consumed = 0

    def items():
        nonlocal consumed
        for i in range(200):
            consumed += 1
            yield i

    seen = []
    with ThreadPoolExecutor(4) as pool:
        for n, value in enumerate(ordered_map(pool, lambda x: x * x, items(), window=8)):
            assert consumed <= n + 8, "never more than the window read ahead"
            seen.append(value)
    assert seen == [i * i for i in range(200)]


# -- site templates --------------------------------------------------------------


def _courier(i: int) -> str:
    from tests.test_cli import _page

    return _page(i)


def test_records_are_grouped_by_the_host_of_their_url(tmp_path: Path) -> None:
    from tests.test_cli import FURNITURE

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    records = [
        *({"url": f"https://www.Tidewater.example/news/{i}", "text": _courier(i)} for i in range(3)),
        {"url": "http://other.example/a", "text": _courier(3)},  # the same lines, another site
        {"url": "tidewater.example:8080/late", "text": _courier(4)},  # a host without www or scheme
        {"text": _courier(0)},  # no URL: no site, no template
        {"url": 17, "text": _courier(1)},  # not a string: no site
        {"url": "http://other.example/b", "text": _courier(2)},
    ]
    _write_jsonl(src, records)
    assert main(["--jsonl", str(src), "-o", str(out), "-q"]) == 0
    texts = [r["text"] for r in _read_jsonl(out)]
    batch = cleaner.Cleaner().clean_batch(
        [r["text"] for r in records], groups=["tidewater.example"] * 3 + ["other"] + ["tidewater.example"] + [None] * 3
    )
    assert texts == [r.text for r in batch]
    for i, text in enumerate(texts):
        assert all((line in text) == (i in (3, 5, 6, 7)) for line in FURNITURE), i
    # --url-field names another field; a field no record has gives no templates.
    _write_jsonl(src, [{"link": r["url"], "text": r["text"]} for r in records if "url" in r])
    assert main(["--jsonl", str(src), "-o", str(out), "-q", "--url-field", "link"]) == 0
    assert FURNITURE[0] not in _read_jsonl(out)[0]["text"]
    assert main(["--jsonl", str(src), "-o", str(out), "-q"]) == 0
    assert all(FURNITURE[0] in r["text"] for r in _read_jsonl(out))


def test_templates_are_learned_per_window_and_explained(tmp_path: Path) -> None:
    from tests.test_cli import FURNITURE

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(src, [{"url": f"https://tidewater.example/{i}", "text": _courier(i % 5)} for i in range(6)])
    # Windows of 4: the first four records share a template; the last two (a window of two) do not.
    assert main(["--jsonl", str(src), "-o", str(out), "-q", "--template-window", "4", "--explain"]) == 0
    got = _read_jsonl(out)
    assert [FURNITURE[0] in r["text"] for r in got] == [False] * 4 + [True] * 2
    rules = [[(x["rule"], x["text"]) for x in r["removals"] if x["rule"] == "template.site"] for r in got]
    assert rules[0] == [("template.site", line) for line in FURNITURE] and rules[5] == []
    assert main(["--jsonl", str(src), "-o", str(out), "-q"]) == 0
    assert not any(FURNITURE[0] in r["text"] for r in _read_jsonl(out))
    assert main(["--jsonl", str(src), "-o", str(out), "-q", "--no-templates"]) == 0
    assert all(FURNITURE[0] in r["text"] for r in _read_jsonl(out))
    assert main(["--jsonl", str(src), "-o", str(out), "--template-window", "2"]) == 2


def test_templates_with_two_workers_give_the_same_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    seeds = [_seed(i)[0] for i in range(5)]
    records: list[dict[str, object]] = []
    for i in range(400):
        if i % 3:
            records.append({"id": i, "url": f"https://site{i % 4}.example/{i}", "text": _courier(i % 5)})
        elif i % 7:
            records.append({"id": i, "url": f"https://site{i % 4}.example/{i}", "text": seeds[i % 5]})
        else:
            records.append({"id": i})
    _write_jsonl(src, records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["--jsonl", str(src), "-o", str(one), "-j", "1", "-q", "--template-window", "100"]) == 0
    assert main(["--jsonl", str(src), "-o", str(two), "-j", "2", "-q", "--template-window", "100"]) == 0
    assert one.read_bytes() == two.read_bytes()
    got = _read_jsonl(two)
    assert [r["id"] for r in got] == list(range(400))
    assert "Tidewater Courier" not in got[1]["text"]
