"""Tail layer: comment-section furniture and where-it-came-from tails.

A line matched by a rule marked ``tail = true`` ("Leave a Comment", "Source
link", "The post ... appeared first on ...") starts the page footer: the
non-prose lines after it are footer too (rule ``<category>.footer``). A line
of prose after the start is kept and ends the footer, because scrapers
sometimes glue the next story on below. A footer follows the article: an
opener with no prose above it (a '3 Comments' or 'Leave a comment' link under
the byline) is removed alone, and the lines below it are left to the other layers.

A footer line is named by what it is once the chain has settled (``finish``):
in the comment section (between two comment lines) it is comments; below it,
a menu entry, a teaser or other page furniture (``tail.menu``, ``tail.teaser``,
``tail.outside``), or what a rule of another layer says it is.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left

from cleaner.layers.base import PatternLayer, last_prose_index
from cleaner.layers.naming import Removed, name_by_place, shape_name
from cleaner.model import Document
from cleaner.text import is_prose

COMMENT_CLUSTER_GAP = 12  # input lines between two comment-section lines that belong together


class TailLayer(PatternLayer):
    name = "tail"
    categories = ("comments", "source-tail")

    def apply(self, doc: Document) -> None:
        if not self.line_rules.rules:
            return
        hit = doc.hit_lines()
        if not hit:
            return  # no rule matches: no footer starts, no comment lines
        starter = None
        comment_lines: list[int] = []
        end = last_prose_index(doc)
        kept = doc.kept()
        lines = doc.lines
        first_prose: int | None = None  # found when the first opener asks for it
        # Nothing happens before the first line a rule matches.
        for i in kept[bisect_left(kept, hit[0]) :]:
            ln = lines[i]
            if ln.removed or (starter is None and not doc.hits(i)):
                continue
            # Rules marked at_end also apply inside a footer, where reader comments are prose.
            rule = self.line_rules.first(doc, i, at_end=i > end or starter is not None)
            if rule is not None:
                self.remove(doc, i, rule.id, rule.category)
                if rule.category == "comments":
                    comment_lines.append(i)
                if rule.tail and starter is None:
                    if first_prose is None:
                        prose = (k for k in kept if not lines[k].removed and is_prose(lines[k].text))
                        first_prose = next(prose, len(lines))
                    if first_prose < i:
                        starter = rule
                continue
            if starter is None:
                continue
            if is_prose(ln.text):
                starter = None
                continue
            footer_rule = f"{starter.category}.footer"
            if self.enabled(starter.category, footer_rule) and not self.kept_by_user(doc, i):
                self.remove(doc, i, footer_rule, starter.category)
        # Two comment-section lines, one after the other, mark where reader comments start;
        # the context layer will not let the article run past it. One alone proves little.
        for first, second in itertools.pairwise(comment_lines):
            if second - first <= COMMENT_CLUSTER_GAP:
                doc.meta["comments_start"] = first
                break

    def finish(self, doc: Document) -> None:
        """Name the footer lines by what they are: the footer under a comment form or a source
        link is mostly the page's (menus, teasers, legal links), not comments or a source."""
        removed = Removed.of(doc)
        footer = removed.lines_where(lambda why: why[0] == self.name and why[1].endswith(".footer"))
        if not footer:
            return
        comments = removed.lines_where(lambda why: why[2] == "comments" and not why[1].endswith(".footer"))
        shaped = []
        for i in footer:
            category = removed.why(i)[2]
            named = next(
                (h for h in doc.hits(i) if h.category != category and self.enabled(h.category, h.id)), None
            ) or self.naming_rule(doc, i)
            if named is not None:
                new = (named.id, named.category)
            elif category == "comments" and 0 < bisect_left(comments, i) < len(comments):
                continue  # between two comment lines: the comment section's furniture
            else:
                text = doc.lines[i].stripped
                name, shape_category = shape_name(text, is_prose(text))
                new = (f"{self.name}.{name}", shape_category)
                shaped.append(i)
            if self.enabled(new[1], new[0]):
                removed.rename(i, *new)
        name_by_place(self, doc, [i for i in shaped if removed.why(i)[1].startswith(self.name + ".")], removed)
