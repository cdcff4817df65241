"""Pattern-only layers: each drops whole lines its data rules match.

Their rules live in cleaner/rules/*.toml under the layer's category; a line
rule marked ``block = true`` also takes the short non-prose lines that follow
it (a "Related articles" heading and its list of headlines).
"""

from __future__ import annotations

from cleaner.layers.base import PatternLayer, last_prose_index
from cleaner.layers.naming import Removed
from cleaner.model import Document
from cleaner.text import is_prose, word_count

MAX_BLOCK_LINES = 40
MAX_INLINE_BLOCK_LINES = 3
MAX_BLOCK_LINE_WORDS = 25


class BlockPatternLayer(PatternLayer):
    """A PatternLayer whose ``block`` rules also take the list under them."""

    # Whether the line right under a block's heading may be a title written as one question
    # of prose length ('Leggi anche' / '... lo faranno i produttori de ...?'): a teaser's title.
    question_titles = False

    def apply(self, doc: Document) -> None:
        end = last_prose_index(doc)
        kept = doc.kept()  # the block's list is walked in this snapshot, from the opener on
        for i, here, rule in self.matches(doc, kept, end):
            self.remove(doc, i, rule.id, rule.category)
            if not rule.block or not self.enabled(rule.category, rule.id + ".item"):
                continue  # (the user may keep a block's list and not its heading, or its heading alone)
            taken = 0
            named = False  # a line of the block that a rule of its category names (a share button)
            pos = here + 1
            # Inside the story a block is a short box (a few headlines); after it, a whole list.
            limit = MAX_BLOCK_LINES if i > end else MAX_INLINE_BLOCK_LINES
            while pos < len(kept) and taken < limit:
                line = doc.lines[kept[pos]]
                if line.removed:
                    pos += 1
                    continue
                if word_count(line.stripped) > MAX_BLOCK_LINE_WORDS or (
                    is_prose(line.text)
                    and not (pos == here + 1 and self.question_titles and _question_title(line.stripped))
                ):
                    break
                hits = doc.hits(kept[pos])
                if any(h.category != rule.category for h in hits) or self.kept_by_user(doc, kept[pos]):
                    break  # another rule names this line (or the user keeps it): the block has ended
                if not hits and named and i <= end and not self._named_next(doc, kept, pos, rule.category):
                    break  # inside the story, after named buttons, a line no rule names ends the box
                self.remove(doc, kept[pos], rule.id + ".item", rule.category)
                # Lines the category's rules name go anyway: only the others use up the box's size.
                named = named or bool(hits)
                taken += not hits
                pos += 1

    @staticmethod
    def _named_next(doc: Document, kept: list[int], pos: int, category: str) -> bool:
        """Whether the next line still kept after ``kept[pos]`` is one a rule of ``category`` names."""
        for k in range(pos + 1, len(kept)):
            if not doc.lines[kept[k]].removed:
                return any(h.category == category for h in doc.hits(kept[k]))
        return False

    def finish(self, doc: Document) -> None:
        """A line of a block's list that a naming rule knows better is named by it: a row of
        share buttons between the teasers under 'You may also like' is promo."""
        if self.book.namer is None:
            return
        removed = Removed.of(doc)
        items = removed.lines_where(lambda why: why[0] == self.name and why[1].endswith(".item"))
        for i, named in zip(items, self.naming_rules(doc, items), strict=True):
            if named is not None and named.category != removed.why(i)[2] and self.enabled(named.category, named.id):
                removed.rename(i, named.id, named.category)


class BannerLayer(PatternLayer):
    """Editorial and site banners: breaking-news notes, "Advertisement" labels."""

    name = "banner"
    categories = ("banner",)


class PromoLayer(BlockPatternLayer):
    """Subscribe, newsletter, share, donate, app and cookie prompts."""

    name = "promo"
    categories = ("promo",)


class RelatedLayer(BlockPatternLayer):
    """Teasers for other articles: "Read more: ...", related-article lists."""

    name = "related"
    categories = ("related",)
    question_titles = True


class BylineLayer(PatternLayer):
    """Sign-offs made only of initials, agency names or separator rules."""

    name = "byline"
    categories = ("byline-credit",)


class BoilerplateLayer(PatternLayer):
    """Site furniture that fits no other category: legal lines, login links, copyright."""

    name = "boilerplate"
    categories = ("boilerplate",)


def _question_title(line: str) -> bool:
    """One question and nothing else: a teaser's title written as a question."""
    return line.endswith("?") and not any(ch in line[:-1] for ch in ".!?")
