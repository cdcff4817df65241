"""Tail layer: comment-section furniture and where-it-came-from tails.

A line matched by a rule marked ``tail = true`` ("Leave a Comment", "Source
link", "The post ... appeared first on ...") starts the page footer: the
non-prose lines after it are footer too (rule ``<category>.footer``). A line
of prose after the start is kept and ends the footer, because scrapers
sometimes glue the next story on below.
"""

from __future__ import annotations

from cleaner.layers.base import PatternLayer
from cleaner.model import Document
from cleaner.text import is_prose


class TailLayer(PatternLayer):
    name = "tail"
    categories = ("comments", "source-tail")

    def apply(self, doc: Document) -> None:
        if not self.line_rules.rules:
            return
        starter = None
        for i, ln in doc.iter_kept():
            rule = self.line_rules.first(doc, i)
            if rule is not None:
                self.remove(doc, i, rule.id, rule.category)
                if rule.tail and starter is None:
                    starter = rule
                    if rule.category == "comments":
                        doc.meta.setdefault("comments_start", i)
                continue
            if starter is None:
                continue
            if is_prose(ln.text):
                starter = None
                continue
            footer_rule = f"{starter.category}.footer"
            if self.enabled(starter.category, footer_rule):
                self.remove(doc, i, footer_rule, starter.category)
