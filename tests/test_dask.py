"""The Dask helpers on a real two-process LocalCluster give exactly the single-process results."""

from __future__ import annotations

import functools
import hashlib
import pickle
import subprocess
import sys

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from cleaner import Cleaner, Config, ConfigError, Result  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.integrations.dask import clean_bag, clean_column, clean_series  # noqa: E402
from tests.golden_cases import GOLDEN, cases  # noqa: E402

ROOT = GOLDEN.parent

HTML = [
    "<html><head><title>Council vote</title><script>var ads = 1;</script></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
    "<article><h1>Council approves new bridge</h1>"
    "<p>The city council voted 7 to 2 on Tuesday to fund a new bridge over the river, "
    "ending a debate that had lasted more than three years.</p>"
    "<p>Construction is expected to begin next spring and to take about two years, "
    "the mayor said after the meeting.</p>"
    "<figure><img src='b.jpg'><figcaption>The old bridge. (Jane Doe/City Photo)</figcaption></figure>"
    "</article><footer>Leave a Comment</footer></body></html>",
    "<p>Short piece with one paragraph of prose that the cleaner should keep as it is.</p><p>Source link</p>",
    "<html><body><div>Share this:</div><p>Rain is forecast for the whole weekend across the north, "
    "with up to 40 mm expected in the hills.</p></body></html>",
]


@functools.cache
def _inputs() -> list[str]:
    texts = [decode(c.input.read_bytes()) for c in cases()]
    assert len(texts) >= 10, "golden inputs not found"
    return texts + HTML


@functools.cache
def _reference() -> list[Result]:
    """The single-process path every distributed result must equal."""
    ref = Cleaner()
    return [ref.clean_document(t) for t in _inputs()]


@pytest.fixture(scope="module")
def client():
    # Loopback only, no dashboard; processes=True so configs and results really cross a pickle boundary.
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            worker_dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _cache_keys() -> list[str]:
    from cleaner.integrations import dask as integration

    return list(integration._CACHE)


def test_bag_matches_single_process(client) -> None:
    inputs = _inputs()
    expected = [r.text for r in _reference()]
    assert sum(e != t for e, t in zip(expected, inputs, strict=True)) >= 10, "inputs should hold noise to remove"
    got = clean_bag(db.from_sequence(inputs, npartitions=6)).compute()
    assert got == expected
    # Both worker processes did work and keep the default config's Cleaner for reuse by later partitions.
    default_key = hashlib.sha256(pickle.dumps(Config())).hexdigest()
    keys = client.run(_cache_keys)
    assert len(keys) == 2
    assert all(default_key in k for k in keys.values())


def test_bag_explain_and_dicts(client) -> None:
    inputs = _inputs()
    results = _reference()
    got = clean_bag(db.from_sequence(inputs, npartitions=4), explain=True).compute()
    assert [g["text"] for g in got] == [r.text for r in results]
    assert [g["removals"] for g in got] == [[x.to_dict() for x in r.removals] for r in results]

    records = [{"id": i, "body": t} for i, t in enumerate(inputs)] + [{"id": -1, "body": None}]
    out = clean_bag(db.from_sequence(records, npartitions=5), field="body").compute()
    assert [o["id"] for o in out] == [r["id"] for r in records]
    assert [o["body"] for o in out] == [r.text for r in results] + [None]
    assert records[0]["body"] == inputs[0], "input elements must not be mutated"


def test_column_matches_single_process(client) -> None:
    inputs = _inputs()
    expected = [r.text for r in _reference()]
    pdf = pd.DataFrame({"id": range(len(inputs) + 1), "body": [*inputs, None]})
    ddf = dd.from_pandas(pdf, npartitions=4)
    out = clean_column(ddf, "body", out_column="clean").compute()
    assert out["id"].tolist() == pdf["id"].tolist()
    assert out["body"].tolist()[:-1] == inputs
    assert out["clean"].tolist()[:-1] == expected
    assert pd.isna(out["clean"].iloc[-1])

    series = clean_series(ddf["body"]).compute()
    assert series.tolist()[:-1] == expected

    explained = clean_column(ddf, "body", explain=True).compute()
    assert explained["body"].tolist()[:-1] == expected
    want = [[x.to_dict() for x in r.removals] for r in _reference()]
    assert explained["body_removals"].tolist()[:-1] == want


def test_config_path_reaches_workers(client, tmp_path) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text('disable_categories = ["comments", "source-tail"]\n', encoding="utf-8")
    inputs = _inputs()
    custom = Cleaner(Config.load(path))
    expected = [custom.clean(t) for t in inputs]
    assert expected != [r.text for r in _reference()], "the config should change some output"
    assert clean_bag(db.from_sequence(inputs, npartitions=3), config=str(path)).compute() == expected
    ddf = dd.from_pandas(pd.DataFrame({"body": inputs}), npartitions=3)
    assert clean_column(ddf, "body", config=path).compute()["body"].tolist() == expected


def test_bad_arguments_fail_before_compute() -> None:
    bag = db.from_sequence(["x"])
    with pytest.raises(ConfigError, match="unknown categories"):
        clean_bag(bag, config={"disable_categories": ["nope"]})
    with pytest.raises(ValueError, match="kind must be one of"):
        clean_bag(bag, kind="pdf")
    with pytest.raises(KeyError, match="no column 'text'"):
        clean_column(dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1), "text")
    with pytest.raises(TypeError, match="not int"):
        clean_bag(db.from_sequence([1]), kind="text").compute(scheduler="sync")


def test_import_needs_dask_only_when_used() -> None:
    code = (
        "import sys; import cleaner; assert 'dask' not in sys.modules\n"
        "sys.modules['dask.bag'] = None\n"
        "try:\n    import cleaner.integrations.dask\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "pip install 'cleaner[dask]'" in out
