"""Command line: `python -m vnict_analysis COMMAND ...` (extract, reconcile, attributions, run):
a thin wrapper over the steps of `pipeline` that turns the package's errors into exit codes."""
from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from pathlib import Path
from typing import Callable

import pandas as pd

from .corpus import MAX_BYTES
from .errors import InputError, NoArticlesError, VnictError
from .store import SUFFIXES, write_table

EXIT_OK, EXIT_USAGE, EXIT_NOTHING = 0, 2, 3

EPILOG = """exit codes:
  0  success (files that could not be read are skipped and reported on stderr)
  2  bad input: missing path, unknown language code, unsupported output suffix,
     invalid sources.yaml, lexicon, indicators or entities file (file:line: key)
  3  no readable article among the inputs
  130 interrupted (Ctrl-C)
"""


class CLIError(InputError):
    """A command-line option that cannot be used; reported in one line, with exit code 2."""


def _meta(args, articles: pd.DataFrame, description: str) -> dict:
    return {"command": " ".join(["python -m vnict_analysis", args.command]), "description": description,
            "inputs": [{"source_id": r.source_id, "path": Path(r.path).name, "sha256": r.sha256, "lang": r.lang}
                       for r in articles.itertuples()]}


def _check_outputs(*paths: str | None) -> None:
    """Before any work: every output has a table suffix, is not a folder, and no two outputs are
    one file (``--output x.csv --rejected x.csv`` would overwrite one with the other)."""
    seen: dict[Path, str] = {}
    for p in paths:
        if p is None:
            continue
        if Path(p).suffix not in SUFFIXES:
            raise CLIError(f"{p}: output must end in .csv or .parquet")
        if Path(p).is_dir():
            raise CLIError(f"{p}: is a folder, not a file to write")
        ancestor = next((a for a in Path(p).absolute().parents if a.exists()), None)
        if ancestor is not None and not ancestor.is_dir():
            raise CLIError(f"{p}: cannot be written under {ancestor}, which is a file")
        key = Path(p).resolve()
        if key in seen:
            raise CLIError(f"{p}: given for two outputs ({seen[key]} and this one)")
        seen[key] = p


def _check_tolerances(args) -> None:
    if not (0 <= args.tolerance < math.inf and 0 <= args.check_tolerance < math.inf):  # nan fails both
        raise CLIError("--tolerance and --check-tolerance must be finite numbers >= 0")


