"""HTML prune rules as data: (category, rule id, XPath), kept apart from the logic in html.py.

Every rule is a general web convention (element names, ARIA roles, class and
id words that page templates use for page furniture), never a site's own
class name. Class and id words are matched as whole words: the attribute is
split on spaces, ``-`` and ``_`` (and camelCase is not split), so ``comments``
hits ``comments-area`` and ``post_comments`` but not ``commentary``, and
``share`` hits ``share-buttons`` but not ``shared-content``.

Order matters: a node is recorded under the first rule that matches it, and
nodes inside an already pruned node are not listed again.
"""

from __future__ import annotations

# A class or id "word" test, done with an EXSLT regex on the two attributes
# joined by spaces, lower-cased first. {words} is a regex alternation.
_WORD = (
    "re:test(concat(' ', translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' ', "
    "translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' '), "
    "'[\\s_-](?:{words})[\\s_-]')"
)

# Containers that may be pruned by a class/id word: block furniture, not the
# document, its body, or the page's main/article element.
_BLOCK = "self::div or self::section or self::aside or self::ul or self::ol or self::nav or self::p or self::span"


def word_rule(tags: str, words: str) -> str:
    """XPath for elements of ``tags`` (an XPath boolean on self::) whose class or id has one of ``words``."""
    return f"//*[({tags}) and {_WORD.format(words=words)}]"


PRUNE: tuple[tuple[str, str, str], ...] = (
    # Never text: code, styles, templates, and embedded players or frames.
    ("script", "html.script", "//script|//style|//noscript|//template"),
    ("embed", "html.embed", "//iframe|//object|//embed|//video|//audio"),
    # Hidden by the page itself: the reader never sees it.
    (
        "boilerplate",
        "html.hidden",
        "//*[@hidden or @aria-hidden='true' or re:test(@style, 'display\\s*:\\s*none|visibility\\s*:\\s*hidden', 'i')]",
    ),
    # Reader comments: the section and its form.
    (
        "comments",
        "html.comments",
        word_rule(
            _BLOCK + " or self::form",
            "comments|comment-list|commentlist|comment-section|comments-area|comment-respond|respond|disqus",
        ),
    ),
    # Figure captions and photo credits.
    ("caption", "html.figcaption", "//figcaption"),
    ("caption", "html.caption-class", word_rule(_BLOCK, "caption|wp-caption-text|credit|credits|photo-credit")),
    # Share, social, newsletter and subscription widgets.
    (
        "promo",
        "html.promo",
        word_rule(
            _BLOCK,
            "share|sharing|sharebar|social|socials|newsletter|newsletters|subscribe|subscription|signup|"
            "sign-up|promo|promotion|follow-us",
        ),
    ),
    # Teasers for other articles.
    (
        "related",
        "html.related",
        word_rule(
            _BLOCK,
            "related|recommended|recommendations|more-stories|most-popular|most-read|popular-posts|"
            "read-next|you-may-like|trending|outbrain|taboola",
        ),
    ),
    # Advertising slots.
    ("banner", "html.ad", word_rule(_BLOCK, "ad|ads|advert|adverts|advertisement|advertising|adslot|dfp|sponsored")),
    # Site navigation: menus, breadcrumbs, pagination, tag lists.
    ("navigation", "html.nav", "//nav|//*[@role='navigation']|//*[@role='menu']|//*[@role='menubar']"),
    (
        "navigation",
        "html.nav-class",
        word_rule(_BLOCK, "breadcrumb|breadcrumbs|pagination|pager|post-navigation|tag-list"),
    ),
    # Other page furniture: forms, site header/footer landmarks, sidebars.
    ("boilerplate", "html.form", "//form|//button|//select|//textarea|//input"),
    (
        "boilerplate",
        "html.landmark",
        "//*[@role='complementary' or @role='contentinfo' or @role='banner' or @role='search']",
    ),
    ("boilerplate", "html.aside", "//aside"),
    ("boilerplate", "html.footer", "//footer"),
)

# Blocks made only of links: a paragraph or list item whose words are (nearly)
# all link text is a teaser for another page ("Read more: ...", lists of
# headlines), not the article's own prose. Prose with a link in it is kept.
# (category, rule id, XPath of candidates, minimum words, minimum share of link text)
LINK_BLOCK: tuple[str, str, str, int, float] = ("related", "html.link-block", "//p[.//a]|//li[.//a]", 3, 0.8)
