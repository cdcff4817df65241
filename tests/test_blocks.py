"""One block per line in HTML mode: lists, code, tables, <br> breaks and forum posts, each block its own line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.blocks import page_words, split_blocks, split_line
from cleaner.html import html_to_text, parse

PROSE = (
    "Members of the finance committee said the plan would keep property taxes flat for a second "
    "year while adding two million dollars for bridge maintenance across the northern districts."
)


def words_of(body: str):
    root = parse(f"<html><body>{body}</body></html>")
    assert root is not None
    return page_words(root)


def marked(page) -> str:
    """The page's text with a "/" where each block starts."""
    return "".join(("/" if flag else "") + char for char, flag in zip(page.chars, page.starts, strict=True))


def article(body: str) -> str:
    return f"<html><head><title>Budget notes</title></head><body><article><p>{PROSE}</p>{body}</article></body></html>"


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- the page's words and where its blocks start


def test_block_elements_and_br_start_words_inline_elements_do_not() -> None:
    page = words_of("<p>one <b>two</b> th<i>ree</i></p><div>four<br>five <span>six</span></div>")
    assert marked(page) == "/onetwothree/four/fivesix"


def test_each_line_of_preformatted_text_starts_a_block() -> None:
    page = words_of("<pre>a = 1\n    b = 2\n\nc = a + b</pre>")
    assert marked(page) == "/a=1/b=2/c=a+b"


def test_a_table_row_starts_a_block_a_cell_edge_does_not_a_break_inside_a_cell_does() -> None:
    page = words_of(
        "<table><tr><td><div>Name</div></td><td><p>Value</p></td></tr>"
        "<tr><td>Width</td><td>10 cm<br>folded</td></tr></table>"
    )
    assert marked(page) == "/NameValue/Width10cm/folded"


def test_scripts_and_styles_give_no_words_but_their_tails_do() -> None:
    page = words_of("<p>before<script>var x = 1;</script> after<style>p {}</style></p>")
    assert marked(page) == "/beforeafter"


# --- cutting a line


@pytest.mark.parametrize(
    ("body", "line", "pieces"),
    [
        pytest.param(
            "<ul><li>first item here</li><li>second item here</li></ul>",
            "first item here second item here",
            ["first item here", "second item here"],
            id="two list items on a line are cut apart",
        ),
        pytest.param(
            "<div><span>Open until July 31</span><div>Posted Jul 21, 2017</div></div>",
            "Open until July 31Posted Jul 21, 2017",
            ["Open until July 31", "Posted Jul 21, 2017"],
            id="two blocks run together without a space are cut apart",
        ),
        pytest.param(
            "<p>one long <a href='x'>linked</a> sentence in a single paragraph</p>",
            "one long linked sentence in a single paragraph",
            ["one long linked sentence in a single paragraph"],
            id="a line inside one block stays whole",
        ),
        pytest.param(
            "<ul><li>alpha beta</li><li>gamma delta</li></ul>",
            "- alpha beta - gamma delta",
            ["- alpha beta", "- gamma delta"],
            id="the extractor's marks go with the block they open",
        ),
        pytest.param(
            "<table><tr><td><div>Name</div></td><td><div>Value here</div></td></tr></table>",
            "| Name | Value here |",
            ["| Name | Value here |"],
            id="a table row stays one line",
        ),
        pytest.param(
            "<p>alpha beta</p><p>gamma delta</p>",
            "words the page does not hold at all",
            ["words the page does not hold at all"],
            id="words not on the page are never cut",
        ),
    ],
)
def test_a_line_is_cut_where_the_page_starts_a_block(body: str, line: str, pieces: list[str]) -> None:
    assert split_line(line, words_of(body))[0] == pieces


def test_a_repeated_passage_is_located_after_the_previous_line() -> None:
    # The same three words twice: once inside one paragraph, once across two blocks.
    page = words_of("<p>red green blue</p><p>middle words</p><p>red green</p><p>blue sky</p>")
    text = "red green blue\nmiddle words\nred green blue sky"
    assert split_blocks(text, page).split("\n") == ["red green blue", "middle words", "red green", "blue sky"]


def test_a_word_is_never_located_inside_a_longer_one() -> None:
    # "A" must not be taken for the start of the second heading's "ACTUARIAL".
    page = words_of("<h1>ACTUARIAL NOTES</h1><h2>ACTUARIAL NOTES</h2><p>A career in consulting is a long road</p>")
    text = "ACTUARIAL NOTES\nA career in consulting is a long road"
    assert split_blocks(text, page) == text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "-", "|", "x1", "y2"]), min_size=1, max_size=6),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.integers(min_value=0, max_value=30), max_size=4),
)
def test_cutting_changes_nothing_but_whitespace(blocks: list[list[str]], joins: list[int]) -> None:
    page = words_of("".join(f"<p>{' '.join(b)}</p>" for b in blocks))
    words = [w for b in blocks for w in b]
    line = " ".join(words)
    # (and a line with some of the page's words run together, which can never be cut there)
    for at in joins:
        if 0 < at < len(line) and line[at] == " ":
            line = line[:at] + line[at + 1 :]
    # Each piece is the next stretch of the line; between two, only the line's whitespace or nothing.
    at = 0
    for piece in split_blocks(line, page).split("\n"):
        assert line.startswith(piece, at)
        at += len(piece)
        while at < len(line) and line[at].isspace():
            at += 1
    assert at == len(line)


