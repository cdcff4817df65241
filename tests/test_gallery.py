"""A photo gallery dumped inside an article: captions printed twice, credits, controls, the headline again.

News sites' galleries (as naive HTML-to-text dumps write them) print each caption
and credit twice, one caption shortened with a '... more' toggle, then the
gallery's controls and the headline once more. All of it goes; the paragraph
after the gallery stays, and a paragraph repeated in an article is not a caption.
"""

from __future__ import annotations

from cleaner import Cleaner
from tests.test_context import ARTICLE, DATELINE, HEADLINE, LINKS, _page

CLEANER = Cleaner()

CAPTION = (
    "The harbour master inspects the damaged landing stage of the north pier at Port Ellen, Monday, March 11, 2024."
)
FULL = f"{CAPTION} The board will replace two piles. (AP Photo/Jane Smith) less"
SHORT = f"{CAPTION} The board ... more"
GALLERY = [FULL, SHORT, "Photo: Jane Smith", "Photo: Jane Smith", "Image 1 of / 4", "Caption", "Close"]
GALLERY += ["Image 1 of 4", FULL, SHORT, "Photo: Jane Smith", HEADLINE, "1 / 4", "Back to Gallery"]
NOTE = (
    "Note: The harbour board will meet again on Friday to decide whether the smaller vessel can keep the "
    "timetable through the Easter holidays, when the island expects twice as many visitors as in a normal week."
)


def _gallery_page() -> str:
    article = [*ARTICLE[:3], *GALLERY, *ARTICLE[3:], NOTE]
    return _page(article)


def test_gallery_lines_go_with_their_categories() -> None:
    result = CLEANER.clean_document(_gallery_page(), kind="text")
    out = result.text.splitlines()
    for line in (FULL, SHORT, "Photo: Jane Smith", "Caption", "Back to Gallery"):
        assert line not in out, line
    assert out.count(HEADLINE) == 1 and out.index(HEADLINE) < out.index(DATELINE)
    by_text: dict[str, set[str]] = {}
    for r in result.removals:
        by_text.setdefault(r.text, set()).add(r.category)
    assert by_text[FULL] == by_text[SHORT] == {"caption"}
    assert by_text[HEADLINE] == {"duplicate"}


def test_the_paragraph_after_a_gallery_stays() -> None:
    out = CLEANER.clean(_gallery_page(), kind="text").splitlines()
    assert NOTE in out
    assert all(line in out for line in ARTICLE)
    assert not any(link in out for link in LINKS)


def test_a_paragraph_printed_twice_is_not_taken_as_a_caption() -> None:
    """Beside a credit, only a line that reads like a caption goes, not article prose that repeats."""
    prose = ARTICLE[0]
    page = _page([*ARTICLE[1:3], prose, prose, "Photo: Jane Smith", *ARTICLE[3:]])
    result = CLEANER.clean_document(page, kind="text")
    assert result.text.count(prose) == 1
    assert {r.category for r in result.removals if r.text == prose} == {"duplicate"}


def test_a_short_line_repeated_between_paragraphs_stays() -> None:
    """A subheading used twice stands between prose, not among removed lines: both copies stay."""
    sub = "What changes for passengers"
    page = _page([*ARTICLE[:3], *ARTICLE[3:5], sub, *ARTICLE[5:]])
    assert CLEANER.clean(page, kind="text").splitlines().count(sub) == 2


def test_a_full_caption_beside_its_shortened_copy_goes_with_it() -> None:
    """A caption without a credit of its own, then the gallery's '... more' copy, then the credit:
    the copy reads as a caption, and the line it shortens is the same caption printed whole."""
    full = f"{CAPTION} The board will replace two piles before the summer."
    page = _page([*ARTICLE[:3], full, SHORT, "Photo: Jane Smith", *ARTICLE[3:]])
    result = CLEANER.clean_document(page, kind="text")
    assert full not in result.text.splitlines() and SHORT not in result.text.splitlines()
    assert {r.category for r in result.removals if r.text in (full, SHORT)} == {"caption"}
    assert all(line in result.text.splitlines() for line in ARTICLE)


def test_a_paragraph_that_a_shortened_line_does_not_begin_stays() -> None:
    """Near miss: the paragraph above a '... more' copy that it does not begin is the article's."""
    page = _page([*ARTICLE[:3], SHORT, "Photo: Jane Smith", *ARTICLE[3:]])
    out = CLEANER.clean(page, kind="text").splitlines()
    assert all(line in out for line in ARTICLE) and SHORT not in out
