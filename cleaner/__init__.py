"""cleaner: strip boilerplate and web-scrape noise from articles, and say why.

>>> from cleaner import clean
>>> clean("Putin spoke on Tuesday.\\n\\nSource link\\n")
'Putin spoke on Tuesday.\\n'
"""

from __future__ import annotations

from functools import lru_cache

from cleaner.chain import Cleaner
from cleaner.config import Config, ConfigError
from cleaner.decode import BinaryInputError
from cleaner.model import CATEGORIES, Removal, Result
from cleaner.rules import RuleError

__all__ = [
    "CATEGORIES",
    "BinaryInputError",
    "Cleaner",
    "Config",
    "ConfigError",
    "Removal",
    "Result",
    "RuleError",
    "clean",
    "clean_document",
]
__version__ = "0.1.0"


@lru_cache(maxsize=1)
def _default() -> Cleaner:
    return Cleaner()


def _cleaner(config: Config | None) -> Cleaner:
    return _default() if config is None else Cleaner(config)


def clean_document(content: str | bytes, *, kind: str = "auto", config: Config | None = None) -> Result:
    """Clean one document; ``Result.removals`` explains each removal (layer, rule, category, span).

    Passing a config builds a new chain each call; build a ``Cleaner`` once to reuse it.
    """
    return _cleaner(config).clean_document(content, kind=kind)


def clean(content: str | bytes, *, kind: str = "auto", config: Config | None = None) -> str:
    """Return the article text of ``content`` (text or HTML, str or bytes) and nothing else."""
    return _cleaner(config).clean(content, kind=kind)
