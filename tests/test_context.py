"""The context layer keeps an article's short real lines and drops the page around it.

Each document is a small whole-page dump as a naive HTML-to-text pass writes it:
the <title> first, a menu, the headline block, the article, then a list of
links and a footer. The menu, link and footer lines here match no pattern rule
on purpose, so only their place and shape can tell them from the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Config, clean
from cleaner.layers.context import ContextLayer, _best_from, _max_segment
from cleaner.layers.context.run import sign_off
from cleaner.model import Document

CLEANER = Cleaner()

MENU = ["Harbour Gazette", "Local", "Harbour", "Weather", "Schools", "Opinion", "Obituaries"]
HEADLINE = "Ferry timetable changes after storm damage to the north pier"
DATELINE = "March 14, 2024"
ARTICLE = [
    "The ferry between Port Ellen and the island will run a reduced timetable for at least three weeks, "
    "the harbour board said on Thursday, after last weekend's storm tore away part of the north pier.",
    "Engineers who inspected the pier on Monday found that two of the timber piles under the landing stage "
    "had split, and the board decided that the larger vessel could not berth there until they are replaced.",
    "What changes for passengers",  # a subheading
    "Sailings will leave from the south slipway instead, which adds about ten minutes to each crossing, "
    "and the first morning departure moves from seven o'clock to half past seven for the whole period.",
    "“We would rather lose a sailing than lose a pier,” the harbour master said.",  # a one-line quote
    "Passengers with vehicles are asked to book in advance, because the smaller vessel carries only twelve "
    "cars, and the board has promised to refund tickets for any sailing that is cancelled at short notice.",
    "The repair is expected to cost around two hundred thousand pounds, and the board says it will ask the "
    "council to share the bill, as it did when the same pier was damaged by a winter storm six years ago.",
]
LINKS = [
    "Lifeboat crew honoured for winter rescue off the point",
    "New fish market opens its doors to the public on the quay",
    "Harbour dredging plans put on hold until next summer",
    "Council approves funding for a second slipway at the marina",
]
FOOTER = [
    "Contact the newsroom",
    "Harbour Gazette",
    "Published by Coastal Media Limited, registered in Scotland, company number 123456, "
    "whose offices are at 4 Quay Street, Port Ellen, and whose editors are members of the press standards body.",
]


def _page(article: list[str] = ARTICLE) -> str:
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "News", HEADLINE, DATELINE, *article, *LINKS, *FOOTER]
    return "\n".join(lines) + "\n"


def _removed(text: str) -> dict[str, tuple[str, str]]:
    """Removed line text -> (layer, category)."""
    result = CLEANER.clean_document(text, kind="text")
    return {r.text: (r.layer, r.category) for r in result.removals if r.start is None}


def test_article_kept_whole_with_its_short_lines() -> None:
    out = CLEANER.clean(_page(), kind="text").splitlines()
    for line in ARTICLE:
        assert line in out
    # The short lines survive because of where they stand, not their shape.
    assert "What changes for passengers" in out
    assert "“We would rather lose a sailing than lose a pier,” the harbour master said." in out
    assert out.index(HEADLINE) < out.index(DATELINE) < out.index(ARTICLE[0])


def test_menu_links_and_footer_dropped_by_context() -> None:
    removed = _removed(_page())
    for line in MENU[1:]:
        assert removed[line] == ("context", "navigation"), line
    for line in LINKS:
        assert removed[line] == ("context", "related"), line
    assert removed[FOOTER[2]] == ("context", "boilerplate")
    assert FOOTER[0] in removed and FOOTER[1] in removed


def test_link_list_under_a_header_is_related() -> None:
    page = _page().replace(LINKS[0], f"More from the Harbour\n{LINKS[0]}")
    removed = _removed(page)
    assert all(removed[line][1] == "related" for line in LINKS)


def test_same_short_lines_are_dropped_outside_the_article() -> None:
    """A subheading-shaped line in the menu area is a menu label, not a subheading."""
    page = _page().replace("Obituaries\n", "What changes for passengers\n", 1)
    result = CLEANER.clean_document(page, kind="text")
    first = next(r for r in result.removals if r.text == "What changes for passengers")
    assert first.layer == "context" and first.line == 8
    assert result.text.count("What changes for passengers") == 1  # the subheading stays


def test_clean_article_passes_untouched() -> None:
    text = "\n".join([HEADLINE, DATELINE, *ARTICLE]) + "\n"
    assert CLEANER.clean(text, kind="text") == text


def test_short_article_under_the_title_beats_a_longer_footer() -> None:
    """Two paragraphs under the headline win over a longer text at the foot of the page."""
    about = [
        "The Harbour Gazette has served the towns and villages of the coast since 1887, and its reporters "
        "cover the council, the courts, the schools and the harbour on every day of the week, in print and online.",
        "Our journalists follow the code of practice of the press standards body, and we correct our mistakes "
        "as soon as we find them; if you think that we have got something wrong, please write to the editor.",
    ]
    more_links = [f"{link}, and what it means for the {n} villages" for n in ("north", "south") for link in LINKS]
    page = _page(ARTICLE[:2]).replace(FOOTER[0], "\n".join([*more_links, FOOTER[0], *about]))
    out = CLEANER.clean(page, kind="text")
    assert ARTICLE[0] in out and ARTICLE[1] in out
    assert about[0] not in out and about[1] not in out


@pytest.mark.parametrize("disabled", [True, False])
def test_disabling_the_layer_keeps_the_page(disabled: bool) -> None:
    cleaner = Cleaner(Config(disable_layers={"context"})) if disabled else CLEANER
    out = cleaner.clean(_page(), kind="text")
    assert ("Weather" in out.splitlines()) is disabled


def test_max_segment_and_best_from() -> None:
    weights = [-2.0, 5.0, -1.0, 4.0, -40.0, 30.0, -1.0]
    assert _max_segment(weights) == (5, 5, 30.0)
    # The best run starting at 1 or 2 stops before the heavy negative line...
    assert _best_from(weights, 1, 3) == (1, 3, 8.0)
    # ...and crosses it when what lies beyond pays for it.
    assert _best_from([5.0, -10.0, 30.0], 0, 1) == (0, 2, 25.0)


def test_layer_shapes_tell_prose_from_menu() -> None:
    layer = next(x for x in CLEANER.layers if isinstance(x, ContextLayer))
    doc = Document(_page())
    shapes = layer.shapes([ln.stripped for ln in doc.lines])
    by_text = dict(zip((ln.stripped for ln in doc.lines), shapes, strict=True))
    assert by_text[ARTICLE[0]].prose
    assert not by_text["Weather"].prose
    assert not by_text[LINKS[1]].prose
    assert by_text[DATELINE].dated


TEASERS = [
    "Lifeboat crew honoured for winter rescue off the point. The volunteers who brought three fishermen "
    "home through a force nine gale in January were given the institution's bronze medal on Saturday.",
    "New fish market opens its doors on the quay. The market, which replaces the sheds that burned down "
    "two years ago, will sell to the public on Friday and Saturday mornings from the start of next month.",
    "Harbour dredging plans put on hold until next summer. The board said that the contractor could not "
    "bring its dredger north before the spring, and that the work would now start after the tourist season.",
]


def test_teaser_blurbs_above_the_repeated_headline_are_dropped() -> None:
    """Other stories' blurbs read as prose; the article starts under the line that repeats the <title>."""
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "Top stories", *TEASERS, "Sport", "Business"]
    page = "\n".join([*lines, HEADLINE, DATELINE, *ARTICLE, *FOOTER]) + "\n"
    out = CLEANER.clean(page, kind="text")
    assert all(t not in out for t in TEASERS)
    assert all(line in out for line in [HEADLINE, DATELINE, *ARTICLE])


def test_subheading_that_partly_repeats_the_title_does_not_cut_the_article() -> None:
    """Near miss: a subheading sharing most of the title's words, under the article's first paragraphs."""
    sub = "Timetable changes after the storm damage to the pier"
    article = [*ARTICLE[:2], sub, *ARTICLE[3:]]
    page = "\n".join([f"{HEADLINE} | Harbour Gazette", *MENU, *article, *LINKS, *FOOTER]) + "\n"
    out = CLEANER.clean(page, kind="text")
    assert all(line in out for line in article)


def test_indonesian_function_words_tell_prose_from_a_long_tag_line() -> None:
    """With id.toml's function words, a 20-word tag line is not prose; without them it would be."""
    layer = next(x for x in CLEANER.layers if isinstance(x, ContextLayer))
    prose = [
        "Pemerintah daerah akan membangun jembatan baru di atas sungai itu karena jembatan yang lama sudah "
        "rusak akibat banjir pada bulan lalu.",
        "Menurut kepala dinas, pekerjaan tersebut dapat selesai dalam waktu enam bulan jika cuaca tidak "
        "menghambat para pekerja di lapangan.",
    ]
    tags = (
        "Berita Terkini Politik Ekonomi Olahraga Hiburan Teknologi Otomotif Kesehatan Gaya Hidup Wisata "
        "Kuliner Pendidikan Nasional Internasional Daerah Opini Foto Video Indeks"
    )
    shapes = layer.shapes([*prose, tags])
    assert shapes[0].prose and shapes[1].prose
    assert not shapes[2].prose
    # Near miss: read as a language we have no function words for, the tag line's length makes it prose.
    assert layer.shapes([*prose, tags], shape_only=True)[2].prose


FIXTURES = [
    f"Round {n}: {day} May at {ground}"
    for n, day, ground in [
        (1, 4, "Mill Lane against the Quay Rovers"),
        (2, 11, "the Point against the Lighthouse club"),
        (3, 18, "Mill Lane against the Fishermen's eleven"),
        (4, 25, "the Marina against the Harbour Town side"),
        (5, 31, "Mill Lane against the North Pier club"),
        (6, 7, "the Point against the Island Wanderers"),
    ]
]


def _fixtures_page(lead: list[str]) -> str:
    """A list page: the headline, then the fixtures, and a longer text in the footer."""
    title = "Harbour cricket league fixtures for the new season"
    about = [
        "The Harbour Gazette has served the towns and villages of the coast since 1887, and its reporters "
        "cover the council, the courts, the schools and the harbour on every day of the week, in print and online.",
        "Our journalists follow the code of practice of the press standards body, and we correct our mistakes "
        "as soon as we find them; if you think that we have got something wrong, please write to the editor.",
    ]
    lines = [f"{title} | Harbour Gazette", *MENU, title, DATELINE, *lead, *FIXTURES, *LINKS, *FOOTER[:2], *about]
    return "\n".join(lines) + "\n"


def test_list_under_the_headline_is_the_article() -> None:
    """Items that open alike ('Round 3:') under the headline weigh for the article, over a footer text."""
    out = CLEANER.clean(_fixtures_page([]), kind="text")
    assert all(item in out for item in FIXTURES)
    assert "The Harbour Gazette has served" not in out


def test_list_after_a_lead_in_sentence_continues_the_article() -> None:
    lead = [
        "The league has published the dates of the first six rounds of the new season, and the clubs have agreed "
        "that every match will start at two o'clock in the afternoon unless the tide says otherwise. The rounds are:"
    ]
    out = CLEANER.clean(_fixtures_page(lead), kind="text")
    assert lead[0] in out and all(item in out for item in FIXTURES)


def test_numbered_teasers_after_a_label_do_not_weigh_for_the_article() -> None:
    """Near miss: 'Most read:' is a label, and '1. Lifeboat ...', '2. New ...' open with different words."""
    teasers = [f"{n}. {link}" for n, link in enumerate(LINKS * 2, 1)]
    page = _page().replace(LINKS[0], "\n".join(["Most read:", *teasers, LINKS[0]]))
    out = CLEANER.clean(page, kind="text")
    assert ARTICLE[-1] in out
    assert not any(t in out for t in teasers)


GIFTS = [
    "Lifeboat model kit with a working winch",
    "Tide clock in brass",
    "Sea shanty songbook for the whole family",
    "Harbour jigsaw puzzle of a thousand pieces",
    "Fisherman's wool jumper in navy blue",
    "Lighthouse night light for a child's room",
]


def _gift_page(lead: str, numbers: list[int]) -> tuple[str, list[str]]:
    """The article, then a lead-in line and gift items numbered by ``numbers``, each over its shop link."""
    items = [f"{n}) {gift}" for n, gift in zip(numbers, GIFTS, strict=True)]
    listed = [line for n, item in enumerate(items) for line in (item, f"http://shop.example/{n}")]
    page = _page([*ARTICLE, lead]).replace(LINKS[0], "\n".join([*listed, LINKS[0]]))
    return page, items


def test_numbered_list_after_a_lead_in_sentence_continues_the_article() -> None:
    """Items numbered 1, 2, 3, ... under a sentence ending in ':' are the article's list, though each
    opens with different words (a gift guide's products)."""
    lead = "Here are the gifts from the harbour shops that our readers liked best this winter:"
    page, items = _gift_page(lead, [1, 2, 3, 4, 5, 6])
    out = CLEANER.clean(page, kind="text")
    assert lead in out and all(item in out for item in items)
    assert LINKS[1] not in out


