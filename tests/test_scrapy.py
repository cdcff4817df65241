"""The Scrapy pipeline: a real crawl of loopback pages, plus the settings and odd values in process."""

from __future__ import annotations

import http.server
import json
import logging
import os
import subprocess
import sys
import textwrap
import threading

import pytest

scrapy = pytest.importorskip("scrapy")

from scrapy.utils.test import get_crawler  # noqa: E402

from cleaner import Cleaner, Config, ConfigError, clean  # noqa: E402
from cleaner.integrations.scrapy import CleanerPipeline  # noqa: E402
from tests.golden_cases import GOLDEN  # noqa: E402

ROOT = GOLDEN.parent

ARTICLES = {
    "/bridge": [
        "Council approves new bridge",
        "The city council voted 7 to 2 on Tuesday to fund a new bridge over the river, "
        "ending a debate that had lasted more than three years.",
        "Construction is expected to begin next spring and to take about two years, the mayor said after the meeting.",
        "Opponents said the money would be better spent on repairing roads in the outer districts.",
    ],
    "/rain": [
        "Heavy rain expected this weekend",
        "Forecasters warned on Thursday that up to 40 millimetres of rain could fall in the northern hills "
        "between Friday night and Sunday morning.",
        "Farmers in the valley said they had already moved livestock to higher ground as a precaution.",
    ],
    "/library": [
        "Library reopens after renovation",
        "The central library reopened on Saturday after an 18-month renovation that added a reading garden "
        "and a children's wing.",
        "Visitors queued from early morning, and staff said more than 2,000 people came through the doors "
        "in the first four hours.",
    ],
}
CAPTION = "The site seen from the east bank on Monday. (Jane Doe/City Photo/Associated Press)"
NOISE = [CAPTION, "Leave a Comment", "Please enter your comment!", "Source link"]
SCRIPT = "var ezCmpChangeLogId=420223;window.dataLayer=[];"


def _page(lines: list[str]) -> str:
    title, *paras = lines
    body = "\n".join(f"<p>{p}</p>" for p in paras[:1])
    rest = "\n".join(f"<p>{p}</p>" for p in paras[1:])
    return (
        f"<!doctype html><html><head><title>{title}</title>\n<script>{SCRIPT}</script></head>\n"
        f'<body><nav><a href="/">Home</a></nav>\n<article><h1>{title}</h1>\n{body}\n'
        f'<figure><img src="a.jpg"><figcaption>{CAPTION}</figcaption></figure>\n{rest}\n</article>\n'
        '<div class="comments"><h3>Leave a Comment</h3><p>Please enter your comment!</p></div>\n'
        "<footer>Source link</footer></body></html>\n"
    )


PAGES = {path: _page(lines) for path, lines in ARTICLES.items()}

