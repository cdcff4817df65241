"""Script layer: JavaScript, CSS and markup that leaked into the text.

Whole lines of code go; a script call glued to the end of a prose paragraph
(``... said. (adsbygoogle = window.adsbygoogle || []).push({});``) is cut out
of the line and the prose stays, as the guide's second whitespace exception says.
"""

from __future__ import annotations

import re

from cleaner.layers.base import PatternLayer
from cleaner.match import required_literal
from cleaner.model import Document

# Characters that are rare in prose and dense in code.
_CODE_CHARS = re.compile(r"[{};=<>()\[\]|&$\\]")
_CODE_TOKENS = re.compile(
    r"function\s*\(|=>|\bvar\s|\bconst\s|\blet\s|\breturn\b|\bthis\.|\bwindow\.|\bdocument\.|"
    r"\bnew\s+[A-Z]\w*\(|!==?|===|&&|\|\||\w\.\w+\(|:\s*\d+px|\bimportant\b|\{\s*\}"
)


class ScriptLayer(PatternLayer):
    name = "script"
    categories = ("script",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Each inline rule with a word every match must hold: a line without it is not scanned.
        self._inline = [(r, required_literal(r.pattern)) for r in self.inline_rules]

    def apply(self, doc: Document) -> None:
        # What this layer tests on a line's own text (inline calls, code density)
        # cannot change while the text does not: on a later pass only the lines
        # cut since the start of the last one are tested again.
        last = doc.state.get(self.name)
        doc.state[self.name] = len(doc.recut)
        lines = doc.lines
        if isinstance(last, int):
            again = set(doc.recut[last:])
            check = [i for i in doc.kept() if i in again] if again else []
        else:
            check = doc.kept()
        for i in check:
            ln = lines[i]
            if ln.removed or ln.blank:
                continue
            for rule, literal in self._inline:
                if literal is not None and literal not in ln.text:
                    continue
                # All matches in one scan and one cut: a line of many glued calls stays linear.
                spans = [m.span() for m in rule.pattern.finditer(ln.text) if m.end() > m.start()]
                if not spans:
                    continue
                if not rule.pattern.sub("", ln.text).strip():
                    self.remove(doc, i, rule.id, rule.category)
                    break
                doc.cut_many(i, spans, self.name, rule.id, rule.category)
        super().apply(doc)
        if self.enabled("script", "script.code-density"):
            for i in check:
                ln = lines[i]
                if not ln.removed and not ln.blank and looks_like_code(ln.stripped):
                    self.remove(doc, i, "script.code-density", "script")


def looks_like_code(line: str) -> bool:
    """Many code characters and at least two code tokens: prose with a parenthesis or a semicolon is not code."""
    if len(line) < 12:
        return False
    code = len(_CODE_CHARS.findall(line))
    if code < 4 or code / len(line) < 0.06:
        return False
    return len(_CODE_TOKENS.findall(line)) >= 2