@pytest.mark.parametrize(
    ("lead", "numbers"),
    [
        # No lead-in sentence: the numbered teasers right after the article's last paragraph.
        ("The harbour board meets again next month to decide on the repair.", [1, 2, 3, 4, 5, 6]),
        # Numbers that do not count up in turn: ranks or prices, not a list's items.
        ("Here are the gifts from the harbour shops that our readers liked best this winter:", [1, 3, 2, 5, 4, 6]),
    ],
)
def test_numbered_lines_that_do_not_continue_the_article_are_teasers(lead: str, numbers: list[int]) -> None:
    page, items = _gift_page(lead, numbers)
    out = CLEANER.clean(page, kind="text")
    assert ARTICLE[-1] in out
    assert not any(item in out for item in items)


TEAMS = ["England", "Spain", "France", "Belgium", "Italy", "Croatia", "Austria", "Germany", "Poland", "Wales"]
TEAMS += ["Denmark", "Sweden", "Portugal", "Turkey"]
ORDINALS = ["Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "10th", "11th", "12th"]


def test_long_list_whose_items_end_alike_continues_the_article() -> None:
    """Items that end alike ('England (Group A): 10th appearance', 'Spain (Group F): Third appearance')
    under a subheading, right after the article's prose, are its list though they open differently."""
    items = [f"{team} (Group {'ABCDEFGHIJ'[n % 10]}): {ORDINALS[n % 11]} appearance" for n, team in enumerate(TEAMS)]
    page = _page([*ARTICLE, "Qualified teams", *items])
    out = CLEANER.clean(page, kind="text")
    assert all(item in out for item in items)
    assert LINKS[1] not in out


def test_a_few_teasers_that_end_alike_after_the_article_are_not_its_list() -> None:
    """Near miss: a short run of teasers that end in the same word ('... on video') is no list."""
    teasers = [f"{link} on video" for link in LINKS]
    page = _page().replace(LINKS[0], "\n".join([*teasers, LINKS[0]]))
    out = CLEANER.clean(page, kind="text")
    assert ARTICLE[-1] in out
    assert not any(t in out for t in teasers)


def test_repeated_openings_after_the_article_are_not_a_list_without_a_lead_in() -> None:
    """Near miss: items that open alike right after the article's last sentence ('Read: ...') are teasers."""
    teasers = [f"Read next from the harbour: {link}" for link in LINKS * 2]
    page = _page().replace(LINKS[0], "\n".join([*teasers, LINKS[0]]))
    out = CLEANER.clean(page, kind="text")
    assert ARTICLE[-1] in out
    assert not any(t in out for t in teasers)


def test_a_menu_entry_that_repeats_the_title_is_not_the_headline() -> None:
    """The first repeat of the <title> is a menu entry; the list sits under the second one."""
    page = _fixtures_page([]).replace("Schools", "League fixtures new season")
    out = CLEANER.clean(page, kind="text")
    assert all(item in out for item in FIXTURES)
    assert "The Harbour Gazette has served" not in out


def test_a_long_list_may_follow_the_prose_without_a_lead_in() -> None:
    """Twelve items that open alike right after the introduction are the article (a meal plan);
    eight teasers there are not (the near miss above)."""
    plan = [
        f"Eat a bowl of {food} with {n} slices of toast"
        for n in (1, 2)
        for food in ("oats", "rice", "soup", "beans", "lentils", "barley")
    ]
    page = _page(ARTICLE[:2]).replace(LINKS[0], "\n".join([*plan, LINKS[0]]))
    page = page.replace(FOOTER[0], "\n".join([FOOTER[0], ARTICLE[5], ARTICLE[6]]))
    out = CLEANER.clean(page, kind="text")
    assert all(item in out for item in plan)
    assert ARTICLE[0] in out and ARTICLE[1] in out


CARDS = [
    (
        "HARBOUR LIFE",
        "Lifeboat crew honoured for winter rescue off the point",
        "gazette.example Local",
        "The crew of the lifeboat were given medals on Friday for the rescue of four fishermen in January.",
    ),
    (
        "ON THE QUAY",
        "New fish market opens its doors to the public on the quay",
        "quay.example Food",
        "Stallholders said the first morning brought more buyers than they had seen in a whole week before.",
    ),
    (
        "WAITING GAME",
        "Harbour dredging plans put on hold until next summer",
        "gazette.example Harbour",
        "The council said the contractor could not start before the spring tides, so the work will wait.",
    ),
    (
        "MARINA NEWS",
        "Council approves funding for a second slipway at the marina",
        "marina.example Boats",
        "Boat owners have asked for a second slipway for years, and the council agreed to pay for it now.",
    ),
]


def test_dateless_feed_after_the_article_is_dropped() -> None:
    """Cards (kicker in capitals, title, source, blurb) after the article: their blurbs go too."""
    blurbs = [f"{card[3]} {ARTICLE[1]}" for card in CARDS]  # as long as the article's paragraphs
    cards = [line for card, blurb in zip(CARDS, blurbs, strict=True) for line in (*card[:3], blurb)]
    page = _page().replace(LINKS[0], "\n".join(cards) + "\n" + LINKS[0])
    out = CLEANER.clean(page, kind="text")
    for line in ARTICLE:
        assert line in out
    for blurb in blurbs:
        assert blurb not in out


def test_subheadings_and_paragraphs_are_no_feed() -> None:
    """Near miss: subheading, paragraph, repeated four times, is how an article looks."""
    article = [ARTICLE[0]]
    for _kicker, title, _source, blurb in CARDS:
        article += [title, blurb + " " + ARTICLE[1]]
    out = CLEANER.clean(_page(article), kind="text")
    for line in article:
        assert line in out


def test_repeated_buttons_under_a_related_heading_make_a_feed() -> None:
    buttons = "Share Facebook Pin Save"
    cards = [f"{card[3]} {ARTICLE[1]}\n{buttons}" for card in CARDS]
    page = _page().replace(LINKS[0], "You may also like\n" + buttons + "\n" + "\n".join(cards) + "\n" + LINKS[0])
    out = CLEANER.clean(page, kind="text")
    assert ARTICLE[-1] in out
    for card in CARDS:
        assert card[3] not in out


def test_repeated_buttons_in_a_shopping_list_are_kept() -> None:
    """Near miss: a buying guide repeats 'See it now: Amazon' under each product; no related heading above."""
    article = [ARTICLE[0], ARTICLE[1]]
    for _kicker, title, _source, blurb in CARDS:
        article += [title, "See it now: Amazon", f"{blurb} {ARTICLE[3]}"]
    out = CLEANER.clean(_page(article), kind="text")
    for line in article:
        assert line in out


STANDINGS_LEAD = "Final standings of the harbour regatta after six races:"
STANDINGS_HEADER = ["Pos.", "Boat", "Points", "Wins"]
STANDINGS = [
    [str(n), boat, str(60 - 7 * n), str(max(0, 4 - n))]
    for n, boat in enumerate(
        ["Sea Swallow", "Tern", "Kittiwake", "Northern Light", "Grey Seal", "Puffin", "Harbour Lass", "Solan"], 1
    )
]


def _standings_page(lead: str = STANDINGS_LEAD, rows: list[list[str]] = STANDINGS) -> str:
    intro = "This page always shows the standings of the harbour regatta after the latest race."
    cells = [cell for row in rows for cell in row]
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "Regatta standings", intro, lead, *STANDINGS_HEADER, *cells]
    return "\n".join([*lines, *LINKS, *FOOTER]) + "\n"


def test_table_one_cell_per_line_after_a_lead_in_is_the_article() -> None:
    out = CLEANER.clean(_standings_page(), kind="text").splitlines()
    assert STANDINGS_LEAD in out
    assert all(cell in out for row in STANDINGS for cell in row[1:])
    assert FOOTER[-1] not in out


def test_table_cells_without_a_lead_in_after_the_article_are_dropped() -> None:
    """Near miss: a results widget under the article, with no sentence leading into it, is no part of it."""
    cells = [cell for row in STANDINGS for cell in row]
    page = _page().replace(LINKS[0], "\n".join([*cells, LINKS[0]]))
    out = CLEANER.clean(page, kind="text").splitlines()
    assert ARTICLE[-1] in out
    assert not any(row[1] in out for row in STANDINGS)


def test_menu_columns_without_numbers_after_a_lead_in_are_no_table() -> None:
    """Near miss: a lead-in over columns of links (no numbers in the rows) does not make a table."""
    rows = [["Lifeboats", "Tides", "Moorings", "Sailing"] for _ in range(6)]
    cells = [cell for row in rows for cell in row]
    lead = "The harbour board also keeps these pages up to date for you:"
    page = _page().replace(LINKS[0], "\n".join([lead, *cells, LINKS[0]]))
    out = CLEANER.clean(page, kind="text").splitlines()
    assert ARTICLE[-1] in out
    assert "Moorings" not in out


READER_COMMENTS = [
    "Moira Campbell",
    "March 14, 2024 at 3:17 pm",
    "We waited at the south slipway for forty minutes this morning and nobody from the board was there to tell us "
    "what was going on, so I hope they sort out the signs before the weekend crowds arrive.",
    "Harbour Gazette",
    "March 14, 2024 at 7:07 pm",
    "Thanks for letting us know, Moira. The board says new signs will go up on Friday and staff will be at the "
    "slipway for every sailing until the repair is finished, which we will report on here.",
    "Donald Ross",
    "March 15, 2024 at 9:21 am",
    "It is about time the council paid for that pier properly instead of patching it up every few years, because "
    "the whole island depends on the ferry and we cannot keep losing the big boat every winter.",
]


def test_reader_comments_under_a_responses_heading_are_dropped() -> None:
    heading = f"3 thoughts on “{HEADLINE}”"
    page = _page().replace(LINKS[0], "\n".join([heading, *READER_COMMENTS, LINKS[0]]))
    out = CLEANER.clean(page, kind="text").splitlines()
    assert all(line in out for line in ARTICLE)
    assert not any(line in out for line in READER_COMMENTS)


def test_a_headline_written_as_a_sentence_is_the_title_not_a_menu_entry_above_it() -> None:
    """'... They just might be.' reads as prose; over the dateline it is the headline, and
    the menu entries above it (one sharing a word with the body) are not its kicker."""
    headline = "The ferry will run a smaller timetable after the storm. Will it last?"
    menu = ["Ferry Guide", "Tide Tables", "Lost Property"]
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, *menu, "News", headline, DATELINE, *ARTICLE, *LINKS, *FOOTER]
    out = CLEANER.clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert out[:3] == ["News", headline, DATELINE]  # a section label over the title stays
    assert all(line in out for line in ARTICLE)
    assert not any(line in out for line in menu)


def test_commenters_names_and_dates_between_comments_are_comments() -> None:
    """A commenter's name and stamp between two comments belong to the thread; the footer after it does not."""
    heading = f"3 thoughts on “{HEADLINE}”"
    page = _page().replace(LINKS[0], "\n".join([heading, *READER_COMMENTS, LINKS[0]]))
    removed = _removed(page)
    for line in ("Donald Ross", "March 15, 2024 at 9:21 am", "March 14, 2024 at 7:07 pm"):
        assert removed[line] == ("context", "comments")
    assert removed[FOOTER[0]][1] != "comments"


def test_comments_button_over_a_byline_does_not_cut_the_article() -> None:
    """Near miss: a share bar's 'Comments' button over the byline is no comment section (only one stamp)."""
    footer = [
        "Published by Coastal Media Limited, registered in Scotland, company number 123456, whose offices are at "
        "4 Quay Street, Port Ellen, and whose editors are members of the press standards body.",
        "This material may not be published, broadcast, rewritten or redistributed without the permission of the "
        "publisher, and all quotes and figures are provided for information only and not for trading purposes.",
        "Readers who want to report an error in any of our stories can write to the editor at the address above, "
        "and we will publish a correction on this page as soon as the facts have been checked by the newsroom.",
    ]
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, *footer, HEADLINE, "Facebook", "Comments", "By Jane Smith"]
    page = "\n".join([*lines, "Email", *ARTICLE, *LINKS]) + "\n"
    out = CLEANER.clean(page, kind="text").splitlines()
    assert all(line in out for line in ARTICLE)


def test_a_line_another_layer_removed_does_not_sink_the_article() -> None:
    """An ad label between two paragraphs weighs against the run, but the article is judged by
    the lines kept: cleaning the output again (without the label) must find nothing more."""
    first = (
        "The city council met on Tuesday evening to discuss the new budget for the coming year "
        "and the plans for the old bridge."
    )
    second = (
        "Residents who came to the meeting said that they were worried about the cost of the repairs "
        "and about the traffic in town."
    )
    page = "\n".join(["Weather Desk", "Local Sports", "Arts Guide", first, "Advertisement", second, "Our Team"])
    got = CLEANER.clean_document(page + "\n", kind="text")
    assert got.text == f"{first}\n{second}\n"
    assert {r.layer for r in got.removals} == {"banner", "context"}
    assert CLEANER.clean(got.text, kind="text") == got.text


