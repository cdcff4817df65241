"""Lines removed by their place on the page are named by what they are (cleaner/layers/naming.py).

The naming step runs after the chain has settled which lines go: it may rename a
removal, never remove or keep a line. Each page here is a small whole-page dump:
a menu, the headline, the article, and page furniture whose lines match no
removal rule, so only their text and their neighbours can tell what they are.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Config
from cleaner.layers.base import Layer
from tests.golden_cases import cases
from tests.test_context import ARTICLE, HEADLINE, MENU

CLEANER = Cleaner()

# A tag list whose third entry has a headline's shape.
TAGS = ["Topics", "Business", "General news", "Places in this Story", "United Kingdom", "London"]
LINKS = [
    "Lifeboat crew honoured for winter rescue off the point",
    "New fish market opens its doors to the public on the quay",
    "Council approves funding for a second slipway at the marina",
]
FOOTER = ["Contact the newsroom", "Harbour Gazette", "Published by Coastal Media Limited"]


def _page(above: list[str] = (), below: list[str] = (), links: list[str] = LINKS) -> str:
    lines = [
        f"{HEADLINE} | Harbour Gazette",
        *MENU,
        *above,
        "News",
        HEADLINE,
        "March 14, 2024",
        *ARTICLE,
        *links,
        *below,
        *FOOTER,
    ]
    return "\n".join(lines) + "\n"


def _named(text: str, cleaner: Cleaner = CLEANER) -> dict[str, tuple[str, str]]:
    """Removed line text -> (rule, category)."""
    result = cleaner.clean_document(text, kind="text")
    assert HEADLINE in result.text and ARTICLE[-1] in result.text  # the article itself stays
    return {r.text: (r.rule, r.category) for r in result.removals if r.start is None}


def test_menu_entry_shaped_like_a_headline_is_named_like_the_menu() -> None:
    named = _named(_page(below=TAGS, links=[]))
    assert named["Places in this Story"] == ("context.in-list", "navigation")
    assert named["United Kingdom"][1] == "navigation"


def test_teasers_dates_and_questions_are_related() -> None:
    teasers = [
        "Lifeboat crew honoured for winter rescue off the point",
        "March 12, 2024",
        "Can the old fish market survive another winter on the quay?",
        "Harbour dredging plans on hold ...",
        "March 11, 2024",
        "Council approves funding for a second slipway at the marina",
    ]
    named = _named(_page(below=teasers))
    assert named["March 12, 2024"] == ("context.stamp", "related")
    assert named["Can the old fish market survive another winter on the quay?"] == ("context.question", "related")
    assert named["Harbour dredging plans on hold ..."] == ("context.cut-short", "related")
    assert named["March 11, 2024"][1] == "related"


def test_short_questions_and_cut_lines_are_not_taken_for_headlines() -> None:
    named = _named(_page(below=["Got a tip?", "Loading content ...", "Contact the newsroom"]))
    assert named["Got a tip?"][1] != "related"
    assert named["Loading content ..."][1] != "related"


def test_headline_under_a_breaking_news_label_is_the_banner() -> None:
    named = _named(_page(above=["BREAKING NEWS", "Burks scores 29 as Warriors end skid with win over Grizzlies"]))
    assert named["BREAKING NEWS"] == ("banner.breaking-label", "banner")
    # The context layer removed it: named by its rule, whose disabling keeps the line (the label's would not).
    assert named["Burks scores 29 as Warriors end skid with win over Grizzlies"] == ("context.teaser", "banner")


def test_the_rule_a_removal_names_is_the_one_whose_disabling_keeps_the_line() -> None:
    headline = "Burks scores 29 as Warriors end skid with win over Grizzlies"
    paywall = "Subscribe now to keep reading this story"
    page = _page(above=["BREAKING NEWS", headline], below=[paywall])
    removals = {r.text: r for r in CLEANER.clean_document(page, kind="text").removals}
    for line in (headline, paywall):
        rule = removals[line].rule
        assert line in Cleaner(Config(disable_rules={rule})).clean(page, kind="text").splitlines(), rule


def test_short_line_over_headlines_cut_short_heads_their_list() -> None:
    teasers = ["Around the harbour", *(f"Harbour board meets ferry company {n} …" for n in "ABC")]
    named = _named(_page(below=teasers))
    assert named["Around the harbour"] == ("context.list-heading", "related")


def test_comment_thread_lines_between_comments_are_comments() -> None:
    thread = [
        "3 responses to “Ferry timetable changes”",
        "harbourfan says:",
        "November 19, 2019 at 7:06 am",
        "Same again.",
        "islander says:",
        "November 19, 2019 at 7:19 am",
        "The board knew about those piles for years and did nothing until the storm made the decision for them.",
    ]
    named = _named(_page(below=thread))
    assert named["November 19, 2019 at 7:06 am"][1] == "comments"
    assert named["Same again."][1] == "comments"


def test_footer_under_a_comment_form_is_named_by_what_it_is() -> None:
    footer = [
        "Leave a Reply",
        "Name *",
        "Email *",
        "Post Comment",
        "Sports",
        "Rowing club wins the regatta for the third year",
        "Privacy Policy",
        "Weather",
    ]
    named = _named(_page(below=footer))
    assert named["Post Comment"][1] == "comments"  # the form's own line, by its rule
    assert named["Rowing club wins the regatta for the third year"] == ("tail.teaser", "related")
    assert named["Privacy Policy"] == ("boilerplate.legal-links", "boilerplate")  # another layer's rule
    assert named["Weather"] == ("tail.menu", "navigation")


def test_a_disabled_category_is_not_given_by_naming() -> None:
    cleaner = Cleaner(Config(disable_rules={"context.in-list"}))
    named = _named(_page(below=TAGS, links=[]), cleaner)
    assert named["Places in this Story"] == ("context.teaser", "related")


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_naming_changes_no_output(case, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every layer's naming step turned off, each golden input comes out the same."""
    named = CLEANER.clean_document(case.input.read_bytes(), kind=case.kind)
    monkeypatch.setattr(Layer, "finish", lambda self, doc: None)
    for cls in {type(layer) for layer in CLEANER.layers}:
        monkeypatch.setattr(cls, "finish", lambda self, doc: None)
    plain = Cleaner().clean_document(case.input.read_bytes(), kind=case.kind)
    assert named.text == plain.text
    assert [(r.line, r.text, r.layer) for r in named.removals] == [(r.line, r.text, r.layer) for r in plain.removals]


