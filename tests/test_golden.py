"""Every hand-cleaned golden case must come out exactly, with the noted categories."""

from __future__ import annotations

from collections import Counter

import pytest

from cleaner import Cleaner
from tests.golden_cases import Case, cases

CASES = cases()
CLEANER = Cleaner()


def test_there_are_enough_cases() -> None:
    names = [c.name for c in CASES]
    assert sum(n.startswith("seed-") for n in names) == 5
    assert len(names) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_matches_expected(case: Case) -> None:
    result = CLEANER.clean_document(case.input.read_bytes(), kind=case.kind)
    assert result.text == case.expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
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
