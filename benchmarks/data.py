"""Where the benchmark data is: one answer for every benchmark and test.

The corpora live in a ``shared/`` folder beside the repository (CI lays it
there; see ``../shared/benchmarks/*/README.md``). No machine path is written
anywhere: the folder is found from the repository root, and a user who keeps
it elsewhere points at it with ``--data DIR`` or ``CLEANER_BENCH_DATA``.

Either may name the ``shared/`` folder itself, its ``benchmarks/`` folder, or
(for a one-corpus run) one corpus folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = "CLEANER_BENCH_DATA"
CORPORA = ("scrapinghub", "wcxb-dev")

WHERE_TO_GET = f"""\
The benchmark corpora are not in this repository. Put a folder `shared/` beside
the checkout (or pass --data DIR, or set {ENV_VAR}) holding:
  shared/benchmarks/scrapinghub/  ScrapingHub article-extraction benchmark
                                  (upstream repository scrapinghub/article-extraction-benchmark:
                                  html/*.html.gz and ground-truth.json)
  shared/benchmarks/wcxb-dev/     WCXB development split (Foley 2026, CC-BY-4.0,
                                  upstream repository Murrough-Foley/web-content-extraction-benchmark:
                                  html/NNNN.html.gz and ground-truth/NNNN.json)
"""


def shared_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The ``shared/`` folder: ``override``, else $CLEANER_BENCH_DATA, else ``<repo>/../shared``."""
    given = override if override is not None else os.environ.get(ENV_VAR)
    return Path(given).expanduser() if given else ROOT.parent / "shared"


def corpus_dir(name: str, override: str | os.PathLike[str] | None = None) -> Path:
    """The folder of one corpus (``scrapinghub`` or ``wcxb-dev``), wherever the override points.

    The folder may not exist: ask :func:`have` or call :func:`require` first.
    """
    base = shared_dir(override)
    for candidate in (base / "benchmarks" / name, base / name, base):
        if _looks_like(name, candidate):
            return candidate
    return base / "benchmarks" / name


def _looks_like(name: str, folder: Path) -> bool:
    if name == "scrapinghub":
        return (folder / "ground-truth.json").is_file() and (folder / "html").is_dir()
    return (folder / "ground-truth").is_dir() and (folder / "html").is_dir()


def have(name: str, override: str | os.PathLike[str] | None = None) -> bool:
    """True when the corpus is there to be read."""
    return _looks_like(name, corpus_dir(name, override))


def require(names: tuple[str, ...] = CORPORA, override: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """The folders of ``names``; if one is missing, say where to get it and exit 2."""
    missing = [n for n in names if not have(n, override)]
    if missing:
        print(
            f"benchmark data not found: {', '.join(missing)} (looked under {shared_dir(override)})\n" + WHERE_TO_GET,
            file=sys.stderr,
        )
        raise SystemExit(2)
    return {n: corpus_dir(n, override) for n in names}
