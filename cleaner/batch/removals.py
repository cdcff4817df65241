"""Removal logs for --explain and --report, written to temporary files as they are made.

A 100 MB page dump loses about two million lines. Held as dicts until the
report is written (and pickled from a worker to the parent, then dumped as
one JSON string) they took several times the input in memory; here each
removal becomes one line of JSON in a spool file the moment it is read off
the result, and the parent streams the spool into the report or the explain
output. Memory stays flat; the disk holds what the report will hold anyway.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from cleaner.model import Removal


def json_line(obj: Mapping[str, Any] | list[Any] | str) -> bytes:
    """``obj`` as JSON in UTF-8 on one line (no newline). A lone surrogate (a JSON Lines
    record's ``\\ud800`` escape, an undecodable file name) cannot be UTF-8: such an
    object is written with ASCII escapes, which read back the same."""
    try:
        return json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj).encode("ascii")


def write_spool(directory: str, removals: Iterable[Removal | Mapping[str, Any]], prefix: str = "") -> str:
    """Write ``removals`` to a new file in ``directory``, one JSON object a line; return its path."""
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=".jsonl", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            append_spool(fh, removals)
    except BaseException:
        os.unlink(path)
        raise
    return path


def append_spool(fh: BinaryIO, removals: Iterable[Removal | Mapping[str, Any]]) -> None:
    for r in removals:
        fh.write(json_line(r.to_dict() if isinstance(r, Removal) else r) + b"\n")


def read_spool(path: str | None) -> Iterator[dict[str, Any]]:
    """The removals a spool file holds, one at a time (none for ``None``)."""
    if path is None:
        return
    with open(path, "rb") as fh:
        for line in fh:
            yield json.loads(line)


def write_report(
    fh: BinaryIO, version: str, inputs: Iterable[tuple[Mapping[str, Any], str | None]], failures: list[Any]
) -> None:
    """The JSON report: each input's entry with its ``removals`` streamed from its spool file.

    ``inputs`` are (entry without "removals", spool path or None) pairs.
    """
    fh.write(b'{\n "version": ' + json_line(version) + b',\n "inputs": [')
    for k, (entry, spool) in enumerate(inputs):
        head = json_line(dict(entry))[:-1] + (b", " if entry else b"")
        fh.write((b",\n  " if k else b"\n  ") + head + b'"removals": [')
        first = True
        if spool is not None:
            with open(spool, "rb") as src:
                for line in src:
                    fh.write((b"\n   " if first else b",\n   ") + line.rstrip(b"\n"))
                    first = False
        fh.write(b"]}" if first else b"\n  ]}")
    fh.write(b'\n ],\n "failures": ' + json_line(failures) + b"\n}\n")