# --- HTML mode, end to end


def html_mode(html: str) -> str:
    return cleaner.clean(html, kind="html")


def test_list_items_each_start_a_line() -> None:
    text = html_mode(
        article(
            "<ul><li>first item text</li><li>second item text</li><li><p>third item</p><p>its second part</p></li></ul>"
        )
    )
    assert lines_of(text)[1:] == ["- first item text", "- second item text", "- third item", "its second part"]


def test_each_code_line_starts_a_line() -> None:
    code = 'def hello():\n    print("hi")\n    return 1'
    text = html_mode(article(f"<pre>{code}</pre><p>{PROSE}</p>"))
    assert lines_of(text)[1:4] == ["def hello():", 'print("hi")', "return 1"]


def test_each_table_row_is_a_line_and_a_break_in_a_cell_starts_one() -> None:
    table = (
        "<table><tr><th>Part</th><th>Size</th></tr><tr><td><div>Frame</div></td><td><div>52 cm</div></td></tr>"
        "<tr><td>Bag</td><td>10 litres<br>when folded</td></tr></table>"
    )
    rows = [line for line in lines_of(html_mode(article(table))) if "|" in line or "folded" in line]
    assert [r.replace(" ", "") for r in rows] == [
        "|Part|Size|",
        "|---|---|",
        "|Frame|52cm|",
        "|Bag|10litres",
        "whenfolded|",
    ]


def test_br_line_breaks_each_start_a_line() -> None:
    text = html_mode(article("<p>line one of the address<br>line two of the address<br>line three</p>"))
    assert lines_of(text)[1:] == ["line one of the address", "line two of the address", "line three"]


def _post(n: int) -> str:
    return (
        f"<article class='post'><div class='author'><div>member{n}</div><div>Posted May {n}, 2024</div></div>"
        f"<div class='content'><p>Reply number {n} says the budget plan looks sensible to me.</p>"
        "<blockquote><p>Quoted text from an earlier reply in this thread.</p></blockquote>"
        f"<p>A second paragraph from member {n} with further thoughts.</p></div></article>"
    )


THREAD = (
    "<html><head><title>A thread</title></head><body>"
    f"<div id='comments'>{''.join(_post(n) for n in (1, 2, 3))}</div></body></html>"
)


def test_forum_posts_in_nested_containers_keep_their_blocks_apart() -> None:
    # trafilatura takes each <article> here as one flattened paragraph (its baseline rescue):
    # without the cut, a post and its quote and signature come out as one line.
    text = cleaner.clean(THREAD, kind="html", config=cleaner.Config(page_type="forum"))
    lines = lines_of(text)
    for n in (1, 2, 3):
        assert f"member{n}" in lines
        assert f"Posted May {n}, 2024" in lines
        assert f"Reply number {n} says the budget plan looks sensible to me." in lines
        assert f"A second paragraph from member {n} with further thoughts." in lines
    assert "Quoted text from an earlier reply in this thread." in lines
    assert max(len(line.split()) for line in lines) == 11  # the longest paragraph


def test_the_thread_is_run_together_by_the_extractor_alone() -> None:
    """The page above does exercise the cut: as extracted, before it, a post is one line."""
    text = html_to_text(THREAD, page_type="forum").text
    assert max(len(line.split()) for line in text.split("\n")) > 20


def _thread_with(extra: str) -> str:
    """THREAD with ``extra`` (a block) inside the second post, between its two paragraphs."""
    second = _post(2)
    inside = second.replace("</p><blockquote>", f"</p>{extra}<blockquote>")
    assert inside != second
    return THREAD.replace(second, inside)


def test_noise_inside_a_run_together_post_goes_when_the_post_is_cut() -> None:
    """Cut apart, the post shows a "Sponsored" label that the line rules remove; the cut is taken and the label goes,
    recorded as a cut of the extracted line that held it, and the output still cleans to itself."""
    page = _thread_with("<div>Sponsored</div>")
    assert "Sponsored" in html_to_text(page, page_type="forum").text  # run together with the post's words
    config = cleaner.Config(page_type="forum")
    result = cleaner.clean_document(page, kind="html", config=config)
    lines = lines_of(result.text)
    assert "Sponsored" not in result.text
    assert "Reply number 2 says the budget plan looks sensible to me." in lines
    assert "Posted May 2, 2024" in lines
    label = [r for r in result.removals if r.text == "Sponsored"]
    assert [(r.layer, r.rule) for r in label] == [("banner", "banner.advertisement")]
    assert label[0].start is not None  # a cut of the line, not the line
    assert cleaner.clean(result.text, kind="text") == result.text


def test_a_cut_that_a_shape_reading_layer_would_clean_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """When a removal in the cut text comes from a layer in BLOCK_CUT_REFUSED, the lines stay as extracted."""
    import cleaner.chain

    page = _thread_with("<div>Sponsored</div>")
    config = cleaner.Config(page_type="forum")
    monkeypatch.setattr(cleaner.chain, "BLOCK_CUT_REFUSED", cleaner.chain.BLOCK_CUT_REFUSED | {"banner"})
    result = cleaner.clean_document(page, kind="html", config=config)
    assert any("Sponsored" in line and len(line.split()) > 10 for line in lines_of(result.text))
    assert not [r for r in result.removals if r.text == "Sponsored"]