def test_page_title_line_is_site_metadata() -> None:
    named = _named(_page())
    assert named[f"{HEADLINE} | Harbour Gazette"] == ("context.page-title", "boilerplate")


def test_share_rows_and_blurbs_under_a_related_heading() -> None:
    blurbs = [
        "The lifeboat crew were honoured at a ceremony in the town hall for their rescue of two fishermen in January.",
        "The new fish market on the quay opened its doors to the public on Saturday after two years of building work.",
    ]
    below = ["You may also like", "Whatsapp Facebook Pint Email", blurbs[0], "Whatsapp Facebook Pint Email", blurbs[1]]
    result = CLEANER.clean_document(_page(below=[*below, "Topics", "Harbour"]), kind="text")
    named = [(r.text, r.rule, r.category) for r in result.removals if r.text in below]
    assert named == [
        ("You may also like", "related.heading", "related"),
        ("Whatsapp Facebook Pint Email", "promo.share-bar", "promo"),  # an item of the block, named by the rule
        (blurbs[0], "context.outside", "related"),  # the context layer's removal, named by the block above
        ("Whatsapp Facebook Pint Email", "promo.share-bar", "promo"),
        (blurbs[1], "context.outside", "related"),
    ]


def test_post_categories_named_by_the_menu() -> None:
    named = _named(_page(below=["Harbour, Island Ferry Services"]))
    assert named["Harbour, Island Ferry Services"] == ("context.sections", "navigation")


def test_call_to_action_in_a_menu_is_navigation() -> None:
    named = _named(_page(above=["Place a Legal Notice"]))
    assert named["Place a Legal Notice"] == ("navigation.action-link", "navigation")


@pytest.mark.parametrize(
    ("heading", "copy_rule"),
    [
        ([], "context.copy"),
        # Under a related heading, the related layer takes the copy first (a teaser's title as a question).
        (["Recent Posts"], "related.heading.item"),
    ],
)
def test_prose_past_the_comments_that_repeats_a_teaser_is_the_teaser(heading: list[str], copy_rule: str) -> None:
    question = "Why did the harbour board wait so long before it closed the north pier to ferries?"
    comment = "I have taken that ferry every week for twenty years and the pier has always been in a poor state."
    below = [question, "2 responses to “Ferry timetable changes”", "islander says:", comment, *heading, question]
    result = CLEANER.clean_document(_page(below=below), kind="text")
    named = [(r.rule, r.category) for r in result.removals if r.text in (question, comment)]
    assert named == [("context.question", "related"), ("comments.thread", "comments"), (copy_rule, "related")]


def test_breadcrumb_glued_into_one_line_ends_with_the_title() -> None:
    named = _named(_page(above=[f"HomeHarbour News{HEADLINE}", f"Home Harbour {HEADLINE}"]))
    assert named[f"HomeHarbour News{HEADLINE}"] == ("context.breadcrumb", "navigation")
    assert named[f"Home Harbour {HEADLINE}"] == ("context.breadcrumb", "navigation")


