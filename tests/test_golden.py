"""Every hand-cleaned golden case must come out exactly, with the noted categories."""

from __future__ import annotations

from collections import Counter

import pytest

from cleaner import Cleaner
from tests.golden_cases import Case, cases, known_gaps

CASES = cases()
CLEANER = Cleaner()
GAPS = {which: known_gaps(which) for which in ("output", "removals")}


def _params(kind: str) -> list:
    """Cases as parameters; a case listed in golden/KNOWN-GAPS.md is a strict xfail.

    Strict: once the cleaner gets such a case right, the test fails until the
    case is taken off the list, so the list only ever shrinks honestly.
    """
    out = []
    for c in CASES:
        marks = []
        if c.name in GAPS[kind]:
            marks.append(pytest.mark.xfail(reason=f"known gap: {GAPS[kind][c.name]}", strict=True))
        out.append(pytest.param(c, id=c.name, marks=marks))
    return out


def test_there_are_enough_cases() -> None:
    names = [c.name for c in CASES]
    assert sum(n.startswith("seed-") for n in names) == 5
    assert len(names) >= 30


def test_known_gaps_name_real_cases() -> None:
    names = {c.name for c in CASES}
    for gaps in GAPS.values():
        assert set(gaps) <= names
        assert not any(name.startswith("seed-") for name in gaps)


@pytest.mark.parametrize("case", _params("output"))
def test_output_matches_expected(case: Case) -> None:
    result = CLEANER.clean_document(case.input.read_bytes(), kind=case.kind)
    assert result.text == case.expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", _params("removals"))
def test_removals_match_notes(case: Case) -> None:
    result = CLEANER.clean_document(case.input.read_bytes(), kind=case.kind)
    noted = case.noted()
    if case.kind == "text":
        got: Counter[tuple[str, str]] = Counter()
        for r in result.removals:
            if r.start is not None:  # a cut inside a kept line: listed once, on its line
                got[(str(r.line), r.category)] += 1
                continue
            for line in range(r.line or 0, (r.end_line or r.line or 0) + 1):
                got[(str(line), r.category)] += 1
        assert got == noted
    else:
        # HTML: notes name what a reader would miss; the text layers' removals must be among them.
        noted_categories = {cat for _, cat in noted}
        text_layer = {r.category for r in result.removals if r.layer != "html"}
        assert text_layer <= noted_categories
        assert noted_categories <= {r.category for r in result.removals}