def test_the_layer_removes_nothing_more_from_its_own_output() -> None:
    """Its rounds run until one removes nothing, so a second run finds nothing: the chain skips it."""
    doc = Document(_page(), index=CLEANER.index)
    layer = next(layer for layer in CLEANER.layers if layer.name == "context")
    layer.apply(doc)
    removed = len(doc.removals)
    assert removed > len(MENU)
    layer.apply(doc)
    assert len(doc.removals) == removed


def test_the_chain_runs_the_layer_once_when_only_it_removed_lines() -> None:
    cleaner = Cleaner()
    layer = next(layer for layer in cleaner.layers if layer.name == "context")
    calls: list[int] = []
    apply = layer.apply
    layer.apply = lambda doc: (calls.append(len(doc.removals)), apply(doc))[1]  # type: ignore[method-assign]
    got = cleaner.clean_document(_page(), kind="text")
    assert [r.layer for r in got.removals].count("context") > len(MENU)
    assert len(calls) == 1


def test_no_article_found_between_removed_lines_means_none_on_a_second_clean() -> None:
    """A removed footer line between two paragraphs: the first clean must find what the second,
    without that line, finds (a case the property test's deep profile turned up). Two menu
    lines above the article make the text a page dump (one line there might be its kicker)."""
    text = (
        "Le Monde\nInternational\nla suite après cette publicitéDie Regierung hat am Dienstag ein neues Gesetz "
        "beschlossen, "
        "sagte der Sprecher.\n\nPowered by WordPress\n\n경찰은 화요일 사건에 대한 조사를 시작했다고 밝혔다. "
        "관계자는 추가 조사가 필요하다고 말했다.\r\n"
    )
    once = CLEANER.clean(text, kind="text")
    assert not once.startswith("Le Monde")
    assert CLEANER.clean(once, kind="text") == once


def test_a_byline_without_by_between_the_title_and_the_date_is_kept() -> None:
    """'Name, Agency Writer' sits between the headline and the dateline: the headline block keeps it."""
    byline = "Jane Doe, Senior Staff Writer"
    page = _page().replace(f"{HEADLINE}\n{DATELINE}", f"{HEADLINE}\n{byline}\n{DATELINE}")
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out.index(HEADLINE) < out.index(byline) < out.index(DATELINE)


def test_a_counter_between_the_title_and_the_date_goes() -> None:
    """A comment counter in the same place is no byline: numbers, and not made of names."""
    page = _page().replace(f"{HEADLINE}\n{DATELINE}", f"{HEADLINE}\nNew, 15 comments\n{DATELINE}")
    out = CLEANER.clean(page, kind="text").splitlines()
    assert "New, 15 comments" not in out
    assert HEADLINE in out and DATELINE in out


def test_a_menu_entry_above_a_removed_breadcrumb_is_no_kicker() -> None:
    """A kicker is printed directly over the title; a menu's last entry with a breadcrumb between is not one."""
    assert "News" in CLEANER.clean(_page(), kind="text").splitlines()  # directly over the title: a kicker
    page = _page().replace(f"News\n{HEADLINE}", f"News\nHome » News » Harbour\n{HEADLINE}")
    result = CLEANER.clean_document(page, kind="text")
    assert any(r.text.startswith("Home » News") for r in result.removals)
    out = result.text.splitlines()
    assert "News" not in out
    assert out[0] == HEADLINE


def test_the_breadcrumb_names_a_title_that_shares_no_word_with_the_body() -> None:
    """'News » Harbour » <title>' under the headline: the line it ends with is the title, kept."""
    title = "A quiet week at sea"
    page = _page().replace(f"News\n{HEADLINE}\n", f"News\n{title}\nNews » Harbour » {title}\n")
    result = CLEANER.clean_document(page, kind="text")
    out = result.text.splitlines()
    assert out[:3] == ["News", title, DATELINE]  # the kicker over it stays too
    assert any(r.rule == "navigation.breadcrumb" for r in result.removals)


def test_a_breadcrumb_ending_in_a_section_names_no_title() -> None:
    """'Home » News » Harbour' ends in a section that the menu names too: no title from it."""
    page = _page().replace(f"News\n{HEADLINE}", f"News\nHome » News » Harbour\n{HEADLINE}")
    out = CLEANER.clean(page, kind="text").splitlines()
    assert "Harbour" not in out and out[0] == HEADLINE


KO_TEASERS = [
    "‘항구 축제’, 올해도 관광객 몰려..",
    "새 여객선 취항, 섬 주민들 기대감 ..",
    "시장 선거 앞두고 후보들 공약 경쟁..",
]
KO_HEADLINE = "항구다리 보수예산 통과, 주민들이 반기는 이유"
KO_ARTICLE = [
    "[하버신문=김민수 기자] 시의회는 화요일 저녁 항구다리 보수예산을 통과시켰다. 항구다리는 봄부터 대형 차량의 "
    "통행이 금지된 상태였고, 주민들은 오랫동안 보수공사를 요구해 왔다.",
    "기술자들은 몇 년 전부터 다리의 강철 이음매가 예상보다 빨리 닳고 있다고 경고했다. 시는 이미 2021년에 점검 "
    "비용을 마련했지만, 본격적인 보수예산이 통과된 것은 이번이 처음이다.",
    "보수공사에는 약 140억 원이 들 것으로 보이며, 내년 말까지 마무리될 예정이다. 항구 지역 주민들은 공사가 마침내 "
    "시작된다는 소식을 반기면서도 소음과 도로 통제를 걱정하고 있다.",
    "다리 근처 상인들은 손님들이 차로 찾아오기 어려운 몇 달 동안 지원이 필요하다고 시의회에 요청했다. 시의회는 다음 "
    "달 우회로에 관한 공청회를 열 계획이다.",
]


def test_korean_headline_and_sign_off_are_kept() -> None:
    """Korean glues particles to its words: the headline shares character pairs with the body, not
    words; the columnist's sign-off with an address under the last paragraph is the author's."""
    sign_off = "김민수 기자 minsu@harbour.example.kr"
    page = "\n".join(
        [
            "분야별 뉴스",
            "하버신문 주요뉴스",
            *KO_TEASERS,
            KO_HEADLINE,
            "기사입력 :[ 2018-08-25 15:24 ]",
            *KO_ARTICLE,
            sign_off,
            "[사진=하버신문]",
            "많이 본 기사",
            *KO_TEASERS,
            "E-mail: news@harbour.example.kr",
            "광고문의 / 개인정보취급방침 / 저작권규약 / 찾아오시는길",
        ]
    )
    out = CLEANER.clean(page + "\n", kind="text").splitlines()
    assert out[:2] == [KO_HEADLINE, "기사입력 :[ 2018-08-25 15:24 ]"]
    assert out[2:] == [*KO_ARTICLE, sign_off]


def test_a_contact_label_or_sentence_after_the_article_is_no_sign_off() -> None:
    """Near misses of the sign-off: a labelled address and a contact sentence are page furniture."""
    layer = next(layer for layer in CLEANER.layers if isinstance(layer, ContextLayer))
    assert sign_off("Jane Smith jsmith@harbourgazette.example", layer.stopwords)
    assert not sign_off("E-mail: news@harbourgazette.example", layer.stopwords)
    assert not sign_off("Write to Jane Smith at jsmith@harbourgazette.example", layer.stopwords)
    assert not sign_off("jsmith@harbourgazette.example", layer.stopwords)


def test_a_fact_line_under_the_headline_is_kept() -> None:
    """A review's fact line (label: value, twice or more) under the headline was written for the article."""
    facts = "Tested by: Jane Doe Price: 40 euros More info: www.example.org/review"
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, HEADLINE, DATELINE, facts, "Facebook"]
    page = "\n".join([*lines, *ARTICLE, *LINKS, *FOOTER]) + "\n"
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out[-len(ARTICLE) - 3 :] == [HEADLINE, DATELINE, facts, *ARTICLE]


def test_a_breadcrumb_that_ends_with_the_headline_is_no_title_line() -> None:
    """'HomeNewsFerry timetable ...' over the headline is the breadcrumb: it and the menu above it go."""
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "Events", "HomeLatest News" + HEADLINE, HEADLINE, DATELINE]
    page = "\n".join([*lines, *ARTICLE, *LINKS, *FOOTER]) + "\n"
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out == [HEADLINE, DATELINE, *ARTICLE]


def test_a_closing_lead_in_is_kept_unless_a_rule_names_it() -> None:
    """'See more photos:' closes the article (what it announces is not text); 'Share this:' is a promo."""
    page = "\n".join([*_page().splitlines()[:-7], "See more photos:", "Share this:", *LINKS, *FOOTER]) + "\n"
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out[-2:] == [ARTICLE[-1], "See more photos:"]


# An article already cut out of its page (no <title>, no menu above it): what stands around
# its prose is its own, and the same lines in a page dump are the page's.
CONCERTS = [
    "Port Ellen Harbour Hall with the Island Fiddlers",
    "Craighouse Village Hall with the Jura Pipers",
    "Bowmore Round Church Hall with the Gaelic Choir",
    "Port Askaig Ferry Terminal with the Brass Band",
    "Portnahaven Community Centre with the Ceilidh Trio",
    "Bridgend Woollen Mill with the Harbour Singers",
]


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_a_list_after_a_clean_article_is_kept() -> None:
    """Headline-shaped items after the last paragraph, with no page around the text: the article's list."""
    text = _text([HEADLINE, DATELINE, *ARTICLE, *CONCERTS])
    assert CLEANER.clean(text, kind="text") == text


def test_the_same_list_in_a_page_dump_goes() -> None:
    """Near miss: the same items between the article and the footer of a page dump are teasers."""
    page = _text([f"{HEADLINE} | Harbour Gazette", *MENU, HEADLINE, DATELINE, *ARTICLE, *CONCERTS, *LINKS, *FOOTER])
    removed = _removed(page)
    assert all(removed[item] == ("context", "related") for item in CONCERTS)
    assert all(link in removed for link in LINKS) and FOOTER[2] in removed


def test_a_list_between_paragraphs_of_a_clean_article_is_kept() -> None:
    """Items under the first paragraph and over the rest: the list sits inside the article."""
    text = _text([ARTICLE[0], *CONCERTS, *ARTICLE[1:]])
    assert CLEANER.clean(text, kind="text") == text


def test_teasers_and_footer_after_a_clean_article_are_kept() -> None:
    """Without a page above the text, nothing tells other stories' titles from the article's own lines:
    when unsure, keep."""
    text = _text([HEADLINE, DATELINE, *ARTICLE, *LINKS, *FOOTER])
    assert CLEANER.clean(text, kind="text") == text


def test_a_dump_that_opens_with_its_title_is_a_page() -> None:
    """No menu, but the first line is the page's <title> and the headline repeats it: a page dump."""
    page = _text([f"{HEADLINE} | Harbour Gazette", HEADLINE, DATELINE, *ARTICLE, *LINKS, *FOOTER])
    removed = _removed(page)
    assert all(removed[link] == ("context", "related") for link in LINKS)
    assert FOOTER[2] in removed


def test_after_furniture_a_rule_names_the_rest_of_a_clean_article_goes() -> None:
    """Under a line a rule removed as page furniture ('Related stories'), the lines left after the
    article are the page's, even without a page above the text."""
    text = _text([HEADLINE, DATELINE, *ARTICLE, "Related stories", *LINKS, *FOOTER])
    removed = _removed(text)
    assert removed["Related stories"][1] == "related"
    assert LINKS[-1] in removed and FOOTER[0] in removed and FOOTER[2] in removed
    assert CLEANER.clean(text, kind="text") == _text([HEADLINE, DATELINE, *ARTICLE])


def test_questions_over_a_clean_article_are_no_menu() -> None:
    """Short lines over the first paragraph that end like sentences ('Why now?') open the article;
    a page's menu does not end so. With no header above it, the list after the article stays."""
    text = _text(["Why now?", "Who pays?", "What next?", *ARTICLE, *CONCERTS])
    assert CLEANER.clean(text, kind="text") == text


def test_a_marked_list_under_a_lead_in_over_a_clean_article_is_no_menu() -> None:
    """Items marked '- ' under a line that announces them ('What is new in version 2.26?') open the
    article, as an extracted app page does; they made the text look like a page dump, and the
    layer dropped half of it (a second clean of an HTML page's output)."""
    items = ["- New tasks for the game", "- More questions for your opponent", "- Challenges coming soon"]
    text = _text(["What is new in version 2.26?", *items, "- Bugs fixed", *ARTICLE, "Features:", *items])
    assert CLEANER.clean(text, kind="text") == text


