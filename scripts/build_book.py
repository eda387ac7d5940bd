"""Build the book: execute the notebooks with papermill, then build the HTML with Jupyter Book.

    .venv/bin/python scripts/build_book.py [--params book/params.yaml] [--root .] [--timeout 300]

The pipeline runs once per build (`vnict_analysis.pipeline.update`, skipped when nothing it reads
changed) into the derived folder (``data/derived/`` for the project's articles, else
``<root>/_build/derived/``); the notebooks and the sources page read those tables.

Layout under ``<root>/_build/``: ``executed/`` holds the executed notebooks, the narrative pages
copied from ``book/`` and the generated sources page (the book's source folder; the source notebooks
are never written to); ``html/`` holds the book. A notebook is re-executed only when its inputs
(notebook, parameters, articles, package code, data files) changed, and files are rewritten only when
their content changed, so an unchanged rebuild is quick. A failing notebook, a notebook over its
timeout or any Sphinx warning fails the build (exit code 1).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["01_corpus", "02_figures", "03_reconciliation", "04_checks", "05_attributions", "06_conflicts"]
PAGES = ["intro.md", "methods.md", "rerun.md", "reuse.md"]


def read_params(path: Path) -> dict:
    """The parameters YAML as a dict, checked by its typed model (`BookParams`): an unknown key or a
    bad value is an error naming the file and line (a typo must not pass silently)."""
    from vnict_analysis.datafiles import BookParams, read_data_file
    from vnict_analysis.errors import VnictError

    try:
        return read_data_file(path, BookParams)
    except VnictError as exc:
        raise SystemExit(str(exc)) from None


def derived_folder(params: dict, build: Path) -> Path:
    """Where the pipeline's tables for these parameters live."""
    data_dir = (ROOT / params.get("data_dir", "data/raw")).resolve()
    return ROOT / "data" / "derived" if data_dir == (ROOT / "data" / "raw").resolve() else build / "derived"


def run_pipeline(params: dict, derived: Path) -> bool:
    """The pipeline, once, into `derived` (skipped when its inputs are unchanged); returns whether it ran."""
    from vnict_analysis.errors import VnictError
    from vnict_analysis.pipeline import update

    data_dir = ROOT / params.get("data_dir", "data/raw")
    if not data_dir.exists():
        raise SystemExit(f"data_dir not found: {data_dir}")
    try:
        return update([data_dir], derived, languages=params.get("languages"),
                      tolerance=params.get("tolerance", 0.005), check_tolerance=params.get("check_tolerance", 0.01))
    except VnictError as exc:
        raise SystemExit(f"pipeline: {exc}") from None


def check_against_data(params: dict, res) -> dict:
    """The parameters with the entity resolved through its aliases and the languages checked against
    the articles of `res` (`report.check_params`); an unknown value stops the build with the valid ones."""
    from vnict_analysis import report
    from vnict_analysis.errors import VnictError

    try:
        return report.check_params(params, res.articles, res.facts)
    except VnictError as exc:
        raise SystemExit(f"parameters: {exc}") from None


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds it (keeps mtimes, so Sphinx skips unchanged pages)."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def inputs_digest(notebook: Path, params: dict, derived: Path) -> str:
    """Hash of everything an executed notebook depends on: itself, its parameters, the derived
    tables (through the pipeline's own input hash), the package and the reference files."""
    h = hashlib.sha256(json.dumps(params, sort_keys=True).encode())
    h.update((derived / ".inputs.sha256").read_bytes())
    files = [notebook, *sorted((ROOT / "vnict_analysis").rglob("*.py")),
             *sorted((ROOT / "tests" / "fixtures").rglob("*.*"))]  # the quality section reads the references
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def clean_notebook(path: Path) -> bytes:
    """The executed notebook without run metadata (times, paths) and with plumbing cells removed from the page."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    return (nbformat.writes(nb) + "\n").encode()


def execute_one(src: Path, out: Path, params: dict, timeout: int) -> None:
    """Run one notebook with papermill (cell timeout = `timeout`); raises papermill's error on failure."""
    import papermill

    papermill.execute_notebook(str(src), str(out), parameters=params, kernel_name="python3", cwd=str(ROOT),
                               execution_timeout=timeout, progress_bar=False, log_output=False)


