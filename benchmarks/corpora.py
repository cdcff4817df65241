"""The two development corpora, loaded into one shape: pages with a type, a truth and a metric.

* ``scrapinghub``: 181 news articles, scored by 4-token shingles (score.py).
* ``wcxb``: the WCXB development split, 1,497 pages of seven kinds, scored by
  word-bag F1 with the corpus figure the plain mean over pages (score.py).

Every form of a page a tool may get (raw bytes, the once-decoded str, the naive
text dump) is prepared here, once, outside any timed pass. The dumps are cached
under ``benchmarks/.cache/`` keyed by the page bytes' digest and naive_text.py's
source, so a changed dumper or page never reads a stale dump; the cleaner's
outputs are never cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import data, score
from benchmarks.naive_text import decode_page, load_page, naive_text

CACHE = Path(__file__).resolve().parent / ".cache"
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
# Command-line names of the corpora and the folder each lives in under shared/benchmarks/.
FOLDERS = {"scrapinghub": "scrapinghub", "wcxb": "wcxb-dev"}


@dataclass
class Page:
    """One page with every input form prepared up front (never timed)."""

    key: str
    url: str
    page_type: str
    raw: bytes
    html: str
    dump: str
    truth: str
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: its pages and how its own benchmark scores a page and the whole."""

    name: str
    title: str
    pages: list[Page]
    page_score: Callable[[str, str], score.PageScore]
    corpus_score: Callable[[Sequence[score.PageScore]], score.CorpusScore]
    metric: str
    published: str

    @property
    def types(self) -> list[str]:
        """The page types present, in the fixed order of PAGE_TYPES."""
        present = {p.page_type for p in self.pages}
        return [t for t in PAGE_TYPES if t in present]


SCRAPINGHUB_PUBLISHED = (
    "Published (data README, shingle F1 / P / R): trafilatura 2.0.0 0.958 / 0.938 / 0.978; "
    "readability-lxml 0.922 / 0.913 / 0.931; jusText 3.0.2 0.804 / 0.858 / 0.756; "
    "beautifulsoup get_text (whole page) 0.665 / 0.499 / 0.994."
)
WCXB_PUBLISHED_ROWS = (
    # system, F1, P, R, then article, forum, product, collection, listing, documentation, service
    ("rs-trafilatura", 0.859, 0.863, 0.890, 0.932, 0.808, 0.641, 0.716, 0.707, 0.932, 0.844),
    ("MinerU-HTML (0.6B LM)", 0.827, 0.845, 0.840, 0.928, 0.794, 0.619, 0.506, 0.710, 0.838, 0.824),
    ("trafilatura (version not stated)", 0.791, 0.852, 0.793, 0.926, 0.585, 0.567, 0.553, 0.589, 0.888, 0.763),
    ("readability", 0.675, 0.685, 0.713, 0.825, 0.466, 0.407, 0.445, 0.496, 0.736, 0.604),
)
WCXB_PUBLISHED = (
    "Published (data README, word F1 on this split, HTML input): "
    + "; ".join(f"{r[0]} {r[1]:.3f}" for r in WCXB_PUBLISHED_ROWS)
    + "; dom-smoothie 0.762, ReaderLM-v2 0.741, newspaper4k 0.720, magic-html 0.719, jusText 0.707, "
    "BoilerPy3 0.687, Goose3 0.652. WCXB: Foley 2026, CC-BY-4.0."
)


def _digest() -> str:
    """Changes whenever the dumper's code does, so a cached dump is never stale."""
    src = (Path(__file__).resolve().parent / "naive_text.py").read_bytes()
    return hashlib.sha256(src).hexdigest()[:16]