def test_clean_skips_naming_and_returns_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """clean() returns only the text, so it does not name the removals; the text is clean_document's."""
    page = _page(below=TAGS)
    calls = []
    monkeypatch.setattr(Layer, "finish", lambda self, doc: calls.append(self.name))
    for cls in {type(layer) for layer in CLEANER.layers}:
        monkeypatch.setattr(cls, "finish", lambda self, doc: calls.append(self.name))
    text = CLEANER.clean(page, kind="text")
    assert calls == []
    assert text == CLEANER.clean_document(page, kind="text").text
    assert calls  # clean_document names


def test_site_links_are_navigation_and_legal_links_boilerplate() -> None:
    """golden/README.md's convention: the site's own pages in a menu are navigation; legal links
    (and a list that holds one) are boilerplate, wherever the menu sits."""
    expected = {
        "About": ("context.menu", "navigation"),
        "Contact Us": ("navigation.site-links", "navigation"),
        "Advertise": ("navigation.site-links", "navigation"),
        "Disclaimer": ("boilerplate.legal-link", "boilerplate"),
        "Privacy Policy and Terms of Use": ("boilerplate.legal-link", "boilerplate"),
        "Contact Us | Privacy Policy": ("boilerplate.legal-links", "boilerplate"),
    }
    named = _named(_page(below=list(expected)))
    assert {text: named[text] for text in expected} == expected


def test_a_sign_is_not_a_word_of_a_menu_entry() -> None:
    """'Arts & Culture Jobs' has three words: a menu entry, not a teaser's headline."""
    named = _named(_page(above=["Arts & Culture Jobs"]))
    assert named["Arts & Culture Jobs"] == ("context.menu", "navigation")
    named = _named(_page(above=["Arts and Culture Jobs"]))
    assert named["Arts and Culture Jobs"] == ("context.teaser", "related")


def test_a_bare_count_is_named_by_its_widget() -> None:
    """A share count by its buttons is promo; a view count over its label is the label's; a count
    under a removed line with a rule's name belongs to that widget (a comment's like counters)."""
    above = ["2.289", "letture", "Facebook", "0", "Twitter"]
    below = ["Reply", "Report", "0", "0"]
    result = CLEANER.clean_document(_page(above=above, below=below), kind="text")
    named = [(r.text, r.rule, r.category) for r in result.removals if r.text in ("2.289", "letture", "0")]
    assert named == [
        ("2.289", "context.count", "boilerplate"),
        ("letture", "boilerplate.view-count", "boilerplate"),
        ("0", "context.count", "promo"),
        ("0", "context.count", "comments"),
        ("0", "context.count", "comments"),
    ]


def test_page_numbers_stay_the_menu_they_make() -> None:
    """Pagination: numbers next to numbers only, with no widget to belong to, stay navigation."""
    named = _named(_page(below=["1", "2", "3"]))
    assert named["1"] == named["2"] == named["3"] == ("context.menu", "navigation")


def test_the_title_under_a_next_post_label_is_its_link() -> None:
    """'next post' and the title it links: a previous/next link (navigation), not a teaser; under a
    gallery's two arrows ('Previous Next') a headline is a teaser again."""
    below = ["previous post", LINKS[0], "next post", LINKS[1], "Previous Next", LINKS[2]]
    named = _named(_page(below=below, links=[]))
    assert named[LINKS[0]] == named[LINKS[1]] == ("context.prev-next-title", "navigation")
    assert named[LINKS[2]] == ("context.teaser", "related")


def test_paywall_notice_legal_footer_and_copyright_line_are_named_what_they_are() -> None:
    """A paywall notice and a legal footer under a related list were named related, '© Stadtanzeiger
    2025' caption (a photo credit); the near-misses of each rule are in tests/rule_examples.toml."""
    article = [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für die Dauer der Reparaturen zu schließen, "
        "teilte die Stadt mit.",
        "Die Arbeiten werden sechs Monate dauern und die Stadt rund zwei Millionen Euro kosten, heißt es im "
        "Haushaltsplan der Verwaltung.",
        "Anwohner können den Fluss bis dahin über die neue Brücke zwei Kilometer flussabwärts überqueren, sagte "
        "der Bürgermeister am Abend.",
    ]
    for notice, footer, named_as in [
        (
            "Lesen Sie jetzt weiter mit Stadtanzeiger Plus",
            "Impressum Datenschutz Nutzungsbedingungen Kontakt",
            "boilerplate",
        ),
        ("Dieser Artikel ist exklusiv für Abonnenten", "© Stadtanzeiger 2025", "boilerplate"),
        ("Subscribe now to keep reading this story", "© Stadtanzeiger 2025", "boilerplate"),
    ]:
        lines = ["Brücke wird gesperrt | Stadtanzeiger", "Home", "Lokales", "Sport", "Kultur", "Brücke wird gesperrt"]
        lines += article
        lines += [notice, "Weitere Artikel", "Feuer in der alten Mühle", "Schulen öffnen nach den Ferien", footer]
        result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
        assert all(line in result.text for line in article)
        categories = {r.text: r.category for r in result.removals}
        assert categories[notice] == "promo"
        assert categories[footer] == named_as