def test_a_marked_menu_without_a_lead_in_is_still_a_header() -> None:
    """Near miss: the same marks on a menu with nothing announcing it (an extracted page's toolbar)."""
    menu = ["- Order Reprints", "- Print Article", "Text size"]
    removed = _removed(_text([*menu, *ARTICLE]))
    assert all(removed[item][0] == "context" for item in menu)


# The article's last lines beyond its run: steps that go on without a stop, then a sentence.
LAST_STEPS = [
    "Boil the filled jars for ten minutes (longer if you live more than 1000 feet up)",
    "Remove the jars and allow them to cool. The jam sets in two days.",
]


def _steps_page(after: list[str]) -> str:
    return _text(
        [f"{HEADLINE} | Harbour Gazette", *MENU, "News", HEADLINE, DATELINE, *ARTICLE, *after, *LINKS, *FOOTER]
    )


def test_the_last_steps_after_the_run_are_kept() -> None:
    """A step without a stop weighs against the article as a menu entry does, and the short
    sentence under it cannot pay for it: the run ends above them, but they are the article's end."""
    out = CLEANER.clean(_steps_page(LAST_STEPS), kind="text").splitlines()
    assert out[-3:] == [ARTICLE[-1], *LAST_STEPS]


def test_a_step_without_a_closing_sentence_or_in_title_case_is_no_last_step() -> None:
    """Near misses: other stories' headlines (in title case, or with no sentence under them) and a
    step with a removed line between it and the article are the page's."""
    teaser = ["Lifeboat Crew Honoured For Winter Rescue Off The Point", LAST_STEPS[1]]
    removed = _removed(_steps_page(teaser))
    assert teaser[0] in removed and teaser[1] in removed
    removed = _removed(_steps_page(LAST_STEPS[:1]))
    assert LAST_STEPS[0] in removed
    removed = _removed(_steps_page(["Advertisement", *LAST_STEPS]))
    assert LAST_STEPS[0] in removed and LAST_STEPS[1] in removed


# A headline block whose title shares no word with the body: title, dek, byline labels, date.
UNSHARED_TITLE = "Four Things to Do in the Spring"
DEK = "Our pick of the best places to go and things to see around the island for the next few weeks."
BYLINE_BLOCK = ["Author:", "Coastal Media Editorial Staff", "Publish date:", DATELINE]


def test_a_title_that_shares_no_word_with_the_body_is_found_over_its_dek() -> None:
    """The dek between the title and the byline's labels shows the headline block; the dek printed
    again over the body (a copy that the duplicate layer removes) does not make a menu entry the title."""
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "Harbour Gazette Extra", "Subscribe", "Home", "News"]
    page = _text([*lines, UNSHARED_TITLE, DEK, *BYLINE_BLOCK, DEK, *ARTICLE, *LINKS, *FOOTER])
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out == [UNSHARED_TITLE, DEK, *BYLINE_BLOCK, *ARTICLE]


def test_a_menu_entry_over_a_dateline_without_a_dek_is_no_title() -> None:
    """Near miss: without a dek, a line over the byline block that shares no word with the body may
    be a menu's last entry: only the byline and the date stay."""
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "Harbour Gazette Extra", UNSHARED_TITLE, *BYLINE_BLOCK]
    page = _text([*lines, *ARTICLE, *LINKS, *FOOTER])
    out = CLEANER.clean(page, kind="text").splitlines()
    assert UNSHARED_TITLE not in out
    assert out[-len(ARTICLE) - 1 :] == [DATELINE, *ARTICLE]


@pytest.mark.parametrize("crumb", ["News", "Harbour"])
def test_a_section_under_home_is_a_breadcrumb_not_a_kicker(crumb: str) -> None:
    """'Home' (a rule's navigation) over 'News' over the title: the breadcrumb's last crumb goes,
    even when the body names it ('Harbour': not a title line either); the same label under a
    menu entry no rule names is the kicker (test above)."""
    page = _page().replace(f"News\n{HEADLINE}", f"Home\n{crumb}\n{HEADLINE}")
    result = CLEANER.clean_document(page, kind="text")
    assert result.text.splitlines()[:2] == [HEADLINE, DATELINE]
    assert any(r.text == "Home" and r.layer == "navigation" for r in result.removals)


def test_short_menu_entries_sharing_a_word_over_the_title_are_not_title_lines() -> None:
    """'Harbour Life' and 'Ferry Guide' share one word each with the body: short lines like that over
    the title are menu entries, of which only the one right over it may be the kicker. A title in two
    lines shares more ('The island ferry' over the headline)."""
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "Harbour Life", "Ferry Guide", HEADLINE, DATELINE]
    out = CLEANER.clean(_text([*lines, *ARTICLE, *LINKS, *FOOTER]), kind="text").splitlines()
    assert out[:3] == ["Ferry Guide", HEADLINE, DATELINE]
    upper = "After the storm, the island ferry and the pier"
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, "News", upper, HEADLINE, DATELINE]
    out = CLEANER.clean(_text([*lines, *ARTICLE, *LINKS, *FOOTER]), kind="text").splitlines()
    assert out[:4] == ["News", upper, HEADLINE, DATELINE]


def test_a_counter_and_its_label_under_the_title_go() -> None:
    """'2.289' / 'letture' under the title is a read counter: its label goes with the number; a
    label under the title with no number over it stays (near miss)."""
    page = _page().replace(f"{HEADLINE}\n{DATELINE}", f"{HEADLINE}\n2.289\nletture\n{DATELINE}")
    out = CLEANER.clean(page, kind="text").splitlines()
    assert "letture" not in out and "2.289" not in out
    assert out.index(HEADLINE) + 1 == out.index(DATELINE)
    page = _page().replace(f"{HEADLINE}\n{DATELINE}", f"{HEADLINE}\nAnalysis\n{DATELINE}")
    assert "Analysis" in CLEANER.clean(page, kind="text").splitlines()


TOUR = [
    f"{month} {day} – {town} @ {hall}"
    for month, day, town, hall in [
        ("June", 9, "Port Ellen", "Harbour Hall"),
        ("June", 10, "Bowmore", "Round Church Hall"),
        ("June", 14, "Craighouse", "Village Hall"),
        ("June", 17, "Port Askaig", "Ferry Terminal"),
        ("July", 2, "Portnahaven", "Community Centre"),
        ("July", 3, "Bridgend", "Woollen Mill"),
        ("July", 19, "Port Charlotte", "Youth Hostel"),
        ("July", 22, "Ballygrant", "Inn"),
        ("August", 2, "Kilchoman", "Distillery Barn"),
        ("August", 4, "Ardbeg", "Old Kiln"),
        ("August", 8, "Laphroaig", "Visitor Centre"),
        ("August", 14, "Lagavulin", "Pier House"),
    ]
]


def test_a_long_list_of_dates_after_the_prose_is_the_article() -> None:
    """A tour's dates under the last paragraph ('June 9 – Port Ellen @ Harbour Hall'): each line
    is stamped with a date, as teasers and comments are, but twelve that open alike are a list."""
    page = _page(ARTICLE).replace(LINKS[0], "\n".join(["The Harbour Fiddlers Tour Dates", *TOUR, LINKS[0]]))
    out = CLEANER.clean(page, kind="text").splitlines()
    assert all(item in out for item in TOUR)
    assert LINKS[1] not in out


def test_a_few_dated_lines_after_the_prose_are_no_list() -> None:
    """Near miss: six stamped lines there are teasers, as before."""
    page = _page(ARTICLE).replace(LINKS[0], "\n".join([*TOUR[:6], LINKS[0]]))
    out = CLEANER.clean(page, kind="text").splitlines()
    assert not any(item in out for item in TOUR[:6])


TWEET = "The north pier is closed until further notice, please use the south slipway #ferry"
SIGNATURE = "— Harbour Board (@harbourboard) March 14, 2024"


def test_a_tweets_text_goes_with_its_signature() -> None:
    """The line right over a tweet's signature is the tweet's text (embed by the guide); the
    author's lead-in and the paragraphs around the tweet stay."""
    lead_in = "The harbour board posted the news on Twitter:"
    article = [*ARTICLE[:2], lead_in, TWEET, SIGNATURE, *ARTICLE[2:]]
    result = CLEANER.clean_document(_page(article), kind="text")
    out = result.text.splitlines()
    assert TWEET not in out and SIGNATURE not in out
    assert all(line in out for line in [*ARTICLE, lead_in])
    assert {r.category for r in result.removals if r.text in (TWEET, SIGNATURE)} == {"embed"}


def test_a_removed_line_over_a_signature_ends_the_tweet() -> None:
    """Near miss: when a rule removed the line over the signature (the tweet was only a link),
    the paragraph above that is the article's."""
    article = [*ARTICLE[:2], "pic.twitter.com/AbC123xyz", SIGNATURE, *ARTICLE[2:]]
    out = CLEANER.clean(_page(article), kind="text").splitlines()
    assert all(line in out for line in ARTICLE)


def test_a_tweets_upper_paragraphs_go_under_a_lead_in_that_names_twitter() -> None:
    """A tweet of three paragraphs that end no sentence, under the author's line naming Twitter:
    the whole tweet goes (embed), the author's line stays."""
    lead_in = "The harbour board turned to Twitter on Friday to explain the closure to passengers."
    tweet = [
        "The north pier is closed until further notice while the piles are replaced",
        "Please use the south slipway for all sailings, and allow ten more minutes for each crossing",
        TWEET,
    ]
    article = [*ARTICLE[:2], lead_in, *tweet, SIGNATURE, *ARTICLE[2:]]
    result = CLEANER.clean_document(_page(article), kind="text")
    out = result.text.splitlines()
    assert not any(line in out for line in [*tweet, SIGNATURE])
    assert all(line in out for line in [*ARTICLE, lead_in])
    assert {r.category for r in result.removals if r.text in tweet} == {"embed"}


def test_a_tweets_lines_written_as_posts_go_without_a_lead_in() -> None:
    """Lines in lower case and a line ending in hashtags over a tweet's last line are the tweet's;
    the article's sentence above them stays."""
    tweet = [
        "on. the. pier.",
        "closed.",
        "Back on the water soon #ferry #islay",
        "Thank you all https://t.co/AbC123xyz",
    ]
    article = [*ARTICLE[:2], *tweet, SIGNATURE, *ARTICLE[2:]]
    out = CLEANER.clean(_page(article), kind="text").splitlines()
    assert not any(line in out for line in tweet)
    assert all(line in out for line in ARTICLE)


def test_a_subheading_over_a_tweet_stays() -> None:
    """Near miss: a subheading ends no sentence either, but nothing names Twitter over it and it
    carries no mark of a post: only the tweet's own line goes."""
    subheading = "What the harbour board told passengers"
    article = [*ARTICLE[:2], subheading, TWEET, SIGNATURE, *ARTICLE[2:]]
    out = CLEANER.clean(_page(article), kind="text").splitlines()
    assert TWEET not in out
    assert all(line in out for line in [*ARTICLE, subheading])


def test_an_authors_lead_in_ending_in_a_colon_stays_over_a_tweet() -> None:
    """Near miss: the author's own lead-in sentence ending in ':' ('Take a look at what ... said:')
    is the article's, even under a line that names Twitter."""
    above = "The harbour board answered questions about the closure on Twitter all afternoon."
    lead_in = "Take a look at what the harbour master said about the timetable:"
    article = [*ARTICLE[:2], above, lead_in, TWEET, SIGNATURE, *ARTICLE[2:]]
    out = CLEANER.clean(_page(article), kind="text").splitlines()
    assert TWEET not in out
    assert all(line in out for line in [*ARTICLE, above, lead_in])


def test_a_menu_entry_over_the_title_is_no_kicker_when_the_section_label_stands_under_it() -> None:
    """'Video Game' over the title and 'Cartoni' under it, a menu entry too: the page prints its
    section once, under the title, so the line over the title is the menu's last entry."""
    assert "News" in CLEANER.clean(_page(), kind="text").splitlines()  # no label under the title: a kicker
    page = _page().replace(f"{HEADLINE}\n{DATELINE}", f"{HEADLINE}\nHarbour\n{DATELINE}")
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out[:3] == [HEADLINE, "Harbour", DATELINE]


def test_a_name_under_the_title_leaves_the_kicker() -> None:
    """Near miss: an author's name under the title that a teaser list above names too is a byline,
    not the section label: the kicker over the title stays."""
    author = "Morag Campbell"
    page = (
        _page()
        .replace("Obituaries\n", f"Obituaries\n{author}\n")
        .replace(f"{HEADLINE}\n{DATELINE}", f"{HEADLINE}\n{author}\n{DATELINE}")
    )
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out[:4] == ["News", HEADLINE, author, DATELINE]


def test_a_clean_article_opening_with_a_title_that_shares_no_word_keeps_it() -> None:
    """A text that opens with its headline block (an article already cleaned) keeps a title that
    shares no word with the body, under its section label or not; in a page dump the same line
    has the menu over it (test_a_menu_entry_over_a_dateline_without_a_dek_is_no_title)."""
    for top in (["A quiet week at sea"], ["News", "A quiet week at sea"]):
        text = _text([*top, DATELINE, *ARTICLE])
        assert CLEANER.clean(text, kind="text") == text


