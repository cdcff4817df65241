"""Context layer: find the article in a whole-page text dump and drop the page around it.

Pattern rules cannot tell a menu from an article; position and shape can. A
scraper's dump of a page is its <title>, menus, the headline block, the
article, then link lists, comments and a footer, one text block a line. The
layer reads the lines the other layers kept (and where they removed lines)
and runs in rounds until a round removes nothing (at most MAX_ROUNDS; real
pages settle in two or three). Each round, in the order layer.py runs it:

1. Shapes (lines.py). A line is prose when it has 8 words or more, ends like
   a sentence (or runs to 20 words), and at least 12% of its words are
   function words of a language in the rule files; for a language we have no
   list for, shape alone decides, and CJK counts characters (24). A line that
   is a date or byline is "dated".
2. Weights (weigh.py). A prose line weighs its words beyond the first ten
   (1 at least, 40 at most); any other line -(1 + 0.5 a word); a dated line
   -15. A line another layer removed still parts the article from the page:
   -3, twice that for page furniture (navigation, related, boilerplate,
   comments), a third of it for a caption, embed or gallery control. Five or
   more headline-shaped lines in a row (other stories' titles) weigh three
   times their weight.
3. Regions (regions.py, tables.py). Where the string of line kinds repeats
   with a period of 2 to 6 lines that holds a date, three times or more (a
   feed: title, author, date, blurb; a thread: name, date, comment), its
   prose weighs as a removed line. So do dateless cards repeated four times
   below some article (a kicker in capitals and a title, or the same share
   buttons in each). The cells of a table of numbers (six number cells or
   more, close together) weigh nothing either way, so the paragraphs around
   it stay one run.
4. The comment section (found by the tail layer, or a comments heading with
   dated lines under it) ends the article's reach once the prose above it
   weighs twice the minimum article.
5. Anchors and lists (titles.py, lists.py, tables.py). The first line is
   taken for the page's <title> ('Headline | Site'), unless the text opens
   with its own table of contents (its first three lines come back below,
   in order, each over its own prose); a line below that is
   not prose and shares 70% of its content words with the title's longest
   part, and of that part's, is an anchor: the article's headline. A list of
   five items or more that open or end alike weighs for the article when a
   lead-in line ending in ':' introduces it, the headline stands just above,
   or (twelve items or more) the article's prose does; a list numbered 1, 2,
   3, ... and a table of five rows or more that repeat need the lead-in.
6. The run (run.py). The article is the contiguous run of lines with the
   largest total weight (Kadane's maximum-sum segment, as in Finn et al.'s
   Body Text Extraction), so the short lines inside it (subheadings, quotes,
   list items) are carried by the prose around them, and a menu or teaser
   list at its edge costs more than it adds. If the headline stands outside
   the run, the best run starting right under it wins when it weighs within
   30 of the best; if it stands inside, the article starts under it. A run
   whose kept lines weigh under 25 (one paragraph of 35 words weighs 25) is
   no article: the round removes only a menu the page prints twice, the
   same six entries or more in the same order, and the site's header and
   footer menus, runs of eight entries or more above the page's first
   sentence or below its last (menus.py; a listing or a hub page has no
   article run to cut its menus away with).
7. Edges (headline.py, run.py). Within ten lines above the run, the headline
   block stays: the title (the line sharing the most content words with the
   body), a second title line, a section label right over it, datelines,
   bylines, a deck, labels and fact lines; share buttons, counters and
   credits there go. Below the run, short closing sentences ('Stay tuned.'),
   an author's sign-off with an e-mail address and a recipe's unfinished
   last steps stay.
8. Frame (frame.py), told once, in the first round. The text is a page dump
   when it opens with a <title> that a line below repeats, or when two lines
   of page furniture stand above the article (short lines that end no
   sentence, lines removed as furniture). Otherwise it is an article already
   cut out of its page: nothing above it goes, and below it only what
   follows the first line another layer removed as furniture, or the comment
   section.
9. Naming (outside.py). Every other line goes, named by the rule that
   matched it if one did; below the comment section, prose is a reader's
   comment and a short name-and-date run its header; otherwise by shape: a
   bare address is boilerplate, three words or fewer a menu entry
   (navigation), a longer line that ends no sentence another story's title
   (related), anything else boilerplate. Once the chain has settled, the
   layer's finish step names such lines better where the page tells more
   (the <title> line, a breadcrumb, cleaner/layers/naming.py).

10. Sparing (spare.py). When the sentences going (no rule matched them,
   not another story's question or cut-short blurb, not printed twice)
   hold over eight times the words the run keeps, the page is not one
   article (a feed, a thread, a listing) and they stay, in that round and
   every later one; Result.warnings says so. Not in the HTML kind's last
   pass, whose text the extractor chose. On a forum thread (thread.py: forum
   software's furniture, 'Reply', 'Joined: ...', '#3', stands around the posts,
   under a <title> that names a forum or a topic, or from the top of the page
   in fifteen lines of two kinds or more) the replies are content:
   their sentences stay once they hold half the words the run keeps, down
   to the thread's last post, and Result.page_type says "forum".

Before the first round, a tweet's text over the signature line another layer
removed goes with it, as embed (posts.py).

So a page dump with a menu above a few paragraphs and link lists below keeps
the headline block and the paragraphs, short lines between them included,
and loses the rest; a text already cleaned (no page above its article)
passes untouched; a text whose prose weighs under 25 has no article to find
and loses only its menus printed twice; the prose of a forum thread or a listing that comes in
repeated dated cards counts for no article.
"""

from cleaner.layers.context.layer import ContextLayer

# Names the tests read from this package since it was one module.
from cleaner.layers.context.lines import WORD as _WORD
from cleaner.layers.context.lines import words_of as _words
from cleaner.layers.context.run import best_from as _best_from
from cleaner.layers.context.run import max_segment as _max_segment

__all__ = ["_WORD", "ContextLayer", "_best_from", "_max_segment", "_words"]
