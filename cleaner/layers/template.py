"""Template layer: drop the lines a site repeats on most of its pages.

It acts only on documents that carry a learned template in
``doc.meta["template"]`` (see cleaner/template.py; ``Cleaner.clean_batch``
sets it), so single-document cleaning is unchanged. It runs early, so the
context layer sees the removed lines as page furniture around the article.

One guard for precision: a prose-shaped template line that stands inside the
article (the nearest non-template lines above and below it are prose) is kept;
a site's recurring paragraph in the middle of a story is more likely part of
it than a footer.
"""

from __future__ import annotations

from cleaner.layers.base import Layer
from cleaner.model import Document
from cleaner.template import Template
from cleaner.text import is_prose

RULE = "template.site"
CATEGORY = "boilerplate"


class TemplateLayer(Layer):
    name = "template"
    categories = (CATEGORY,)

    def apply(self, doc: Document) -> None:
        template = doc.meta.get("template")
        if not isinstance(template, Template) or not template or not self.enabled(CATEGORY, RULE):
            return
        kept = doc.kept()
        hit = [doc.lines[i].stripped in template for i in kept]
        for pos, i in enumerate(kept):
            if hit[pos] and not _inside_article(doc, kept, hit, pos):
                self.remove(doc, i, RULE, CATEGORY)


def _inside_article(doc: Document, kept: list[int], hit: list[bool], pos: int) -> bool:
    """A prose line with non-template prose as its nearest non-template neighbours on both sides."""
    if not is_prose(doc.lines[kept[pos]].stripped):
        return False
    above = next((p for p in range(pos - 1, -1, -1) if not hit[p]), None)
    below = next((p for p in range(pos + 1, len(kept)) if not hit[p]), None)
    return (
        above is not None
        and below is not None
        and is_prose(doc.lines[kept[above]].stripped)
        and is_prose(doc.lines[kept[below]].stripped)
    )
