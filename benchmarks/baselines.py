"""The comparison tools the cleaner is benchmarked against, each as ``str -> str``.

Kept apart from run.py so the rules each baseline implements (C4 lines,
jusText language choice, readability text flattening) can be read and tested
on their own, and so the timing loop in run.py stays trivial.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache

import justext
import lxml.html
from lxml import etree

from benchmarks.naive_text import BLOCK

# --------------------------------------------------------------------------- C4

# Terminal marks as in the C4 code (TFDS c4_utils: . ? ! and the straight double
# quote), plus the typographic closing quotes the brief asks for (C4 ran on
# Common Crawl WET text, where curly quotes were rarer than in these pages).
C4_END_MARKS = (".", "?", "!", '"', "\u201d", "\u2019", "\u00bb")
C4_ELLIPSIS = "..."
# C4 paper: "only retained lines that contained at least 5 words" (TFDS
# _MIN_WORDS_PER_LINE = 5); words are whitespace-separated.
C4_MIN_WORDS = 5
C4_MAX_WORD_LENGTH = 1000
C4_POLICY = (
    "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies",
)  # fmt: skip
_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")


def c4_keep_line(line: str) -> str | None:
    """Return the C4-cleaned line, or None if the C4 line rules drop it.

    Page-level rules are demoted to line rules ("lorem ipsum", "{") or skipped
    (fewer than 3 sentences, bad-words list), because they blank whole pages and
    this benchmark scores every page; see c4_page_rules_would_drop.
    """
    line = line.strip()
    if any(len(w) > C4_MAX_WORD_LENGTH for w in line.split()):
        return None
    line = _CITATION.sub("", line)
    if not line.endswith(C4_END_MARKS) or line.endswith(C4_ELLIPSIS):
        return None
    if len(line.split()) < C4_MIN_WORDS:
        return None
    lower = line.lower()
    if "lorem ipsum" in lower or "javascript" in lower or "{" in line:
        return None
    if any(p in lower for p in C4_POLICY):
        return None
    return line


def c4_filter(text: str) -> str:
    """C4-style line filter over a text dump (one block per line)."""
    kept = [k for k in map(c4_keep_line, text.splitlines()) if k is not None]
    return "\n".join(kept)


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s|$)")


def c4_page_rules_would_drop(text: str) -> bool:
    """Whether C4's skipped page-level rules would have dropped the whole page.

    Counted for the notes only: "lorem ipsum" or "{" in a line that passed the
    end-mark and length rules, or fewer than 3 sentences kept (sentences counted
    by end marks here, where C4 used the NLTK punkt tokenizer).
    """
    sentences = 0
    for raw in text.splitlines():
        line = _CITATION.sub("", raw.strip())
        if not line.endswith(C4_END_MARKS) or line.endswith(C4_ELLIPSIS) or len(line.split()) < C4_MIN_WORDS:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower or ("{" in line and "javascript" not in lower):
            return True
        if "javascript" in lower or any(p in lower for p in C4_POLICY):
            continue
        sentences += max(1, len(_SENTENCE_END.findall(line)))
    return sentences < 3


# ---------------------------------------------------------------------- jusText

# ISO 639-1 code -> jusText stoplist name, for the languages a page's
# <html lang> is likely to name. Unknown codes fall back to English.
_ISO_TO_STOPLIST = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ms": "Malay",
    "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip
# Candidates for guessing from text alone: major languages only, so that tiny
# stoplists (Simple_English, Waray_Waray...) cannot win on a handful of hits.
_TEXT_GUESS_CANDIDATES = (
    "English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch", "Russian", "Polish",
    "Indonesian", "Korean", "Turkish", "Swedish", "Czech", "Ukrainian", "Vietnamese",
)  # fmt: skip
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_WORD = re.compile(r"\w+")


@cache
def stoplist(name: str) -> frozenset[str]:
    """jusText stoplist by name, loaded once (loading is file I/O, not the tool's work)."""
    return frozenset(justext.get_stoplist(name))


@lru_cache(maxsize=1)
def _word_to_languages() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in _TEXT_GUESS_CANDIDATES:
        for word in stoplist(name):
            index.setdefault(word, []).append(name)
    return {w: tuple(langs) for w, langs in index.items()}


def stoplist_for_html(page: str | bytes) -> str:
    """Stoplist name from the page's ``<html lang>`` attribute, else English."""
    head = page[:20000]
    if isinstance(head, bytes):
        head = head.decode("ascii", errors="ignore")
    match = _HTML_LANG.search(head)
    if match:
        return _ISO_TO_STOPLIST.get(match.group(1).lower(), "English")
    return "English"


def stoplist_for_text(text: str, sample_words: int = 3000) -> str:
    """Guess the stoplist from text: the candidate whose stopwords cover most tokens.

    Text mode has no ``lang`` attribute, so count stopword hits per candidate
    language over the first ``sample_words`` lower-cased tokens.
    """
    index = _word_to_languages()
    votes: Counter[str] = Counter()
    for i, match in enumerate(_WORD.finditer(text)):
        if i >= sample_words:
            break
        for lang in index.get(match.group().lower(), ()):
            votes[lang] += 1
    return votes.most_common(1)[0][0] if votes else "English"


def justext_text(page: str | bytes, stoplist_name: str) -> str:
    """jusText's non-boilerplate paragraphs, one per line."""
    paragraphs = justext.justext(page, stoplist(stoplist_name))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_html(page: str | bytes) -> str:
    """jusText on a page, with the stoplist picked from ``<html lang>``."""
    return justext_text(page, stoplist_for_html(page))


def lines_as_paragraphs(text: str) -> str:
    """Wrap each line of a text dump as a ``<p>`` so HTML extractors can run on it."""
    body = "".join(f"<p>{html_lib.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{body}</body></html>"


def justext_lines(text: str) -> str:
    """jusText on a text dump (lines as paragraphs), stoplist guessed from the text."""
    if not text.strip():
        return ""
    return justext_text(lines_as_paragraphs(text), stoplist_for_text(text))


# ------------------------------------------------------------------ readability

_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_lines(fragment: str) -> str:
    """Text of an HTML fragment via lxml ``text_content()``, block elements on their own lines."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fromstring(fragment)
    except (etree.ParserError, ValueError):
        return ""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (_WS.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def readability_text(page: str | bytes) -> str:
    """readability-lxml: ``Document(html).summary()`` flattened to lines."""
    from readability import Document

    return html_to_lines(Document(page).summary())


# ------------------------------------------------------------------ trafilatura


# The "trafilatura default": what a user who wants the article, tables and no comments calls.
TRAFILATURA_DEFAULT = {"include_comments": False, "include_tables": True}


def trafilatura_fn(**options: object) -> Callable[[str | bytes], str]:
    """trafilatura ``extract`` with TRAFILATURA_DEFAULT plus ``options``; None (nothing found) becomes ''."""
    from trafilatura import extract

    merged = {**TRAFILATURA_DEFAULT, **options}

    def run(page: str | bytes) -> str:
        return extract(page, **merged) or ""  # type: ignore[arg-type]

    return run


def trafilatura_lines(text: str, **options: object) -> str:
    """trafilatura on a text dump wrapped as ``<p>`` paragraphs."""
    from trafilatura import extract

    if not text.strip():
        return ""
    return extract(lines_as_paragraphs(text), **{**TRAFILATURA_DEFAULT, **options}) or ""  # type: ignore[arg-type]


# ------------------------------------------------------------------ resiliparse


def resiliparse_text(page: str | bytes) -> str:
    """resiliparse's main-content extraction as data pipelines call it (a bench extra)."""
    from resiliparse.extract.html2text import extract_plain_text

    if isinstance(page, bytes):
        from benchmarks.naive_text import decode_page

        page = decode_page(page)
    return extract_plain_text(
        page, main_content=True, preserve_formatting=True, comments=False, alt_texts=False, list_bullets=False
    )
