"""The ``cleaner`` command: clean files, directories, stdin or JSON Lines, and explain.

Exit codes: 0 all good; 1 some inputs failed (each named on stderr, the
others still done; a missing input is one of these) or had a warning that
part of it could not be read (its output written; the safety net's warning,
whose output is whole, does not count); 2 usage error (bad option, bad config, an output that would
overwrite an input): nothing is written; 130, 143, 129: interrupted by Ctrl-C,
SIGTERM or SIGHUP (workers ended, temporary files removed, earlier outputs as
they were: cleaner/batch/signals.py).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import itertools
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from cleaner import __version__
from cleaner.batch.files import (
    STDIO,
    Job,
    UsageError,
    atomic_open,
    check_outputs,
    check_stdin_alone,
    describe,
    plan,
)
from cleaner.batch.removals import read_spool, write_report
from cleaner.batch.signals import Terminated, terminable
from cleaner.batch.work import Outcome, Settings, default_jobs, file_groups, learnable, run_files, templates_on
from cleaner.chain import KINDS, Cleaner
from cleaner.config import ConfigError
from cleaner.layers import TEXT_LAYERS
from cleaner.model import CATEGORIES, PAGE_TYPES, is_loss
from cleaner.names import check_known

LAYERS: tuple[str, ...] = ("html", *(cls.name for cls in TEXT_LAYERS))

EPILOG = """\
examples:
  cleaner article.txt                      cleaned text to stdout
  cleaner article.txt -o clean.txt         cleaned text to a file (written atomically)
  curl -s URL | cleaner - --kind html      clean a page from stdin
  cleaner scraped/ -o clean/ --jobs 4      a directory tree, same relative names under clean/
  cleaner a.txt b.txt -o out/ --report r.json
  cleaner article.txt --explain            what was removed and why (on stderr here)
  cleaner page.txt --disable related --disable-rule navigation.prev-next
  cleaner --jsonl crawl.jsonl -o clean.jsonl --html-field body

site templates: lines that most documents of one site repeat (menus, footers,
"Follow us" lines) are that site's template and are removed with the rule
template.site (category boilerplate). Files of one folder are one site; JSON
Lines records are grouped by the host of their --url-field (records without
it get no template). A site needs at least 3 documents, and a line must be on
at least 3 of them and on half or more. JSON Lines are learned in windows of
--template-window records (memory stays bounded; records of one site farther
apart do not share a template, so group a crawl by site). Learning reads each
document twice; --no-templates turns it off.

--explain prints one removal per line, tab-separated:
  input  line (12, 12-14, or 12:5-30 for a cut inside line 12)  category  rule  layer  text
