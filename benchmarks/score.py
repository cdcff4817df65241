"""Shingle precision/recall, the ScrapingHub article-extraction metric.

Written from the description in ../shared/benchmarks/scrapinghub/README.md so
our figures are comparable with the published table there: tokens are runs of
``\\w+`` (case kept), each text becomes a multiset of overlapping 4-token
shingles, and the corpus figures are means of per-page precision and recall
(F1 is computed from those two means, not averaged per page).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokens(text: str) -> list[str]:
    """Split ``text`` into word tokens; punctuation and whitespace never count."""
    return _TOKEN.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of overlapping ``size``-token shingles of ``text``.

    A text shorter than ``size`` tokens (but not empty) gives one shorter
    shingle, so very short predictions still score; an empty text gives none.
    """
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


@dataclass(frozen=True)
class PageScore:
    """Shingle counts and per-page precision/recall for one prediction."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """1.0 for an exact match, else tp/(tp+fp), 0.0 when nothing was predicted."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        denom = self.tp + self.fp
        return self.tp / denom if denom else 0.0

    @property
    def recall(self) -> float:
        """1.0 for an exact match, else tp/(tp+fn), 0.0 when the truth is empty."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        denom = self.tp + self.fn
        return self.tp / denom if denom else 0.0

    @property
    def f1(self) -> float:
        """Per-page F1, only for error analysis (the corpus F1 is not a mean of these)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(predicted: str, truth: str) -> PageScore:
    """Compare one predicted text with its ground truth by shingle multisets."""
    pred = shingles(predicted)
    true = shingles(truth)
    tp = fp = fn = 0
    for sh in pred.keys() | true.keys():
        p, t = pred.get(sh, 0), true.get(sh, 0)
        tp += min(p, t)
        fp += max(0, p - t)
        fn += max(0, t - p)
    return PageScore(tp, fp, fn)


@dataclass(frozen=True)
class CorpusScore:
    """Corpus precision/recall (means over eligible pages) and the F1 of those means."""

    precision: float
    recall: float
    f1: float
    pages: int


def score_corpus(pages: Iterable[PageScore]) -> CorpusScore:
    """Aggregate page scores the way the published benchmark does.

    Precision is averaged over pages that predicted something (tp+fp > 0),
    recall over pages whose truth is non-empty (tp+fn > 0); a page where a tool
    output nothing therefore costs recall but not precision.
    """
    page_list = list(pages)
    precisions = [p.precision for p in page_list if p.tp + p.fp > 0]
    recalls = [p.recall for p in page_list if p.tp + p.fn > 0]
    prec = sum(precisions) / len(precisions) if precisions else 0.0
    rec = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return CorpusScore(prec, rec, f1, len(page_list))


# WCXB's metric (../shared/benchmarks/wcxb-dev/README.md): lower-cased word bags,
# per-page P/R/F1, corpus figures the plain means of the per-page figures.


@dataclass(frozen=True)
class WordPageScore:
    """Word-bag overlap of one prediction; the per-page figures follow WCXB's definition."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """overlap / predicted words; an empty prediction scores 0 (1 if the truth is empty too)."""
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """overlap / true words; 0 when the truth is empty but something was predicted."""
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Per-page F1; the corpus F1 is the mean of these."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def words(text: str) -> Counter[str]:
    """The lower-cased ``\\w+`` multiset of ``text``."""
    return Counter(_TOKEN.findall(text.lower()))


def word_score_page(predicted: str, truth: str) -> WordPageScore:
    """Compare one prediction with its truth as word multisets."""
    pred, true = words(predicted), words(truth)
    tp = sum((pred & true).values())
    return WordPageScore(tp, sum(pred.values()) - tp, sum(true.values()) - tp)


def word_score_corpus(pages: Iterable[WordPageScore]) -> CorpusScore:
    """Plain means of the per-page P, R and F1 over every page."""
    page_list = list(pages)
    n = len(page_list)
    if not n:
        return CorpusScore(0.0, 0.0, 0.0, 0)
    return CorpusScore(
        sum(p.precision for p in page_list) / n,
        sum(p.recall for p in page_list) / n,
        sum(p.f1 for p in page_list) / n,
        n,
    )
