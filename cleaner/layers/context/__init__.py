"""Context layer: find the article in a whole-page text dump and drop the page around it.

Pattern rules cannot tell a menu from an article; position and shape can.
Each kept line gets a weight: lines that read as prose (long enough, ending
like a sentence, with the function words of real language) weigh their word
count; every other line weighs a small negative amount. The article is the
contiguous run of lines with the largest total weight (the maximum-sum
segment, as in Finn et al.'s Body Text Extraction), so short real lines
inside it (subheadings, one-line quotes, list items) are kept by their
neighbours. Above it, the headline block (title, kicker, byline, date) is
kept when it shares words with the body. Lines outside go, as navigation
(menu labels), related (other stories' headlines) or boilerplate.

The layer only acts when the page clearly has an article and clearly has
furniture around it, so text that is already clean passes untouched. Text
with no page above its article (no menu, no <title> that the headline repeats)
is an article already cut out of its page: its lists and short lines stay, and
only what follows page furniture that a rule named below the article goes.
"""

from cleaner.layers.context.layer import ContextLayer

# Names the tests read from this package since it was one module.
from cleaner.layers.context.lines import WORD as _WORD
from cleaner.layers.context.lines import words_of as _words
from cleaner.layers.context.run import best_from as _best_from
from cleaner.layers.context.run import max_segment as _max_segment

__all__ = ["_WORD", "ContextLayer", "_best_from", "_max_segment", "_words"]