def test_a_clean_article_whose_headline_comes_back_keeps_the_lines_above_the_repeat() -> None:
    """An article already cleaned opens with its own headline, prose right under it; the headline
    printed again lower down (a video's title) is no page <title> repeated as the headline. The
    fixture is what the cleaner made of ScrapingHub page 51d066b0's text dump (the page's video
    block, then its article): a second clean took its first ten lines as the page's header."""
    text = (Path(__file__).parent / "data" / "sh-51d066b0-cleaned.txt").read_text(encoding="utf-8")
    assert CLEANER.clean(text, kind="text") == text


def test_a_page_title_naming_its_site_over_prose_still_anchors_the_headline() -> None:
    """Near miss: '<headline> | Site' over a prose line (a cookie notice) is still a page's <title>
    repeated as the headline below: the notice and the menu under it go, the article stays."""
    notice = "Harbour Media uses cookies to personalise what you read here, as explained in our policy."
    page = _text([f"{HEADLINE} | Harbour Gazette", notice, *MENU, HEADLINE, DATELINE, *ARTICLE, *LINKS, *FOOTER])
    out = CLEANER.clean(page, kind="text").splitlines()
    assert notice not in out and not set(MENU[:-1]) & set(out)  # (the last entry is the kicker)
    assert out[-len(ARTICLE) :] == ARTICLE


# A stats table dumped as text: a header row, then rows of position, name, snaps, share and a stat line.
TABLE = [
    "Pos", "Player", "Plays", "%", "Stats",
    *[cell for name, plays, share in [("Joe Harlow", "74", "100%"), ("Mack Dunne", "70", "95%"),
      ("Sam Keough", "41", "55%"), ("Ray Ibsen", "12", "16%")]
      for cell in ("LB", name, plays, share, f"{plays[0]} tackles ({plays[0]} combined). 1 sack.")],
]  # fmt: skip


def test_paragraphs_between_two_tables_of_data_stay_with_the_article() -> None:
    """Cells of numbers close together are a table of data, not a menu or a feed: it weighs
    nothing, so the paragraphs between two tables are not cut from the article (ScrapingHub
    6a72de37, a report of snap counts, lost its first half, and a second clean lost more)."""
    lines = [*ARTICLE[:3], *TABLE, *ARTICLE[3:5], *TABLE, *ARTICLE[5:]]
    page = _text([f"{HEADLINE} | Harbour Gazette", *MENU, HEADLINE, DATELINE, *lines, *LINKS, *FOOTER])
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out[-len(lines) :] == lines
    assert CLEANER.clean(_text(out), kind="text") == _text(out)


def test_page_numbers_under_the_article_are_no_table() -> None:
    """Near miss: a pager's numbers are number cells too, but weighing nothing at the article's
    end they do not join it: they go with the page."""
    pager = [str(n) for n in range(1, 11)]
    page = _text([f"{HEADLINE} | Harbour Gazette", *MENU, HEADLINE, DATELINE, *ARTICLE, *pager, *LINKS, *FOOTER])
    out = CLEANER.clean(page, kind="text").splitlines()
    assert out[-len(ARTICLE) :] == ARTICLE
    assert not set(pager) & set(out)


JA_TITLE = "港のフェリー時刻表が嵐の被害で変更に"
JA_MENU = ["ホーム", "ニュース", "天気", "学校", "お問い合わせ"]
JA_ARTICLE = [
    "港の理事会は木曜日、先週末の嵐で北の桟橋の一部が壊れたため、島へのフェリーを少なくとも三週間減便すると発表した。",
    "技師は月曜日に桟橋を点検し、乗り場の下の木の杭が二本割れているのを見つけた。",  # 38 characters: a sentence
    "乗客への影響",  # a subheading
    "臨時の便は南の船着き場から出るので、毎回の航海が十分ほど長くなる。",
    "車で乗る人は事前に予約するよう求められている。",  # 23 characters
    "理事会は、急な欠航になった便の切符は払い戻すと約束した。修理には二十万ポンドほどかかる見込みだ。",
]
JA_LINKS = ["救命艇の乗組員が冬の救助で表彰される", "港の新しい魚市場が一般に公開", "マリーナの第二の船台に予算がつく"]


def test_short_cjk_sentences_inside_the_article_weigh_for_it() -> None:
    """Japanese sentences of 25-39 characters ending in '。' are prose: they hold the article together."""
    lines = [f"{JA_TITLE} | 港新聞", *JA_MENU, JA_TITLE, DATELINE, *JA_ARTICLE, *JA_LINKS, "Copyright 港新聞"]
    out = CLEANER.clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert all(line in out for line in JA_ARTICLE)
    assert not any(line in out for line in [*JA_MENU, *JA_LINKS])


def test_the_page_title_over_a_short_menu_is_not_the_headline() -> None:
    """A dump that opens with its <title> (no site name in it) and a short menu: the headline below
    repeats the title, so the first line is the <title> and the menu under it is the page's."""
    menu = ["Local", "Weather", "Schools", "Subscribe today"]
    lines = [HEADLINE, *menu, HEADLINE, DATELINE, *ARTICLE, *LINKS, *FOOTER]
    out = CLEANER.clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert out[:3] == [HEADLINE, DATELINE, ARTICLE[0]]
    assert not any(line in out for line in menu)


@pytest.mark.parametrize(
    "top",
    [
        [HEADLINE, HEADLINE],  # a headline printed twice in a row (its copy is not told apart)
    ],
)
def test_a_first_line_repeated_below_stays_in_a_second_clean(top: list[str]) -> None:
    """Near miss for the <title> line of a page dump: the first clean of a page dump may keep, at
    the top of its output, a line that a line below repeats; a second clean keeps it too."""
    page = "\n".join([f"{HEADLINE} | Harbour Gazette", *MENU, "Subscribe today", *top, DATELINE, *ARTICLE, *LINKS])
    once = CLEANER.clean(page, kind="text")
    assert CLEANER.clean(once, kind="text") == once


def test_the_headline_is_the_line_that_repeats_the_page_title() -> None:
    """A teaser over the headline may share more words with the body than the headline does; the
    headline is the line that repeats the page's <title>, and the teaser is not in its block."""
    teaser = "Harbour board says the ferry timetable, the pier repair and the south slipway sailings will change"
    lines = [f"{HEADLINE} | Harbour Gazette", *MENU, teaser, "Local news", HEADLINE, DATELINE, *ARTICLE, *LINKS]
    out = CLEANER.clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert teaser not in out
    assert out[out.index(HEADLINE) :][:3] == [HEADLINE, DATELINE, ARTICLE[0]]


def test_a_manual_of_several_sections_is_kept_whole() -> None:
    """Code blocks between a manual's sections are no page around an article (context/frame.py sections_above).

    The heaviest run of prose is the later section; before sections_above the
    layer took the text for a page dump and dropped the first section with its
    code (65 lines in, 16 out).
    """
    intro = [
        "In this section we will go through the mechanisms that are available to customize the fields of a model, "
        "one by one, with examples.",
        "The field function is used a lot, and it behaves the same way as the standard library function for data "
        "classes when it is assigned.",
        "Each of the options below can be combined with the others, and the order in which they are given to the "
        "function does not matter here.",
    ]
    code = ["from pydantic import BaseModel, Field", "class Model(BaseModel):", "    name: str = Field(frozen=True)",
            "    size: int = 3", "m = Model(name='x')", "print(m)", "#> name='x' size=3", "m.size = 4"]  # fmt: skip
    later = [
        f"The default value of a field can be set in the annotation, and the validator will check it again "
        f"whenever the model is built from raw data number {i}."
        for i in range(8)
    ]
    lines = ["Fields", "API Documentation", *intro, *(code * 5), "Default values", *later]
    text = "\n".join(lines) + "\n"
    out = clean(text, kind="text")
    kept = set(out.splitlines())
    assert all(line in kept for line in [*intro, *later, "Default values", *code])
    assert clean(out, kind="text") == out


# ---- lists the article announces (issue 19: a recipe cut to its introduction)
RECIPE_INTRO = [*ARTICLE[:2], ARTICLE[3]]
INGREDIENTS = [
    "1 whole chicken, about 1.5 kg",
    "2 lemons, halved",
    "1 head of garlic, cloves separated",
    "2 tablespoons olive oil",
    "1 teaspoon salt",
    "Fresh thyme",
]
STEPS = [
    "Heat the oven to 220°C.",
    "Pat the chicken dry and rub it with the oil and salt.",
    "Stuff the lemons and half the garlic inside the bird.",
    "Roast for 75 minutes, until the juices run clear.",
    "Rest for 10 minutes before carving.",
]


def _recipe(ingredients: str, steps: str, intro: list[str] = RECIPE_INTRO) -> str:
    return _page([*intro, ingredients, *INGREDIENTS, steps, *STEPS])


@pytest.mark.parametrize(
    ("ingredients", "steps"),
    [
        ("Ingredients", "Instructions"),
        ("Ingredients:", "Method"),
        ("Zutaten", "Zubereitung"),
        ("Ingrédients", "Préparation"),
        ("Ingredientes", "Modo de preparo"),
        ("Ингредиенты", "Приготовление"),
    ],
)
def test_a_list_and_steps_the_article_announces_are_kept(ingredients: str, steps: str) -> None:
    out = clean(_recipe(ingredients, steps), kind="text")
    for line in [ingredients, *INGREDIENTS, steps, *STEPS]:
        assert line in out.splitlines()
    for line in LINKS + MENU[1:]:
        assert line not in out.splitlines()


def test_without_its_heading_the_same_list_still_goes() -> None:
    # The heading is what says the short lines are the article's: unannounced, they read as a page's lists.
    out = clean(_recipe("Popular this week", "Around the site"), kind="text")
    assert INGREDIENTS[0] not in out and STEPS[-1] not in out


def test_an_announcing_word_in_the_site_menu_announces_nothing() -> None:
    # 'Instructions' as a menu entry has no prose before it: the menu still goes.
    page = _page().replace("\nWeather\n", "\nInstructions\n")
    removed = _removed(page)
    assert "Instructions" in removed and "Schools" in removed


def test_an_announced_list_ends_at_the_next_heading() -> None:
    # Title Case with no digit and no sentence end is the next heading: the teasers under it still go.
    page = _page([*RECIPE_INTRO, "Ingredients", *INGREDIENTS, "More From The Kitchen", *LINKS])
    out = clean(page, kind="text").splitlines()
    assert INGREDIENTS[-1] in out
    assert not set(LINKS) & set(out)


def test_every_language_with_function_words_has_announcing_headings() -> None:
    from cleaner.rules import LANGUAGES, builtin_lexicon

    for lang in LANGUAGES:
        lex = builtin_lexicon([lang])
        if lex.get("stopwords"):
            assert lex.get("list_headings"), lang


# ---- the article's last paragraph under a box of links set into it (issue 19)
LAST = (
    "The board also promised a new slipway for the sailing club before the summer, and a car park "
    "kept for the fishermen beside the harbour office."
)


CARD_TITLES = [
    "Sailing club elects its first woman commodore",
    "Tide tables for April are now online",
    "Harbour school wins the regional rowing cup",
]


def test_the_last_paragraph_after_a_related_box_is_kept() -> None:
    # (Its near miss, a feed whose blurbs follow one another under the box, is
    # test_repeated_buttons_under_a_related_heading_make_a_feed.)
    out = clean(_page([*ARTICLE, "Related Stories", *CARD_TITLES, LAST]), kind="text").splitlines()
    assert LAST in out and ARTICLE[-1] in out
    assert not (set(CARD_TITLES) | set(LINKS)) & set(out)


# ---- a text already cut out of its page (issue 17: the HTML kind's last pass as text)
SHOE_CARDS = [
    f"{name} trail shoe. Colour {colour}. Was ${price + 20}.00, now ${price}.00. {stars} out of 5 stars"
    for name, colour, price, stars in [
        ("Harbour", "slate", 120, 4.4),
        ("Pier", "sand", 95, 4.1),
        ("Slipway", "moss", 110, 3.8),
        ("Lighthouse", "red", 135, 4.6),
        ("Breakwater", "navy", 88, 4.0),
        ("Tideline", "grey", 102, 3.9),
        ("Causeway", "ochre", 140, 4.2),
        ("Quayside", "black", 99, 4.3),
    ]
]
GUIDE = ARTICLE[:2]  # two paragraphs of prose between the cards: the heaviest run


def test_a_grid_of_cards_cut_out_of_its_page_is_kept_whole() -> None:
    """Text that opens with its heading and its cards, no menu above them, is one document
    (context/frame.py plain_head): the cards around its paragraphs are its own.

    Before plain_head the layer took the cards above the paragraphs for a page's
    header and kept only the paragraphs, as the HTML kind's last pass did to a
    shop's grid or a listing's rows after trafilatura had cut them out of the page.
    """
    lines = ["Trail shoes", *SHOE_CARDS[:5], *GUIDE, *SHOE_CARDS[5:]]
    text = "\n".join(lines) + "\n"
    out = clean(text, kind="text")
    assert out.splitlines() == lines
    assert clean(out, kind="text") == out