def _cached_dumps(name: str, raws: dict[str, bytes], htmls: dict[str, str]) -> dict[str, str]:
    """Naive dumps of every page, from the cache when the page and dumper are unchanged."""
    path = CACHE / f"dumps-{name}-{_digest()}.pickle"
    cached: dict[str, tuple[str, str]] = {}
    if path.exists():
        try:
            with path.open("rb") as fh:
                cached = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            cached = {}
    dumps: dict[str, str] = {}
    changed = False
    for key, raw in raws.items():
        sha = hashlib.sha1(raw).hexdigest()
        hit = cached.get(key)
        if hit is not None and hit[0] == sha:
            dumps[key] = hit[1]
        else:
            dumps[key] = naive_text(htmls[key])
            cached[key] = (sha, dumps[key])
            changed = True
    if changed:
        try:
            CACHE.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=CACHE, prefix=".dumps.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(cached, fh)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only checkout still benchmarks, only slower next time
    return dumps


def _load_scrapinghub(folder: Path, limit: int | None) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit is not None else sorted(truth)
    raws = {k: load_page(folder / "html" / f"{k}.html.gz") for k in keys}
    htmls = {k: decode_page(raws[k]) for k in keys}
    dumps = _cached_dumps("scrapinghub", raws, htmls)
    return [Page(k, truth[k]["url"], "article", raws[k], htmls[k], dumps[k], truth[k]["articleBody"]) for k in keys]


def _wcxb_type(record: dict) -> str:
    primary = record.get("_internal", {}).get("page_type", {}).get("primary", "")
    return "collection" if primary == "category" else primary


def _load_wcxb(folder: Path, limit: int | None) -> list[Page]:
    keys = sorted(p.name.split(".")[0] for p in (folder / "html").glob("*.html.gz"))
    if limit is not None:
        keys = keys[:limit]
    records = {k: json.loads((folder / "ground-truth" / f"{k}.json").read_text(encoding="utf-8")) for k in keys}
    raws = {k: load_page(folder / "html" / f"{k}.html.gz") for k in keys}
    htmls = {k: decode_page(raws[k]) for k in keys}
    dumps = _cached_dumps("wcxb", raws, htmls)
    pages = []
    for k in keys:
        gt = records[k].get("ground_truth", {})
        pages.append(
            Page(
                k,
                records[k].get("url", ""),
                _wcxb_type(records[k]),
                raws[k],
                htmls[k],
                dumps[k],
                gt.get("main_content") or "",  # two pages have none: the truth is empty
                list(gt.get("with") or []),
                list(gt.get("without") or []),
            )
        )
    return pages


def load(name: str, data_override: str | os.PathLike[str] | None = None, limit: int | None = None) -> Corpus:
    """Load corpus ``name`` (``scrapinghub`` or ``wcxb``); exits 2 with directions if its data is absent."""
    folder = data.require((FOLDERS[name],), data_override)[FOLDERS[name]]
    if name == "scrapinghub":
        return Corpus(
            name,
            "ScrapingHub article-extraction benchmark",
            _load_scrapinghub(folder, limit),
            score.score_page,
            score.score_corpus,
            "4-token shingles; corpus P and R are page means, F1 = 2PR/(P+R) of those means",
            SCRAPINGHUB_PUBLISHED,
        )
    return Corpus(
        name,
        "WCXB development split",
        _load_wcxb(folder, limit),
        score.word_score_page,
        score.word_score_corpus,
        "lower-cased `\\w+` word bags; corpus P, R and F1 are plain means of the per-page figures",
        WCXB_PUBLISHED,
    )


def snippet_rates(outputs: Sequence[str], pages: Sequence[Page]) -> tuple[float, float]:
    """WCXB's snippet checks: share of 'with' snippets found and of 'without' snippets found.

    Case-insensitive substring tests with whitespace runs read as one space on
    both sides (a snippet may span what a tool puts on two lines). Pooled over
    all snippets of the pages given.
    """
    found_with = n_with = found_without = n_without = 0
    for out, page in zip(outputs, pages, strict=True):
        text = " ".join(out.lower().split())
        for snip in page.with_snippets:
            n_with += 1
            found_with += " ".join(snip.lower().split()) in text
        for snip in page.without_snippets:
            n_without += 1
            found_without += " ".join(snip.lower().split()) in text
    return (found_with / n_with if n_with else 0.0, found_without / n_without if n_without else 0.0)
