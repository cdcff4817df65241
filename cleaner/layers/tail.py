"""Tail layer: comment-section furniture and where-it-came-from tails.

A line matched by a rule marked ``tail = true`` ("Leave a Comment", "Source
link", "The post ... appeared first on ...") starts the page footer: the
non-prose lines after it are footer too (rule ``<category>.footer``). A line
of prose after the start is kept and ends the footer, because scrapers
sometimes glue the next story on below.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left

from cleaner.layers.base import PatternLayer, last_prose_index
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
