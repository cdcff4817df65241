"""The layer's safety net: a page it cannot read as one article keeps its sentences.

The run (run.py) is the article when the page has one. A forum thread, a
listing's cards or a service page's sections are many runs, and the layer
takes one of them for the article and the rest for the page around it. When
the sentences a round would remove outweigh what it keeps SPARE_RATIO times
over, the layer has most likely misread the page, and losing the page's
content is worse than keeping some noise: those sentence lines stay, in that
round and every later one, and the Result says so in its warnings.

A spared line is a sentence (SPARE_WORDS words or more, ending like one)
that no rule matched and that stands before any comment section (rule
``context.outside``), that is not another story's headline by its shape (a
question, a blurb cut short) and that the page does not print twice (a
template's line: it appears twice among the sentences going). Menus, names,
dates and the comment section still go.

Measured on the naive dumps (``python -m benchmarks.gate``; ScrapingHub text F1
0.9348 in every row; lost: WCXB pages where the output keeps under 0.2 of the
truth's words and trafilatura over 0.6, ``python -m benchmarks.lost``):

| ratio | WCXB text F1 | precision | forum | listing | collection | lost |
|---|---:|---:|---:|---:|---:|---:|
| no net | 0.7538 | 0.8130 | 0.4583 | 0.5111 | 0.5154 | 65 |
| 6 | 0.7585 | 0.8125 | 0.4677 | 0.5445 | 0.5308 | |
| 7 | 0.7583 | 0.8127 | 0.4677 | 0.5445 | 0.5308 | |
| 8 | 0.7569 | 0.8135 | 0.4583 | 0.5344 | 0.5308 | 59 |

Every other page type is level or up in each row. A lower ratio keeps more
threads and listings whole but also more of an undetected comment section or
review panel under a short article, and loses precision, so 8. Twelve of the
65 lost pages hold no content in their dump (the page writes it with
JavaScript): no text cleaner can keep it.

The run of a listing often holds one card or a few, with their prices, colour
names and buttons: many short lines, few sentences, so all it keeps can weigh
more than an eighth of the cards' sentences around it. The same ratio is also
taken against the run's own sentences (lines that read as one, or run to
LONG_PROSE_WORDS words: a paragraph with no final stop), once the sentences
outside also weigh KEPT_RATIO times all the run keeps (an article that is a
table of dates, with no sentence, keeps its page). WCXB text F1 0.7722 ->
0.7736, precision 0.8174 -> 0.8178, listing 0.5385 -> 0.5487, collection
0.5326 -> 0.5418, every other type and ScrapingHub level; five pages change.
KEPT_RATIO 1 costs ScrapingHub 0.002 (that table of dates); a ratio of 6 on
the sentences gains WCXB F1 0.003 more and costs its precision 0.0014.

A run that keeps under SMALL_RUN words (one paragraph of 80 words, a hero's
blurb, a card) is no article's body, and there the sentences outside stay once
they outweigh it SMALL_RATIO times: a service page's sections, an article the
run met only the end of. WCXB text F1 0.7767 -> 0.7792, service 0.702 ->
0.708, collection 0.542 -> 0.549, article 0.898 -> 0.900, listing 0.549 ->
0.553, precision 0.8184 -> 0.8181, ScrapingHub level; 11 pages change, 8 of
them pages that kept under a fifth of their truth's words. The precision it
costs comes from small articles among many site sentences (an admissions
consultancy's promos, a shop's member offers, a Q&A's sidebar); 100 words cost
0.0012, a ratio of 3 gains half as much.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable

from cleaner.layers.context.lines import LONG_PROSE_WORDS
from cleaner.layers.naming import CUT_SHORT, QUESTION_WORDS
from cleaner.model import SAFETY_NET_WARNING, Document
from cleaner.text import ends_sentence

SPARE_RATIO = 8  # sentences outside over words kept, above which the page is not one article
# On a forum thread (thread.py) the replies are content: they stay once they hold half the
# words the run keeps (the first post). WCXB text, forum F1 / all F1 / precision, ratio 0.25:
# 0.652 / 0.7723 / 0.8169; 0.5: 0.651 / 0.7722 / 0.8174; 1: 0.644 / 0.7717 / 0.8176;
# 2: 0.626 / 0.7703 / 0.8178; every sentence from the first round on (no ratio): 0.657 /
# 0.7726 / 0.8167, since the run then grows over the posts' user panels.
THREAD_SPARE_RATIO = 0.5
SPARE_WORDS = 5  # words in a spared sentence, at least
KEPT_RATIO = 2  # sentences outside over all the run keeps, when the run's own sentences are few
SMALL_RUN = 80  # words: a run that keeps fewer is no article's body (a hero's blurb, one card)
SMALL_RATIO = 2  # ... and the sentences outside stay once they outweigh it this many times
SPARE_RULE = "context.outside"  # the shape rule a spared line would have gone by


def spared(
    doc: Document,
    kept: Iterable[int],
    found: Iterable[tuple[int, str, str]],
    sparing: bool,
    below: int | None = None,
    ratio: float | None = None,
) -> tuple[set[int], int, int]:
    """The lines of ``found`` (this round's removals) to keep instead, the words the round keeps
    and the words of those lines; no lines when the page reads as one article.

    ``kept``: the lines kept before the round. ``sparing``: an earlier round already found
    the page is not one article, so its sentences are spared whatever this round keeps.
    ``below``: no line under this index is spared (a forum thread's last line, thread.py);
    ``ratio``: the share that makes a page not one article (None: SPARE_RATIO).
    (A round over a page dump may remove millions of lines: ``found`` is read as it is
    stored, the lines going are marked a byte each, and only the sentences are listed.)
    """
    lines = doc.lines
    going = bytearray(len(lines))
    candidates = array("q")
    for i, rule, _ in found:
        going[i] = 1
        if rule == SPARE_RULE and (below is None or i <= below) and _sentence(lines[i].stripped):
            candidates.append(i)
    if not candidates:
        return set(), 0, 0
    seen = Counter(lines[i].stripped for i in candidates)
    unique = [i for i in candidates if seen[lines[i].stripped] == 1]
    words_spared = sum(len(lines[i].stripped.split()) for i in unique)
    words_kept = sum(len(lines[i].stripped.split()) for i in kept if not going[i])
    if sparing or words_spared > (SPARE_RATIO if ratio is None else ratio) * max(words_kept, 1):
        return set(unique), words_kept, words_spared
    if ratio is None and words_kept < SMALL_RUN and words_spared > SMALL_RATIO * max(words_kept, 1):
        return set(unique), words_kept, words_spared  # a run too small to be the article (see above)
    if words_spared > KEPT_RATIO * max(words_kept, 1) and words_spared > SPARE_RATIO * max(
        _sentence_words(lines[i].stripped for i in kept if not going[i]), 1
    ):
        return set(unique), words_kept, words_spared  # a card or two of a listing (see above)
    return set(), words_kept, words_spared


def _sentence_words(texts: Iterable[str]) -> int:
    """Words of the lines that read as sentences, or run on as long as a paragraph."""
    total = 0
    for text in texts:
        words = len(text.split())
        if words >= LONG_PROSE_WORDS or _sentence(text):
            total += words
    return total


def _sentence(line: str) -> bool:
    """A sentence that reads as the page's own: not a headline that asks, nor a blurb cut short."""
    words = len(line.split())
    if words < SPARE_WORDS or not ends_sentence(line) or line.endswith(CUT_SHORT):
        return False
    return not (line.endswith("?") and QUESTION_WORDS[0] <= words <= QUESTION_WORDS[1])


def warning(words_kept: int, words_spared: int, lines: int) -> str:
    """What the Result says when the layer spared a page's sentences."""
    return (
        f"{SAFETY_NET_WARNING} the context layer found an article of {words_kept} words, and the "
        f"{words_spared} words of sentences around it outweigh it (over {SPARE_RATIO} times its words; "
        f"{SMALL_RATIO} times, when it has under {SMALL_RUN}; or {KEPT_RATIO} times its words and {SPARE_RATIO} "
        f"times those in its sentences), so the page is not one article: those {lines} sentence lines are kept"
    )