def _jobs(value: str) -> int:
    """--jobs: a positive number of processes, at most the CPUs (0 = the default)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 1 or more (0 for the default)")
    return min(n, os.cpu_count() or 1)


def _megabytes(value: str) -> float:
    """--max-mb: a positive, finite number of megabytes."""
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < mb < math.inf:
        raise argparse.ArgumentTypeError("must be a number of megabytes above 0")
    return mb


def _progress(total: int, quiet: bool) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    if quiet or total < 20:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="article", file=sys.stderr, leave=False)
    return bar.update, bar.close


def _load(args) -> pd.DataFrame:
    from .pipeline import load_step

    articles, skipped = load_step(args.paths, args.sources, args.lang, max_bytes=int(args.max_mb * 1e6))
    for row in skipped.itertuples():
        print(f"skipped {row.path}: {row.reason}", file=sys.stderr)
    n_in = len(articles) + len(skipped)
    print(f"{n_in} file(s): {len(articles)} read, {len(skipped)} skipped", file=sys.stderr)
    args.skipped_files, args.failures = skipped, []  # articles a step fails on join them in _finish
    if articles.empty:
        _finish(args, articles)
        raise NoArticlesError("no readable article among the inputs")
    return articles


def _finish(args, articles: pd.DataFrame) -> None:
    """Report the articles a step could not process (each named, with the error) and write the
    skipped table, unreadable files and those articles, when --skipped asks for it."""
    from .pipeline import add_failures

    for f in args.failures:
        print(f"skipped {f['source_id']}: {f['reason']}", file=sys.stderr)
    if getattr(args, "skipped", None):
        write_table(add_failures(args.skipped_files, args.failures, articles), args.skipped,
                    {"command": f"python -m vnict_analysis {args.command}",
                     "description": "Input files that could not be read or processed, with the reason."})


def _mentions(args, articles: pd.DataFrame) -> pd.DataFrame:
    from .pipeline import extract

    jobs = min(args.jobs or (min(2, os.cpu_count() or 1) if len(articles) >= 50 else 1), max(1, len(articles)))
    update, close = _progress(len(articles), args.quiet)
    try:
        mentions, rejected = extract(articles, jobs=jobs, progress=update, failures=args.failures)
    finally:
        close()
    if getattr(args, "rejected", None):
        write_table(rejected, args.rejected, _meta(args, articles, "Numbers that are not figures, with the reason."))
    return mentions


def cmd_extract(args) -> int:
    _check_outputs(args.output, args.rejected, args.skipped)
    articles = _load(args)
    mentions = _mentions(args, articles)
    write_table(mentions, args.output, _meta(args, articles, "One row per figure mention, with provenance."))
    _finish(args, articles)
    print(f"{len(mentions)} figure mention(s) from {len(articles)} article(s) -> {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_reconcile(args) -> int:
    from .facts.checks import run_checks
    from .facts.indicators import load_indicators
    from .people.attribution import extract_attributions
    from .pipeline import figures_to_facts, fold_copies

    _check_outputs(args.output, args.facts, args.checks, args.skipped, args.rejected, args.links)
    _check_tolerances(args)
    articles = _load(args)
    read = fold_copies(articles)  # exact copies are read once
    mentions = _mentions(args, read)
    indicators = load_indicators()
    with_facts, facts, links = figures_to_facts(articles, mentions, extract_attributions(read, failures=args.failures),
                                                indicators,
                                                tolerance=args.tolerance, with_links=True)
    write_table(with_facts, args.output, _meta(args, articles, "Figure mentions with indicator, entity, fact and status."))
    if args.facts:
        write_table(facts, args.facts, _meta(args, articles, "One row per fact across sources."))
    if args.links:
        write_table(links, args.links, _meta(args, articles, "One row per compared pair of mentions: decision, "
                                                             "match weight and each reason."), table="links")
    if args.checks:
        write_table(run_checks(facts, indicators, tolerance=args.check_tolerance), args.checks,
                    _meta(args, articles, "One row per arithmetic check between facts."))
    _finish(args, articles)
    print(f"{len(with_facts)} mention(s), {len(facts)} fact(s) -> {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_attributions(args) -> int:
    from .facts.indicators import load_indicators
    from .people.attribution import extract_attributions, findings
    from .pipeline import extract, figures_to_facts, fold_copies

    _check_outputs(args.output, args.findings, args.skipped)
    articles = _load(args)
    read = fold_copies(articles)  # exact copies are read once
    attributions = extract_attributions(read, failures=args.failures)
    write_table(attributions, args.output, _meta(args, articles, "One row per person mention with a role."))
    if args.findings:
        mentions, _ = extract(read, failures=args.failures)
        credited, _ = figures_to_facts(articles, mentions, attributions, load_indicators())
        write_table(findings(attributions, credited), args.findings,
                    _meta(args, articles, "One row per discrepancy in titles, bodies and credits, with evidence."))
    _finish(args, articles)
    print(f"{len(attributions)} attribution(s) -> {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_run(args) -> int:
    from .datafiles import check_lang
    from .pipeline import update

    _check_tolerances(args)
    languages = [check_lang(code.strip()) for code in args.languages.split(",")] if args.languages else None
    ran = update(args.paths, args.output_dir, force=args.force, languages=languages, tolerance=args.tolerance,
                 check_tolerance=args.check_tolerance, sources=args.sources, jobs=args.jobs or 1)
    print(f"{'wrote' if ran else 'unchanged (inputs as before):'} {args.output_dir}", file=sys.stderr)
    return EXIT_OK


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .txt article or a folder of them")
    p.add_argument("--lang", help="language code for every file (default: sources.yaml beside the data, else detected)")
    p.add_argument("--sources", help="metadata YAML (default: sources.yaml beside the data)")
    p.add_argument("--output", required=True, help="output table (.csv or .parquet)")
    p.add_argument("--skipped", help="also write the table of skipped files here")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--max-mb", type=_megabytes, default=MAX_BYTES / 1e6,
                   help="skip (and list) files larger than this many megabytes (default %(default)g)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m vnict_analysis",
        description="Figures about Vietnam's ICT sector from multilingual news articles.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, helptext in (
        ("extract", cmd_extract, "one row per figure mention"),
        ("reconcile", cmd_reconcile, "mentions with indicator, entity and fact id; facts; checks"),
        ("attributions", cmd_attributions, "officials credited in the articles; findings"),
    ):
        p = sub.add_parser(name, help=helptext, description=helptext, epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _common(p)
        p.set_defaults(func=func)
        if name in ("extract", "reconcile"):
            p.add_argument("--rejected", help="also write numbers not counted as figures, with reasons")
            p.add_argument("--jobs", type=_jobs, default=0, help="processes, at most the CPUs (default: 2 for 50+ files)")
        if name == "reconcile":
            p.add_argument("--tolerance", type=float, default=0.005, help="relative tolerance for equal values")
            p.add_argument("--check-tolerance", type=float, default=0.01, help="relative tolerance of checks")
            p.add_argument("--facts", help="write the facts table here")
            p.add_argument("--checks", help="write the checks table here")
            p.add_argument("--links", help="write the links table here: every compared pair, decision, score, reasons")
        if name == "attributions":
            p.add_argument("--findings", help="write the findings table here")
    p = sub.add_parser("run", help="every table at once into a folder (Parquet + .meta.yaml), only if inputs changed",
                       description="load -> extract -> annotate -> attribute -> reconcile -> check, into "
                                   "OUTPUT_DIR/<table>.parquet; skipped when nothing it reads changed",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .txt article or a folder of them")
    p.add_argument("--output-dir", required=True, help="folder for the tables (e.g. data/derived)")
    p.add_argument("--languages", help="keep only these languages, comma-separated (e.g. id,th)")
    p.add_argument("--sources", help="metadata YAML (default: sources.yaml beside the data)")
    p.add_argument("--tolerance", type=float, default=0.005, help="relative tolerance for equal values")
    p.add_argument("--check-tolerance", type=float, default=0.01, help="relative tolerance of checks")
    p.add_argument("--jobs", type=_jobs, default=0, help="processes for extraction, at most the CPUs (default 1)")
    p.add_argument("--force", action="store_true", help="run even if the inputs are unchanged")
    p.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; every error the package raises on purpose becomes one line on stderr and
    its documented exit code, Ctrl-C exit 130."""
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    except VnictError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (FileNotFoundError, ValueError) as exc:  # anything else a user's input can cause
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
