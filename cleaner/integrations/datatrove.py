"""A datatrove pipeline step that cleans each Document's text and says what it removed.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerFilter

    LocalPipelineExecutor([
        JsonlReader("scraped/"),
        CleanerFilter(min_words=50, exclusion_writer=JsonlWriter("removed/")),
        JsonlWriter("clean/"),
    ], tasks=4).run()

It is a datatrove filter (``BaseFilter``), as C4's and Gopher's are: it
rewrites ``doc.text`` and may drop the document, with a reason, to the
exclusion writer. Each document's metadata gets ``cleaner_removed``, the
number of removals of every category (all categories, zeros included, so
the column has one shape in Parquet too), and with ``keep_removals`` the
removals themselves under ``cleaner_removals``. The step's stats count the
removals by category (``removed_<category>``) and the dropped documents by
reason (``dropped_cleaned_empty``, ``dropped_cleaned_too_short``, and
``dropped_not_text`` for HTML given as bytes that are binary data).

A dropped document keeps its text as it came (the exclusion writer holds what
was dropped, not what the cleaning left of it); its metadata still gets the
counts. The Cleaner is built on first use in each worker process, so the step
pickles as a small object and rules compile once per process.
"""

from __future__ import annotations

from collections.abc import Iterable

try:
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]'") from exc

from cleaner.chain import KINDS, Cleaner
from cleaner.config import Config, ConfigError
from cleaner.decode import BinaryInputError
from cleaner.integrations import ConfigLike, resolve_config
from cleaner.model import CATEGORIES

__all__ = ["CleanerFilter"]

COUNTS_KEY = "cleaner_removed"
REMOVALS_KEY = "cleaner_removals"
WARNINGS_KEY = "cleaner_warnings"  # only on documents whose Result has warnings


class CleanerFilter(BaseFilter):
    """Clean ``doc.text`` (or the HTML in ``doc.metadata[html_field]``); drop what the cleaning empties.

    Args:
        kind: ``auto``, ``text`` or ``html``: how to read the input (``html_field`` input is always HTML).
        html_field: a metadata key holding the page's HTML; when set, the cleaned text of that HTML
            replaces ``doc.text``. A document without it has its own text cleaned (stat ``no_html``).
        config: a Config, a TOML path or a dict (see ``cleaner.integrations.resolve_config``).
        disable: categories to keep, on top of the config's.
        keep_removals: also store every removal (``Removal.to_dict()``) in ``metadata["cleaner_removals"]``.
        min_words: drop a document whose cleaned text has fewer words (reason ``cleaned_too_short``).
        drop_empty: drop a document the cleaning leaves without text (reason ``cleaned_empty``).
        exclusion_writer: a datatrove writer that receives the dropped documents, as for any filter.
    """

    name = "🧹 cleaner"

    def __init__(
        self,
        *,
        kind: str = "auto",
        html_field: str | None = None,
        config: ConfigLike = None,
        disable: Iterable[str] = (),
        keep_removals: bool = False,
        min_words: int = 0,
        drop_empty: bool = True,
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__(exclusion_writer)
        if kind not in KINDS:
            raise ConfigError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if min_words < 0:
            raise ConfigError(f"min_words must be 0 or more, not {min_words}")
        self.kind = kind
        self.html_field = html_field or None
        # Resolved here, in the launching process: a bad config fails before any task starts.
        self.config: Config = resolve_config(config, disable)
        if (kind == "html" or html_field) and "html" in self.config.disable_layers:
            raise ConfigError("the html layer is disabled in the config: HTML input cannot be cleaned")
        self.keep_removals = keep_removals
        self.min_words = min_words
        self.drop_empty = drop_empty
        self._cleaner: Cleaner | None = None

    @property
    def cleaner(self) -> Cleaner:
        """This process's Cleaner, built on first use (the step is pickled to each worker without it)."""
        if self._cleaner is None:
            self._cleaner = Cleaner(self.config)
        return self._cleaner

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_cleaner"] = None  # compiled rules stay behind; each worker builds its own
        return state

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Clean the document in place; False with a reason when it should be dropped."""
        content, kind = doc.text, self.kind
        if self.html_field:
            html = doc.metadata.get(self.html_field)
            if isinstance(html, str | bytes):
                content, kind = html, "html"
            else:
                self.stat_update("no_html")
        try:
            result = self.cleaner.clean_document(content, kind=kind)
        except BinaryInputError:
            # A str that decodes as binary data (NUL runs, a file signature) is no text to train on.
            return False, "not_text"
        counts = dict.fromkeys(CATEGORIES, 0)
        for r in result.removals:
            counts[r.category] = counts.get(r.category, 0) + 1
        doc.metadata[COUNTS_KEY] = counts
        if self.keep_removals:
            doc.metadata[REMOVALS_KEY] = [r.to_dict() for r in result.removals]
        for category, n in counts.items():
            if n:
                self.stat_update(f"removed_{category}", value=n)
        if result.warnings:
            # What may be missing from the text and why (a page not read to its end, the safety net).
            doc.metadata[WARNINGS_KEY] = list(result.warnings)
            self.stat_update("warned")
        words = len(result.text.split())
        if words == 0 and self.drop_empty:
            return False, "cleaned_empty"
        if words < self.min_words:
            return False, "cleaned_too_short"
        doc.text = result.text
        return True
