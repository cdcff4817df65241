"""Site templates: lines most pages of one site repeat go, lines a couple of pages share stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import BinaryInputError, Cleaner, Config, Result
from cleaner.template import Template, TemplateLearner, learn, line_key, site_of

HEADER = ["Example News", "Home", "World", "Politics", "Business", "Sport", "Opinion"]
FOOTER = [
    "Get the Example News morning briefing in your inbox: sign up for our free newsletter today.",
    "Follow us on Twitter",
    "About us | Contact | Privacy policy",
    "© 2024 Example News",
]
QUOTE = '"We will not back down," the minister said.'
BODIES = [
    [
        "Council approves new bridge over the river",
        "The city council voted 7 to 2 on Tuesday to fund a new bridge over the river, "
        "ending a debate that had lasted more than three years.",
        "Advertisement",
        "Construction is expected to begin next spring and to take about two years, the mayor said after the meeting.",
        "Opponents said the money would be better spent on repairing the roads that the city already has.",
    ],
    [
        "Minister rejects calls to resign over budget error",
        "The finance minister on Monday rejected calls from the opposition to step down after an error "
        "was found in the spring budget.",
        QUOTE,
        "The error, worth about 40 million, was found by the audit office during its yearly review of the accounts.",
    ],
    [
        "Rain is forecast for the whole weekend across the north",
        "Forecasters expect up to 40 mm of rain in the hills on Saturday, and warned drivers to take care "
        "on the coast roads.",
        "The rain should clear from the west on Sunday evening, leaving a dry and bright start to the week "
        "for most places.",
    ],
    [
        "Teachers vote to accept new pay offer",
        "Teachers in the region voted by a large majority to accept a pay offer of five percent, "
        "ending months of strikes in schools.",
        "The union said the deal was the best that could be won this year, and thanked parents for their "
        "patience during the dispute.",
        "Talks on class sizes will continue in the autumn, the education department said in a statement.",
    ],
    [
        "Opposition keeps up pressure on minister",
        "Opposition leaders kept up the pressure on the finance minister on Wednesday, two days after "
        "the budget error came to light.",
        QUOTE,
        "Several members of the minister's own party said in private that they expected a change before "
        "the summer break.",
    ],
]


def page(body: list[str], header: list[str] = HEADER, footer: list[str] = FOOTER) -> str:
    return "\n\n".join([*header, *body, *footer]) + "\n"


DOCS = [page(b) for b in BODIES]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def template_removals(result: Result) -> list[str]:
    return [r.text for r in result.removals if r.rule == "template.site"]


# -- the batch of one site ------------------------------------------------------------


def test_menu_and_footer_go_from_every_page_as_template(cleaner: Cleaner) -> None:
    results = cleaner.clean_batch(DOCS)
    assert len(results) == len(DOCS)
    for result in results:
        assert template_removals(result) == [*HEADER, *FOOTER]
        for r in result.removals:
            if r.rule == "template.site":
                assert (r.layer, r.category) == ("template", "boilerplate")
        kept = lines(result.text)
        for line in [*HEADER, *FOOTER]:
            assert line not in kept


def test_bodies_stay_whole_and_a_quote_two_pages_share_is_kept(cleaner: Cleaner) -> None:
    results = cleaner.clean_batch(DOCS)
    for body, result in zip(BODIES, results, strict=True):
        assert lines(result.text) == [ln for ln in body if ln != "Advertisement"]
    assert QUOTE in results[1].text and QUOTE in results[4].text


def test_batch_equals_each_page_alone_but_for_the_template(cleaner: Cleaner) -> None:
    """Other layers decide as they do page by page; the template only takes its own lines."""
    for doc, batch in zip(DOCS, cleaner.clean_batch(DOCS), strict=True):
        alone = cleaner.clean_document(doc)
        gone = {r.line for r in batch.removals if r.rule == "template.site"}
        assert gone  # the template did act on this page
        assert [r for r in batch.removals if r.rule != "template.site"] == [
            r for r in alone.removals if r.line not in gone
        ]
        template_text = {doc.splitlines()[n - 1] for n in gone}
        assert lines(batch.text) == [ln for ln in lines(alone.text) if ln not in template_text]
    # ...and page by page the cleaner alone keeps some of that furniture, so the batch does add something.
    alone = cleaner.clean_document(DOCS[0])
    assert "Opinion" in lines(alone.text) and FOOTER[0] in lines(alone.text)
    assert ("banner.advertisement", "Advertisement") in [(r.rule, r.text) for r in alone.removals]


def test_removal_spans_point_at_the_input_lines(cleaner: Cleaner) -> None:
    doc = DOCS[2]
    source = doc.splitlines()
    for r in cleaner.clean_batch(DOCS)[2].removals:
        assert r.line is not None and source[r.line - 1].strip() == r.text


# -- groups ---------------------------------------------------------------------------


def two_sites() -> tuple[list[str], list[str]]:
    """Three pages from each of two sites; one line is on two pages of each site."""
    shared = "Polls open at seven on Thursday."
    a_foot = ["Alpha Daily", "© 2024 Alpha Daily"]
    b_foot = ["Beta Times", "© 2024 Beta Times"]
    docs, groups = [], []
    for k, body in enumerate(BODIES[:3]):
        docs.append(page(body + ([shared] if k < 2 else []), header=[], footer=a_foot))
        groups.append("alpha.example")
    for k, body in enumerate(BODIES[2:]):
        docs.append(page(body + ([shared] if k < 2 else []), header=[], footer=b_foot))
        groups.append("beta.example")
    return docs, groups


def test_two_sites_do_not_share_a_template(cleaner: Cleaner) -> None:
    docs, groups = two_sites()
    results = cleaner.clean_batch(docs, groups=groups)
    for result in results[:3]:
        assert template_removals(result) == ["Alpha Daily", "© 2024 Alpha Daily"]
    for result in results[3:]:
        assert template_removals(result) == ["Beta Times", "© 2024 Beta Times"]
    # The line on two pages of each site is no site's template...
    assert "Polls open at seven on Thursday." in results[0].text
    assert "Polls open at seven on Thursday." in results[3].text
    # ...though as one group of six, four pages carry it and it would be.
    as_one = cleaner.clean_batch(docs)
    assert "Polls open at seven on Thursday." in template_removals(as_one[0])


def test_a_page_alone_in_its_group_or_without_a_group_gets_no_template(cleaner: Cleaner) -> None:
    docs = [*DOCS[:3], DOCS[3], DOCS[4]]
    results = cleaner.clean_batch(docs, groups=["news", "news", "news", "other", None])
    assert template_removals(results[0])
    for doc, result in zip(docs[3:], results[3:], strict=True):
        assert result == cleaner.clean_document(doc)


def test_groups_must_match_the_documents(cleaner: Cleaner) -> None:
    with pytest.raises(ValueError, match="groups"):
        cleaner.clean_batch(DOCS, groups=["a"])
    with pytest.raises(ValueError, match="kind"):
        cleaner.clean_batch(DOCS, kind="pdf")


def test_the_template_layer_can_be_turned_off() -> None:
    for config in (Config(disable_layers={"template"}), Config(disable_rules={"template.site"})):
        off = Cleaner(config)
        assert off.clean_batch(DOCS) == [off.clean_document(d) for d in DOCS]


# -- bad input ------------------------------------------------------------------------


def test_a_bad_document_raises_or_takes_only_its_own_slot(cleaner: Cleaner) -> None:
    batch: list[str | bytes] = [*DOCS[:3], b"\x89PNG\r\n\x1a\n\x00\x00binary", DOCS[3]]
    with pytest.raises(BinaryInputError):
        cleaner.clean_batch(batch)
    results = cleaner.clean_batch(batch, return_exceptions=True)
    assert isinstance(results[3], BinaryInputError)
    assert all(isinstance(r, Result) for k, r in enumerate(results) if k != 3)
    assert template_removals(results[4]) == [*HEADER, *FOOTER]  # type: ignore[arg-type]


def test_bytes_and_html_go_through_the_same_two_passes(cleaner: Cleaner) -> None:
    html = [
        f"<html><head><title>T{k}</title></head><body><article><h1>Story {k}</h1><p>{body[1]}</p>"
        f"<p>{body[-1]}</p><p>Example News has been owned by its readers since 1901, and answers to no one else.</p>"
        "</article></body></html>"
        for k, body in enumerate(BODIES)
    ]
    results = cleaner.clean_batch([h.encode("utf-8") for h in html])
    for k, result in enumerate(results):
        alone = cleaner.clean_document(html[k])
        assert (result.kind, result.title) == ("html", f"T{k}")
        assert "owned by its readers since 1901" in alone.text
        assert "owned by its readers since 1901" not in result.text
        assert BODIES[k][1] in result.text


# -- the learner ----------------------------------------------------------------------


def test_thresholds_count_a_line_once_per_page() -> None:
    # Three times on one page and once on another: two pages, below min_docs.
    texts = ["menu\nmenu\nmenu\nstory one", "menu\nstory two", "story three", "story four"]
    assert "menu" not in learn(texts)
    # On three of four pages: template; on three of eight: below min_share.
    texts = ["menu\nstory one", "menu\nstory two", "menu\nstory three", "story four"]
    assert "menu" in learn(texts)
    assert "menu" not in learn([*texts, "story five", "story six", "story seven", "story eight"])
    assert "menu" in learn([*texts, "story five", "story six", "story seven", "story eight"], min_share=0.3)


def test_short_generic_lines_are_template_only_when_the_site_repeats_them() -> None:
    pages = [f"Photo\n1\nStory number {k} is about something else." for k in range(5)]
    template = learn(pages)
    assert "Photo" in template and "1" in template
    assert "Story number 1 is about something else." not in template
    pages[3] = pages[3].replace("Photo\n", "")
    pages[4] = pages[4].replace("Photo\n", "")
    pages[2] = pages[2].replace("Photo\n", "")
    assert "Photo" not in learn(pages)  # two of five pages


def test_lines_match_whitespace_normalised() -> None:
    template = learn(["  Follow   us\ton Twitter ", "Follow us on Twitter", "Follow us on Twitter\r\n"])
    assert "Follow us on Twitter" in template and " Follow us  on Twitter" in template
    assert "Follow us on twitter" not in template  # case matters: the cleaner never guesses
    assert line_key("a  b") == line_key("a b") != line_key("ab")


def test_a_group_of_two_or_an_empty_group_has_no_template() -> None:
    assert len(learn([DOCS[0], DOCS[1]])) == 0
    assert len(learn([])) == 0
    assert not Template()
    with pytest.raises(ValueError):
        TemplateLearner(min_docs=1)
    with pytest.raises(ValueError):
        TemplateLearner(min_share=0)


def test_copies_of_one_story_do_not_make_its_body_a_template(cleaner: Cleaner) -> None:
    """Three re-scrapes of one story among six pages: the body is on half the pages, but is no furniture."""
    story = BODIES[0]
    docs = [page(story), page([*story, "Updated at 5 pm."]), page(story), *(page(b) for b in BODIES[1:4])]
    template = learn(docs)
    for line in [*HEADER, *FOOTER]:
        assert line in template
    for line in story:
        assert line not in template
    for result in cleaner.clean_batch(docs)[:3]:
        assert lines(result.text)[:4] == [ln for ln in story if ln != "Advertisement"]
        assert template_removals(result) == [*HEADER, *FOOTER]


def test_exact_duplicates_of_several_stories_still_show_the_template(cleaner: Cleaner) -> None:
    """The same five pages scraped three times over: each story counts once, the furniture five times."""
    docs = DOCS * 3
    template = learn(docs)
    assert all(line in template for line in [*HEADER, *FOOTER])
    assert not any(line in template for body in BODIES for line in body)
    for body, result in zip(BODIES * 3, cleaner.clean_batch(docs), strict=True):
        assert lines(result.text) == [ln for ln in body if ln != "Advertisement"]
    # Three copies of each of two stories: the bodies are on half the pages, but two stories are
    # below min_docs, so there is no template at all (when unsure, keep).
    assert len(learn(DOCS[:2] * 3)) == 0


def test_a_recurring_paragraph_inside_an_article_stays(cleaner: Cleaner) -> None:
    background = (
        "The war began in February 2022, when troops crossed the border from the north, east and south at dawn."
    )
    docs = [page([b[0], b[1], background, *b[2:]]) for b in BODIES[:4]]
    docs[3] = page([*BODIES[3], background])  # at the foot of this story, after its last paragraph
    assert background in learn(docs)
    results = cleaner.clean_batch(docs)
    for result in results[:3]:
        assert background in lines(result.text)
    assert background not in lines(results[3].text)
    assert background in template_removals(results[3])


# -- properties -----------------------------------------------------------------------

_line = st.one_of(
    st.sampled_from(["", "Home", "© 2024 Example News", QUOTE, "Follow us on Twitter", *BODIES[0], *BODIES[3]]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
)
_doc = st.lists(_line, max_size=25).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(doc=_doc)
def test_a_batch_of_one_equals_clean_document(doc: str) -> None:
    cleaner = _shared()
    assert cleaner.clean_batch([doc]) == [cleaner.clean_document(doc)]
    assert cleaner.clean_batch([doc], groups=["example.com"]) == [cleaner.clean_document(doc)]


@settings(max_examples=30, deadline=None)
@given(docs=st.lists(_doc, min_size=1, max_size=6))
def test_batches_only_ever_remove_more_and_never_rewrite(docs: list[str]) -> None:
    cleaner = _shared()
    for doc, batch in zip(docs, cleaner.clean_batch(docs), strict=True):
        alone = cleaner.clean_document(doc)
        if not template_removals(batch):
            assert batch == alone
        source = {ln.strip() for ln in doc.splitlines()}
        assert all(ln.strip() in source for ln in batch.text.splitlines() if ln.strip())


_SHARED: list[Cleaner] = []


def _shared() -> Cleaner:
    if not _SHARED:
        _SHARED.append(Cleaner())
    return _SHARED[0]


# -- site_of --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.Example.com/news/a.html", "example.com"),
        ("http://example.com:8080/b?x=1", "example.com"),
        ("example.com/c", "example.com"),
        ("//www.news.example.co.uk/", "news.example.co.uk"),
        ("https://user:pw@www2.example.org/", "www2.example.org"),
        ("https://www.example.com./", "example.com"),
        ("", ""),
        ("not a url", ""),
        ("http://[::1", ""),
    ],
)
def test_site_of(url: str, site: str) -> None:
    assert site_of(url) == site
