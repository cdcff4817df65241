"""Embed layer: video, audio and social embeds with their titles and blurbs.

A head line (``WATCH | ...``, ``VIDEO: ...``) opens an embed block; the block
runs to the first following line that ends in a play time (``2:02``) within a
few lines. Without such an end only the head goes: a duration is what proves
the lines after the head are the player's blurb and not the story. A rule's
``then`` pattern names the one button a player prints right under its head
('Report', 'Visit Website'): that line goes too, and only there.
"""

from __future__ import annotations

import re

from cleaner.layers.base import PatternLayer, last_prose_index
from cleaner.model import Document

_DURATION_END = re.compile(r"(?:^|\s)(?:\d{1,2}:)?\d{1,2}:\d{2}$")
MAX_BLURB_LINES = 3


class EmbedLayer(PatternLayer):
    name = "embed"
    categories = ("embed",)

    def apply(self, doc: Document) -> None:
        kept = doc.kept()
        for i, pos, rule in self.matches(doc, kept, last_prose_index(doc)):
            self.remove(doc, i, rule.id, rule.category)
            if rule.then is not None and pos + 1 < len(kept):
                j = kept[pos + 1]
                if not doc.lines[j].removed and rule.then.fullmatch(doc.lines[j].stripped):
                    self.remove(doc, j, rule.id + ".button", rule.category)
            if not rule.block:
                continue
            follow = kept[pos + 1 : pos + 1 + MAX_BLURB_LINES]
            for k, j in enumerate(follow):
                if _DURATION_END.search(doc.lines[j].stripped):
                    for j2 in follow[: k + 1]:
                        self.remove(doc, j2, rule.id + ".blurb", rule.category)
                    break