It goes to stdout when the cleaned text goes to a file, else to stderr. With
--jsonl it prints nothing: each cleaned record gets its removals as a list in
--removals-field (default "removals"; each with layer, rule, category, text,
line, end_line, start, end) and "warnings", and "page_type" when the page's kind is known
(HTML; text read as a forum thread). A record
that already has such a field fails (named on stderr, not written) unless
--overwrite-fields. A warning (part of an input could not be read, or the
safety net kept a page's plain extraction) is a line with category "warning"
before the removals, and is always said on stderr.

outputs are written atomically (a temporary file renamed over the output), so
a failure or Ctrl-C never leaves a half-written file; --fsync also makes each
output durable against a power cut, at a few milliseconds per file.

exit codes: 0 all good, 1 some inputs failed or are missing (each is named on
stderr, nothing is written for it, the rest were still done) or had part of
it unread (its output is written; a safety-net warning alone exits 0), 2
usage error (bad option or config, unsafe output; nothing written), 130
interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 hung up (SIGHUP); an
interrupted run leaves earlier outputs as they were.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="cleaner",
        description="Strip boilerplate and web-scrape noise from scraped articles (text or HTML), "
        "and explain every removal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="IN", help="input files or directories; - for stdin")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, or directory for several inputs (created if missing); - or absent: stdout",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="print each removal (see below); with --jsonl, put them in each record instead",
    )
    p.add_argument("--report", metavar="FILE", help="write all removals and failures as JSON to FILE")
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CATEGORY",
        help=f"keep lines of this category (repeatable): {', '.join(CATEGORIES)}",
    )
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help="turn off one rule (repeatable)")
    p.add_argument(
        "--disable-layer",
        action="append",
        default=[],
        metavar="NAME",
        help=f"turn off one layer (repeatable): {', '.join(LAYERS)}",
    )
    p.add_argument("--config", metavar="FILE", help="TOML config file; the --disable options add to it")
    p.add_argument("--kind", choices=KINDS, default="auto", help="input kind (default: auto-detect)")
    p.add_argument(
        "--page-type",
        choices=PAGE_TYPES,
        default=None,
        help="the kind of page, which decides what is content (default: detected per page; in text mode only "
        "'forum' changes anything: a thread's replies are content)",
    )
    p.add_argument("--encoding", help="read inputs in this encoding instead of detecting it")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="parallel worker processes (default: all usable cores)",
    )
    p.add_argument(
        "--no-templates",
        dest="templates",
        action="store_false",
        help="do not learn and remove site templates (one pass per document)",
    )
    p.add_argument(
        "--fsync",
        action="store_true",
        help="sync each output to disk before its rename (durable across a power cut; slower)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary (errors still shown)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    j = p.add_argument_group("JSON Lines")
    j.add_argument("--jsonl", action="store_true", help="inputs are JSON Lines; clean one field of each record")
    j.add_argument("--text-field", default="text", metavar="NAME", help="field holding text (default: text)")
    j.add_argument(
        "--html-field",
        default="html",
        metavar="NAME",
        help="field holding HTML, used when the text field is absent (default: html)",
    )
    j.add_argument("--output-field", metavar="NAME", help="write the cleaned text here (default: the text field)")
    j.add_argument(
        "--removals-field",
        default="removals",
        metavar="NAME",
        help="--explain: write each record's removals to this field, and the page's kind to page_type "
        "(default: removals)",
    )
    j.add_argument(
        "--overwrite-fields",
        action="store_true",
        help="--explain: replace a record's own removals (or page_type) field; without it such a record fails",
    )
    j.add_argument(
        "--url-field",
        default="url",
        metavar="NAME",
        help="field holding the page URL; its host is the record's site for templates (default: url)",
    )
    j.add_argument(
        "--template-window",
        type=int,
        default=1000,
        metavar="N",
        help="learn site templates over N records at a time; memory grows with N (default: 1000)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (argparse's exits included)."""
    try:
        with terminable():
            return _main(argv)
    except Terminated as exc:
        print(f"cleaner: terminated ({exc})", file=sys.stderr)
        return exc.code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``cleaner --explain x | head``): stop, without a traceback
        # now or when the interpreter flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("cleaner: output closed by its reader (broken pipe)", file=sys.stderr)
        return 1


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        check_known(args.disable, CATEGORIES, "category")
        check_known(args.disable_layer, LAYERS, "layer")
    except ConfigError as exc:
        parser.error(str(exc))
    if args.kind == "html" and "html" in args.disable_layer:
        parser.error("--kind html needs the html layer; drop --disable-layer html, or pass --kind text")
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            parser.error(f"unknown encoding {args.encoding!r}")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.jsonl and args.explain and args.removals_field in (args.text_field, args.output_field or args.text_field):
        parser.error("--removals-field must differ from the field the cleaned text goes to")
    if args.template_window < 3:
        parser.error("--template-window must be at least 3 (a template needs 3 documents of a site)")
    settings = Settings(
        config_path=args.config,
        disable_categories=tuple(args.disable),
        disable_rules=tuple(args.disable_rule),
        disable_layers=tuple(args.disable_layer),
        kind=args.kind,
        encoding=args.encoding,
        text_field=args.text_field,
        html_field=args.html_field,
        output_field=args.output_field,
        explain=args.explain,
        removals_field=args.removals_field,
        overwrite_fields=args.overwrite_fields,
        url_field=args.url_field,
        templates=args.templates,
        template_window=args.template_window,
        fsync=args.fsync,
        page_type=args.page_type,
    )
    try:
        cleaner = Cleaner(settings.config())
    except ConfigError as exc:
        return _usage(str(exc))
    workers = args.jobs or default_jobs()
    try:
        # Removals for --explain and --report go to files as they are made, not into memory
        # (cleaner/batch/removals.py); JSON Lines --explain puts them in each record instead.
        with contextlib.ExitStack() as stack:
            if args.report or (args.explain and not args.jsonl):
                spool = stack.enter_context(tempfile.TemporaryDirectory(prefix="cleaner-removals-"))
                settings = dataclasses.replace(settings, spool=spool)
            if args.jsonl:
                return _run_jsonl(args, settings, cleaner, workers)
            return _run_files(args, settings, cleaner, workers)
    except UsageError as exc:
        return _usage(str(exc))


def _usage(message: str) -> int:
    print(f"cleaner: error: {message}", file=sys.stderr)
    return 2


# -- files -------------------------------------------------------------------


def _run_files(args: argparse.Namespace, settings: Settings, cleaner: Cleaner, workers: int) -> int:
    skipped: Counter[str] = Counter()
    jobs = plan(args.inputs, args.output, skipped)
    _check_report(args.report, jobs, [j.source for j in jobs])
    to_stdout = any(j.dest == STDIO for j in jobs)
    explain_out = sys.stderr if to_stdout else sys.stdout
    batch = len(jobs) > 1 or len(args.inputs) > 1 or os.path.isdir(args.inputs[0])
    # With templates, the bar counts both passes over the files that learn one.
    passes = len(learnable(file_groups(jobs))) if templates_on(cleaner, settings) else 0
    bar = _progress(len(jobs) + passes, "files", args.quiet) if batch else None
    on_learned = bar.update if bar is not None else (lambda n: None)
    outcomes: list[Outcome] = []
    # Closed on the way out of an interruption, before the removal logs' folder goes: the pool
    # stops its workers then, not once the traceback holding the generator is dropped.
    with contextlib.closing(run_files(jobs, settings, workers, cleaner, on_learned)) as running:
        for outcome in running:
            outcomes.append(outcome)
            if bar is not None:
                bar.update(1)
            if not outcome.ok:
                _say(f"{outcome.job.name}: {outcome.error}", bar)
            for warning in outcome.warnings:
                _say(f"{outcome.job.name}: warning: {warning}", bar)
            if outcome.ok and args.kind == "html" and outcome.kind == "text" and not args.quiet:
                _say(f"{outcome.job.name}: holds no HTML markup; cleaned as text, line by line", bar)
            elif outcome.ok and args.explain and outcome.spool is not None:
                if outcome.page_type is not None:
                    _say_page_type(explain_out, outcome.job.name, outcome.page_type, outcome.kind, bar)
                _write_lines(explain_out, warning_lines(outcome.job.name, outcome.warnings), bar)
                _write_lines(explain_out, explain_lines(outcome.job.name, read_spool(outcome.spool)), bar)
                if not args.report:
                    os.unlink(outcome.spool)  # printed: its disk space goes now, not at the end
                    outcome.spool = None
    if bar is not None:
        bar.close()
    failed = [o for o in outcomes if not o.ok]
    # An output that may miss part of its input is written, but the run does not say all is well.
    code = 1 if failed or any(is_loss(w) for o in outcomes for w in o.warnings) else 0
    if args.report:
        failures = [{"input": o.job.source, "output": o.job.dest, "error": o.error} for o in failed]
        code = max(code, _write_report(args.report, _files_report(outcomes), failures, args.fsync))
    if batch and not args.quiet:
        print(_files_summary(outcomes, args.report, skipped), file=sys.stderr)
    return code


def _files_report(outcomes: Sequence[Outcome]) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each input's report entry (without its removals) and the file its removals are in."""
    for o in outcomes:
        entry = {
            "input": o.job.source,
            "output": o.job.dest,
            "ok": o.ok,
            "error": o.error,
            "kind": o.kind,
            "page_type": o.page_type,
            "bytes_in": o.bytes_in,
            "bytes_out": o.bytes_out,
            "counts": o.counts,
            "warnings": o.warnings,
        }
        yield entry, o.spool


def _files_summary(outcomes: Sequence[Outcome], report: str | None = None, skipped: Counter[str] | None = None) -> str:
    ok = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    warned = sum(1 for o in ok if o.warnings)
    counts = _total(o.counts for o in ok)
    text = (
        f"cleaner: {len(ok)} file{'s' if len(ok) != 1 else ''} cleaned, {len(failed)} failed"
        f"{f', {warned} with warnings' if warned else ''}; "
        f"{_size(sum(o.bytes_in for o in ok))} in, {_size(sum(o.bytes_out for o in ok))} out; "
        f"{_removed(counts)}."
    )
    if skipped:
        parts = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        text += f" Not cleaned, in the input directories: {parts}."
    return text + _failures([(o.job.name, o.error) for o in failed], report)


# -- JSON Lines --------------------------------------------------------------


def _run_jsonl(args: argparse.Namespace, settings: Settings, cleaner: Cleaner, workers: int) -> int:
    from cleaner.batch.jsonl import run_jsonl

    check_stdin_alone(args.inputs)  # a missing input fails on its own, as in a batch of files
    dest = args.output or STDIO
    if dest != STDIO and (os.path.isdir(dest) or dest.endswith("/")):
        raise UsageError(f"-o {dest} is a directory; --jsonl writes one JSON Lines file")
    sources = [s for s in args.inputs if s != STDIO]
    jobs = [Job(args.inputs[0], dest, "the --jsonl run")]  # one output for all inputs
    check_outputs(jobs, sources)
    _check_report(args.report, jobs, sources)
    bar = _progress(None, "records", args.quiet)
    stats, write_error = run_jsonl(
        args.inputs,
        dest,
        settings,
        workers,
        cleaner,
        on_error=lambda msg: _say(msg, bar),
        on_progress=bar.update if bar is not None else (lambda n: None),
    )
    if bar is not None:
        bar.close()
    code = 1 if write_error or any(s.error or s.bad_lines or s.incomplete_lines for s in stats) else 0
    if write_error:
        _say(f"{dest}: {write_error} (any previous output is unchanged)", None)
    if args.report:
        entries = (
            (
                {
                    "input": s.source,
                    "output": dest,
                    "kind": "jsonl",
                    "records": s.records,
                    "cleaned": s.cleaned,
                    "passed_through": s.passed,
                    "bad_lines": s.bad_lines,
                    "warned_lines": s.warned_lines,
                    "counts": s.counts,
                },
                s.spool,
            )
            for s in stats
            if not s.error
        )
        failures = [{"input": s.source, "output": dest, "error": s.error} for s in stats if s.error]
        code = max(code, _write_report(args.report, entries, failures, args.fsync))
    if not args.quiet:
        counts = _total(s.counts for s in stats)
        text = (
            f"cleaner: {sum(s.records for s in stats)} records: {sum(s.cleaned for s in stats)} cleaned, "
            f"{sum(s.passed for s in stats)} passed through without a text or html field, "
            f"{sum(len(s.bad_lines) for s in stats)} skipped"
            f"{f', {warned} with warnings' if (warned := sum(len(s.warned_lines) for s in stats)) else ''}; "
            f"{_removed(counts)}."
        )
        text += _failures([(s.source, s.error) for s in stats if s.error], args.report)
        print(text, file=sys.stderr)
    return code


# -- shared helpers ----------------------------------------------------------


SHOWN_FAILURES = 3


def _failures(failed: Sequence[tuple[str, str | None]], report: str | None) -> str:
    """The summary's word on failures: the first few, and where the rest are (a batch may have thousands)."""
    if not failed:
        return ""
    text = " Failed: " + "; ".join(f"{name} ({error})" for name, error in failed[:SHOWN_FAILURES])
    more = len(failed) - SHOWN_FAILURES
    if more > 0:
        where = f"all in {report}" if report else "each named above; --report FILE lists them all"
        text += f"; and {more} more ({where})"
    return text + "."


def _check_report(report: str | None, jobs: Sequence[Job], sources: Sequence[str]) -> None:
    if report:
        check_outputs(jobs, sources, extra=[(report, "report")])


def _write_report(
    path: str, inputs: Iterable[tuple[dict[str, Any], str | None]], failures: list[dict[str, Any]], fsync: bool
) -> int:
    """Write the JSON report atomically, each input's removals streamed from its log file."""
    try:
        with atomic_open(path, fsync) as fh:
            write_report(fh, __version__, inputs, failures)
    except OSError as exc:
        _say(f"{path}: cannot write the report: {describe(exc)}", None)
        return 1
    return 0


def explain_lines(name: str, removals: Iterable[dict[str, Any]]) -> Iterable[str]:
    """One tab-separated line per removal: input, where, category, rule, layer, text."""
    for r in removals:
        line, end_line, start, end = r.get("line"), r.get("end_line"), r.get("start"), r.get("end")
        if line is None:
            where = "-"
        elif start is not None:
            where = f"{line}:{start}-{end}"
        elif end_line is not None and end_line != line:
            where = f"{line}-{end_line}"
        else:
            where = str(line)
        yield "\t".join((name, where, r["category"], r["rule"], r["layer"], shorten(r["text"])))


def warning_lines(name: str, warnings: Iterable[str]) -> Iterable[str]:
    """An explain line for each warning: what may be missing from the output, and why."""
    for warning in warnings:
        yield f"{name}\t-\twarning\t-\t-\t{warning}"


def _say_page_type(out: TextIO, name: str, page_type: str, kind: str, bar: Any) -> None:
    """The kind of page an input was read as, a line before its removals: what decided its rules
    (the layer that told it: html from the markup, context from a text's lines)."""
    layer = "html" if kind == "html" else "context"
    line = f"{name}\t-\tpage-type\t{page_type}\t{layer}\t(kind of page: decides what counts as content)"
    _write_lines(out, [line], bar)


def shorten(text: str, width: int = 100) -> str:
    """One line of at most ``width`` characters, ending in … when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _total(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Removals by category, added up over inputs."""
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    return dict(total)


def _removed(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "nothing removed"
    parts = ", ".join(f"{cat} {n}" for cat, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{total} removal{'s' if total != 1 else ''} ({parts})"


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


def _progress(total: int | None, unit: str, quiet: bool) -> Any:
    """A tqdm bar on stderr when stderr is a terminal, else None."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the process pool forks after the bar starts
    return tqdm(total=total, unit=f" {unit}", file=sys.stderr, dynamic_ncols=True, leave=False)


def _say(message: str, bar: Any) -> None:
    """An error on stderr that does not tear the progress bar."""
    text = f"cleaner: {message}"
    if bar is not None:
        bar.write(text, file=sys.stderr)
    else:
        print(text, file=sys.stderr)


def _write_lines(out: TextIO, lines: Iterable[str], bar: Any) -> None:
    """Write ``lines`` a thousand at a time: an input may have millions of removals to explain."""
    it = iter(lines)
    while chunk := list(itertools.islice(it, 1000)):
        text = "".join(f"{line}\n" for line in chunk)
        if bar is not None and out is sys.stderr:
            bar.write(text.rstrip("\n"), file=sys.stderr)
        else:
            out.write(text)
    out.flush()


if __name__ == "__main__":
    sys.exit(main())
