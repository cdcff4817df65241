"""Clean many documents in parallel with Dask (bags and dataframe columns).

::

    import dask.bag as db
    from cleaner.integrations.dask import clean_bag, clean_column

    texts = clean_bag(db.read_text("scraped/*.txt", linedelimiter="\\0"), kind="text")
    df = clean_column(ddf, "body", out_column="body_clean", config="cleaner.toml")

The config is resolved once on the client (a bad config fails before any task
runs) and shipped to the workers as a Config, which pickles. Each worker
process builds the Cleaner for that config once and reuses it for every
partition, so rules compile once per process, not once per document.
Missing values (None, NaN, pd.NA) pass through unchanged; order is kept.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from typing import Any

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("cleaner.integrations.dask needs Dask: pip install 'cleaner[dask]'") from exc

from cleaner.chain import KINDS, Cleaner
from cleaner.config import Config
from cleaner.integrations import ConfigLike, resolve_config

__all__ = ["clean_bag", "clean_column", "clean_series"]

_CACHE: OrderedDict[str, Cleaner] = OrderedDict()
_CACHE_SIZE = 8
_LOCK = threading.Lock()


def _cleaner_for(key: str, config: Config) -> Cleaner:
    """The process-wide Cleaner for this config (keyed by its pickled bytes, so equal configs share one)."""
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
    built = Cleaner(config)  # outside the lock: building takes milliseconds, a race only builds twice
    with _LOCK:
        _CACHE[key] = built
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def _prepare(kind: str, config: ConfigLike) -> tuple[str, Config]:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    cfg = resolve_config(config)
    return hashlib.sha256(pickle.dumps(cfg)).hexdigest(), cfg


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays: not a scalar missing value
        return False


def _cleaned(cleaner: Cleaner, value: object, kind: str, explain: bool) -> object:
    if _missing(value):
        return value
    if not isinstance(value, str | bytes):
        raise TypeError(f"cleaner can clean str or bytes, not {type(value).__name__}")
    if explain:
        result = cleaner.clean_document(value, kind=kind)
        return {"text": result.text, "removals": [r.to_dict() for r in result.removals]}
    return cleaner.clean(value, kind=kind)


def _bag_partition(items: Any, key: str, config: Config, kind: str, field: str | None, explain: bool) -> list[object]:
    cleaner = _cleaner_for(key, config)
    out: list[object] = []
    for item in items:
        if field is None:
            out.append(_cleaned(cleaner, item, kind, explain))
            continue
        if not isinstance(item, dict):
            raise TypeError(f"field={field!r} needs dict elements, got {type(item).__name__}")
        new = dict(item)  # never mutate the input element: other graph branches may share it
        value = _cleaned(cleaner, item.get(field), kind, explain)
        if explain:
            # Every element gets the key (None: nothing was cleaned), so to_dataframe() sees one schema.
            new[field + "_removals"] = value["removals"] if isinstance(value, dict) else None
            value = value["text"] if isinstance(value, dict) else value
        new[field] = value
        out.append(new)
    return out


def clean_bag(
    bag: db.Bag,
    *,
    kind: str = "auto",
    config: ConfigLike = None,
    field: str | None = None,
    explain: bool = False,
) -> db.Bag:
    """Clean every element of a bag, in order.

    Elements are strings (or bytes), or dicts whose ``field`` holds the text;
    for dicts a copy is returned with ``field`` replaced. With ``explain`` a
    string becomes ``{"text": ..., "removals": [...]}`` and a dict gains
    ``<field>_removals`` (each removal as ``Removal.to_dict()``).
    """
    key, cfg = _prepare(kind, config)
    return bag.map_partitions(_bag_partition, key, cfg, kind, field, explain)


def _series_partition(part: pd.Series, key: str, config: Config, kind: str, explain: bool) -> pd.Series:
    cleaner = _cleaner_for(key, config)
    values = [_cleaned(cleaner, v, kind, explain) for v in part.tolist()]
    return pd.Series(values, index=part.index, name=part.name, dtype=object if explain else _text_dtype(part.dtype))


def _series_meta(series: dd.Series, explain: bool) -> pd.Series:
    return pd.Series([], name=series.name, dtype=object if explain else _text_dtype(series.dtype))


def _text_dtype(dtype: Any) -> Any:
    """Keep a string dtype; anything else (object, category) becomes object so no cleaned value is coerced."""
    return dtype if isinstance(dtype, pd.StringDtype) else object


def clean_series(
    series: dd.Series,
    *,
    kind: str = "auto",
    config: ConfigLike = None,
    explain: bool = False,
) -> dd.Series:
    """Clean each value of a dask Series (same index, same dtype).

    With ``explain`` each value becomes ``{"text": ..., "removals": [...]}`` (object dtype).
    """
    key, cfg = _prepare(kind, config)
    return series.map_partitions(_series_partition, key, cfg, kind, explain, meta=_series_meta(series, explain))


def clean_column(
    df: dd.DataFrame,
    column: str,
    *,
    out_column: str | None = None,
    kind: str = "auto",
    config: ConfigLike = None,
    explain: bool = False,
) -> dd.DataFrame:
    """Return ``df`` with ``column`` cleaned into ``out_column`` (default: ``column`` itself).

    With ``explain`` a ``<out_column>_removals`` column holds each row's removals as a list of dicts.
    """
    if column not in df.columns:
        raise KeyError(f"no column {column!r}; columns: {', '.join(map(str, df.columns))}")
    out = out_column or column
    key, cfg = _prepare(kind, config)
    if not explain:
        return df.assign(**{out: clean_series(df[column], kind=kind, config=cfg)})
    both = df[column].map_partitions(_explained_partition, key, cfg, kind, out, meta=_explained_meta(df[column], out))
    return df.assign(**{out: both[out], out + "_removals": both[out + "_removals"]})


def _explained_partition(part: pd.Series, key: str, config: Config, kind: str, out: str) -> pd.DataFrame:
    cleaner = _cleaner_for(key, config)
    texts: list[object] = []
    removals: list[object] = []
    for v in part.tolist():
        value = _cleaned(cleaner, v, kind, True)
        texts.append(value["text"] if isinstance(value, dict) else value)
        removals.append(value["removals"] if isinstance(value, dict) else None)
    return pd.DataFrame(
        {
            out: pd.Series(texts, index=part.index, dtype=_text_dtype(part.dtype)),
            out + "_removals": pd.Series(removals, index=part.index, dtype=object),
        }
    )


def _explained_meta(series: dd.Series, out: str) -> pd.DataFrame:
    return pd.DataFrame(
        {out: pd.Series([], dtype=_text_dtype(series.dtype)), out + "_removals": pd.Series([], dtype=object)}
    )