@pytest.mark.parametrize("menu", [MENU, []], ids=["under a menu", "under its <title> alone"])
def test_the_same_cards_around_an_article_in_a_page_dump_go(menu: list[str]) -> None:
    """Near miss: the same cards around an article in a page dump are the page, and go with the
    menu and the footer. With no menu at all the dump still opens with the <title> that its
    headline repeats: that alone makes it a page."""
    lines = [
        f"{HEADLINE} | Harbour Gazette",
        *menu,
        *SHOE_CARDS[:5],
        HEADLINE,
        DATELINE,
        *ARTICLE,
        *SHOE_CARDS[5:],
        *FOOTER,
    ]
    out = clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert out == [HEADLINE, DATELINE, *ARTICLE]


def test_one_short_label_in_the_head_makes_a_page() -> None:
    """Near miss: a single menu-like line ('Sale') among the first lines is enough to read the
    text as a page: plain_head asks for none at all."""
    lines = ["Trail shoes", *SHOE_CARDS[:2], "Sale", *SHOE_CARDS[2:5], *GUIDE, *SHOE_CARDS[5:]]
    out = clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert not any(card in out for card in SHOE_CARDS[2:])
    assert all(line in out for line in GUIDE)


def test_a_subheading_over_its_first_paragraph_is_no_menu_entry() -> None:
    """A short line right over a paragraph is the document's subheading, not a label of a
    page's header (plain_head): the text is one document, its cards under the paragraphs its
    own. Before, 'Choosing a shoe' made it a page and the layer kept the two paragraphs alone,
    as the HTML kind's last pass did to a manual opening with 'Installation'."""
    lines = ["Trail shoes", "Choosing a shoe", *GUIDE, *SHOE_CARDS]
    out = clean("\n".join(lines) + "\n", kind="text")
    assert out.splitlines() == lines
    assert clean(out, kind="text") == out


def test_a_menus_last_entry_over_a_paragraph_is_still_a_label() -> None:
    """Near miss: 'Sale' stands right over a paragraph too, but under another short label
    ('Home'): a menu's entries stand together, and the text is a page."""
    lines = ["Trail shoes", "Home", "Sale", *GUIDE, *SHOE_CARDS]
    out = clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert out == GUIDE


TIMETABLE_LEAD = (
    "The ferry timetable changes after storm damage to the north pier take effect on Monday, "
    "the harbour board said, and the new times are listed below for each day of the week."
)
TIMETABLE_NOTE = (
    "The board will publish any further changes on its notice board at the terminal and on the radio every morning."
)
TIMES = ["Monday", "- 07:30 south slipway", "- 12:15 south slipway", "Tuesday", "- 07:30 south slipway"]
TIMES += ["- 16:45 south slipway", "Wednesday", "- 09:00 south slipway", "Sunday", "- no sailings"]


def test_a_heading_its_first_paragraph_repeats_opens_a_text_cut_out() -> None:
    """A first line whose words the first paragraph repeats is the heading of a text already cut
    out of its page, when that text opens plainly (context/frame.py cut_out): the list under its
    paragraphs is its own. Before, the layer read that first line as a page's <title>."""
    lines = [HEADLINE, TIMETABLE_LEAD, *ARTICLE, TIMETABLE_NOTE, *TIMES]
    out = clean("\n".join(lines) + "\n", kind="text")
    assert out.splitlines() == lines
    assert clean(out, kind="text") == out


def test_a_title_a_headline_repeats_still_opens_a_page() -> None:
    """Near miss: the same text under the page's <title>, which the headline repeats, is a page
    dump, and the list under the article goes as page furniture."""
    lines = [f"{HEADLINE} | Harbour Gazette", HEADLINE, TIMETABLE_LEAD, *ARTICLE, TIMETABLE_NOTE, *TIMES]
    out = clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert out[0] == HEADLINE and TIMETABLE_NOTE in out
    assert not set(TIMES) & set(out)


# A podcast's page: its <title>, a short description, then a feed of episodes (title, blurb,
# a recording note, a "MORE" link, length and date). The description is the only stretch
# outside the repeated cards, so the layer takes it for the article (context/regions.py).
EPISODES = [
    ("Ep 12: The harbour at dawn", "We talk to the fishermen who still leave the harbour before sunrise every day."),
    ("Ep 11: Bread and salt", "A baker explains why she still uses the wood oven her grandfather built in 1961."),
    ("Ep 10: The night train", "We ride the last sleeper train across the mountains and meet the crew on it."),
    ("Ep 9: Letters home", "Listeners read the letters their grandparents wrote home from the factories."),
    ("Ep 8: The choir", "A village choir rehearses for the festival in a church that has no heating at all."),
    ("Ep 7: Lighthouse keepers", "We climb the tower with the last keeper who lived at the lighthouse itself."),
    ("Ep 6: The market", "Stallholders at the Saturday market tell us how the square has changed since 1980."),
    ("Ep 5: River crossing", "The ferryman has taken cars across the river for thirty years without a day off."),
    ("Ep 4: The orchard", "An orchard of old apple varieties is saved by a group of neighbours with a press."),
    ("Ep 3: School bells", "Former pupils remember the one room school that closed when the road was built."),
    ("Ep 2: The quarry", "The quarry that built half the county's churches reopens for one last summer of work."),
    ("Ep 1: Welcome", "Our two hosts explain why they started a show about towns that most maps leave out."),
]
SHOW = [
    "Small Towns, Big Stories | PodHost",
    "Small Towns, Big Stories",
    "A weekly show about the places between the cities, and the people who keep them going when everyone "
    "else has left for somewhere bigger and louder.",
    "Every week our two hosts travel to a different town, sit down with the people who live there, and bring "
    "back the stories they would never tell a camera.",
    "Website | RSS Feed",
    "Share",
    "Listen On...",
    "EPISODES",
]


def _show(
    episodes: list[tuple[str, str]], repeat: str | None = None, intro: list[str] | None = None
) -> tuple[str, list[str]]:
    """The page dump, and the episodes' sentence lines."""
    lines, sentences = [*SHOW[:4], *(intro or []), *SHOW[4:]], []
    for n, (title, blurb) in enumerate(episodes):
        note = (
            f"Recorded on location over {n + 2} days with the help of local volunteers, edited in our small "
            "studio above the old post office on the main street of the town, and mixed by our producer "
            "before it reached your feed."
        )
        lines += [title, blurb, note, *([repeat] if repeat else []), "MORE", f"4{n}m - Nov {20 - n}, 2025"]
        sentences += [blurb, note]
    lines += ["Terms of Service", "Privacy Policy", "© 2025 PodHost"]
    return "\n".join(lines) + "\n", sentences


def test_a_page_that_is_not_one_article_keeps_its_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentences the run leaves out outweigh it eight times over: the layer misread the page
    (a feed, a thread, a listing), so they stay, and the Result says why (context/spare.py)."""
    from cleaner.layers.context import spare

    dump, sentences = _show(EPISODES[1:])  # the first card's title goes with the share list above it
    result = CLEANER.clean_document(dump, kind="text")
    kept = result.text.splitlines()
    assert all(s in kept for s in sentences)
    assert "Terms of Service" not in kept and "MORE" not in kept  # the page around them still goes
    (warning,) = result.warnings
    assert warning.startswith("safety net:") and f"those {len(sentences)} sentence lines are kept" in warning
    assert not [r for r in result.removals if r.text in sentences]
    # The mechanism, not luck: without the net the layer drops every one of them.
    monkeypatch.setattr(spare, "SPARE_RATIO", 10**6)
    monkeypatch.setattr(spare, "SMALL_RUN", 0)
    dropped = {r.text: r.rule for r in Cleaner().clean_document(dump, kind="text").removals}
    assert all(dropped.get(s) == "context.outside" for s in sentences)


def test_a_few_cards_under_the_article_still_go() -> None:
    """Near miss: six cards' sentences weigh less than eight times the description: a page with
    its article and teasers under it, which the layer reads as it always did."""
    intro = [
        "Each episode runs for about forty minutes, and every season ends with a live show in one of the "
        "towns we visited, recorded in front of the people whose stories we told."
    ]  # the description then weighs as an article's body (spare.SMALL_RUN words or more)
    dump, sentences = _show(EPISODES[1:7], intro=intro)
    result = CLEANER.clean_document(dump, kind="text")
    assert not set(sentences) & set(result.text.splitlines())
    assert SHOW[2] in result.text and not result.warnings


def test_a_sentence_every_card_repeats_is_not_spared() -> None:
    """A line the page prints in every card is the template's, not the content's, even on a page
    whose sentences are spared."""
    repeat = "Subscribe now to hear a new episode of the show every single Tuesday morning."
    dump, sentences = _show(EPISODES[1:], repeat=repeat)
    result = CLEANER.clean_document(dump, kind="text")
    assert result.warnings and all(s in result.text for s in sentences)
    assert repeat not in result.text


def _round(kept: list[str], going: list[str]) -> tuple[set[int], Document]:
    """spare.spared over a document of ``kept`` lines (the run) then ``going`` (this round's
    context.outside removals): the lines it spares."""
    from cleaner.layers.context import spare

    doc = Document("\n".join([*kept, *going]) + "\n")
    found = [(len(kept) + n, "context.outside", "boilerplate") for n in range(len(going))]
    keep, _, _ = spare.spared(doc, range(len(kept) + len(going)), found, sparing=False)
    return keep, doc


# Eleven cards' blurbs, 23 to 25 words each: what a listing's run leaves out.
CARD_BLURBS = [
    f"Card {n}: a deep seat and rolled arms give this linen sofa a relaxed look that suits a family room "
    f"as well as a reading corner."
    for n in range(11)
]
# One card: its title, its maker, colours, price and buttons, then its own blurb.
ONE_CARD = [
    "Harbor Linen Sofa With Rolled Arms",
    "By Harbor Home",
    *["Gray", "Black", "Beige", "Green", "Blue", "Rust", "Sand", "Navy", "Olive", "Cream"],
    *["4 Colors", "$499.99 was $599.99", "FREE Delivery", "Low Stock", "Add to Cart", "Quickview"],
    "Soft velvet over a solid frame makes this loveseat feel generous when two people sit down to watch a film.",
]


def test_a_run_of_one_card_keeps_the_other_cards_sentences() -> None:
    """The run holds one card of a listing: many short lines, one sentence. All it keeps weighs
    more than an eighth of the cards' blurbs around it, its sentences far less: the blurbs stay."""
    from cleaner.layers.context import spare

    words_kept = sum(len(line.split()) for line in ONE_CARD)
    going = sum(len(line.split()) for line in CARD_BLURBS)
    assert going < spare.SPARE_RATIO * words_kept  # the first test alone would not spare them
    keep, doc = _round(ONE_CARD, CARD_BLURBS)
    assert sorted(doc.lines[i].stripped for i in keep) == sorted(CARD_BLURBS)


def test_a_run_too_small_for_an_article_keeps_the_sentences_around_it() -> None:
    """A run of one 30-word paragraph (a service page's hero blurb) is no article's body: the
    page's sentences around it stay once they hold twice its words."""
    from cleaner.layers.context import spare

    hero = [
        "Ship faster with one platform for every team: build, preview and deploy from one place, "
        "with the tools you already use and the support of people who answer."
    ]
    sections = CARD_BLURBS[:3]  # 3 x 24 words: over twice the hero's, under eight times
    kept = sum(len(line.split()) for line in hero)
    going = sum(len(line.split()) for line in sections)
    assert kept < spare.SMALL_RUN and spare.SMALL_RATIO * kept < going < spare.SPARE_RATIO * kept
    keep, doc = _round(hero, sections)
    assert sorted(doc.lines[i].stripped for i in keep) == sorted(sections)
    # Near misses: the same sentences around a run of article size, or fewer of them.
    article = [hero[0], hero[0].replace("Ship faster", "Build better"), hero[0].replace("Ship", "Plan")]
    assert sum(len(line.split()) for line in article) >= spare.SMALL_RUN
    assert _round(article, sections)[0] == set()
    assert _round(hero, sections[:2])[0] == set()  # 48 words: under twice the hero's 30


def test_a_run_without_sentences_is_not_a_card() -> None:
    """Near miss: an article that is a table of dates has no sentence at all, and the teasers'
    sentences under it weigh less than twice what it keeps: they still go."""
    from cleaner.layers.context import spare

    table = [f"{n}a etapa: {n + 8} de março – Interlagos, São Paulo" for n in range(1, 13)]
    teasers = CARD_BLURBS[:5]
    assert sum(len(t.split()) for t in teasers) < spare.KEPT_RATIO * sum(len(t.split()) for t in table)
    keep, _ = _round(table, teasers)
    assert keep == set()


