"""Hand-computed cases for the benchmark metric, so a scorer bug cannot hide in the tables."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.score import PageScore, score_corpus, score_page, shingles, tokens


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokens("Hello, World! it's 3.5") == ["Hello", "World", "it", "s", "3", "5"]
    assert tokens("café au lait") == ["café", "au", "lait"]
    assert tokens("  ...  ") == []


def test_shingles_overlap_and_count_repeats() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles("a b c d a b c d") == Counter(
        {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}
    )


def test_short_text_gives_one_short_shingle_and_empty_gives_none() -> None:
    assert shingles("one") == Counter({("one",): 1})
    assert shingles("one two three") == Counter({("one", "two", "three"): 1})
    assert shingles("") == Counter()
    assert shingles("!!! ---") == Counter()


def test_partial_prediction() -> None:
    s = score_page("a b c d", "a b c d e")
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)
    assert s.precision == 1.0
    assert s.recall == 0.5
    assert s.f1 == pytest.approx(2 / 3)


def test_multiset_counts_min_and_excess() -> None:
    s = score_page("a b c d a b c d a b c d", "a b c d a b c d")
    # pred: abcd x3, bcda x2, cdab x2, dabc x2; truth: abcd x2, bcda, cdab, dabc
    assert (s.tp, s.fp, s.fn) == (5, 4, 0)
    assert s.precision == pytest.approx(5 / 9)
    assert s.recall == 1.0


def test_case_and_punctuation() -> None:
    assert score_page("Hello, World!", "Hello World") == PageScore(1, 0, 0)
    s = score_page("hello world", "Hello World")
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)
    assert (s.precision, s.recall) == (0.0, 0.0)


def test_exact_match_rule_and_zero_denominators() -> None:
    both_empty = score_page("", "")
    assert (both_empty.precision, both_empty.recall) == (1.0, 1.0)
    nothing_predicted = score_page("", "a b c d")
    assert (nothing_predicted.precision, nothing_predicted.recall) == (0.0, 0.0)
    empty_truth = score_page("a b c d", "")
    assert (empty_truth.tp, empty_truth.fp, empty_truth.fn) == (0, 1, 0)
    assert (empty_truth.precision, empty_truth.recall) == (0.0, 0.0)


def test_corpus_means_use_only_eligible_pages() -> None:
    pages = [
        score_page("a b c d", "a b c d e"),  # P 1, R 0.5
        score_page("", "a b c d"),  # nothing predicted: R 0, left out of P
        score_page("a b c d a b c d a b c d", "a b c d a b c d"),  # P 5/9, R 1
        score_page("", ""),  # both empty: in neither mean
        score_page("x y z w", ""),  # empty truth: P 0, left out of R
    ]
    c = score_corpus(pages)
    assert c.precision == pytest.approx((1 + 5 / 9 + 0) / 3)
    assert c.recall == pytest.approx((0.5 + 0 + 1) / 3)
    p, r = (1 + 5 / 9) / 3, 0.5
    assert c.f1 == pytest.approx(2 * p * r / (p + r))
    assert c.pages == 5


def test_corpus_f1_is_of_means_not_mean_of_f1() -> None:
    pages = [score_page("a b c d", "a b c d e"), score_page("a b c d e", "a b c d")]
    # P: (1 + 0.5)/2, R: (0.5 + 1)/2 -> F1 0.75, while the mean page F1 is 2/3
    c = score_corpus(pages)
    assert (c.precision, c.recall, c.f1) == (0.75, 0.75, 0.75)


def test_empty_corpus() -> None:
    c = score_corpus([])
    assert (c.precision, c.recall, c.f1, c.pages) == (0.0, 0.0, 0.0, 0)
