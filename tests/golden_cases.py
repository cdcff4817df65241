"""Read the hand-cleaned golden cases in golden/ (layout: golden/README.md)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@dataclass
class Case:
    name: str
    input: Path
    expected: Path
    notes: Path

    @property
    def kind(self) -> str:
        return "html" if self.input.suffix == ".html" else "text"

    def noted(self) -> Counter[tuple[str, str]]:
        """(line, category) for every removal the notes list; line is '-' for HTML cases."""
        rows: Counter[tuple[str, str]] = Counter()
        for raw in self.notes.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            parts = raw.split("\t")
            if len(parts) < 2:
                raise ValueError(f"{self.notes}: bad notes row {raw!r}")
            rows[(parts[0].strip(), parts[1].strip())] += 1
        return rows


def cases() -> list[Case]:
    found = []
    for d in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        inputs = sorted(d.glob("input.*"))
        if not inputs:
            continue
        found.append(Case(d.name, inputs[0], d / "expected.txt", d / "notes.txt"))
    return found


_GAP = re.compile(r"^- `(?P<name>[^`]+)`(?: \[(?P<which>output|removals)\])?: (?P<reason>.+)$")


def known_gaps(which: str) -> dict[str, str]:
    """Cases the cleaner does not get right yet, from golden/KNOWN-GAPS.md.

    A line ``- `name`: reason`` covers both the output and the removals test;
    ``- `name` [removals]: reason`` only the removals (categories) test, and
    ``- `name` [output]: reason`` only the output test.
    """
    path = GOLDEN / "KNOWN-GAPS.md"
    gaps: dict[str, str] = {}
    if not path.exists():
        return gaps
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = _GAP.match(raw)
        if m and m.group("which") in (None, which):
            gaps[m.group("name")] = m.group("reason")
    return gaps
