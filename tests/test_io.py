"""File handling: planning inputs to outputs, refusing unsafe command lines, atomic writes."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from cleaner.batch import files
from cleaner.batch.files import STDIO, UsageError, atomic_write, check_stdin_alone, describe, plan, walk


def _tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("a\n")
    (root / "sub" / "b.txt").write_text("b\n")
    (root / "sub" / "deeper" / "c.html").write_text("<p>c</p>\n")
    (root / ".secret.txt").write_text("hidden\n")
    (root / ".hidden" / "d.txt").write_text("hidden\n")


# -- walk ----------------------------------------------------------------------


def test_walk_yields_regular_files_with_relative_names_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link-to-dir").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    rels = [rel for _, rel in walk(str(tmp_path))]
    assert rels == ["a.txt", os.path.join("sub", "b.txt"), os.path.join("sub", "deeper", "c.html")]


def test_walk_lists_a_folders_files_before_its_subfolders_and_follows_links_to_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for rel in ("b/z.txt", "b/a/y.txt", "a/x.txt", "m.txt", "c.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    (tmp_path / "l.txt").symlink_to(tmp_path / "b" / "z.txt")
    got = list(walk(str(tmp_path)))
    rels = ["c.txt", "l.txt", "m.txt", "a/x.txt", "b/z.txt", "b/a/y.txt"]
    assert [rel for _, rel in got] == [os.path.join(*r.split("/")) for r in rels]
    assert [path for path, _ in got] == [os.path.join(str(tmp_path), rel) for _, rel in got]
    # A relative root with a trailing slash gives the same names, and paths under the root as written.
    monkeypatch.chdir(tmp_path)
    assert list(walk("b/")) == [("b/z.txt", "z.txt"), ("b/a/y.txt", os.path.join("a", "y.txt"))]


def test_walk_skips_an_output_directory_inside_the_input(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "a.txt").write_text("old output\n")
    rels = [rel for _, rel in walk(str(tmp_path), skip=str(tmp_path / "clean"))]
    assert os.path.join("clean", "a.txt") not in rels
    assert "a.txt" in rels


# -- plan ----------------------------------------------------------------------


def test_plan_single_file_goes_to_stdout_or_the_named_file(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("x\n")
    assert [j.dest for j in plan([str(src)], None)] == [STDIO]
    assert [j.dest for j in plan([str(src)], "-")] == [STDIO]
    assert [j.dest for j in plan([str(src)], str(tmp_path / "out.txt"))] == [str(tmp_path / "out.txt")]


def test_plan_single_file_into_an_existing_directory_keeps_its_name(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("x\n")
    (tmp_path / "out").mkdir()
    assert [j.dest for j in plan([str(src)], str(tmp_path / "out"))] == [str(tmp_path / "out" / "a.txt")]


def test_plan_directory_keeps_relative_names_under_the_output(tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    jobs = plan([str(tmp_path / "in")], str(tmp_path / "out"))
    assert sorted(os.path.relpath(j.dest, tmp_path / "out") for j in jobs) == sorted(
        ["a.txt", os.path.join("sub", "b.txt"), os.path.join("sub", "deeper", "c.html")]
    )
    assert not (tmp_path / "out").exists(), "planning must not create anything"


def test_plan_several_inputs_need_an_output_directory(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("a\n")
    b.write_text("b\n")
    with pytest.raises(UsageError, match="need -o DIR"):
        plan([str(a), str(b)], None)
    with pytest.raises(UsageError, match="need -o DIR"):
        plan([str(tmp_path)], "-")
    existing = tmp_path / "c.txt"
    existing.write_text("not a directory\n")
    with pytest.raises(UsageError, match="existing file"):
        plan([str(a), str(b)], str(existing))


def test_plan_keeps_missing_inputs_as_jobs_that_fail_in_their_turn(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("x\n")
    jobs = plan([str(tmp_path / "ok.txt"), str(tmp_path / "nope1"), str(tmp_path / "nope2")], str(tmp_path / "o"))
    assert [j.dest for j in jobs] == [str(tmp_path / "o" / n) for n in ("ok.txt", "nope1", "nope2")]
    assert [j.name for j in jobs][1:] == [str(tmp_path / "nope1"), str(tmp_path / "nope2")]
    assert not (tmp_path / "o").exists(), "planning creates nothing"
    jobs = plan([str(tmp_path / "nope1")], str(tmp_path / "single.txt"))
    assert [(j.source, j.dest) for j in jobs] == [(str(tmp_path / "nope1"), str(tmp_path / "single.txt"))]


def test_stdin_must_be_the_only_input(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("x\n")
    with pytest.raises(UsageError, match="only input"):
        check_stdin_alone([STDIO, str(tmp_path / "ok.txt")])
    with pytest.raises(UsageError, match="only input"):
        plan([str(tmp_path / "ok.txt"), STDIO], str(tmp_path / "o"))
    check_stdin_alone([STDIO])


@pytest.mark.parametrize("how", ["same", "relative", "symlink", "hardlink"])
def test_plan_refuses_an_output_that_is_the_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text("x\n")
    monkeypatch.chdir(tmp_path)
    if how == "same":
        out = str(src)
    elif how == "relative":
        out = "./sub/../a.txt"
        (tmp_path / "sub").mkdir()
    elif how == "symlink":
        (tmp_path / "link.txt").symlink_to(src)
        out = str(tmp_path / "link.txt")
    else:
        os.link(src, tmp_path / "hard.txt")
        out = str(tmp_path / "hard.txt")
    with pytest.raises(UsageError, match="refusing to overwrite the input"):
        plan([str(src)], out)


def test_plan_refuses_a_directory_cleaned_into_itself(tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    with pytest.raises(UsageError, match="refusing to overwrite"):
        plan([str(tmp_path / "in")], str(tmp_path / "in"))


def test_plan_refuses_one_output_overwriting_another_input(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("top\n")
    (tmp_path / "sub" / "a.txt").write_text("nested\n")
    with pytest.raises(UsageError, match="refusing to overwrite the input"):
        plan([str(tmp_path / "a.txt"), str(tmp_path / "sub" / "a.txt")], str(tmp_path / "sub"))


def test_plan_refuses_two_inputs_with_one_output_name(tmp_path: Path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(d)
    with pytest.raises(UsageError, match="written twice"):
        plan([str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.txt")], str(tmp_path / "out"))


def test_plan_stdin_into_a_directory_has_no_name(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="give a file name"):
        plan([STDIO], str(tmp_path))


# -- atomic writes -------------------------------------------------------------


def test_atomic_write_creates_parents_and_leaves_no_temp_files(tmp_path: Path) -> None:
    dest = tmp_path / "new" / "dir" / "out.txt"
    atomic_write(dest, b"hello\n")
    assert dest.read_bytes() == b"hello\n"
    assert os.listdir(dest.parent) == ["out.txt"]


def test_atomic_write_gives_new_files_the_usual_mode_and_keeps_an_existing_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.txt", b"x")
        assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o640)
        atomic_write(kept, b"new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
        assert kept.read_bytes() == b"new"
    finally:
        os.umask(old)


def test_atomic_write_on_a_full_disk_keeps_the_old_file_and_removes_the_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "out.txt"
    dest.write_bytes(b"previous output\n")

    def full(fh: object, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "write_fully", full)
    with pytest.raises(OSError) as err:
        atomic_write(dest, b"new output\n")
    assert err.value.errno == errno.ENOSPC
    assert dest.read_bytes() == b"previous output\n"
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.parametrize("fsync", [False, True])
def test_atomic_write_syncs_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fsync: bool) -> None:
    synced: list[int] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    atomic_write(tmp_path / "out.txt", b"data\n", fsync=fsync)
    assert (tmp_path / "out.txt").read_bytes() == b"data\n"
    # Asked: the temporary file before its rename and the directory after it.
    assert len(synced) == (2 if fsync else 0)


def test_atomic_write_when_interrupted_keeps_the_old_file(tmp_path: Path) -> None:
    dest = tmp_path / "out.txt"
    dest.write_bytes(b"previous\n")
    with pytest.raises(KeyboardInterrupt), files.atomic_open(dest) as fh:
        fh.write(b"half")
        raise KeyboardInterrupt
    assert dest.read_bytes() == b"previous\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_describe_gives_a_one_line_reason() -> None:
    assert describe(IsADirectoryError(errno.EISDIR, "Is a directory", "x")) == "is a directory, not a file"
    assert describe(PermissionError(errno.EACCES, "Permission denied", "x")) == "permission denied"
    assert describe(OSError(errno.ENOSPC, "No space left on device")) == "no space left on device"
    try:
        b"\xff".decode("utf-8")
    except UnicodeDecodeError as exc:
        assert describe(exc) == "cannot decode as utf-8: invalid byte at offset 0"
