"""The cleaner command: options, exit codes, and what it writes (or refuses to write)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner import cli
from cleaner.batch import files, work
from cleaner.cli import explain_lines, main, shorten

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
SEED4 = GOLDEN / "seed-004"


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command as a user runs it, in a fresh process, this worktree's package first."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120
    )


def _seeds(dest: Path, n: int = 4) -> list[Path]:
    """Copies of seed inputs under ``dest`` (different texts, so mix-ups show)."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = dest / f"s{i}.txt"
        p.write_bytes((GOLDEN / f"seed-00{i}" / "input.txt").read_bytes())
        out.append(p)
    return out


def _expected(i: int) -> str:
    return (GOLDEN / f"seed-00{i}" / "expected.txt").read_text(encoding="utf-8")


# -- end to end, in a fresh process --------------------------------------------


def test_golden_seed_through_the_command(tmp_path: Path) -> None:
    proc = run(str(SEED4 / "input.txt"), "-o", "out.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.txt").read_bytes() == (SEED4 / "expected.txt").read_bytes()
    assert proc.stdout == b"" and proc.stderr == b""


def test_stdin_to_stdout(tmp_path: Path) -> None:
    proc = run("-", cwd=tmp_path, stdin=(SEED4 / "input.txt").read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (SEED4 / "expected.txt").read_bytes()
    assert os.listdir(tmp_path) == []


def test_a_missing_single_input_exits_1_and_creates_nothing(tmp_path: Path) -> None:
    proc = run("nope.txt", "-o", "out/clean.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == ["cleaner: nope.txt: no such file or directory"]
    assert os.listdir(tmp_path) == []
    proc = run("nope.txt", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == b""


def test_a_missing_input_among_several_is_named_and_the_others_done(tmp_path: Path) -> None:
    _seeds(tmp_path / "in", 2)
    proc = run("in/s0.txt", "nope.txt", "in/s1.txt", "-o", "outdir", "--report", "r.json", cwd=tmp_path)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "cleaner: nope.txt: no such file or directory" in err.splitlines()
    assert "2 files cleaned, 1 failed" in err and "Traceback" not in err
    assert sorted(os.listdir(tmp_path / "outdir")) == ["s0.txt", "s1.txt"]
    for i in range(2):
        assert (tmp_path / "outdir" / f"s{i}.txt").read_text(encoding="utf-8") == _expected(i)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["failures"] == [
        {"input": "nope.txt", "output": os.path.join("outdir", "nope.txt"), "error": "no such file or directory"}
    ]
    # Every input missing: each named, exit 1, not even the output directory is made.
    proc = run("gone1.txt", "gone2.txt", "-o", "none", cwd=tmp_path)
    assert proc.returncode == 1
    assert "gone1.txt: no such" in proc.stderr.decode() and "gone2.txt: no such" in proc.stderr.decode()
    assert not (tmp_path / "none").exists()


def test_binary_input_is_one_line_exit_1(tmp_path: Path) -> None:
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    proc = run("img.png", "-o", "out.txt", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stderr.decode().splitlines()
    assert lines == ["cleaner: img.png: binary data, not text or HTML"]
    assert not (tmp_path / "out.txt").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    src = _seeds(tmp_path, 1)[0]
    proc = run(str(src), "--disable", "adverts", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"adverts" in proc.stderr and b"navigation" in proc.stderr, "the known categories are listed"
    assert run("--bogus", str(src), cwd=tmp_path).returncode == 2
    assert run(str(src), "-o", str(src), cwd=tmp_path).returncode == 2
    assert src.read_bytes() == (GOLDEN / "seed-000" / "input.txt").read_bytes()


def test_version_and_help(tmp_path: Path) -> None:
    proc = run("--version", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.decode().strip() == f"cleaner {cleaner.__version__}"
    proc = run("--help", cwd=tmp_path)
    assert proc.returncode == 0
    assert b"examples:" in proc.stdout and b"--jsonl" in proc.stdout and b"exit codes" in proc.stdout


def test_batch_with_a_bad_file_finishes_the_others_and_exits_1(tmp_path: Path) -> None:
    _seeds(tmp_path / "in", 3)
    (tmp_path / "in" / "bad.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    proc = run("in", "-o", "out", "--jobs", "2", cwd=tmp_path)
    assert proc.returncode == 1
    for i in range(3):
        assert (tmp_path / "out" / f"s{i}.txt").read_text(encoding="utf-8") == _expected(i)
    assert not (tmp_path / "out" / "bad.pdf").exists()
    err = proc.stderr.decode()
    assert "bad.pdf: binary data" in err
    assert "3 files cleaned, 1 failed" in err


# -- in process ---------------------------------------------------------------


def test_one_file_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED4 / "input.txt")]) == 0
    out, err = capsys.readouterr()
    assert out == (SEED4 / "expected.txt").read_text(encoding="utf-8")
    assert err == ""


def test_one_file_into_an_existing_directory(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert main([str(SEED4 / "input.txt"), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert (tmp_path / "out" / "input.txt").read_bytes() == (SEED4 / "expected.txt").read_bytes()


def test_explain_goes_to_stderr_when_the_text_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED4 / "input.txt"), "--explain"]) == 0
    out, err = capsys.readouterr()
    assert out == (SEED4 / "expected.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in err.splitlines()]
    assert len(rows) == 5
    assert all(len(r) == 6 for r in rows)
    assert rows[2][:5] == [str(SEED4 / "input.txt"), "41", "source-tail", "source-tail.source-link", "tail"]
    assert rows[2][5] == "Source link"
    assert rows[0][5].endswith("…") and len(rows[0][5]) == 100


def test_explain_goes_to_stdout_when_the_text_goes_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(SEED4 / "input.txt"), "-o", str(tmp_path / "o.txt"), "--explain"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert [line.split("\t")[2] for line in out.splitlines()] == [
        "caption",
        "caption",
        "source-tail",
        "comments",
        "comments",
    ]


def test_explain_line_format_for_spans_and_cuts() -> None:
    rows = list(
        explain_lines(
            "in.txt",
            [
                {"layer": "a", "rule": "r", "category": "promo", "text": "x", "line": 3, "end_line": 5},
                {
                    "layer": "a",
                    "rule": "r",
                    "category": "script",
                    "text": "y\tz",
                    "line": 7,
                    "end_line": 7,
                    "start": 4,
                    "end": 9,
                },
                {"layer": "html", "rule": "r", "category": "script", "text": "w", "line": None, "end_line": None},
            ],
        )
    )
    assert rows == [
        "in.txt\t3-5\tpromo\tr\ta\tx",
        "in.txt\t7:4-9\tscript\tr\ta\ty z",
        "in.txt\t-\tscript\tr\thtml\tw",
    ]
    assert shorten("a" * 150) == "a" * 99 + "…"
    assert shorten("short\nline") == "short line"


def test_report_lists_every_input_in_order_with_removals(tmp_path: Path) -> None:
    srcs = _seeds(tmp_path / "in", 4)
    (tmp_path / "in" / "z-bad.bin").write_bytes(b"\x7fELF" + bytes(300))
    inputs = [*reversed(srcs), tmp_path / "in" / "z-bad.bin"]
    code = main([*map(str, inputs), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "r.json"), "-q", "-j", "2"])
    assert code == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [e["input"] for e in report["inputs"]] == [str(p) for p in inputs]
    first = report["inputs"][0]
    assert first["output"] == str(tmp_path / "out" / "s3.txt") and first["kind"] == "text" and first["ok"]
    doc = cleaner.clean_document((GOLDEN / "seed-003" / "input.txt").read_bytes())
    assert first["removals"] == [r.to_dict() for r in doc.removals]
    assert first["counts"] == doc.categories()
    assert report["failures"] == [
        {
            "input": str(inputs[-1]),
            "output": str(tmp_path / "out" / "z-bad.bin"),
            "error": "binary data, not text or HTML",
        }
    ]
    assert [n for n in os.listdir(tmp_path) if n.startswith(".")] == [], "no temp file left by the report"


def test_removal_logs_stream_through_files_and_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--explain and --report read each input's removals from a temporary log file, more
    than one write's worth of them, and the logs go when the command ends."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    src = tmp_path / "in.txt"
    src.write_text("Share this:\n" * 2500 + "The council voted on Tuesday to keep the library open, officials said.\n")
    rep = tmp_path / "r.json"
    assert main([str(src), "-o", str(tmp_path / "out.txt"), "--explain", "--report", str(rep), "-q", "-j", "1"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2500 and rows[0] == f"{src}\t1\tpromo\tpromo.share\tpromo\tShare this:"
    (entry,) = json.loads(rep.read_text(encoding="utf-8"))["inputs"]
    assert entry["counts"] == {"promo": 2500} and len(entry["removals"]) == 2500
    assert entry["removals"][-1] == cleaner.clean_document(src.read_bytes()).removals[-1].to_dict()
    assert list(temp.iterdir()) == []


def test_a_reader_closing_the_pipe_ends_the_command_without_a_traceback(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Share this:\n" * 20_000 + "The council voted on Tuesday to keep the library open.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", str(src), "-o", str(tmp_path / "out.txt"), "--explain", "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(str(src).encode())
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "broken pipe" in err


def test_a_removal_log_that_cannot_be_written_fails_the_input_and_writes_no_output(tmp_path: Path) -> None:
    jobs = [files.Job(str(p), str(tmp_path / "out" / p.name), p.name) for p in _seeds(tmp_path / "in", 2)]
    settings = work.Settings(templates=False, spool=str(tmp_path / "missing"))
    for outcome in work.run_files(jobs, settings, 1):
        assert not outcome.ok and "cannot write the removal log" in (outcome.error or "")
    assert not (tmp_path / "out").exists()  # no output without its log
    settings = work.Settings(templates=False, spool=str(tmp_path))
    assert all(o.ok and o.spool for o in work.run_files(jobs, settings, 1))


def test_report_may_not_overwrite_an_input(tmp_path: Path) -> None:
    src = _seeds(tmp_path, 1)[0]
    before = src.read_bytes()
    assert main([str(src), "-o", str(tmp_path / "o.txt"), "--report", str(src)]) == 2
    assert src.read_bytes() == before
    assert not (tmp_path / "o.txt").exists()


def test_disable_category_keeps_those_lines(tmp_path: Path) -> None:
    out = tmp_path / "o.txt"
    assert main([str(SEED4 / "input.txt"), "-o", str(out), "--disable", "caption"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Mikhail Metzel | Sputnik | Reuters" in text
    assert "Source link" not in text


def _library(**config: object) -> str:
    """What the library gives for seed-004 with this config: the command must agree."""
    return cleaner.clean((SEED4 / "input.txt").read_bytes(), config=cleaner.Config(**config))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("flags", "config"),
    [
        (["--disable-rule", "caption.pipe-credit"], {"disable_rules": {"caption.pipe-credit"}}),
        (["--disable-layer", "caption"], {"disable_layers": {"caption"}}),
        (["--disable", "caption", "--disable", "comments"], {"disable_categories": {"caption", "comments"}}),
    ],
)
def test_disable_options_reach_the_chain(tmp_path: Path, flags: list[str], config: dict[str, object]) -> None:
    out = tmp_path / "o.txt"
    assert main([str(SEED4 / "input.txt"), "-o", str(out), *flags]) == 0
    expected = _library(**config)
    assert expected != (SEED4 / "expected.txt").read_text(encoding="utf-8"), "the flag must change something"
    assert out.read_text(encoding="utf-8") == expected


def test_unknown_layer_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED4 / "input.txt"), "--disable-layer", "ads"]) == 2
    err = capsys.readouterr().err
    assert "unknown layer 'ads'" in err and "duplicate" in err


def test_config_file_and_command_line_disables_add_up(tmp_path: Path) -> None:
    conf = tmp_path / "c.toml"
    conf.write_text('disable_categories = ["caption"]\n', encoding="utf-8")
    out = tmp_path / "o.txt"
    assert main([str(SEED4 / "input.txt"), "-o", str(out), "--config", str(conf)]) == 0
    from_file = _library(disable_categories={"caption"})
    assert out.read_text(encoding="utf-8") == from_file
    assert "Mikhail Metzel" in from_file
    flags = ["--disable", "source-tail", "--disable-layer", "context"]
    assert main([str(SEED4 / "input.txt"), "-o", str(out), "--config", str(conf), *flags]) == 0
    both = _library(disable_categories={"caption", "source-tail"}, disable_layers={"context"})
    assert both != from_file and "Source link" in both
    assert out.read_text(encoding="utf-8") == both


def test_bad_config_is_a_usage_error_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = tmp_path / "c.toml"
    conf.write_text("disable_categories = [caption\n", encoding="utf-8")
    assert main([str(SEED4 / "input.txt"), "-o", str(tmp_path / "o.txt"), "--config", str(conf)]) == 2
    assert "not valid TOML" in capsys.readouterr().err
    assert not (tmp_path / "o.txt").exists()
    assert main([str(SEED4 / "input.txt"), "--config", str(tmp_path / "missing.toml")]) == 2


def test_kind_text_keeps_markup_that_html_mode_extracts(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    body = "".join(f"<p>Paragraph {i} of the article tells the reader what happened on day {i}.</p>" for i in range(8))
    page.write_text(f"<html><head><title>T</title></head><body><article>{body}</article></body></html>\n")
    as_text, as_html = tmp_path / "t.txt", tmp_path / "h.txt"
    assert main([str(page), "-o", str(as_text), "--kind", "text"]) == 0
    assert main([str(page), "-o", str(as_html), "--kind", "html"]) == 0
    assert "<p>" in as_text.read_text(encoding="utf-8")
    html_out = as_html.read_text(encoding="utf-8")
    assert "<p>" not in html_out and "Paragraph 7 of the article" in html_out
    assert main([str(page), "--kind", "pdf"]) == 2


def test_encoding_override(tmp_path: Path) -> None:
    src = tmp_path / "ru.txt"
    text = "Путин выступил во вторник.\n\nОн сказал, что переговоры продолжатся.\n"
    src.write_bytes(text.encode("koi8-r"))
    out = tmp_path / "o.txt"
    assert main([str(src), "-o", str(out), "--encoding", "koi8-r"]) == 0
    assert out.read_text(encoding="utf-8") == text
    assert main([str(src), "--encoding", "no-such-codec"]) == 2


def test_encoding_that_does_not_fit_fails_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "l1.txt"
    src.write_bytes("café\n".encode("latin-1"))
    assert main([str(src), "-o", str(tmp_path / "o.txt"), "--encoding", "utf-8"]) == 1
    assert "cannot decode as utf-8" in capsys.readouterr().err
    assert not (tmp_path / "o.txt").exists()


def test_directory_in_directory_out_with_nested_names(tmp_path: Path) -> None:
    _seeds(tmp_path / "in", 2)
    _seeds(tmp_path / "in" / "nested" / "deeper", 2)
    (tmp_path / "in" / ".cache").mkdir()
    (tmp_path / "in" / ".cache" / "x.txt").write_text("hidden\n")
    (tmp_path / "in" / ".hidden.txt").write_text("hidden\n")
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    found = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert found == ["nested/deeper/s0.txt", "nested/deeper/s1.txt", "s0.txt", "s1.txt"]
    assert (tmp_path / "out" / "nested" / "deeper" / "s1.txt").read_text(encoding="utf-8") == _expected(1)


def test_output_file_where_a_directory_is_needed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _seeds(tmp_path / "in", 2)
    (tmp_path / "out").write_text("keep me\n")
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    assert "existing file" in capsys.readouterr().err
    assert (tmp_path / "out").read_text() == "keep me\n"


def test_same_path_refusal_leaves_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _seeds(tmp_path, 1)[0]
    before = src.read_bytes()
    (tmp_path / "alias.txt").symlink_to(src)
    assert main([str(src), "-o", str(tmp_path / "alias.txt")]) == 2
    assert "refusing to overwrite the input" in capsys.readouterr().err
    assert main([str(tmp_path), "-o", str(tmp_path)]) == 2
    assert src.read_bytes() == before


def test_full_disk_keeps_the_old_output_and_finishes_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _seeds(tmp_path / "in", 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "s1.txt").write_text("previous output\n")
    real = files.write_fully

    def full_for_s1(fh: object, data: bytes) -> None:
        if os.path.basename(fh.name).startswith(".s1.txt."):  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fh, data)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "write_fully", full_for_s1)
    assert main([str(tmp_path / "in"), "-o", str(out), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'in' / 's1.txt'}: cannot write {out / 's1.txt'}: no space left on device" in err
    assert (out / "s1.txt").read_text() == "previous output\n"
    assert (out / "s0.txt").read_text(encoding="utf-8") == _expected(0)
    assert (out / "s2.txt").read_text(encoding="utf-8") == _expected(2)
    assert sorted(os.listdir(out)) == ["s0.txt", "s1.txt", "s2.txt"], "the temp file is removed"


def test_unreadable_file_is_named_and_the_rest_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    srcs = _seeds(tmp_path / "in", 2)
    real = files.read_source

    def deny(source: str) -> bytes:
        if source == str(srcs[0]):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), source)
        return real(source)

    monkeypatch.setattr(work, "read_source", deny)
    assert main([*map(str, srcs), "-o", str(tmp_path / "out"), "-j", "1"]) == 1
    assert f"cleaner: {srcs[0]}: permission denied" in capsys.readouterr().err
    assert os.listdir(tmp_path / "out") == ["s1.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_for_real(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _seeds(tmp_path, 1)[0]
    src.chmod(0)
    assert main([str(src), "-o", str(tmp_path / "o.txt")]) == 1
    assert "permission denied" in capsys.readouterr().err
    assert not (tmp_path / "o.txt").exists()


def test_output_under_a_file_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "afile").write_text("x")
    assert main([str(SEED4 / "input.txt"), "-o", str(tmp_path / "afile" / "o.txt")]) == 1
    err = capsys.readouterr().err
    assert "not a directory" in err and "Traceback" not in err
    assert (tmp_path / "afile").read_text() == "x"


def test_jobs_2_gives_the_same_outputs_as_jobs_1(tmp_path: Path) -> None:
    _seeds(tmp_path / "in", 4)
    _seeds(tmp_path / "in" / "more", 4)
    for jobs in ("1", "2"):
        assert main([str(tmp_path / "in"), "-o", str(tmp_path / f"out{jobs}"), "-j", jobs, "-q"]) == 0
    one = {p.relative_to(tmp_path / "out1"): p.read_bytes() for p in (tmp_path / "out1").rglob("*.txt")}
    two = {p.relative_to(tmp_path / "out2"): p.read_bytes() for p in (tmp_path / "out2").rglob("*.txt")}
    assert len(one) == 8 and one == two


def test_jobs_must_be_positive() -> None:
    assert main([str(SEED4 / "input.txt"), "--jobs", "0"]) == 2


def test_summary_and_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _seeds(tmp_path / "in", 2)
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("cleaner: 2 files cleaned, 0 failed; ")
    assert " kB in, " in err and "removals (" in err and "caption 2" in err
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_an_input_with_a_warning_is_written_said_counted_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Part of a page that cannot be read (here: nested past the parser's limit, with the
    flattening made to do nothing) is a warning: never an empty success."""
    from cleaner import html

    monkeypatch.setattr(html, "flatten", lambda page: page)
    prose = "The council met on Tuesday and voted to close the old bridge, officials said."
    src = tmp_path / "in"
    src.mkdir()
    (src / "deep.html").write_text(f"<html><body><p>{prose}</p>{'<div>' * 3000}<p>lost</p></body></html>")
    _seeds(src, 1)
    report = tmp_path / "r.json"
    code = main([str(src), "-o", str(tmp_path / "out"), "-j", "1", "--explain", "--report", str(report)])
    assert code == 1
    out, err = capsys.readouterr()
    assert (tmp_path / "out" / "deep.html").read_text() == prose + "\n"  # what could be read is written
    assert f"cleaner: {src / 'deep.html'}: warning: HTML: the page could not be read past line 1" in err
    assert "cleaner: 2 files cleaned, 0 failed, 1 with warnings; " in err
    warned = [row.split("\t") for row in out.splitlines() if row.split("\t")[2] == "warning"]
    assert [row[0] for row in warned] == [str(src / "deep.html")]
    entries = {Path(e["input"]).name: e for e in json.loads(report.read_text())["inputs"]}
    assert len(entries["deep.html"]["warnings"]) == 1 and entries["s0.txt"]["warnings"] == []


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli._progress(3, "files", quiet=False) is None  # stderr is captured, not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    bar = cli._progress(3, "files", quiet=False)
    assert bar is not None and bar.total == 3
    bar.close()
    assert cli._progress(3, "files", quiet=True) is None


def test_default_jobs_is_the_usable_cores() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert work.default_jobs() == expected


def test_python_m_cleaner_is_the_same_command(tmp_path: Path) -> None:
    proc = run(str(SEED4 / "input.txt"), "--explain", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == (SEED4 / "expected.txt").read_bytes()
    assert len(proc.stderr.decode().splitlines()) == 5


# -- site templates --------------------------------------------------------------

# An invented local paper: five stories sharing a masthead and a footer, and a
# notice that only two of them carry (too few pages to be the site's template).
STORIES = [
    "The river council voted on Tuesday to rebuild the old stone bridge before the spring floods arrive in the "
    "valley.\nEngineers said the work would take eleven weeks and would close the eastern road to heavy lorries "
    "for most of that time.",
    "A small bakery on Mill Street has won the regional bread prize for the third year running, beating forty "
    "other entrants.\nThe owner said her grandmother's sourdough starter, kept alive since the nineteen fifties, "
    "was the secret behind the loaf.",
    "Volunteers counted more than two hundred nesting terns on the northern sandbank this summer, the highest "
    "number in a decade.\nThe wardens credit the new fencing, which keeps dogs and walkers away from the birds "
    "during the breeding months.",
    "The village school will open a new library wing in September after a fundraising drive that lasted almost "
    "four years.\nParents, former pupils and local firms gave money, and a retired carpenter built most of the "
    "shelves by hand.",
    "Fishermen in the harbour say the mackerel season started late this year because the sea stayed cold well "
    "into June.\nCatches have now recovered, and the market hall reports prices close to last year's average for "
    "the first time.",
]
FURNITURE = [
    "Tidewater Courier",
    "Harbour news and views since 1921",
    "Letters to the editor: Quay House, Tidewater",
    "Tidewater Courier is printed in Saltmarsh",
]
ON_TWO = "Ferry timetable changes from Monday"


def _page(i: int) -> str:
    notice = [ON_TWO, ""] if i < 2 else []
    return "\n".join([*FURNITURE[:2], "", STORIES[i], "", *notice, *FURNITURE[2:]]) + "\n"


def _site(dest: Path, which: range = range(5)) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in which:
        p = dest / f"story{i}.txt"
        p.write_text(_page(i), encoding="utf-8")
        paths.append(p)
    return paths


def test_site_template_is_learned_per_folder_and_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = _site(tmp_path / "courier")
    for i in range(5):
        alone = cleaner.clean(_page(i))
        assert all(line in alone for line in FURNITURE), "no single-page rule takes the furniture"
    report = tmp_path / "r.json"
    code = main([str(tmp_path / "courier"), "-o", str(tmp_path / "out"), "--report", str(report), "--explain", "-q"])
    assert code == 0
    batch = cleaner.Cleaner().clean_batch([p.read_text(encoding="utf-8") for p in pages])
    for i, entry in enumerate(json.loads(report.read_text(encoding="utf-8"))["inputs"]):
        out = (tmp_path / "out" / f"story{i}.txt").read_text(encoding="utf-8")
        assert out == batch[i].text
        assert not any(line in out for line in FURNITURE)
        assert STORIES[i] in out
        assert (ON_TWO in out) == (i < 2), "a line on two pages of five is kept"
        taken = [(r["rule"], r["category"], r["text"]) for r in entry["removals"] if r["rule"] == "template.site"]
        assert taken == [("template.site", "boilerplate", line) for line in FURNITURE]
    explained = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert sum(1 for f in explained if f[3] == "template.site" and f[2] == "boilerplate") == 5 * len(FURNITURE)


def test_two_folders_do_not_share_a_template(tmp_path: Path) -> None:
    # Four pages would make a template; two per folder do not.
    _site(tmp_path / "in" / "a", range(2))
    _site(tmp_path / "in" / "b", range(2, 4))
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    outs = sorted((tmp_path / "out").rglob("*.txt"))
    assert len(outs) == 4
    for p in outs:
        assert all(line in p.read_text(encoding="utf-8") for line in FURNITURE), p
    # The same four pages in one folder do share one.
    _site(tmp_path / "one", range(4))
    assert main([str(tmp_path / "one"), "-o", str(tmp_path / "out1"), "-q"]) == 0
    for p in (tmp_path / "out1").glob("*.txt"):
        assert FURNITURE[0] not in p.read_text(encoding="utf-8")


def test_no_templates_turns_them_off(tmp_path: Path) -> None:
    _site(tmp_path / "courier")
    assert main([str(tmp_path / "courier"), "-o", str(tmp_path / "out"), "-q", "--no-templates"]) == 0
    for i in range(5):
        assert (tmp_path / "out" / f"story{i}.txt").read_text(encoding="utf-8") == cleaner.clean(_page(i))
    # Disabling the rule or the layer also skips the learning pass: same outputs.
    for flags in (["--disable-rule", "template.site"], ["--disable-layer", "template"]):
        out = tmp_path / f"out-{flags[0]}"
        assert main([str(tmp_path / "courier"), "-o", str(out), "-q", *flags]) == 0
        assert (out / "story0.txt").read_text(encoding="utf-8") == cleaner.clean(_page(0))


def test_a_file_given_alone_or_a_group_of_two_gets_no_template(tmp_path: Path) -> None:
    pages = _site(tmp_path / "courier")
    assert main([str(pages[0]), "-o", str(tmp_path / "single.txt")]) == 0
    assert (tmp_path / "single.txt").read_text(encoding="utf-8") == cleaner.clean(_page(0))
    # Files named one by one are still grouped by their folder.
    assert main([*map(str, pages[:3]), "-o", str(tmp_path / "three"), "-q"]) == 0
    assert FURNITURE[0] not in (tmp_path / "three" / "story0.txt").read_text(encoding="utf-8")
    assert main([*map(str, pages[:2]), "-o", str(tmp_path / "two"), "-q"]) == 0
    assert FURNITURE[0] in (tmp_path / "two" / "story0.txt").read_text(encoding="utf-8")


def test_templates_with_jobs_2_give_the_same_outputs_as_jobs_1(tmp_path: Path) -> None:
    _site(tmp_path / "in" / "courier")
    _site(tmp_path / "in" / "pair", range(2))
    _seeds(tmp_path / "in" / "seeds", 4)
    (tmp_path / "in" / "courier" / "bad.bin").write_bytes(b"\x7fELF" + bytes(300))
    for jobs in ("1", "2"):
        assert main([str(tmp_path / "in"), "-o", str(tmp_path / f"out{jobs}"), "-j", jobs, "-q"]) == 1
    one = {p.relative_to(tmp_path / "out1"): p.read_bytes() for p in (tmp_path / "out1").rglob("*.txt")}
    two = {p.relative_to(tmp_path / "out2"): p.read_bytes() for p in (tmp_path / "out2").rglob("*.txt")}
    assert len(one) == 11 and one == two
    assert FURNITURE[0].encode() not in one[Path("courier/story0.txt")], "the bad file does not stop the learning"
    assert FURNITURE[0].encode() in one[Path("pair/story0.txt")]


def test_a_safety_net_warning_is_said_but_does_not_fail_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The net made to fire on any page with paragraphs: the output is whole, so exit 0, with the warning
    # on stderr, in --explain and in the summary (a part of the page that could not be read exits 1).
    import cleaner.chain
    import cleaner.html

    monkeypatch.setattr(cleaner.chain, "SAFETY_SHARE", 100.0)
    monkeypatch.setattr(cleaner.html, "SAFETY_TAKE", 100.0)
    prose = "The council approved the new budget on Tuesday after a long debate about road repairs and schools."
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><h1>Budget</h1><p>{prose}</p><p>{prose}</p></article></body></html>")
    assert main([str(page), "-o", str(tmp_path / "out.txt"), "--explain", "-j", "1"]) == 0
    out, err = capsys.readouterr()
    assert "page.html: warning: safety net:" in err
    assert "\twarning\t-\t-\tsafety net:" in out  # the --explain line (stdout: the text went to a file)
    assert "council approved" in (tmp_path / "out.txt").read_text()
