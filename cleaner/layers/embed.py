"""Embed layer: video, audio and social embeds with their titles and blurbs.

A head line (``WATCH | ...``, ``VIDEO: ...``) opens an embed block; the block
runs to the first following line that ends in a play time (``2:02``) within a
few lines. Without such an end only the head goes: a duration is what proves
the lines after the head are the player's blurb and not the story.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from cleaner.layers.base import PatternLayer
from cleaner.model import Document

_DURATION_END = re.compile(r"(?:^|\s)(?:\d{1,2}:)?\d{1,2}:\d{2}$")
MAX_BLURB_LINES = 3


class EmbedLayer(PatternLayer):
    name = "embed"
    categories = ("embed",)

    def apply(self, doc: Document) -> None:
        kept = doc.kept()
        for i in doc.hit_lines():  # only a line some rule matches can be taken
            if doc.lines[i].removed:
                continue
            rule = self.line_rules.first(doc, i)
            if rule is None:
                continue
            self.remove(doc, i, rule.id, rule.category)
            pos = bisect_left(kept, i)
            if not rule.block:
                continue
            follow = kept[pos + 1 : pos + 1 + MAX_BLURB_LINES]
            for k, j in enumerate(follow):
                if _DURATION_END.search(doc.lines[j].stripped):
                    for j2 in follow[: k + 1]:
                        self.remove(doc, j2, rule.id + ".blurb", rule.category)
                    break
