"""A Scrapy item pipeline that cleans text (or HTML) fields of scraped items.

Enable it in the project settings::

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_FIELDS = ["text"]            # item fields to clean
    CLEANER_KIND = "auto"                # auto | text | html
    CLEANER_CONFIG = "cleaner.toml"      # optional cleaner config file
    CLEANER_DISABLE = ["related"]        # optional categories to keep
    CLEANER_REMOVALS_FIELD = "removals"  # optional: store the explanation
    CLEANER_OUTPUT_SUFFIX = "_clean"     # optional: write text_clean, keep text

One Cleaner is built per crawler (rules compile once). A field that is missing
or None is skipped; a value that is neither str nor bytes, or that cannot be
decoded, is logged and left as it was, so the item is never lost.
"""

from __future__ import annotations

import logging
from typing import Any

try:
    from itemadapter import ItemAdapter
    from scrapy.crawler import Crawler
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("cleaner.integrations.scrapy needs Scrapy: pip install 'cleaner[scrapy]'") from exc

from cleaner.chain import KINDS, Cleaner
from cleaner.config import Config, ConfigError
from cleaner.decode import BinaryInputError
from cleaner.integrations import ConfigLike, resolve_config

logger = logging.getLogger(__name__)

__all__ = ["CleanerPipeline"]


class CleanerPipeline:
    """Clean the configured fields of every item with one shared Cleaner."""

    def __init__(
        self,
        fields: list[str] | tuple[str, ...] = ("text",),
        *,
        kind: str = "auto",
        config: ConfigLike = None,
        disable: list[str] | tuple[str, ...] = (),
        removals_field: str | None = None,
        output_suffix: str | None = None,
    ) -> None:
        if kind not in KINDS:
            raise ConfigError(f"CLEANER_KIND must be one of {', '.join(KINDS)}, not {kind!r}")
        if isinstance(fields, str):
            fields = [fields]
        if not fields:
            raise ConfigError("CLEANER_FIELDS is empty: name at least one item field to clean")
        self.fields = list(fields)
        self.kind = kind
        self.config: Config = resolve_config(config, disable)
        self.cleaner = Cleaner(self.config)
        self.removals_field = removals_field or None
        self.output_suffix = output_suffix or None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanerPipeline:
        """Read the CLEANER_* settings; a bad setting stops the crawl at start-up, not silently."""
        s = crawler.settings
        return cls(
            s.getlist("CLEANER_FIELDS", ["text"]),
            kind=s.get("CLEANER_KIND", "auto"),
            config=s.get("CLEANER_CONFIG") or None,
            disable=s.getlist("CLEANER_DISABLE", []),
            removals_field=s.get("CLEANER_REMOVALS_FIELD"),
            output_suffix=s.get("CLEANER_OUTPUT_SUFFIX"),
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean each configured field in place (or into ``<field><suffix>``)."""
        adapter = ItemAdapter(item)
        removals: list[dict[str, object]] = []
        for name in self.fields:
            value = adapter.get(name)
            if value is None:
                continue
            if not isinstance(value, str | bytes):
                logger.warning("cleaner: field %r is %s, not text; left as it is", name, type(value).__name__)
                continue
            try:
                result = self.cleaner.clean_document(value, kind=self.kind)
            except (BinaryInputError, ValueError) as exc:
                logger.warning("cleaner: field %r not cleaned, left as it is: %s", name, exc)
                continue
            target = name + self.output_suffix if self.output_suffix else name
            if not _set(adapter, target, result.text):
                continue
            removals.extend({"field": name, **r.to_dict()} for r in result.removals)
        if self.removals_field:
            _set(adapter, self.removals_field, removals)
        return item


def _set(adapter: ItemAdapter, key: str, value: object) -> bool:
    """Set ``key``; an Item class without that field is logged (declare it) and the item kept as is."""
    try:
        adapter[key] = value
    except KeyError:
        logger.error(
            "cleaner: cannot set field %r on %s; declare it on the item class (left unchanged)",
            key,
            type(adapter.item).__name__,
        )
        return False
    return True
