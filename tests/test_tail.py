"""The tail layer: a comment form or a source link starts the footer below the article."""

from __future__ import annotations

import cleaner

BODY = [
    "The harbour board voted on Tuesday to rebuild the old pier before the summer season begins.",
    "Work will start in March, and the board expects the pier to reopen to walkers by late June.",
]


def _removed(text: str) -> dict[str, str]:
    return {r.text: r.rule for r in cleaner.clean_document(text, kind="text").removals}


def test_short_lines_under_a_comment_form_after_the_article_are_footer() -> None:
    text = "\n".join([*BODY, "Leave a Comment", "Related Posts", "Harbour News Home"]) + "\n"
    removed = _removed(text)
    assert removed["Leave a Comment"] == "comments.leave"
    assert removed["Related Posts"].endswith((".footer", ".menu", ".teaser", ".heading"))
    assert "Harbour News Home" in removed


def test_a_comment_link_above_the_article_starts_no_footer() -> None:
    # Near miss: 'Leave a comment' under the byline is a link in the header; the
    # article's subheading and list below it are not a footer.
    text = (
        "\n".join(
            [
                "Posted by Jane Smith",
                "Leave a comment",
                "What the board decided",
                *BODY,
                "The new pier will have:",
                "A wider deck for walkers",
                "Lights along the whole length",
            ]
        )
        + "\n"
    )
    out = cleaner.clean(text, kind="text")
    assert "Leave a comment" not in out
    for kept in ("What the board decided", "A wider deck for walkers", "Lights along the whole length", *BODY):
        assert kept in out
