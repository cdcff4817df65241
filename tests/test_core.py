"""The public API and the configuration switches, on the seed articles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cleaner
from cleaner import CATEGORIES, Cleaner, Config, ConfigError, Removal, Result
from cleaner.layers import Layer
from cleaner.model import Document

SEEDS = Path(__file__).resolve().parent.parent / "golden"
SEED_004 = (SEEDS / "seed-004" / "input.txt").read_text(encoding="utf-8")
SEED_001 = (SEEDS / "seed-001" / "input.txt").read_text(encoding="utf-8")


def test_clean_returns_the_expected_text() -> None:
    assert cleaner.clean(SEED_004) == (SEEDS / "seed-004" / "expected.txt").read_text(encoding="utf-8")


def test_clean_document_explains_every_removal() -> None:
    result = cleaner.clean_document(SEED_004)
    assert isinstance(result, Result)
    assert result.kind == "text"
    lines = SEED_004.splitlines()
    for r in result.removals:
        assert isinstance(r, Removal)
        assert r.category in CATEGORIES
        assert (r.layer and r.rule.startswith(r.category.split("-")[0])) or r.layer == "context"
        assert lines[r.line - 1].strip() == r.text
    assert {r.category for r in result.removals} == {"caption", "source-tail", "comments"}


def test_bytes_and_str_give_the_same_result() -> None:
    assert cleaner.clean(SEED_004.encode("utf-8")) == cleaner.clean(SEED_004)


def test_disabled_category_keeps_its_lines_through_every_layer() -> None:
    kept = Cleaner(Config(disable_categories={"source-tail", "comments"})).clean(SEED_004)
    assert "Source link" in kept
    assert "Please enter your comment!" in kept
    assert "Mikhail Metzel | Sputnik | Reuters" not in kept  # other categories still go


def test_disabled_rule_is_not_taken_by_the_footer_either() -> None:
    kept = Cleaner(Config(disable_rules={"comments.form"})).clean(SEED_004)
    assert "Please enter your comment!" in kept
    assert "Source link" not in kept


def test_disabled_layer_does_not_run() -> None:
    c = Cleaner(Config(disable_layers={"script"}))
    assert "script" not in c.layer_names
    assert all(r.layer != "script" for r in c.clean_document(SEED_001).removals)
    # To keep script lines, disable the category: no layer takes them then.
    assert Cleaner(Config(disable_categories={"script"})).clean(SEED_001).startswith("var ezCmpChangeLogId")


def test_user_rule_from_config() -> None:
    config = Config.from_dict(
        {"rule": [{"id": "promo.house-ad", "category": "promo", "pattern": "(?i)buy our mugs!?"}]}
    )
    text = "A long enough sentence of the story, with words in it.\n\nBuy our mugs!\n"
    result = Cleaner(config).clean_document(text)
    assert result.text == "A long enough sentence of the story, with words in it.\n"
    assert [(r.rule, r.category, r.line) for r in result.removals] == [("promo.house-ad", "promo", 3)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"disable_categories": ["ads"]}, "unknown categories"),
        ({"rule": [{"id": "x", "category": "promo", "pattern": "("}]}, "bad pattern"),
        ({"rule": [{"id": "x", "category": "nope", "pattern": "x"}]}, "unknown category"),
        ({"rule": [{"id": "x", "category": "embed", "pattern": "x", "then": "("}]}, "bad 'then' pattern"),
        ({"rule": [{"id": "x", "category": "promo", "pattern": "x", "then": "Report"}]}, "needs category 'embed'"),
        ({"colour": "blue"}, "unknown settings"),
    ],
)
def test_bad_config_is_a_clear_error(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.from_dict(data)


def test_config_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('disable_categories = ["caption"]\n', encoding="utf-8")
    assert "Mikhail Metzel | Sputnik | Reuters" in Cleaner(Config.load(path)).clean(SEED_004)
    path.write_text("disable_categories = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Config.load(path)


class ShoutLayer(Layer):
    """A user layer: drops lines written in capitals."""

    name = "shout"
    categories = ("banner",)

    def apply(self, doc: Document) -> None:
        for i, ln in doc.iter_kept():
            if ln.stripped.isupper():
                self.remove(doc, i, "banner.shout", "banner")


def test_extra_layer_runs_and_is_explained() -> None:
    text = "A long enough sentence of the story, with words in it.\nBUY NOW\n"
    result = Cleaner(extra_layers=[ShoutLayer]).clean_document(text)
    assert result.text == "A long enough sentence of the story, with words in it.\n"
    assert result.removals[0].layer == "shout"


def test_kind_must_be_known() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        cleaner.clean("x", kind="pdf")


def test_whitespace_rules_only() -> None:
    text = "\r\n\r\nFirst line of the story.  \r\n\r\n\r\n\r\nSecond line of it.\t\r\n\r\n"
    assert cleaner.clean(text, kind="text") == "First line of the story.\n\nSecond line of it.\n"


def test_empty_input() -> None:
    assert cleaner.clean("") == ""
    assert cleaner.clean("\n\n  \n") == ""


PARAGRAPH = "The council voted on Tuesday to keep the library open for another year, officials said."
ANSWERS = [
    "She said the team had worked for months to prepare for the launch of the new season.",
    "He added that there was no plan B, and that there never had been one at all.",
    "They said prices rose sharply in March, the fastest pace since the early nineties.",
]


def test_a_paragraph_printed_twice_loses_its_copy() -> None:
    text = "\n".join([PARAGRAPH, ANSWERS[0], PARAGRAPH, ANSWERS[1]]) + "\n"
    result = cleaner.clean_document(text, kind="text")
    assert result.text == "\n".join([PARAGRAPH, ANSWERS[0], ANSWERS[1]]) + "\n"
    assert [(r.line, r.rule) for r in result.removals] == [(3, "duplicate.exact")]


def test_a_paragraph_that_comes_back_three_times_is_structure() -> None:
    """The question put to each guest, the meal on each day of a plan: kept every time."""
    question = "What do you like to cook at home when nobody is watching, and why that dish?"
    text = "".join(f"{question}\n{answer}\n" for answer in ANSWERS)
    assert cleaner.clean(text, kind="text") == text


STORY = [
    "The council approved the repairs to the harbour bridge on Tuesday after a long debate in the chamber.",
    "Work is due to start in March and should take two years, according to the city's engineers.",
]


@pytest.mark.parametrize(
    ("head", "button", "rule"),
    [
        ("Image Copyright @AOC @AOC", "Report", "embed.image-copyright-handle"),
        ("Thanks for watching!", "Visit Website", "embed.placeholder"),
    ],
)
def test_an_embed_button_goes_with_its_head(head: str, button: str, rule: str) -> None:
    result = cleaner.clean_document("\n".join([STORY[0], head, button, STORY[1]]) + "\n", kind="text")
    assert result.text == "\n".join(STORY) + "\n"
    assert [(r.text, r.rule, r.category) for r in result.removals] == [
        (head, rule, "embed"),
        (button, rule + ".button", "embed"),
    ]


def test_a_button_word_away_from_an_embed_head_is_kept() -> None:
    """'Report' is also a subheading; only right under the embed's head is it the embed's button."""
    text = "\n".join([STORY[0], "Image Copyright @AOC @AOC", STORY[1], "Report", *ANSWERS]) + "\n"
    result = cleaner.clean_document(text, kind="text")
    assert result.text == "\n".join([*STORY, "Report", *ANSWERS]) + "\n"
    assert [r.text for r in result.removals] == ["Image Copyright @AOC @AOC"]


def _cleaner_imports(module: str) -> set[str]:
    """The ``cleaner.*`` modules a source file names in any import, TYPE_CHECKING and function-level ones too."""
    path = Path(cleaner.__file__).parent.joinpath(*module.split(".")[1:])
    source = (path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).read_text(encoding="utf-8")
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("cleaner.")}


def test_model_rules_and_matching_import_one_way() -> None:
    """The document model imports neither the rules nor the matcher; the rules do not import the matcher."""
    assert not _cleaner_imports("cleaner.model") & {"cleaner.rules", "cleaner.match"}
    assert "cleaner.match" not in _cleaner_imports("cleaner.rules")
    assert "cleaner.rules" in _cleaner_imports("cleaner.match")  # (the one direction: model <- rules <- match)