def test_a_long_paragraph_without_a_final_stop_counts_as_the_runs_sentences() -> None:
    """Near miss: the run's one paragraph runs to 93 words and ends without a stop (a sign-off
    line): it is the article's prose, and the blurbs around it do not outweigh it eight times."""
    from cleaner.layers.context import spare

    paragraph = " ".join(["Love is felt with the soul, but saying so takes the words we find for it."] * 5)
    paragraph += " Only those who love themselves can find in their life Um Amor de Verdade"
    assert len(paragraph.split()) >= spare.SMALL_RUN
    going = sum(len(line.split()) for line in CARD_BLURBS)
    assert spare.KEPT_RATIO * len(paragraph.split()) < going < spare.SPARE_RATIO * len(paragraph.split())
    keep, _ = _round([paragraph], CARD_BLURBS)
    assert keep == set()


# A guide that opens with its own table of contents: each entry heads a section below.
GUIDE_SECTIONS = [
    (
        "Choosing a bicycle lock",
        "A heavy lock on a light bike is the trade every city rider makes, and the right choice "
        "depends on where the bike spends its nights and how long it stands alone in the street.",
    ),
    (
        "Where to lock it",
        "Lock the frame and the rear wheel to something that cannot be lifted or cut, in a place "
        "where people walk past all day, and never to a signpost that a thief can simply unscrew.",
    ),
    (
        "What to carry",
        "Most riders carry one good lock and a cable for the front wheel, because two kinds of lock "
        "need two kinds of tool, and a thief who carries both is rarer than one who carries either.",
    ),
    (
        "When to replace it",
        "A lock that has rusted or been attacked once should be replaced, since the damage weakens it "
        "in ways nobody can see, and the next attempt will take far less time than the first one did.",
    ),
]


def _guide(permalink: str = "") -> str:
    contents = [title for title, _ in GUIDE_SECTIONS]
    body = [line for title, prose in GUIDE_SECTIONS for line in (title + permalink, prose)]
    return "\n".join(contents + body) + "\n"


@pytest.mark.parametrize("permalink", ["", "#", " ¶"])
def test_a_text_that_opens_with_its_contents_is_not_a_page_under_its_title(permalink: str) -> None:
    """Its first line comes back below as a section's heading, but so do the next lines, in
    order, each over its own prose: a table of contents, not a page's <title> and menu. Before,
    a second clean of a kept contents list read its first entry as the <title> and dropped the
    text above that section's heading (benchmarks.cleaninput: WCXB 149 -> 126 pages)."""
    text = _guide(permalink)
    assert clean(text, kind="text") == text


def test_a_menu_a_footer_repeats_is_no_table_of_contents() -> None:
    """Near miss: a page's <title> (no site name) that the headline repeats, then a menu that the
    footer prints again as one block, with no prose between its entries: still a page dump under
    its <title>, whose <title> line, menu entries and footer go while the article stays."""
    from cleaner.layers.context.titles import opens_with_contents

    menu = ["Local news", "Harbour news", "Weather report"]
    lines = [HEADLINE, *menu, HEADLINE, DATELINE, *ARTICLE, *menu]
    result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
    removed = {r.line: r.rule for r in result.removals}
    assert removed[1] == "context.page-title"
    assert removed[2] == removed[3] == "context.menu"
    assert all(removed.get(n) == "context.menu" for n in range(len(lines) - 2, len(lines) + 1))
    assert all(line in result.text for line in ARTICLE)
    doc = Document("\n".join(lines) + "\n")
    layer = next(la for la in CLEANER.layers if isinstance(la, ContextLayer))
    content = list(range(len(lines)))
    shape_of = list(layer.shapes([ln.stripped for ln in doc.lines[: len(lines)]]))
    assert not opens_with_contents(doc, content, shape_of)
    guide = _guide().splitlines()
    assert opens_with_contents(Document(_guide()), list(range(len(guide))), list(layer.shapes(guide)))


def test_a_cleaned_article_whose_byline_stands_under_its_headline_cleans_to_itself() -> None:
    """A cleaned article opens with its headline, then its byline and date, then its prose;
    a section's heading below repeats the headline. The first line is the article's own
    headline, not a page's <title> whose repeat starts the article: before, a second clean
    dropped the headline, the byline and the lead paragraph above that heading."""
    lead = "The harbour board met on Thursday to decide how the crossing will run while the pier is mended."
    lines = [HEADLINE, "By Ann Lee", DATELINE, lead, HEADLINE, *ARTICLE]
    text = "\n".join(lines) + "\n"
    assert clean(text, kind="text") == text


def test_a_title_over_a_menu_still_opens_a_page() -> None:
    """Near miss: the same <title> with no site name, but a menu under it before the headline and
    its byline: a page dump, whose <title> line and menu go while the headline block stays (a
    section label right over the headline stays with it)."""
    lines = [HEADLINE, *MENU[1:4], HEADLINE, "By Ann Lee", DATELINE, *ARTICLE]
    result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
    removed = {r.line: r.rule for r in result.removals}
    assert removed[1] == "context.page-title" and removed[2] == removed[3] == "context.menu"
    out = result.text.splitlines()
    assert out[1:4] == [HEADLINE, "By Ann Lee", DATELINE] and ARTICLE[-1] in out


def test_a_sentence_that_names_the_first_line_is_not_its_headline() -> None:
    """A text opens with a list of related guides, then its prose; far below, a short sentence
    points to the first of them. The sentence ends with a full stop the first line does not
    have: it names that guide, it does not repeat a page's <title> as the headline, so the
    article does not start under it (before, a second clean of a manual dropped 80% of it)."""
    related = ["Lock maintenance guide", "Bicycle parking", "Frame numbers"]
    pointer = "See Lock maintenance guide."
    lines = [*related, *ARTICLE[:3], pointer, *ARTICLE[3:]]
    text = "\n".join(lines) + "\n"
    out = clean(text, kind="text")
    assert all(line in out for line in ARTICLE[:3])


# A listing page: cards of a title and a one-line blurb, no article. Its site menu is printed
# twice, in the header and again in the footer, in the same order.
SITE_MENU = ["World", "News", "Sport", "Business", "Technology", "Health", "Culture", "Travel"]
LISTED = [
    ("Armed robots take to the battlefield", "Engineers say the machines still need a human hand."),
    ("Privacy controls multiply as privacy shrinks", "Settings pages grow longer every year."),
    ("A ban on social media for the under-sixteens", "The law takes effect next spring."),
    ("The setting nobody uses", "A free tool removes your address from search results."),
    ("Be polite to chatbots?", "The advice people give is strange and often useless."),
]


def _listing(menu: list[str] = SITE_MENU, footer_menu: list[str] | None = None) -> str:
    lines = ["Technology | Example News", *menu, "Technology"]
    for title, blurb in LISTED:
        lines += [title, blurb]
    lines += [*(menu if footer_menu is None else footer_menu), "Terms of Use", "Privacy Policy"]
    return "\n".join(lines) + "\n"


def test_a_menu_printed_twice_goes_from_a_page_with_no_article() -> None:
    """No article run to cut around (cards of a title and a blurb): the menu printed in the
    header and again in the footer still goes, both copies, named (context/menus.py)."""
    result = CLEANER.clean_document(_listing(), kind="text")
    kept = result.text.splitlines()
    for title, blurb in LISTED:
        assert title in kept and blurb in kept
    menu = [r for r in result.removals if r.rule == "context.menu-twice"]
    assert [r.text for r in menu] == SITE_MENU * 2
    assert {r.category for r in menu} == {"navigation"}
    # The user can keep them (the header's copy is also an edge menu: see below).
    config = Config(disable_rules=frozenset({"context.menu-twice", "context.menu-edge"}))
    assert all(entry in Cleaner(config).clean(_listing(), kind="text").splitlines() for entry in SITE_MENU)


HEADER_MENU = ["Latest", "Podcasts", "Newsletters", "Events", "Jobs", "Shop", "Videos", "Topics", "Authors"]
FOOTER_MENU = ["Our staff", "Careers", "Obituaries", "Help centre", "Archive", "Puzzles", "Corrections", "Awards"]


def test_a_header_and_a_footer_menu_go_from_a_page_with_no_article() -> None:
    """No article, and menus printed once: in a page dump, a run of eight entries or more above
    the page's first sentence or below its last is a site menu (context.menu-edge, menus.py). The <title>
    and the listing's heading that repeats it stand in the header's run and stay, as do the
    cards."""
    result = CLEANER.clean_document(_listing(HEADER_MENU, FOOTER_MENU), kind="text")
    kept = result.text.splitlines()
    assert kept[:2] == ["Technology | Example News", "Technology"]
    assert all(title in kept and blurb in kept for title, blurb in LISTED)
    edge = [r.text for r in result.removals if r.rule == "context.menu-edge"]
    assert edge == [*HEADER_MENU, *FOOTER_MENU]


@pytest.mark.parametrize(
    "header",
    [
        HEADER_MENU[:7],  # seven entries: too few to tell a menu from a card's lines
        ["Amberlight", "Bluestone", "Butterrum", "Flaxen", "Lilac", "Meadowlark", "Ruby Wine", "Violet"],  # options
    ],
    ids=["seven entries", "alphabetical"],
)
def test_short_or_sorted_runs_at_the_edge_stay(header: list[str]) -> None:
    """Near misses: a run of seven entries, or one in alphabetical order (a catalogue's colours),
    above the first sentence is no menu."""
    result = CLEANER.clean_document(_listing(header, []), kind="text")
    assert all(entry in result.text.splitlines() for entry in header)


def test_menus_at_the_edges_of_a_text_that_opens_with_no_title_stay() -> None:
    """Near miss: the same page without its <title> line is no page dump (an extractor's output
    opens with its content), and the runs at its edges are its own."""
    lines = _listing(HEADER_MENU, FOOTER_MENU).splitlines()[1:]
    result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
    assert not [r for r in result.removals if r.rule == "context.menu-edge"]
    assert all(entry in result.text.splitlines() for entry in HEADER_MENU + FOOTER_MENU)


def test_a_run_of_entries_between_two_sentences_stays() -> None:
    """Near miss: the same nine entries between two cards are the listing's own (tags, a
    product's options): only the page's edges hold its menus."""
    lines = _listing([], []).splitlines()
    at = lines.index(LISTED[2][0])
    lines[at:at] = HEADER_MENU
    result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
    assert all(entry in result.text.splitlines() for entry in HEADER_MENU)


@pytest.mark.parametrize(
    "menu",
    [
        # Options in alphabetical order, printed under two products: a list, not a menu.
        ["Amberlight", "Bluestone", "Butterrum", "Flaxen", "Lilac", "Meadowlark", "Ruby Wine"],
        # Sizes and prices repeat from card to card: a card's, never a menu's.
        ["Small 4oz", "Medium 8oz", "Large 12oz", "Lid", "Sleeve", "Gift box", "$24.95"],
        # A run repeating its own entries (a vote's buttons, card after card) is no menu.
        ["Up", "Down", "Up", "Down", "Up", "Down", "Vote"],
    ],
)
def test_short_runs_printed_twice_that_are_no_menu_stay(menu: list[str]) -> None:
    result = CLEANER.clean_document(_listing(menu), kind="text")
    assert not [r for r in result.removals if r.rule == "context.menu-twice"]


def test_a_run_printed_three_times_is_what_each_card_shows() -> None:
    """Near miss: entries three cards of a listing print (three copies) are the listing's own."""
    extra = ["Remote", "Full-Time", "Save job", "Anywhere in the World", "Share job", "Apply now"]
    lines = _listing().splitlines()
    for title, _ in LISTED[:3]:
        at = lines.index(title) + 2
        lines[at:at] = extra
    result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
    menu = [r.text for r in result.removals if r.rule == "context.menu-twice"]
    assert menu == SITE_MENU * 2  # the page's menu still goes


def test_a_menu_copy_that_differs_is_matched_only_where_it_agrees() -> None:
    """The footer repeats only the first six entries of the header's menu: those go in both
    places, the header's last two entries stay (no copy of them in that order)."""
    result = CLEANER.clean_document(_listing(footer_menu=SITE_MENU[:6]), kind="text")
    assert [r.text for r in result.removals if r.rule == "context.menu-twice"] == SITE_MENU[:6] * 2


def test_a_title_line_over_removed_furniture_is_not_the_headlines_first_line() -> None:
    """A headline may run over two lines, but not across a menu: the <title>, worded apart
    from the headline, stands above lines a rule removed and goes with the page."""
    page_title = "Ferry news from the harbour board | Harbour Gazette"
    lines = [page_title, "Skip to content", "Sign In", "Register", HEADLINE, DATELINE, *ARTICLE, *LINKS, *FOOTER]
    kept = CLEANER.clean("\n".join(lines) + "\n", kind="text").splitlines()
    assert page_title not in kept
    assert kept[:2] == [HEADLINE, DATELINE]


