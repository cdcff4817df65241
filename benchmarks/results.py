"""benchmarks/RESULTS.md is one file with a section per benchmark script.

Each script rewrites only its own section (between HTML comment markers), so a
run of one benchmark never erases another's figures, and every figure in the
file sits next to the command that produced it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = (
    "# Benchmark results\n\n"
    "Each section is written by the script it names, with the exact command and the\n"
    "machine it ran on. Re-run a script to refresh its section; the others stay.\n\n"
)


def write_section(name: str, markdown: str, path: Path = RESULTS) -> None:
    """Replace section ``name`` of RESULTS.md with ``markdown``, atomically."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    block = f"{begin}\n{markdown.strip()}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if ": begin -->" not in text:
        text = HEADER  # a file from before sections: start over
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        text = head + block + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".RESULTS.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
