"""Hostile input: huge lines, deep nesting, huge attributes, backtracking bait.

Two kinds of checks, and no absolute timings:
- scaling: each case from benchmarks/hostile.py is cleaned at a base size and
  at ten times it; the larger must take at most 15x as long (min of repeats,
  the sizes timed alternately; a 1x time below that of cleaning as much plain
  prose is raised to it, so sub-millisecond noise cannot fail a linear case).
  Linear code shows ~10x, a quadratic regex or loop ~100x. On a busy machine
  one measurement can be noisy, so a case that fails is measured up to
  twice more before the test fails (a real quadratic fails every time);
- survival: the brief's full sizes (10 MB line, 100,000 nested tags, 10 MB
  attribute) clean without an exception or a recursion error, and what comes
  out is stated.

How the regex-targeted cases were chosen is in benchmarks/REGEX-AUDIT.md.
"""

from __future__ import annotations

import pytest

from benchmarks.hostile import CASES, PROSE, measure
from cleaner import Cleaner, clean, clean_document

LIMIT = 15.0
BASE = 60_000  # characters at 1x (10x: 600 kB); at 20 kB a one-line case fit the CPU caches at 1x only
# Cases of many short lines build one Line object per line. Past ~50k objects the
# working set leaves the CPU caches and the per-line cost steps up ~1.5x (measured:
# many-blank-lines 3k->30k chars 11.6x, 30k->300k 17.9x, 300k->3M 10.6x), a
# hardware step, not an algorithmic one; these cases run below it.
LINE_BASE = 4_000
# Cases dominated by fixed costs (trafilatura set-up) at small sizes, or (the nests) slow enough
# at 10x (flattened and parsed again: ~3 s for 600 kB of <div>, 9x the 1x time when measured)
# to weigh on the suite: checked for survival below.
SURVIVAL_ONLY = {"html-nested-div", "html-nested-span", "html-huge-attribute", "html-huge-comment"}


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="module")
def prose_floor(cleaner: Cleaner) -> dict[int, float]:
    """Time to clean ordinary prose of each 1x size: the floor under which a 1x time is noise."""
    from benchmarks.hostile import timed

    floors = {}
    for base in (LINE_BASE, BASE):
        prose = (PROSE.strip() + "\n") * max(1, base // len(PROSE))
        floors[base] = min(timed(cleaner, "text", prose, 5)[0], timed(cleaner, "text", prose, 5)[0])
    return floors


@pytest.mark.parametrize("name", [n for n in CASES if n not in SURVIVAL_ONLY])
def test_time_grows_linearly(cleaner: Cleaner, prose_floor: dict[int, float], name: str) -> None:
    """10x input within 15x time; a 1x time below cleaning the same amount of prose counts as that
    (a sub-millisecond 1x makes the ratio measure scheduler noise, not the algorithm)."""
    base = LINE_BASE if name.startswith(("many-", "alternating-")) else BASE
    ratios = []
    for _ in range(3):
        t1, t10, desc = measure(cleaner, name, base, repeats=7)
        ratios.append(t10 / max(t1, prose_floor[base], 1e-9))
        if ratios[-1] <= LIMIT:
            return
    pytest.fail(f"{name}: 10x input took {min(ratios):.1f}x the time (limit {LIMIT}x; {desc})")


def test_ten_megabyte_single_line() -> None:
    line = ("word " * 2_000_000).strip()
    assert clean(line + "\n", kind="text") == line + "\n"
    assert clean(line.encode(), kind="auto") == line + "\n"


def test_line_of_100k_words_with_noise_words() -> None:
    line = " ".join(["Next", "»", "©", "AFP", "|", "/", "(", "Share", "this:"] * 11_112)
    out = clean(line, kind="text")
    assert out in ("", line + "\n")  # whole-line rules keep or drop the line, never a piece of it


def test_hundred_thousand_nested_tags_keep_their_text() -> None:
    """Past lxml's depth limit the page is flattened and read again: the text inside the nest
    and after it comes out, never a crash or a RecursionError."""
    for tag in ("div", "span", "a", "p", "b"):
        html = "<html><body><p>" + PROSE + "</p>" + f"<{tag}>" * 100_000 + "deep text" + "</body></html>"
        result = clean_document(html, kind="html")
        assert "deep text" in result.text, tag
        assert result.warnings == []
    # the prose before the deep nest survives
    html = "<html><body><article><p>" + PROSE * 3 + "</p></article>" + "<div>" * 100_000 + "</body></html>"
    assert PROSE.strip() in clean(html, kind="html")


def test_ten_megabyte_attribute() -> None:
    html = f'<html><body><p title="{"x" * 10_000_000}">{PROSE * 2}</p></body></html>'
    assert PROSE.strip() in clean(html, kind="html")


def test_hostile_html_as_text_kind() -> None:
    """Markup fed to the text kind is just long lines: no crash."""
    html = "<div>" * 100_000
    assert isinstance(clean(html, kind="text"), str)


def test_control_characters_in_html_do_not_crash() -> None:
    html = "<html><body><p>\x1f<script></script>" + PROSE + "\x00\x08</p></body></html>"
    assert PROSE.strip() in clean(html, kind="html")


# -- deep and huge HTML: what lxml's default limits dropped silently ----------------------


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Deep</title></head><body>{body}</body></html>"


def _para(i: int) -> str:
    return f"<p>Paragraph {i} of the story: the council met on Tuesday and voted to close the bridge.</p>"


def _kept(text: str, n: int) -> list[int]:
    return [i for i in range(n) if f"Paragraph {i} of the story" in text]


def test_fifty_thousand_nested_divs_keep_the_article() -> None:
    html = _page("<div>" * 50_000 + "".join(_para(i) for i in range(5)) + "</div>" * 50_000)
    result = clean_document(html, kind="html")
    assert _kept(result.text, 5) == list(range(5))
    assert result.warnings == []


def test_an_eleven_megabyte_attribute_keeps_the_article() -> None:
    html = _page(f'<div data-state="{"x" * 11_000_000}">' + "".join(_para(i) for i in range(5)) + "</div>")
    result = clean_document(html, kind="html")
    assert _kept(result.text, 5) == list(range(5))


@pytest.mark.parametrize("tag", ["div", "font", "span"])
@pytest.mark.parametrize("n", [400, 3000])
def test_paragraphs_after_unclosed_tags_all_come_out(tag: str, n: int) -> None:
    """Each paragraph after an unclosed tag nests one deeper: 400 is past lxml's default 255
    (huge_tree reads it), 3,000 past libxml2's hard 2,048 (flattened and read again)."""
    html = _page("".join(f"<{tag}>{_para(i)}" for i in range(n)))
    result = clean_document(html, kind="html")
    assert _kept(result.text, n) == list(range(n))
    assert result.warnings == []


def test_a_page_still_unreadable_after_flattening_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the parser still stops (here: the flattening made to do nothing), the result says so."""
    from cleaner import deep, html

    monkeypatch.setattr(html, "flatten", lambda page: page)
    page = _page(_para(0) + "<div>" * 3000 + _para(1))
    result = clean_document(page, kind="html")
    assert _kept(result.text, 2) == [0]
    assert len(result.warnings) == 1 and "could not be read past line 1" in result.warnings[0]
    monkeypatch.setattr(html, "flatten", deep.flatten)
    assert clean_document(page, kind="html").warnings == []