def execute_all(params: dict, executed: Path, timeout: int, jobs: int) -> list[str]:
    """Execute the notebooks that need it, `jobs` at a time, each in its own process group with a
    wall-clock timeout; returns the names executed. `params` include ``derived_dir``."""
    derived = Path(params["derived_dir"])
    todo, running, done = [], {}, []
    for name in NOTEBOOKS:
        digest = inputs_digest(ROOT / "notebooks" / f"{name}.ipynb", params, derived)
        stamp = executed / f".{name}.inputs"
        if not ((executed / f"{name}.ipynb").exists() and stamp.exists() and stamp.read_text() == digest):
            todo.append((name, digest))
    tmp = executed.parent / "papermill"  # raw papermill output, outside the book's source folder
    tmp.mkdir(parents=True, exist_ok=True)
    while todo or running:
        while todo and len(running) < jobs:
            name, digest = todo.pop(0)
            cmd = [sys.executable, __file__, "--one", name, "--params-json", json.dumps(params),
                   "--out", str(tmp / f"{name}.ipynb"), "--timeout", str(timeout)]
            with open(tmp / f"{name}.log", "w") as log:  # kernel chatter stays out of the build log
                proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
            running[name] = (proc, time.monotonic(), digest)
        time.sleep(0.2)
        for name, (proc, t0, digest) in list(running.items()):
            if proc.poll() is None and time.monotonic() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise SystemExit(f"notebook {name} exceeded its {timeout}s timeout")
            if proc.returncode is None:
                continue
            del running[name]
            if proc.returncode != 0:
                for p, _, _ in running.values():
                    os.killpg(p.pid, signal.SIGKILL)
                sys.stderr.write((tmp / f"{name}.log").read_text()[-6000:])
                raise SystemExit(f"notebook {name} failed (papermill's error above; log in {tmp / name}.log)")
            write_if_changed(executed / f"{name}.ipynb", clean_notebook(tmp / f"{name}.ipynb"))
            (executed / f".{name}.inputs").write_text(digest)
            done.append(name)
    return done


def stage_pages(executed: Path, res) -> None:
    """Copy the narrative pages and write the sources page from the derived tables `res`."""
    from vnict_analysis import report

    for page in PAGES:
        text = (ROOT / "book" / page).read_bytes()
        if page == "rerun.md":  # the values the parameters accept, from the data the book was built on
            text += b"\n" + report.valid_values_markdown(res.articles, res.facts).encode()
        write_if_changed(executed / page, text)
    for static in sorted((ROOT / "book" / "_static").glob("*")):  # the book's CSS (scrolling tables, chips)
        write_if_changed(executed / "_static" / static.name, static.read_bytes())
    report.write_sources_page(executed / "sources.md", res.articles, res.mentions, res.rejected)


def build_html(build: Path, quiet: bool = True) -> None:
    """`jupyter-book build` of the executed folder, warnings as errors; HTML in `<build>/html`."""
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(build / "executed"),
           "--config", str(ROOT / "_config.yml"), "--toc", str(ROOT / "_toc.yml"),
           "--path-output", str(build.parent), "--warningiserror", "--keep-going"]
    if quiet:
        cmd.append("--quiet")
    if subprocess.run(cmd, cwd=ROOT).returncode != 0:
        raise SystemExit("jupyter-book build failed (see the warnings above)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--params", default="book/params.yaml", help="parameters YAML (default book/params.yaml)")
    ap.add_argument("--root", default=".", help="the book goes to <root>/_build (default: the project)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds allowed per notebook")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    ap.add_argument("--derived", help="folder of the pipeline's tables (default: data/derived for data/raw, "
                                      "else <root>/_build/derived)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--params-json", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:  # child process: one notebook
        execute_one(ROOT / "notebooks" / f"{args.one}.ipynb", Path(args.out), json.loads(args.params_json), args.timeout)
        return 0
    build = (Path(args.root) / "_build").resolve()
    params = read_params(Path(args.params))
    t0 = time.monotonic()
    derived = Path(args.derived).resolve() if args.derived else derived_folder(params, build)
    pipeline_ran = run_pipeline(params, derived)
    import vnict_analysis as va

    res = va.load_results(derived)  # read once: the parameter check and the staged pages use it
    params = {**check_against_data(params, res), "derived_dir": str(derived),
              "params_file": str(Path(args.params).resolve())}
    tp = time.monotonic()
    ran = execute_all(params, build / "executed", args.timeout, args.jobs)
    stage_pages(build / "executed", res)
    t1 = time.monotonic()
    build_html(build)
    print(f"pipeline: {'ran' if pipeline_ran else 'unchanged'} ({tp - t0:.1f}s, {derived}); "
          f"notebooks executed: {', '.join(ran) or 'none (inputs unchanged)'} ({t1 - tp:.1f}s); "
          f"html: {build / 'html' / 'index.html'} ({time.monotonic() - t1:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
