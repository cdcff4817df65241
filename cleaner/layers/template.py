"""Template layer: drop the lines a site repeats on most of its pages.

It acts only on documents that carry a learned template in
``doc.meta["template"]`` (see cleaner/template.py; ``Cleaner.clean_batch``
sets it), so single-document cleaning is unchanged. It runs early, so the
context layer sees the removed lines as page furniture around the article.

One guard for precision: a prose-shaped template line that stands inside the
article (between the page's first and last non-template prose lines) is kept;
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
        # The article's own prose spans from its first to its last non-template prose line.
        prose = [p for p, i in enumerate(kept) if not hit[p] and is_prose(doc.lines[i].stripped)]
        first, last = (prose[0], prose[-1]) if prose else (len(kept), -1)
        for pos, i in enumerate(kept):
            if not hit[pos]:
                continue
            if first < pos < last and is_prose(doc.lines[i].stripped):
                continue  # a recurring paragraph inside the article: keep it
            self.remove(doc, i, RULE, CATEGORY)
