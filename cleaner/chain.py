"""The Cleaner: decode, HTML to text when needed, then the text layers in order.

Build one Cleaner and reuse it: rules are loaded and compiled once, in the
constructor, so a scraper pays the set-up once, not per document.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.config import Config
from cleaner.decode import decode, looks_like_html
from cleaner.html import html_to_text
from cleaner.layers import TEXT_LAYERS, Layer
from cleaner.model import Document, Result
from cleaner.rules import RuleBook, builtin_lexicon, builtin_rules

KINDS = ("auto", "text", "html")
# A removal can change the context another rule reads (a line becomes the last
# one, or stands alone between prose), so the layers run again until a pass
# removes nothing. Real pages settle in two or three passes; the cap only
# bounds pathological input.
MAX_PASSES = 8


class Cleaner:
    """A configured filter chain. Thread-safe to share: layers keep no per-document state."""

    def __init__(self, config: Config | None = None, *, extra_layers: Sequence[type[Layer]] = ()) -> None:
        self.config = config or Config()
        rules = [*builtin_rules(self.config.languages), *self.config.extra_rules]
        self.book = RuleBook(tuple(rules), builtin_lexicon(self.config.languages))
        # User layers run before the duplicate layer, which should see the final text.
        classes = [*TEXT_LAYERS[:-1], *extra_layers, TEXT_LAYERS[-1]]
        self.layers: list[Layer] = [
            cls(self.config, self.book) for cls in classes if cls.name not in self.config.disable_layers
        ]

    @property
    def layer_names(self) -> list[str]:
        return [layer.name for layer in self.layers]

    def clean_document(self, content: str | bytes, *, kind: str = "auto") -> Result:
        """Clean one document and explain every removal."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        text = decode(content) if isinstance(content, bytes) else content
        if kind == "auto":
            kind = "html" if looks_like_html(text) else "text"
        removals = []
        title = None
        if kind == "html":
            if "html" in self.config.disable_layers:
                raise ValueError("the html layer is disabled; pass kind='text' to clean the markup as text")
            out = html_to_text(
                text,
                favor_precision=self.config.html_favor_precision,
                include_tables=self.config.html_include_tables,
            )
            text, removals, title = out.text, out.removals, out.title
        doc = Document(text)
        for _ in range(MAX_PASSES):
            before = len(doc.removals)
            for layer in self.layers:
                layer.apply(doc)
            if len(doc.removals) == before:
                break
        removals.extend(sorted(doc.removals, key=lambda r: (r.line or 0, r.start or 0)))
        return Result(doc.render(), removals, kind, title)

    def clean(self, content: str | bytes, *, kind: str = "auto") -> str:
        """Clean one document and return only the text."""
        return self.clean_document(content, kind=kind).text
