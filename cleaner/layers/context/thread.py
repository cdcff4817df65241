"""A forum thread or a Q&A page: its posts and replies are the content, not a comment section.

On a news page the readers' comments under the article go; on a forum the
thread is the page, and the layer, which looks for one run of prose, keeps the
first post and drops the replies as the page around it. A dump reads as a
thread when both hold:

- its first line, the page's <title>, names a place for discussion: one of
  the ``thread_words`` of a rules file as a whole word ('forum', 'community',
  'thread', 'topic', 'questions', ...);
- at least THREAD_LABELS lines (HEADLINE_LABELS when the word stands only in
  the title's first part, the story's: 'School board approves ...') are the furniture forum software prints
  around each post: a ``post_labels`` entry alone on its line, before a
  colon and its value, before a date or after a count ('Quote', 'Reply',
  'Joined: Mar 2019', 'Messages: 212', 'asked May 2, 2009 at 0:01', '79
  Likes'), a post number ('#3', '#3 · Jan 5, 2024') or a post's header that
  ends in its time and number ('DaleJack September 5, 2024, 11:15pm 1').

Either alone is common on other pages (a news site's 'Community' section, an
article's comments with their 'Reply' buttons); the two together held on one
WCXB development page that is not a forum (a listing of a 'DEV Community'
site's posts) and on 56 of its 113 forums.

A forum whose <title> names only the site ('Stack Overflow', 'Server Fault',
'ResetEra') is a thread when its lines say so more strongly: UNTITLED_LABELS
lines of post furniture or more, of two kinds at least ('Asked 3 years ago'
and 'Improve this answer'), the first of them within the first UNTITLED_REACH
of the page's lines. A thread prints its furniture from the first post on; an
article's comment section starts under the article, and prints one kind
('Reply' under each comment). On WCXB dev that tells 16 more forums (72 of
113) and one article; text F1 0.7736 -> 0.7763, forum 0.651 -> 0.687,
precision level (0.8177), every other type and ScrapingHub level. Ten lines
instead of fifteen cost precision (0.8173); one kind of furniture instead of
two took an article with 34 'Reply' lines (4449, F1 0.83 -> 0.35); three kinds
instead of two lost the Server Fault threads ('Asked', 'Improve this answer').
A site's long menu can push the first post past that share of the lines, so the
first furniture may also stand above UNTITLED_REACH of the page's prose (the
words of its sentences of MIN_PROSE_WORDS or more): an article's comment
section stands under the article's prose. A label in the singular and the
plural is one kind ('Replies' over a comment's answers, 'Reply' under it: the
article that read as a thread no longer does). With both, WCXB dev tells 74 of 113 forums and
one listing (DEV Community's); text F1 0.7805 -> 0.7817, forum 0.688 -> 0.704,
precision level, every other type and ScrapingHub level.
On a thread the layer spares the replies' sentences (spare.py) once they
hold half the words of the run it keeps (THREAD_SPARE_RATIO, not 8 times),
and only down to the thread's end; its menus, footers, related threads and
short furniture lines still go. A comment section the tail layer found (a Q&A
page's comment box under its question) ends no run there. The duplicate layer
drops a post quoted in the replies however often it comes back (duplicate.py),
and Result.page_type says "forum". A page type the user forces decides instead
(Config.page_type). Not in the HTML kind's last pass, whose page type its markup
told.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.layers.context.lines import MIN_PROSE_WORDS
from cleaner.layers.context.spare import SPARE_WORDS
from cleaner.text import ends_sentence

THREAD_LABELS = 3  # lines of post furniture, at least
HEADLINE_LABELS = 6  # ... when only the headline's part of the <title> names a forum
UNTITLED_LABELS = 15  # ... when the <title> names none (and two kinds, the first one high up)
UNTITLED_KINDS = 2
UNTITLED_REACH = 0.3  # share of the page's lines within which its first post furniture stands
PROSE_CHARS = 5 * MIN_PROSE_WORDS  # a line shorter than this holds no sentence of prose (not split)
_WORD = re.compile(r"[^\W\d_][\w&'’-]*")
# What splits a <title> into its parts: 'Thread title - Subforum - Site Forum', 'Thread | Community'.
_TITLE_PARTS = re.compile(r"\s[|\-–—/•·»@]\s|\s::\s")
_POST_NUMBER = re.compile(r"#\d{1,6}(?:\s*[·•|-]\s*\S.*)?")
_LABEL_VALUE = re.compile(r"([^:]{1,30}?)\s*:\s*\S.{0,40}")
# 'asked May 2, 2009 at 0:01', 'Posted by jdoe on 12.03.2024': a label word, then a date or a time.
_LABEL_DATED = re.compile(r"([^\W\d_]+(?: [^\W\d_]+)?)\b.{0,40}\d.{0,20}")
# '79 Likes', '3 replies': a post's counter.
_COUNTER = re.compile(r"\d[\d,.]*\s*([^\W\d_]+)")
# 'DaleJack September 5, 2024, 11:15pm 1': a post header that ends with its time and number.
_TIMED_NUMBER = re.compile(r".{0,40}\b\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s+#?\d{1,5}", re.I)
_MAX_LABEL_LINE = 60  # characters: a label and its value ('Join Date: Aug 2008'), not a sentence
_MARKED = re.compile(r"[\d#:]").search  # what every furniture line but a bare label holds


def thread_end(lines: Sequence[str], thread_words: frozenset[str], post_labels: frozenset[str]) -> int | None:
    """Where a forum thread's last post ends (an index in ``lines``), or None when the page is
    no thread. ``lines``: the dump's lines, blank ones included, its <title> the first with text.

    The last post runs from the last line of post furniture down to its last sentence
    before two lines in a row that are no sentence: what follows is the page under the
    thread (its footer, the related threads), whose sentences still go.
    """
    needed = labels_needed(next((t for t in lines if t.strip()), ""), thread_words)
    kinds: set[str] = set()
    found, last = 0, -1
    # No forum in the <title>: the first furniture must stand high up (else: comments), in the
    # page's lines or, under a long menu, in its prose.
    reach = UNTITLED_REACH * len(lines) if needed is None else len(lines)
    prose: list[int] = []  # each line's words of prose, read once the lines' reach is passed
    prose_above, prose_reach = 0, 0.0
    for i, line in enumerate(lines):
        if not found and i > reach:
            if not prose:  # (past the lines' reach: from here the prose's reach decides)
                prose = [_prose_words(t) if len(t) >= PROSE_CHARS else 0 for t in lines]
                prose_above, prose_reach = sum(prose[:i]), UNTITLED_REACH * sum(prose)
            else:
                prose_above += prose[i - 1]
            if prose_above >= prose_reach:
                return None
        kind = furniture_kind(line.strip(), post_labels)
        if kind is None:
            continue
        found, last = found + 1, i
        kinds.add(_one_kind(kind))
    if found < (UNTITLED_LABELS if needed is None else needed):
        return None
    if needed is None and len(kinds) < UNTITLED_KINDS:
        return None
    end, loose = last, 0
    for i in range(last + 1, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        if len(text.split()) >= SPARE_WORDS and ends_sentence(text):
            end, loose = i, 0
        else:
            loose += 1
            if loose == 2:
                break
    return end


def _prose_words(line: str) -> int:
    """The words of a line that is a sentence of prose (MIN_PROSE_WORDS or more), else 0."""
    if not ends_sentence(line):
        return 0
    words = len(line.split())
    return words if words >= MIN_PROSE_WORDS else 0


def _one_kind(kind: str) -> str:
    """A label's singular and plural are one kind of furniture: 'Replies' counts over a comment
    as 'Reply' under it does."""
    if kind.endswith("ies"):
        return kind[:-3] + "y"
    return kind[:-1] if kind.endswith("s") and not kind.endswith("ss") else kind


def labels_needed(title: str, thread_words: frozenset[str]) -> int | None:
    """How many lines of post furniture make a page under this <title> a thread; None when the
    title names no place for discussion (then only the stronger test of UNTITLED_LABELS holds)."""
    named = [any(w.lower() in thread_words for w in _WORD.findall(part)) for part in _TITLE_PARTS.split(title)]
    if not any(named):
        return None
    # A forum word in the site's part of the <title> ('... - Obsidian Forum') is the place's
    # name; in a headline ('School board approves ...') it is the story's, and takes more
    # furniture to be a thread's.
    return THREAD_LABELS if any(named[1:]) else HEADLINE_LABELS


def post_furniture(line: str, post_labels: frozenset[str]) -> bool:
    """A line forum software prints around a post: a label, a label and its value, a post number."""
    return furniture_kind(line, post_labels) is not None


def furniture_kind(line: str, post_labels: frozenset[str]) -> str | None:
    """What kind of post furniture a line is (its label, '#' for a post number, 'time' for a
    header ending in time and number), or None when it is none."""
    if not line or len(line) > _MAX_LABEL_LINE:
        return None
    low = line.lower()
    if _MARKED(line) is None:  # no digit, '#' or ':' (most lines): only a label alone can be one
        return low if low in post_labels else None
    if _POST_NUMBER.fullmatch(line):
        return "#"
    if low in post_labels:
        return low
    if _TIMED_NUMBER.fullmatch(line):
        return "time"
    for pattern in (_LABEL_VALUE, _LABEL_DATED, _COUNTER):
        m = pattern.fullmatch(low)
        if m is not None and m.group(1) in post_labels:
            return m.group(1)
    return None
