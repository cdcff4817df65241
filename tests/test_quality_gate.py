"""The quality gate: the cleaner's figures on both corpora never fall below benchmarks/baseline.json.

The full-corpus check runs in the normal suite wherever ../shared sits beside
the checkout (CI always has it); a user's clone without it skips with a reason.
"""

from __future__ import annotations

import pytest

from benchmarks import corpora, data, gate

HAVE_DATA = data.have("scrapinghub") and data.have("wcxb-dev")
PINS = gate.load_pins()


def test_every_corpus_mode_and_page_type_is_pinned() -> None:
    want_types = {"scrapinghub": {"article"}, "wcxb": set(corpora.PAGE_TYPES)}
    assert set(PINS) == set(want_types)
    for name, types in want_types.items():
        assert set(PINS[name]) == {"html", "text"}
        for figs in PINS[name].values():
            assert set(figs) == {"f1", "precision"} | {f"f1 {t}" for t in types}
            assert all(0.0 < v <= 1.0 for v in figs.values())


def test_a_figure_below_its_pin_fails_and_a_lower_pin_passes() -> None:
    measured = {"wcxb": {"html": {"f1": 0.8000, "precision": 0.9000}}}
    assert gate.shortfalls(measured, {"wcxb": {"html": {"f1": 0.8005}}}) == []  # within the tolerance
    assert gate.shortfalls(measured, {"wcxb": {"html": {"f1": 0.7000}}}) == []  # a pin lowered by hand
    below = gate.shortfalls(measured, {"wcxb": {"html": {"f1": 0.8006}}})
    assert len(below) == 1 and "wcxb html f1: 0.8000 is below its pin 0.8006" in below[0]
    missing = gate.shortfalls(measured, {"wcxb": {"text": {"f1": 0.5}}})
    assert missing == ["wcxb text f1: pinned at 0.5000 but not measured"]


def test_raising_pins_never_lowers_one() -> None:
    pins = {"wcxb": {"html": {"f1": 0.81, "precision": 0.95}}}
    measured = {"wcxb": {"html": {"f1": 0.82349, "precision": 0.90}, "text": {"f1": 0.7}}}
    new = gate.raised(measured, pins)
    assert new == {"wcxb": {"html": {"f1": 0.8234, "precision": 0.95}, "text": {"f1": 0.7}}}
    assert pins == {"wcxb": {"html": {"f1": 0.81, "precision": 0.95}}}  # the input is not changed


@pytest.mark.skipif(not HAVE_DATA, reason="no ../shared beside the checkout: the corpora are not here")
def test_the_cleaner_meets_every_pin_on_both_full_corpora() -> None:
    measured = gate.measure()
    below = gate.shortfalls(measured, PINS)
    assert below == [], "\n" + gate.comparison_markdown(measured, PINS)
