"""Page-type detection on small hand-made pages, and what a kind keeps (cleaner/pagetype.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.config import Config, ConfigError
from cleaner.html import parse
from cleaner.pagetype import detect

PROSE = (
    "The committee met on Tuesday to discuss the proposal, and after a long debate the members agreed "
    "that the plan needed more work before it could be put to a vote in the spring."
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>A page</title>{head}</head><body>{body}</body></html>"


def _ld(kind: str) -> str:
    return f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "{kind}"}}</script>'


def _cards(n: int, price: bool) -> str:
    cards = "".join(
        f'<div class="card"><a href="/item/{i}"><img src="/i{i}.jpg"><h3>Item number {i} with a name</h3></a>'
        + (f"<span>${10 + i}.99</span>" if price else f"<p>Posted {i} days ago in Remote jobs, full time</p>")
        + "</div>"
        for i in range(n)
    )
    return f'<div class="grid">{cards}</div>'


PAGES = {
    "article": _page(
        f"<article><h1>Budget plan delayed</h1><p>{PROSE}</p><p>{PROSE}</p></article>", _ld("NewsArticle")
    ),
    "forum": _page(
        "".join(f'<div class="post"><p>Reply {i}: {PROSE}</p></div>' for i in range(4)),
        _ld("DiscussionForumPosting"),
    ),
    "product": _page(
        f"<h1>Trail shoe</h1><p>{PROSE}</p><span>$89.99</span>",
        _ld("Product") + '<meta property="og:type" content="product">',
    ),
    "collection": _page("<h1>Running shoes</h1>" + _cards(8, price=True)),
    "listing": _page("<h1>Remote jobs</h1>" + _cards(8, price=False)),
    "documentation": _page(
        "<h1>Install</h1><p>Run the installer.</p><pre><code>pip install thing</code></pre>"
        "<p>Then import it.</p><pre><code>import thing</code></pre>"
    ),
    "service": _page("".join(f"<section><h2>What we do {i}</h2><p>{PROSE}</p></section>" for i in range(6))),
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_each_kind_is_detected(kind: str) -> None:
    root = parse(PAGES[kind])
    assert root is not None
    assert detect(root).kind == kind


def test_plain_page_is_an_article() -> None:
    root = parse(_page(f"<div><p>{PROSE}</p></div>"))
    assert root is not None
    assert detect(root).kind == "article"


def test_result_carries_the_page_type_and_a_forced_one_wins() -> None:
    assert Cleaner().clean_document(PAGES["forum"], kind="html").page_type == "forum"
    forced = Cleaner(Config(page_type="article")).clean_document(PAGES["forum"], kind="html")
    assert forced.page_type == "article"
    assert Cleaner().clean_document("plain text, no markup", kind="text").page_type is None


def test_unknown_page_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="page type"):
        Config(page_type="blog")
    assert Config.from_dict({"page_type": "forum"}).page_type == "forum"


REPLIES = [
    "Check the derailleur hanger alignment first, a bent hanger is the usual cause of a chain slipping there.",
    "Mine did the same until I replaced the worn cassette, the chain alone did not fix the skipping at all.",
    "A stretched chain skips under load on the small cogs, measure it with a checker before buying parts.",
]


def _thread(head: str, first: str) -> str:
    replies = "".join(f'<div class="comment"><p>{r}</p></div>' for r in REPLIES)
    return _page(f'<div class="main"><p>{first}</p><p>{PROSE}</p></div><div class="comments">{replies}</div>', head)


def test_forum_replies_survive() -> None:
    html = _thread(_ld("DiscussionForumPosting"), "My chain keeps slipping on the rear cassette when I climb hills.")
    result = Cleaner().clean_document(html, kind="html")
    assert result.page_type == "forum"
    for reply in REPLIES:
        assert reply in result.text


def test_article_comment_section_still_goes() -> None:
    html = _thread(_ld("NewsArticle"), "The city council approved the new cycling budget on Monday night.")
    result = Cleaner().clean_document(html, kind="html")
    assert result.page_type == "article"
    assert PROSE in result.text
    for reply in REPLIES:
        assert reply not in result.text
    gone = [r for r in result.removals if r.category == "comments"]
    assert len(gone) == len(REPLIES)


QUESTION = (
    "My chain keeps slipping on the rear cassette whenever I climb the steep hill behind our house in the morning."
)


def _quoted(head: str) -> str:
    """A thread whose two replies each print the question again above their own words."""
    posts = [f"<p>{QUESTION}</p>", *(f"<p>{QUESTION}<br>{r}</p>" for r in REPLIES[:2])]
    body = "".join(f'<div class="post">{p}</div>' for p in posts)
    return _page(f"<h1>Chain slipping on climbs</h1>{body}", head)


def test_a_forums_quoted_post_is_printed_once() -> None:
    """On a page read as a forum a paragraph printed again and again is a post quoted in the
    replies: its copies go as duplicates (layers/duplicate.py), as in a text thread. The HTML
    kind now hands the page's kind to the text layers (WCXB dev HTML forum F1 0.723 -> 0.730)."""
    result = Cleaner().clean_document(_quoted(_ld("DiscussionForumPosting")), kind="html")
    assert result.page_type == "forum"
    assert result.text.count(QUESTION) == 1
    assert all(reply in result.text for reply in REPLIES[:2])
    assert [r.rule for r in result.removals if r.category == "duplicate"] == ["duplicate.exact"] * 2


def test_an_articles_thrice_printed_paragraph_is_its_structure() -> None:
    """Near miss: on a page read as an article a paragraph printed three times is how the text
    is built (the question put to each guest), and every copy stays."""
    result = Cleaner().clean_document(_quoted(_ld("NewsArticle")), kind="html")
    assert result.page_type == "article"
    assert result.text.count(QUESTION) == 3


def test_cli_page_type_option_explain_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    src = tmp_path / "thread.html"
    src.write_text(PAGES["forum"], encoding="utf-8")
    report = tmp_path / "r.json"
    assert main([str(src), "-o", str(tmp_path / "out.txt"), "--explain", "--report", str(report), "-q"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert ["page-type", "forum"] in [f[2:4] for f in lines]
    assert json.loads(report.read_text())["inputs"][0]["page_type"] == "forum"
    assert main([str(src), "-o", str(tmp_path / "out.txt"), "--page-type", "article", "--report", str(report)]) == 0
    assert json.loads(report.read_text())["inputs"][0]["page_type"] == "article"


def test_cli_explains_a_text_thread_and_its_page_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text input read as a forum thread: --explain names the kind and the layer that told it, and
    --page-type article makes it an article again (its replies go)."""
    from tests.test_context import POSTS, _thread

    src = tmp_path / "thread.txt"
    src.write_text(_thread(), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main([str(src), "-o", str(out), "--explain", "-q"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert ["page-type", "forum", "context"] in [f[2:5] for f in lines]
    reply = POSTS[1][1][0]
    assert reply in out.read_text(encoding="utf-8").splitlines()
    assert main([str(src), "-o", str(out), "--page-type", "article", "-q"]) == 0
    assert reply not in out.read_text(encoding="utf-8").splitlines()
