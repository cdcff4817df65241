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
site's posts) and on 56 of its 113 forums; a forum whose <title> names only
the site ('Stack Overflow', 'ResetEra') is read as an article.
On a thread the layer spares the replies' sentences (spare.py) once they
hold half the words of the run it keeps (THREAD_SPARE_RATIO, not 8 times),
and only down to the thread's end; its menus, footers, related threads and
short furniture lines still go. The duplicate layer drops a post quoted in
the replies however often it comes back (duplicate.py), and Result.page_type
says "forum". A page type the user forces decides instead (Config.page_type).
Not in the HTML kind's last pass, whose page type its markup told.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.layers.context.spare import SPARE_WORDS
from cleaner.text import ends_sentence

THREAD_LABELS = 3  # lines of post furniture, at least
HEADLINE_LABELS = 6  # ... when only the headline's part of the <title> names a forum
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


def thread_end(lines: Sequence[str], thread_words: frozenset[str], post_labels: frozenset[str]) -> int | None:
    """Where a forum thread's last post ends (an index in ``lines``), or None when the page is
    no thread. ``lines``: the dump's lines, blank ones included, its <title> the first with text.

    The last post runs from the last line of post furniture down to its last sentence
    before two lines in a row that are no sentence: what follows is the page under the
    thread (its footer, the related threads), whose sentences still go.
    """
    needed = labels_needed(next((t for t in lines if t.strip()), ""), thread_words)
    if needed is None:
        return None
    found, last = 0, -1
    for i, line in enumerate(lines):
        if post_furniture(line.strip(), post_labels):
            found, last = found + 1, i
    if found < needed:
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


def labels_needed(title: str, thread_words: frozenset[str]) -> int | None:
    """How many lines of post furniture make a page under this <title> a thread; None when the
    title names no place for discussion (the page is no thread, whatever its lines)."""
    named = [any(w.lower() in thread_words for w in _WORD.findall(part)) for part in _TITLE_PARTS.split(title)]
    if not any(named):
        return None
    # A forum word in the site's part of the <title> ('... - Obsidian Forum') is the place's
    # name; in a headline ('School board approves ...') it is the story's, and takes more
    # furniture to be a thread's.
    return THREAD_LABELS if any(named[1:]) else HEADLINE_LABELS


def post_furniture(line: str, post_labels: frozenset[str]) -> bool:
    """A line forum software prints around a post: a label, a label and its value, a post number."""
    if not line or len(line) > _MAX_LABEL_LINE:
        return False
    if _POST_NUMBER.fullmatch(line):
        return True
    low = line.lower()
    if low in post_labels:
        return True
    if _TIMED_NUMBER.fullmatch(line):
        return True
    for pattern in (_LABEL_VALUE, _LABEL_DATED, _COUNTER):
        m = pattern.fullmatch(low)
        if m is not None and m.group(1) in post_labels:
            return True
    return False
