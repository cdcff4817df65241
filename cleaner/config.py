"""User configuration: which layers, categories and rules run, and extra rules.

A config file is TOML::

    disable_categories = ["related"]
    disable_rules = ["navigation.prev-next"]
    disable_layers = ["duplicate"]
    languages = ["neutral", "en", "de"]

    [[rule]]
    id = "promo.my-site-newsletter"
    category = "promo"
    pattern = '(?i)get the daily briefing.*'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.model import CATEGORIES, PAGE_TYPES
from cleaner.rules import LANGUAGES, Rule, RuleError, rule_from_dict


class ConfigError(ValueError):
    """The configuration is invalid; the message says what to fix."""


@dataclass
class Config:
    """Settings for a Cleaner. All fields have sensible defaults."""

    disable_categories: set[str] = field(default_factory=set)
    disable_rules: set[str] = field(default_factory=set)
    disable_layers: set[str] = field(default_factory=set)
    languages: tuple[str, ...] = LANGUAGES
    extra_rules: list[Rule] = field(default_factory=list)
    # HTML mode: trafilatura settings (chosen by measurement, see benchmarks/RESULTS.md).
    html_favor_precision: bool = False
    html_include_tables: bool = True
    # HTML mode: the kind of page (cleaner/pagetype.py PAGE_TYPES); None detects it per page.
    page_type: str | None = None

    def __post_init__(self) -> None:
        self.disable_categories = set(self.disable_categories)
        self.disable_rules = set(self.disable_rules)
        self.disable_layers = set(self.disable_layers)
        bad = self.disable_categories - set(CATEGORIES)
        if bad:
            raise ConfigError(f"unknown categories {sorted(bad)}; known: {', '.join(CATEGORIES)}")
        if self.page_type is not None and self.page_type not in PAGE_TYPES:
            raise ConfigError(f"unknown page type {self.page_type!r}; known: {', '.join(PAGE_TYPES)}")
        bad_lang = set(self.languages) - set(LANGUAGES)
        if bad_lang:
            raise ConfigError(f"unknown languages {sorted(bad_lang)}; known: {', '.join(LANGUAGES)}")

    def enabled(self, category: str, rule: str) -> bool:
        return category not in self.disable_categories and rule not in self.disable_rules

    @classmethod
    def from_dict(cls, data: dict[str, object], origin: str = "config") -> Config:
        known = {
            "disable_categories",
            "disable_rules",
            "disable_layers",
            "languages",
            "rule",
            "html_favor_precision",
            "html_include_tables",
            "page_type",
        }
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"{origin}: unknown settings {sorted(unknown)}; known: {', '.join(sorted(known))}")
        try:
            extra = [rule_from_dict(r, "user", origin) for r in _list(data.get("rule", []), "rule", origin)]
        except RuleError as exc:
            raise ConfigError(str(exc)) from exc
        kwargs: dict[str, object] = {
            "disable_categories": set(_list(data.get("disable_categories", []), "disable_categories", origin)),
            "disable_rules": set(_list(data.get("disable_rules", []), "disable_rules", origin)),
            "disable_layers": set(_list(data.get("disable_layers", []), "disable_layers", origin)),
            "extra_rules": extra,
        }
        if "languages" in data:
            kwargs["languages"] = tuple(_list(data["languages"], "languages", origin))
        for key in ("html_favor_precision", "html_include_tables"):
            if key in data:
                if not isinstance(data[key], bool):
                    raise ConfigError(f"{origin}: {key} must be true or false")
                kwargs[key] = data[key]
        if "page_type" in data:
            if not isinstance(data["page_type"], str):
                raise ConfigError(f"{origin}: page_type must be a string")
            kwargs["page_type"] = data["page_type"]
        return cls(**kwargs)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: str | Path) -> Config:
        """Read a TOML config file; every problem is a ConfigError naming the file."""
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read config {p}: {exc.strerror or exc}") from exc
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{p}: not valid TOML: {exc}") from exc
        return cls.from_dict(data, str(p))


def _list(value: object, key: str, origin: str) -> list:
    if not isinstance(value, list):
        raise ConfigError(f"{origin}: {key} must be a list")
    return value
