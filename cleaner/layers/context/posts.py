"""Embedded posts: a tweet's text over the signature line that closes it.

A social embed goes with its text (the guide's embed category), but the
embed layer takes only the signature ('— Name (@handle) Month D, YYYY'): the
text above it reads as prose. The line right over the signature is the
tweet's; the lines over that are its upper paragraphs only as far as marks
show (the post's links, a closing hashtag, a short line in lower case), or
all of them under a lead-in that names Twitter. Text input only: HTML
extraction keeps tweets, as the benchmark's truth does.
"""

from __future__ import annotations

import itertools
import re

from cleaner.layers.context.lines import MIN_PROSE_WORDS, line_above, line_shapes
from cleaner.model import Document
from cleaner.text import ends_sentence

TWEET_SIGNATURE = "embed.tweet-signature"  # the rule whose line closes a tweet embed (its text stands above)
TWEET_LINES = 5  # upper paragraphs of one tweet, at most

_TWEET_LINK = re.compile(r"(?:pic\.twitter\.com|\bt\.co)/\w")
_HASHTAG_END = re.compile(r"#[^\W\d_]\w*$")
_NAMES_TWITTER = re.compile(r"(?i)\b(?:re)?tweet(?:s|ed|ing)?\b|\btwitter\b")


def tweet_signatures(doc: Document) -> list[int]:
    """The lines (indexes) another layer removed as a tweet's signature."""
    return [i for i, (_, rule, _) in doc.removals.whole() if rule == TWEET_SIGNATURE]


def tweet_text(doc: Document, signature: int, stopwords: frozenset[str]) -> list[int]:
    """The lines of the tweet whose signature is line ``signature``, lowest first: the one right
    over it, then its upper paragraphs (_tweet_lines). Empty when that line is removed or a rule
    names it: a line another layer removed there ends the search."""
    above = line_above(doc, signature)
    if above is None or doc.lines[above].removed or doc.hits(above):
        return []
    return [above, *_tweet_lines(doc, above, stopwords)]


def _tweet_lines(doc: Document, last: int, stopwords: frozenset[str]) -> list[int]:
    """The upper paragraphs of the tweet whose last paragraph is line ``last``.

    Nothing says where a tweet of several paragraphs starts, but its lines
    are written as posts are: they carry the post's links ('pic.twitter.com/...',
    'https://t.co/...'), end in hashtags, start in lower case ('on. meth. dot.
    com.'), or end no sentence ('Delhi has turned into a gas chamber ...
    neighbouring states'). Going up from ``last``, the tweet runs over such
    lines, at most TWEET_LINES of them, and stops at a removed line (another
    signature, page furniture), at a line that names Twitter (the author's
    lead-in: 'See tweets :', '... turned to Twitter last month to describe
    his city as a "gas chamber."'), or at a sentence of the article (one that
    ends, or a long lead-in ending in ':'). Under a lead-in that names Twitter
    every line of the run is the tweet's; under any other line only the
    marked lines right over ``last`` are (a subheading over a tweet ends no
    sentence either).
    """
    run: list[tuple[int, bool]] = []  # (line index, marked), going up
    k = last
    lead_in = False
    while len(run) < TWEET_LINES:
        up = line_above(doc, k)
        if up is None or doc.lines[up].removed or doc.hits(up):
            break
        line = doc.lines[up].stripped
        marked = _tweet_marked(line)
        if not marked:
            if _NAMES_TWITTER.search(line):
                lead_in = True
                break
            if ends_sentence(line) and (line[-1] != ":" or line_shapes([line], stopwords, False)[0].prose):
                break
        run.append((up, marked))
        k = up
    if lead_in:
        return [i for i, _ in run]
    marked_run = list(itertools.takewhile(lambda item: item[1], run))
    return [i for i, _ in marked_run]


def _tweet_marked(line: str) -> bool:
    """A line written as a post: a tweet's link, a closing hashtag, or a short line in lower case."""
    return (
        _TWEET_LINK.search(line) is not None
        or _HASHTAG_END.search(line) is not None
        or (line[0].islower() and len(line.split()) < MIN_PROSE_WORDS)
    )
