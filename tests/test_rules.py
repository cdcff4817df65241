"""Every shipped rule, tried on the noise it targets and on prose that resembles it.

tests/rule_examples.toml holds, for each rule id, ``examples`` (real noise
lines the rule must match) and ``near_misses`` (real prose that looks like the
target and must come out of the whole chain untouched, placed in the middle of
an article). A rule without both fails the suite, so a new rule cannot ship
untested. A near-miss written as a table with ``known_bad = true`` is a known
false positive of a rule someone else owns: it runs as a strict expected
failure, so the suite turns red the day the rule is fixed and the mark can go.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from cleaner import CATEGORIES, Cleaner
from cleaner.match import RuleIndex
from cleaner.rules import LANGUAGES, Rule, builtin_rules, rules_dir
from cleaner.text import is_prose
from tests import test_context as context_page

EXAMPLES_FILE = Path(__file__).with_name("rule_examples.toml")
RULES = builtin_rules()
BY_ID = {r.id: r for r in RULES}
ENTRIES: dict[str, dict] = tomllib.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))["rules"]
CLEANER = Cleaner()
INDEX = RuleIndex(RULES)

# Three prose paragraphs before and three after the line under test, per language,
# plus a title that shares words with them (so the context layer keeps it).
# The paragraphs avoid caption verbs: a bare credit line beside them must not take them along.
ARTICLES: dict[str, tuple[str, list[str]]] = {
    "en": (
        "City council approves new budget for harbour bridge repairs",
        [
            "The city council approved a new budget on Tuesday evening for the repair of the harbour bridge, "
            "which has been closed to heavy traffic since the spring.",
            "Engineers had warned for years that the steel joints of the bridge were wearing out faster than "
            "expected, and the council set aside money for an inspection in 2021.",
            "The repairs will cost about 14 million dollars and should be finished before the end of next "
            "year, according to the city's transport department.",
            "Some residents of the harbour district said they were relieved that the work would finally "
            "begin, while others worried about the noise and the closed roads.",
            "Shop owners near the bridge asked the council for help during the months when customers will "
            "find it harder to reach them by car.",
            "The council will hold a public meeting about the detours next month, and the plans are already "
            "available at the library and on the city's website.",
        ],
    ),
    "de": (
        "Stadtrat beschließt Haushalt für die Sanierung der Hafenbrücke",
        [
            "Der Stadtrat hat am Dienstagabend einen neuen Haushalt für die Sanierung der Hafenbrücke "
            "beschlossen, die seit dem Frühjahr für den Schwerverkehr gesperrt ist.",
            "Ingenieure hatten seit Jahren davor gewarnt, dass die Stahlgelenke der Brücke schneller "
            "verschleißen als erwartet, und die Stadt hatte bereits 2021 Geld für eine Prüfung eingeplant.",
            "Die Arbeiten sollen rund 14 Millionen Euro kosten und nach Angaben des Verkehrsamts bis zum "
            "Ende des kommenden Jahres abgeschlossen sein.",
            "Viele Anwohner im Hafenviertel sind erleichtert, dass die Sanierung endlich beginnt, andere "
            "sorgen sich wegen des Lärms und der gesperrten Straßen.",
            "Geschäftsleute in der Nähe der Brücke baten den Stadtrat um Hilfe für die Monate, in denen "
            "ihre Kunden sie nur schwer mit dem Auto erreichen können.",
            "Im nächsten Monat soll es eine öffentliche Versammlung zu den Umleitungen geben, die Pläne "
            "liegen schon in der Bibliothek und im Internet aus.",
        ],
    ),
    "fr": (
        "Le conseil municipal vote le budget de la rénovation du pont du port",
        [
            "Le conseil municipal a voté mardi soir un nouveau budget pour la rénovation du pont du port, "
            "qui est fermé aux poids lourds depuis le printemps.",
            "Les ingénieurs avertissaient depuis des années que les joints en acier du pont s'usaient plus "
            "vite que prévu, et la ville avait prévu une inspection dès 2021.",
            "Les travaux coûteront environ 14 millions d'euros et devraient être terminés avant la fin de "
            "l'année prochaine, selon le service des transports de la ville.",
            "Certains habitants du quartier du port se disent soulagés que le chantier commence enfin, "
            "tandis que d'autres s'inquiètent du bruit et des routes fermées.",
            "Les commerçants installés près du pont ont demandé au conseil une aide pour les mois où leurs "
            "clients auront du mal à venir en voiture.",
            "Une réunion publique sur les déviations aura lieu le mois prochain, et les plans sont déjà "
            "disponibles à la bibliothèque et sur le site de la ville.",
        ],
    ),
    "es": (
        "El ayuntamiento aprueba el presupuesto para reparar el puente del puerto",
        [
            "El ayuntamiento aprobó el martes por la noche un nuevo presupuesto para la reparación del "
            "puente del puerto, que está cerrado al tráfico pesado desde la primavera.",
            "Los ingenieros advertían desde hace años que las juntas de acero del puente se desgastaban "
            "más rápido de lo previsto, y la ciudad ya había reservado dinero para una inspección en 2021.",
            "Las obras costarán unos 14 millones de euros y deberían terminar antes de que acabe el año "
            "que viene, según el departamento de transporte de la ciudad.",
            "Algunos vecinos del barrio del puerto dicen que están aliviados de que la obra empiece por "
            "fin, mientras que otros se preocupan por el ruido y las calles cortadas.",
            "Los comerciantes de la zona del puente pidieron ayuda al ayuntamiento para los meses en los "
            "que sus clientes tendrán difícil llegar en coche.",
            "El mes que viene habrá una reunión pública sobre los desvíos, y los planos ya están "
            "disponibles en la biblioteca y en la web de la ciudad.",
        ],
    ),
    "pt": (
        "Câmara municipal aprova orçamento para reformar a ponte do porto",
        [
            "A câmara municipal aprovou na terça-feira à noite um novo orçamento para a reforma da ponte "
            "do porto, que está fechada ao tráfego pesado desde a primavera.",
            "Os engenheiros alertavam havia anos que as juntas de aço da ponte estavam se desgastando mais "
            "rápido do que o previsto, e a cidade já tinha reservado dinheiro para uma inspeção em 2021.",
            "As obras vão custar cerca de 14 milhões de reais e devem terminar antes do fim do ano que vem, "
            "segundo a secretaria de transportes da cidade.",
            "Alguns moradores do bairro do porto dizem que estão aliviados porque a obra finalmente vai "
            "começar, enquanto outros se preocupam com o barulho e as ruas fechadas.",
            "Os comerciantes perto da ponte pediram ajuda à câmara para os meses em que os clientes terão "
            "dificuldade para chegar de carro.",
            "Uma reunião pública sobre os desvios será realizada no mês que vem, e os projetos já estão "
            "disponíveis na biblioteca e no site da prefeitura.",
        ],
    ),
    "it": (
        "Il consiglio comunale approva il bilancio per riparare il ponte del porto",
        [
            "Il consiglio comunale ha approvato martedì sera un nuovo bilancio per la riparazione del ponte "
            "del porto, che è chiuso al traffico pesante dalla primavera.",
            "Gli ingegneri avvertivano da anni che i giunti in acciaio del ponte si consumavano più in "
            "fretta del previsto, e il comune aveva già stanziato fondi per un controllo nel 2021.",
            "I lavori costeranno circa 14 milioni di euro e dovrebbero finire prima della fine del "
            "prossimo anno, secondo l'ufficio trasporti del comune.",
            "Alcuni abitanti del quartiere del porto si dicono sollevati che il cantiere cominci finalmente, "
            "mentre altri sono preoccupati per il rumore e le strade chiuse.",
            "I commercianti vicino al ponte hanno chiesto aiuto al consiglio per i mesi in cui i loro "
            "clienti faranno fatica a raggiungerli in auto.",
            "Il mese prossimo si terrà un incontro pubblico sulle deviazioni, e i progetti sono già "
            "disponibili in biblioteca e sul sito del comune.",
        ],
    ),
    "ru": (
        "Городской совет утвердил бюджет на ремонт моста в порту",
        [
            "Городской совет во вторник вечером утвердил новый бюджет на ремонт моста в порту, который "
            "закрыт для грузовиков с весны.",
            "Инженеры уже несколько лет предупреждали, что стальные швы моста изнашиваются быстрее, чем "
            "ожидалось, и город еще в 2021 году выделил деньги на проверку.",
            "Работы обойдутся примерно в 14 миллионов рублей и должны завершиться до конца следующего "
            "года, сообщили в транспортном управлении города.",
            "Некоторые жители портового района говорят, что рады началу работ, но другие беспокоятся "
            "из-за шума и перекрытых улиц.",
            "Владельцы магазинов возле моста попросили совет о помощи на те месяцы, когда покупателям "
            "будет трудно до них доехать на машине.",
            "В следующем месяце пройдет публичное собрание по объездам, а планы уже можно посмотреть "
            "в библиотеке и на сайте города.",
        ],
    ),
}


def _lang(rule: Rule) -> str:
    return rule.lang if rule.lang in ARTICLES else "en"


def _doc(lang: str, middle: list[str] | None = None, end: list[str] | None = None) -> str:
    """Title, three paragraphs, ``middle``, three paragraphs, ``end``: blank-line separated."""
    title, paras = ARTICLES[lang]
    blocks = [title, *paras[:3], *(middle or []), *paras[3:], *(end or [])]
    return "\n\n".join(blocks) + "\n"


def _near_misses() -> list:
    out = []
    for rid, entry in sorted(ENTRIES.items()):
        for n, item in enumerate(entry.get("near_misses", [])):
            text, lang, marks = item, None, []
            if isinstance(item, dict):
                text, lang = item["text"], item.get("lang")
                if item.get("known_bad"):
                    marks.append(pytest.mark.xfail(strict=True, reason=item.get("reason", "known false positive")))
            out.append(pytest.param(rid, text, lang, id=f"{rid}-{n}:{text[:40]}", marks=marks))
    return out


def _text(item: str | dict) -> str:
    return item["text"] if isinstance(item, dict) else item


def _examples(chain: bool = False) -> list:
    """Examples as parameters. A table with known_bad = true is a line the rule matches but the
    chain reports under another category (a strict xfail of the chain check only)."""
    out = []
    for rid, entry in sorted(ENTRIES.items()):
        for n, item in enumerate(entry.get("examples", [])):
            text, marks = _text(item), []
            if chain and isinstance(item, dict) and item.get("known_bad"):
                marks.append(pytest.mark.xfail(strict=True, reason=item.get("reason", "known misclassification")))
            out.append(pytest.param(rid, text, id=f"{rid}-{n}:{text[:40]}", marks=marks))
    return out


# -- the rule files themselves ----------------------------------------------------------------


def test_every_rule_has_examples_and_near_misses() -> None:
    missing = [r.id for r in RULES if r.id not in ENTRIES]
    assert not missing, f"rules without an entry in {EXAMPLES_FILE.name}: {missing}"
    thin = [rid for rid, e in ENTRIES.items() if not e.get("examples") or not e.get("near_misses")]
    assert not thin, f"entries need at least one example and one near-miss: {thin}"


def test_no_entry_names_an_unknown_rule() -> None:
    unknown = sorted(set(ENTRIES) - set(BY_ID))
    assert not unknown, f"{EXAMPLES_FILE.name} names rules that do not exist: {unknown}"


def test_entries_use_only_known_keys() -> None:
    for rid, entry in ENTRIES.items():
        assert set(entry) <= {"examples", "near_misses", "context", "lead", "note"}, rid
        assert entry.get("context", "auto") in {"auto", "middle", "end"}, rid
        for item in [*entry.get("examples", []), *entry.get("near_misses", [])]:
            if isinstance(item, dict):
                assert set(item) <= {"text", "known_bad", "reason", "lang"} and "text" in item, rid
                assert item.get("lang", "en") in ARTICLES, rid


def test_rule_files_are_consistent() -> None:
    """What the loader does not check: unique ids across files, id prefix, a note or a pattern that compiles."""
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.category in CATEGORIES, rule.id
        assert rule.id.startswith(rule.category + "."), f"{rule.id}: the id should start with its category"
        assert re.compile(rule.pattern.pattern).pattern == rule.pattern.pattern
    for lang in LANGUAGES:
        raw = tomllib.loads((rules_dir() / f"{lang}.toml").read_text(encoding="utf-8"))
        for r in raw.get("rule", []):
            if lang not in ("en", "neutral"):  # the language files written with this suite document every rule
                assert r.get("note"), f"{r['id']}: give the rule a note"
                assert r["id"].endswith("-" + lang), f"{r['id']}: ids in {lang}.toml end in -{lang}"


# -- examples ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("rid", "line"), _examples())
def test_example_matches(rid: str, line: str) -> None:
    rule = BY_ID[rid]
    assert rule.matches(line), f"{rid} does not match its example {line!r}"
    if not rule.inline:
        # The fast index must offer the rule for this line too (start character, word class).
        assert rule in INDEX.hits(line), f"the rule index never tries {rid} on {line!r}"


def _context(rule: Rule, entry: dict) -> str:
    chosen = entry.get("context", "auto")
    if chosen != "auto":
        return chosen
    if rule.tail or rule.at_end or rule.category in ("comments", "source-tail", "byline-credit"):
        return "end"
    if rule.category == "navigation" and rule.pair:
        return "end"
    return "middle"


def _page_dump(line: str) -> str:
    """A whole-page dump (tests/test_context.py's) whose menu holds ``line``."""
    menu = [*context_page.MENU[:3], line, *context_page.MENU[3:]]
    return context_page._page().replace("\n".join(context_page.MENU), "\n".join(menu), 1)


@pytest.mark.parametrize(("rid", "line"), _examples(chain=True))
def test_chain_removes_example(rid: str, line: str) -> None:
    rule = BY_ID[rid]
    entry = ENTRIES[rid]
    lang = _lang(rule)
    if rule.names:
        # A naming rule removes nothing itself: it names the line the context layer removes by its place.
        result = CLEANER.clean_document(_page_dump(line), kind="text")
        got = {(r.rule, r.category) for r in result.removals if r.text == line.strip()}
        assert got == {(rule.id, rule.category)}, f"{line!r} removed as {got}"
        return
    # ``lead``: lines that must stand before the example for it to be noise (a comment heading).
    lines = [*entry.get("lead", []), line]
    if rule.pair and rule.category == "navigation":
        # A prev/next link goes as a pair: give it its partner (another example, or itself).
        others = [t for t in map(_text, entry["examples"]) if t != line]
        lines.append(others[0] if others else line)
    if _context(rule, entry) == "end":
        doc, expected = _doc(lang, end=lines), _doc(lang)
    else:
        doc, expected = _doc(lang, middle=lines), _doc(lang)
    result = CLEANER.clean_document(doc, kind="text")
    if rule.inline:
        assert line not in result.text
        assert any(r.category == rule.category for r in result.removals)
        return
    assert result.text == expected
    got = {r.category for r in result.removals if r.text == line.strip()}
    assert got == {rule.category}, f"{line!r} removed as {got}, expected {rule.category}"


# -- near-misses ------------------------------------------------------------------------------


def test_naming_rules_remove_nothing() -> None:
    """A naming rule's example between two paragraphs stays: only the page around an article is named by it."""
    named = [r for r in RULES if r.names]
    assert named
    for rule in named:
        for item in ENTRIES[rule.id]["examples"]:
            doc = _doc(_lang(rule), middle=[_text(item)])
            assert CLEANER.clean(doc, kind="text") == doc, rule.id


@pytest.mark.parametrize(("rid", "line", "lang"), _near_misses())
def test_near_miss_kept_in_article(rid: str, line: str, lang: str | None) -> None:
    """The near-miss in the middle of an article (in the rule's language unless the entry names one)."""
    doc = _doc(lang or _lang(BY_ID[rid]), middle=[line])
    result = CLEANER.clean_document(doc, kind="text")
    assert result.text == doc, [(r.rule, r.text) for r in result.removals]


def test_articles_are_clean_prose() -> None:
    """The scaffolding itself: every article comes out whole, and its paragraphs read as prose."""
    for lang, (_title, paras) in ARTICLES.items():
        assert all(is_prose(p) for p in paras), lang
        doc = _doc(lang)
        assert CLEANER.clean(doc, kind="text") == doc, lang


# -- blocks -----------------------------------------------------------------------------------


def test_an_unknown_button_between_share_buttons_goes_with_the_share_bar() -> None:
    """'Mix' (a share service no rule names) between named buttons, inside the story: the bar's."""
    bar = ["Sharing is caring!", "858shares", "Pinterest", "Facebook", "Twitter", "Mix", "Flipboard", "Reddit"]
    result = CLEANER.clean_document(_doc("en", middle=bar), kind="text")
    assert result.text == _doc("en")
    assert {r.category for r in result.removals} == {"promo"}


def test_a_subheading_after_a_share_bar_inside_the_story_stays() -> None:
    """Near miss: after the named buttons, a short line no rule names and no button follows is the
    article's subheading, however few lines the bar took."""
    sub = "What the harbour board decided"
    doc = _doc("en", middle=["Share this:", "Facebook", "Twitter", sub])
    out = CLEANER.clean(doc, kind="text")
    assert sub in out.splitlines()
    assert "Facebook" not in out.splitlines()


def test_a_teasers_title_written_as_one_question_goes_with_its_heading() -> None:
    """'Leggi anche' over another story's title that asks one question of prose length: the title is
    the box's, and the paragraph after it is the article's."""
    teaser = "I Cavalieri dello Zodiaco diventeranno un film: lo faranno i produttori de ‘Il Signore degli Anelli’?"
    for lang, heading in (("it", "Leggi anche"), ("en", "Related stories")):
        result = CLEANER.clean_document(_doc(lang, middle=[heading, teaser]), kind="text")
        assert result.text == _doc(lang), lang
        assert {r.category for r in result.removals} == {"related"}, lang


@pytest.mark.parametrize(
    "middle",
    [
        # A share heading over the article's question: only a related heading announces a title.
        ["Share this story", "Is the north pier ever going to take the larger ferry again, and who will pay for it?"],
        # Two sentences, the last a question: a paragraph, not a title.
        ["Related stories", "The board has not said. Will the council pay for the repairs this year?"],
        # The article's question one line further down: only the line right under the heading may be a title.
        ["Related stories", "Harbour dredging plans put on hold", "Will the council pay for the repairs, then?"],
    ],
)
def test_a_question_of_the_article_under_a_block_heading_stays(middle: list[str]) -> None:
    """Near misses: questions that read as the article's prose end the block under the heading."""
    out = CLEANER.clean(_doc("en", middle=middle), kind="text").splitlines()
    assert middle[-1] in out