# A forum thread as a scraper dumps it: the <title>, the site menu, the thread's title, then
# each post under its author's panel, with the controls forum software prints under it.
THREAD_TITLE = "Choosing a first telescope on a small budget"
POSTS = [
    (
        "orionfan",
        [
            "I have been looking at the night sky with binoculars for a year and would like to buy my first "
            "telescope this winter.",
            "My budget is around three hundred pounds and I live in a town with a fair amount of light pollution.",
            "Would a small refractor be a better start than a Dobsonian, or is that the wrong question to ask?",
        ],
    ),
    (
        "deepskydiver",
        [
            "A six inch Dobsonian is the usual answer, and for good reason: it shows far more than a refractor "
            "costing the same.",
            "It is heavy, though, so think about where you will keep it and how far you will carry it.",
        ],
    ),
    (
        "lunartic",
        [
            "Light pollution matters less for the Moon and the planets, which is where most beginners start anyway.",
            "Join the local astronomy club first: most of them lend telescopes to members for a month at a time.",
        ],
    ),
    (
        "orionfan",
        [
            "Thank you both, the club lends a six inch Dobsonian and I have booked it for the first week of December.",
        ],
    ),
]
THREAD_MENU = ["Stargazers", "Forums", "What's new", "Members", "Log in", "Register"]
THREAD_FOOTER = [
    "Similar threads",
    "Best eyepieces to upgrade a starter kit",
    "Is a goto mount worth the money",
    "Contact us",
    "Terms and rules",
    "Forum software by an example company, whose licence terms apply to every page of this site.",
]


def _thread(title: str = f"{THREAD_TITLE} | Stargazers Forum", posts: list = POSTS) -> str:
    lines = [title, *THREAD_MENU, THREAD_TITLE]
    for n, (author, paragraphs) in enumerate(posts, 1):
        lines += [author, "Joined: Mar 2019", f"Messages: {200 + n}", f"#{n} · Nov {n + 2}, 2025"]
        lines += [*paragraphs, "Reply", "Quote"]
    lines += THREAD_FOOTER
    return "\n".join(lines) + "\n"


def _post_lines(posts: list = POSTS) -> list[str]:
    return [p for _, paragraphs in posts for p in paragraphs]


def test_a_forum_thread_keeps_every_post() -> None:
    """On a forum the replies are the content (context/thread.py): every post's sentences stay, the
    site menu and the footer go, and the Result names the page's kind."""
    result = CLEANER.clean_document(_thread(), kind="text")
    kept = result.text.splitlines()
    assert all(p in kept for p in _post_lines())
    assert not set(THREAD_MENU) & set(kept)
    assert THREAD_FOOTER[-1] not in kept and "Similar threads" not in kept
    assert result.page_type == "forum" and not result.warnings
    # The mechanism, not luck: read as an article, the replies go as the page around it.
    as_article = Cleaner(Config(page_type="article")).clean_document(_thread(), kind="text")
    assert as_article.page_type == "article"
    assert not set(_post_lines(POSTS[1:])) & set(as_article.text.splitlines())


def test_a_post_quoted_in_a_thread_is_not_kept_again() -> None:
    """Three copies of a paragraph are an article's structure (duplicate.py: an interview's
    question to each guest), but on a forum thread the later ones are quotes of a post."""
    from cleaner.layers.duplicate import DuplicateLayer

    layer = next(x for x in CLEANER.layers if isinstance(x, DuplicateLayer))
    post = POSTS[0][1][0]
    text = "\n".join([post, POSTS[1][1][0], post, POSTS[2][1][0], post]) + "\n"
    for page_type, removed in ((None, []), ("forum", [2, 4])):
        doc = Document(text, meta={"page_type": page_type} if page_type else None, index=CLEANER.index)
        layer.apply(doc)
        assert [i for i, ln in enumerate(doc.lines) if ln.removed] == removed


@pytest.mark.parametrize(
    "title",
    [
        f"{THREAD_TITLE} | Stargazers",  # the <title> names no place for discussion
        f"{THREAD_TITLE} | Stargazers Magazine",
    ],
)
def test_a_title_without_a_forum_word_is_no_thread(title: str) -> None:
    """Near miss: two posts (ten lines of furniture) under a <title> that names no forum read as
    an article with its comments, which go (as they always did)."""
    result = CLEANER.clean_document(_thread(title, POSTS[:2]), kind="text")
    assert result.page_type is None
    assert not set(_post_lines(POSTS[1:2])) & set(result.text.splitlines())


def test_a_thread_whose_title_names_only_the_site_is_told_by_its_furniture() -> None:
    """'Choosing a telescope | Stargazers': no forum word, but twenty lines of post furniture of
    several kinds ('Joined: ...', '#2 · ...', 'Reply') from the first post on: a thread."""
    from cleaner.layers.context import thread

    dump = _thread(f"{THREAD_TITLE} | Stargazers")
    result = CLEANER.clean_document(dump, kind="text")
    assert result.page_type == "forum"
    assert all(p in result.text.splitlines() for p in _post_lines())
    # Each condition counts: fewer lines than UNTITLED_LABELS, or one kind of furniture only.
    labels = sum(thread.post_furniture(line, CLEANER.book.words("post_labels")) for line in dump.splitlines())
    assert thread.UNTITLED_LABELS <= labels < thread.UNTITLED_LABELS + 6


def test_a_threads_replies_under_its_first_posts_comments_stay() -> None:
    """A Q&A page prints the question's own comment box ('2 Comments', 'Add a comment') under
    it; the tail layer takes that for an article's comment section, which ends the article's
    run. On a thread the answers under it are the content and stay."""
    posts = [("orionfan", [ARTICLE[0], ARTICLE[1], ARTICLE[3]]), *POSTS[1:]]
    lines = _thread(posts=posts).splitlines()
    at = lines.index("Quote") + 1
    lines[at:at] = ["2 Comments", "Add a comment"]
    result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
    assert result.page_type == "forum"
    assert all(p in result.text.splitlines() for p in _post_lines(posts))
    # The mechanism, not luck: read as an article, the box ends the article.
    as_article = Cleaner(Config(page_type="article")).clean_document("\n".join(lines) + "\n", kind="text")
    assert not set(_post_lines(POSTS[1:])) & set(as_article.text.splitlines())


def test_a_thread_under_a_long_menu_is_told_by_the_prose_above_its_first_post() -> None:
    """A site whose menu runs to a hundred lines puts the first post's furniture past the first
    UNTITLED_REACH of the page's lines, but above that share of its prose: still a thread
    (the near miss, comments under a long article, is test_comments_far_below_the_top_are_no_thread)."""
    from cleaner.layers.context import thread

    lines = _thread(f"{THREAD_TITLE} | Stargazers").splitlines()
    lines[1:1] = [f"Section {n}" for n in range(120)]
    first = next(i for i, line in enumerate(lines) if line.startswith("Joined:"))
    assert first > thread.UNTITLED_REACH * len(lines)
    result = CLEANER.clean_document("\n".join(lines) + "\n", kind="text")
    assert result.page_type == "forum"
    assert all(p in result.text.splitlines() for p in _post_lines())


def _commented(comment_lines: list[str], *, above: int = 0) -> tuple[str, list[str]]:
    """An article (no forum word in its <title>) with twenty readers' comments under it, each
    followed by ``comment_lines``; ``above``: that many paragraphs of the article repeated under
    the headline (a longer article puts the comments further down)."""
    comments = [
        f"Comment {n}: the ferry has been unreliable for years, and in a westerly the slipway is worse."
        for n in range(20)
    ]
    lines = [f"{HEADLINE} | Harbour News", *MENU, HEADLINE, DATELINE, *ARTICLE]
    lines += [f"{p} (part {k})" for k in range(above) for p in ARTICLE]
    lines.append("20 Comments")
    for n, comment in enumerate(comments):
        lines += [f"Reader {n + 1}", "March 15, 2024", comment, *comment_lines]
    return "\n".join([*lines, *FOOTER]) + "\n", comments


def test_an_articles_comments_with_one_kind_of_furniture_are_no_thread() -> None:
    """Near miss: twenty comments each with a 'Reply' button: over UNTITLED_LABELS lines of
    furniture, but one kind (a comment section's), so the comments still go."""
    dump, comments = _commented(["Reply"])
    result = CLEANER.clean_document(dump, kind="text")
    assert result.page_type is None
    kept = result.text.splitlines()
    assert all(line in kept for line in ARTICLE) and not set(comments) & set(kept)


def test_reply_and_replies_are_one_kind_of_furniture() -> None:
    """Near miss: a blog prints 'Replies' over each comment's answers and 'Reply' under it: one
    control in the singular and the plural, one kind of furniture, so the comments still go."""
    dump, comments = _commented(["Replies", "Reply"])
    result = CLEANER.clean_document(dump, kind="text")
    assert result.page_type is None
    kept = result.text.splitlines()
    assert all(line in kept for line in ARTICLE) and not set(comments) & set(kept)


def test_comments_far_below_the_top_are_no_thread() -> None:
    """Near miss: two kinds of furniture ('Reply', '3 Likes'), but the first stands under a long
    article, past the first UNTITLED_REACH of the page: the comments still go."""
    dump, comments = _commented(["3 Likes", "Reply"], above=6)
    lines = dump.splitlines()
    first = next(i for i, line in enumerate(lines) if line in ("3 Likes", "Reply"))
    from cleaner.layers.context import thread

    assert first > thread.UNTITLED_REACH * len(lines)
    result = CLEANER.clean_document(dump, kind="text")
    assert result.page_type is None and not set(comments) & set(result.text.splitlines())
    # The mechanism, not luck: the same comments right under a short article make a thread.
    near, _ = _commented(["3 Likes", "Reply"])
    assert CLEANER.clean_document(near, kind="text").page_type == "forum"


def test_an_article_on_a_community_site_keeps_its_comments_out() -> None:
    """Near miss: 'Community' in the <title>, but no forum furniture around the comments: an
    article, whose comment section still goes."""
    comments = [
        "Great piece, the ferry has been unreliable for years and nobody in the council seems to care.",
        "The south slipway is fine in calm weather but in a westerly it will be a different story.",
    ]
    lines = [f"{HEADLINE} | Harbour Community News", *MENU, HEADLINE, DATELINE, *ARTICLE, "2 Comments"]
    for n, comment in enumerate(comments):
        lines += [f"Reader {n + 1}", "March 15, 2024", comment]
    result = CLEANER.clean_document("\n".join([*lines, *FOOTER]) + "\n", kind="text")
    assert result.page_type is None
    kept = result.text.splitlines()
    assert all(line in kept for line in ARTICLE) and not set(comments) & set(kept)


@pytest.mark.parametrize(
    ("title", "labels"),
    [
        ("Welches Teleskop für Anfänger? - Astronomie Forum", ["Registriert: März 2019", "Zitieren", "Antworten"]),
        ("Quel télescope pour débuter ? - Forum Astronomie", ["Inscrit: mars 2019", "Citer", "Répondre"]),
        ("¿Qué telescopio para empezar? - Foro de Astronomía", ["Registrado: marzo 2019", "Citar", "Responder"]),
    ],
)
def test_threads_are_told_in_each_language_with_a_rules_file(title: str, labels: list[str]) -> None:
    """The <title>'s word and the posts' labels come from each language's rules file."""
    from cleaner.layers.context.thread import thread_end
    from cleaner.rules import builtin_lexicon

    lexicon = builtin_lexicon()
    words, post = lexicon["thread_words"], lexicon["post_labels"]
    lines = [title, "orionfan", *labels, "Ein Satz, der lang genug ist, um ein Beitrag zu sein.", "Impressum", "AGB"]
    assert thread_end(lines, words, post) == 5  # the last post's sentence; the footer is not the thread's
    assert thread_end([title, "orionfan", labels[0], "Ein Satz."], words, post) is None  # one label: no thread
    assert thread_end(["Astronomie", *lines[1:]], words, post) is None  # no forum word in the <title>


def test_a_forum_word_in_the_headline_needs_more_furniture() -> None:
    """Near miss: 'board' in the story's part of the <title> is the story's word, not the site's
    name; three comment controls under it make no thread, a thread's furniture on every post does."""
    from cleaner.layers.context.thread import HEADLINE_LABELS, THREAD_LABELS, thread_end
    from cleaner.rules import builtin_lexicon

    lexicon = builtin_lexicon()
    words, post = lexicon["thread_words"], lexicon["post_labels"]
    body = ["The school board approved the budget on Monday, after a long and heated public meeting."]
    for title in ("School board approves the new budget | Harbour Gazette", "School board approves the new budget"):
        assert thread_end([title, *body, *["Reply"] * THREAD_LABELS], words, post) is None
        assert thread_end([title, *body, *["Reply"] * HEADLINE_LABELS], words, post) is not None
    site_named = ["New budget approved | Harbour Board", *body, *["Reply"] * THREAD_LABELS]
    assert thread_end(site_named, words, post) is not None
