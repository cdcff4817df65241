"""Optional integrations: a Scrapy item pipeline, Dask helpers and a datatrove step.

Each lives in its own module and imports its framework only when used, so
``import cleaner`` never needs Scrapy, Dask or datatrove. Install the extra you need::

    pip install 'cleaner[scrapy]'
    pip install 'cleaner[dask]'
    pip install 'cleaner[datatrove]'
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping

from cleaner.config import Config, ConfigError

ConfigLike = Config | str | os.PathLike[str] | Mapping[str, object] | None
"""A Config, a path to a TOML config file, the same settings as a dict, or None for the defaults."""


def resolve_config(config: ConfigLike, disable: Iterable[str] = ()) -> Config:
    """Turn any ConfigLike into a Config, failing early (ConfigError) rather than on a worker.

    ``disable`` adds categories to switch off on top of the config's own.
    """
    if config is None:
        cfg = Config()
    elif isinstance(config, Config):
        cfg = config
    elif isinstance(config, str | os.PathLike):
        cfg = Config.load(config)
    elif isinstance(config, Mapping):
        cfg = Config.from_dict(dict(config))
    else:
        raise ConfigError(f"config must be a Config, a path to a TOML file or a dict, not {type(config).__name__}")
    if isinstance(disable, str):
        raise ConfigError(f"disabled categories must be a list of names, not the string {disable!r}")
    extra = set(disable)
    if extra:
        # replace() builds a new Config (the caller's is not changed) and re-validates the names.
        cfg = dataclasses.replace(cfg, disable_categories=cfg.disable_categories | extra)
    return cfg