SPIDER = textwrap.dedent(
    """
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class PageSpider(scrapy.Spider):
        name = "pages"

        def __init__(self, urls, **kw):
            super().__init__(**kw)
            self.start_urls = urls

        def parse(self, response):
            texts = response.xpath("//body//text()[not(ancestor::script)]").getall()
            body = "\\n".join(t.strip() for t in texts if t.strip())
            yield {"url": response.url, "text": response.text, "body": body, "scraped_body": body}

    urls, out = json.loads(sys.argv[1]), sys.argv[2]
    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
        "CLEANER_FIELDS": ["text", "body", "missing"],
        "CLEANER_REMOVALS_FIELD": "removals",
        "FEEDS": {out: {"format": "jsonlines", "encoding": "utf8"}},
        "ROBOTSTXT_OBEY": False,
        "HTTPPROXY_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    })
    process.crawl(PageSpider, urls=urls)
    process.start()
    """
)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        page = PAGES.get(self.path)
        if page is None:
            self.send_error(404)
            return
        data = page.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)  # loopback only
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_real_crawl_cleans_items(server, tmp_path) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(SPIDER, encoding="utf-8")
    out = tmp_path / "items.jsonl"
    urls = [server + path for path in PAGES]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, str(script), json.dumps(urls), str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    items = {item["url"]: item for item in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert sorted(items) == sorted(urls)
    for path, lines in ARTICLES.items():
        item = items[server + path]
        assert "missing" not in item, "a missing field must stay missing"
        # HTML field: equals the library on the very page served.
        assert item["text"] == clean(PAGES[path])
        # Text field: equals the library on the text the spider scraped.
        assert item["body"] == clean(item["scraped_body"])
        for field in ("text", "body"):
            kept = item[field].splitlines()
            for line in lines:
                assert line in kept, (field, line)
            for noise in [*NOISE, SCRIPT]:
                assert noise not in item[field], (field, noise)
        removed = {(r["field"], r["text"]) for r in item["removals"]}
        assert ("body", CAPTION) in removed
        assert ("body", "Leave a Comment") in removed
        assert ("text", SCRIPT) in removed
        assert set(item["removals"][0]) >= {"field", "layer", "rule", "category", "text", "line"}


def _pipeline(**settings: object) -> CleanerPipeline:
    return CleanerPipeline.from_crawler(get_crawler(settings_dict=settings))


TEXT = "\n".join([*ARTICLES["/rain"], CAPTION, "Leave a Comment", "Source link"]) + "\n"


def test_settings_config_disable_and_suffix(tmp_path) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text('disable_categories = ["comments"]\ndisable_layers = ["context"]\n', encoding="utf-8")
    pipe = _pipeline(
        CLEANER_FIELDS=["body"],
        CLEANER_KIND="text",
        CLEANER_CONFIG=str(path),
        CLEANER_DISABLE=["caption"],
        CLEANER_OUTPUT_SUFFIX="_clean",
    )
    item = pipe.process_item({"body": TEXT})
    assert item["body"] == TEXT, "with a suffix the scraped field is kept as it was"
    expected = Cleaner(Config(disable_categories={"comments", "caption"}, disable_layers={"context"})).clean(
        TEXT, kind="text"
    )
    assert item["body_clean"] == expected
    assert CAPTION in expected and "Leave a Comment" in expected and "Source link" not in expected
    assert "removals" not in item


def test_scrapy_item_in_place_and_undeclared_field(caplog) -> None:
    class Article(scrapy.Item):
        body = scrapy.Field()
        removals = scrapy.Field()

    item = Article(body=TEXT)
    out = _pipeline(CLEANER_FIELDS=["body"], CLEANER_REMOVALS_FIELD="removals").process_item(item)
    assert out["body"] == clean(TEXT)
    assert {r["text"] for r in out["removals"]} >= {CAPTION, "Leave a Comment", "Source link"}
    assert all(r["field"] == "body" for r in out["removals"])

    item = Article(body=TEXT)
    with caplog.at_level(logging.ERROR, logger="cleaner.integrations.scrapy"):
        out = _pipeline(CLEANER_FIELDS=["body"], CLEANER_OUTPUT_SUFFIX="_clean").process_item(item)
    assert out["body"] == TEXT, "nothing is lost when the output field cannot be set"
    assert "declare it on the item class" in caplog.text and "body_clean" in caplog.text


def test_odd_values_are_left_and_logged(caplog) -> None:
    pipe = _pipeline(CLEANER_FIELDS=["text", "title", "tags", "raw"])
    item = {"title": None, "tags": ["a", "b"], "raw": TEXT.encode("utf-8")}
    with caplog.at_level(logging.WARNING, logger="cleaner.integrations.scrapy"):
        out = pipe.process_item(item)
    assert out["title"] is None and "text" not in out
    assert out["tags"] == ["a", "b"]
    assert "'tags' is list, not text" in caplog.text
    assert out["raw"] == clean(TEXT), "bytes are decoded and cleaned like the library does"

    caplog.clear()
    binary = b"\x00\x01\x02PNG\x00" * 50
    with caplog.at_level(logging.WARNING, logger="cleaner.integrations.scrapy"):
        out = pipe.process_item({"raw": binary})
    assert out["raw"] == binary
    assert "'raw' not cleaned" in caplog.text


def test_bad_settings_stop_the_crawl_early() -> None:
    with pytest.raises(ConfigError, match="CLEANER_KIND"):
        _pipeline(CLEANER_KIND="pdf")
    with pytest.raises(ConfigError, match="unknown categories"):
        _pipeline(CLEANER_DISABLE=["captions"])
    with pytest.raises(ConfigError, match="cannot read config"):
        _pipeline(CLEANER_CONFIG="/nonexistent/cleaner.toml")


def test_import_needs_scrapy_only_when_used() -> None:
    code = (
        "import sys; import cleaner, cleaner.integrations; assert 'scrapy' not in sys.modules\n"
        "sys.modules['scrapy'] = sys.modules['itemadapter'] = None\n"
        "try:\n    import cleaner.integrations.scrapy\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "pip install 'cleaner[scrapy]'" in out
