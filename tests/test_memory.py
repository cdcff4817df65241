"""Memory: a long input is decoded and split a piece at a time, removals are stored
compactly, and none of it changes a result (issue #5; benchmarks/MEMORY.md)."""

from __future__ import annotations

import codecs
import itertools
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleaner.decode
import cleaner.model
from benchmarks.memory import SHARED, build_input
from cleaner import BinaryInputError, Cleaner, Removal
from cleaner.decode import decode, decode_pieces
from cleaner.model import Document, Removals

PROSE = "The council voted on Tuesday to keep the library open for another year, officials said. 🤹\n"
PAGE = (
    "Home | News | Sport\n\nMenu\nLeave a Comment\n"
    + PROSE * 3
    + "Share this:\nFacebook\nTwitter\n\n"
    + "“Curly quotes” cost €5 — the café’s naïve owner said.\r\nAnother line\rwith a lone CR.\n"
)
UTF8 = PAGE.encode("utf-8")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (UTF8, PAGE),
        (
            codecs.BOM_UTF8 + UTF8 + b"caf\xc3\n\xff\xfe tail",
            (UTF8 + b"caf\xc3\n\xff\xfe tail").decode("utf-8", "replace"),
        ),
        (UTF8.replace(b"'", b"\x92") + b"It\x92s here.\n" * 5, None),  # stray cp1252 bytes in UTF-8
        (UTF8 * 3 + b"no final line feed", (PAGE * 3) + "no final line feed"),
        (PAGE.encode("utf-16"), PAGE),
        (PAGE.encode("cp1252", "replace"), PAGE.encode("cp1252", "replace").decode("cp1252")),
    ],
    ids=["utf8", "bom-and-broken-sequences", "mostly-utf8", "no-final-lf", "utf16", "cp1252"],
)
@pytest.mark.parametrize("size", [1, 7, 64, 1 << 20])
def test_pieces_join_to_the_whole_decoded_text(data: bytes, expected: str | None, size: int) -> None:
    pieces = list(decode_pieces(data, size))
    if expected is None:
        expected = data.decode("utf-8", "cleaner-cp1252")
    assert "".join(pieces) == expected == decode(data)
    # Every piece but the last ends a line, so the Document can split each on its own.
    assert all(p.endswith("\n") for p in pieces[:-1])


def test_utf8_is_cut_into_pieces_and_other_encodings_are_not() -> None:
    assert len(list(decode_pieces(UTF8 * 4, 64))) > 4
    assert len(list(decode_pieces(PAGE.encode("utf-16") * 4, 64))) == 1


def test_binary_is_refused_when_asked_not_at_the_first_piece() -> None:
    with pytest.raises(BinaryInputError):
        decode_pieces(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50, 64)


def _lines(doc: Document) -> list[tuple[str, bool]]:
    return [(ln.text, ln.blank) for ln in doc.lines]


@given(
    st.text(alphabet="ab \t\r\n\ufeff🤹", max_size=60),
    st.lists(st.integers(min_value=0, max_value=60), max_size=6),
)
def test_a_document_built_from_any_pieces_is_the_document_of_the_whole(text: str, cuts: list[int]) -> None:
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    pieces = [text[a:b] for a, b in itertools.pairwise(bounds)]
    whole = Document(text)
    assert _lines(Document(iter(pieces))) == _lines(whole)
    assert _lines(Document(text if len(text) < 8 else list(cleaner.model._pieces(text, 8)))) == _lines(whole)
    # The whole text split as it always was: CR LF and lone CR end lines, a BOM opening a line goes.
    parts = [p.lstrip("\ufeff") for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if parts[-1] == "":
        parts.pop()
    assert [t for t, _ in _lines(whole)] == [p if p.strip() else "" for p in parts]


def test_a_long_str_is_split_in_pieces_that_end_lines() -> None:
    text = PAGE * 20
    pieces = list(cleaner.model._pieces(text, 50))
    assert len(pieces) > 10 and "".join(pieces) == text
    assert all(p.endswith("\n") for p in pieces[:-1])


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=5), st.booleans(), st.integers(min_value=0, max_value=8)),
        max_size=25,
    )
)
def test_removals_come_out_as_sorting_them_would_put_them(ops: list[tuple[int, bool, int]]) -> None:
    doc = Document("".join(f"line {k} with some words in it\n" for k in range(6)))
    for n, (index, whole, start) in enumerate(ops):
        if whole:
            doc.remove(index, "t", f"t.{n}", "boilerplate")
        elif not doc.lines[index].removed and start < len(doc.lines[index].text):
            doc.cut(index, start, start + 1, "t", f"t.{n}", "promo")
    made = list(doc.removals)
    assert all(isinstance(r, Removal) for r in made) and len(made) == len(doc.removals)
    assert list(doc.removals.in_order()) == sorted(made, key=lambda r: (r.line or 0, r.start or 0))
    if made:
        assert doc.removals[-1] == made[-1] and doc.removals[0:2] == made[0:2]


def test_the_log_keeps_each_field() -> None:
    log = Removals()
    log.add("layer", "rule.a", "promo", "Buy now", 7, (3, 10))
    log.add("layer", "rule.b", "navigation", "Home", 2)
    assert list(log) == [
        Removal("layer", "rule.a", "promo", "Buy now", 7, 7, 3, 10),
        Removal("layer", "rule.b", "navigation", "Home", 2, 2),
    ]
    assert [r.rule for r in log.in_order()] == ["rule.b", "rule.a"]
    # The log makes its Removal objects without the dataclass's __init__: still frozen, equal and hashed alike.
    made = log[1]
    assert hash(made) == hash(Removal("layer", "rule.b", "navigation", "Home", 2, 2))
    with pytest.raises(AttributeError):
        made.rule = "other"  # type: ignore[misc]
    with pytest.raises(IndexError):
        log[2]


def test_small_pieces_change_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (UTF8 + b"Read more\nSubscribe to our newsletter\n") * 30
    ref = Cleaner().clean_document(data)
    monkeypatch.setattr(cleaner.decode, "PIECE", 100)
    monkeypatch.setattr(cleaner.model, "PIECE", 50)
    got = Cleaner().clean_document(data)
    assert (got.text, got.removals, got.kind) == (ref.text, ref.removals, ref.kind)
    assert got.removals and isinstance(got.removals, list)
    assert (Cleaner().clean_document(data.decode()).text, got.text) == (ref.text, ref.text)


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared (seeds, benchmark pages) not available")
def test_cleaning_page_dumps_takes_a_few_times_their_size(tmp_path: Path) -> None:
    """Python-level peak (tracemalloc) of cleaning ~3.3 MB of naive page dumps (the memory
    benchmark's input, which holds an emoji): 15.2x on main before this work (whole decoded
    str, a Removal object per removal, the context layer's dicts and lists of Python ints),
    9.2x after (benchmarks/MEMORY.md). Smaller inputs read higher: the rule index's caches
    weigh the same at any size."""
    path = tmp_path / "dumps.txt"
    build_input(path, 3.0, SHARED)
    data = path.read_bytes()
    doc_cleaner = Cleaner()
    doc_cleaner.clean_document(data[:20_000])  # the rule index's caches fill outside the measurement
    tracemalloc.start()
    try:
        result = doc_cleaner.clean_document(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(result.removals) > 10_000
    assert peak < 12 * len(data), f"peak {peak / len(data):.1f}x the input"
