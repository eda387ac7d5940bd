"""The book: notebooks executed by papermill carry the glued values; the built HTML renders the
headline, an image and a table in headless Chromium, and article text never runs as script."""
from __future__ import annotations

import ast
import fcntl
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["01_corpus", "02_figures", "03_reconciliation", "04_checks", "05_attributions", "06_conflicts"]
SCRIPT_ARTICLE = "Artikel uji tentang kota. <script>document.title='pwned'</script> Selesai.\n"


def _build(root: Path, params: dict) -> Path:
    """Build the book into `root/_build` once, even when several xdist workers ask (file lock)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / ".built"
        if not done.exists():
            (root / "params.yaml").write_text(yaml.safe_dump(params))
            proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py"), "--params",
                                   str(root / "params.yaml"), "--root", str(root), "--timeout", "240",
                                   "--derived", str(root / "_build" / "derived")],
                                  cwd=ROOT, capture_output=True, text=True, timeout=600)
            assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
            done.write_text("ok")
    return root / "_build"


@pytest.fixture(scope="session")
def shared(tmp_path_factory) -> Path:
    """A folder every xdist worker of this run sees."""
    return tmp_path_factory.getbasetemp().parent / "book"


@pytest.fixture(scope="session")
def book_build(shared) -> Path:
    """The default book built from the seed articles plus one article containing a <script> tag."""
    articles = shared / "articles"
    if not articles.exists():
        tmp = shared / "articles.tmp"
        shutil.copytree(ROOT / "data" / "raw", tmp, dirs_exist_ok=True)
        (tmp / "999_script_test.txt").write_text(SCRIPT_ARTICLE, encoding="utf-8")
        tmp.rename(articles) if not articles.exists() else None
    params = yaml.safe_load((ROOT / "book" / "params.yaml").read_text())
    return _build(shared / "default", params | {"data_dir": str(articles)})


def _glued(path: Path) -> dict[str, str]:
    """Glue name -> plain text, read from an executed notebook's outputs."""
    nb = nbformat.read(path, as_version=4)
    out = {}
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            name = o.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                data = o.get("data", {})
                text = next((v for k, v in data.items() if k.endswith("text/plain")), None)
                try:  # glued prose is stored as a quoted literal (see report.Plain)
                    text = ast.literal_eval(text) if isinstance(text, str) else text
                except (ValueError, SyntaxError):
                    pass
                out[name] = text
    return out


def test_source_notebooks_have_one_parameters_cell_and_no_outputs():
    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        for key in ("data_dir", "languages", "entity", "period", "tolerance"):
            assert f"{key} =" in tagged[0].source, (name, key)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.outputs == [] and c.execution_count is None for c in code), name


def test_executed_notebooks_carry_the_glued_values(book_build):
    # Read from the articles: "VND 36.571 miliar, meningkat 8,1%" (Indonesian) and
    # "36,571 พันล้านดอง เพิ่มขึ้น 8.1%" (Thai): two sources, Indonesian and Thai.
    g = _glued(book_build / "executed" / "03_reconciliation.ipynb")
    assert g["headline"] == "36,571 billion VND"
    assert g["growth"] == "8.1%"
    assert g["headline_sources"] == "2 sources"
    assert g["headline_langs"] == "Indonesian and Thai"
    assert "Nguyen Quang Thanh, Director" in g["headline_speakers"]
    corpus = _glued(book_build / "executed" / "01_corpus.ipynb")
    assert corpus["n_articles"] == "6 articles"  # five seeds + the <script> test article
    checks = _glued(book_build / "executed" / "04_checks.ipynb")
    assert checks["n_hold"] == "2 checks"  # the two growth rates both sources report agree
    split = _glued(book_build / "executed" / "05_attributions.ipynb")["split_detail"]
    assert "Deputy Director Tran Ngoc Thach" in split and "Director Nguyen Quang Thanh" in split
    page = (book_build / "html" / "03_reconciliation.html").read_text(encoding="utf-8")
    assert "36,571 billion VND, with growth of 8.1% over the previous year" in page


def test_executed_notebooks_have_no_run_metadata_or_paths(book_build):
    for name in NOTEBOOKS:
        text = (book_build / "executed" / f"{name}.ipynb").read_text(encoding="utf-8")
        assert '"papermill"' not in text and "start_time" not in text, name
    for page in (book_build / "html").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert str(book_build.parent) not in text and str(ROOT) not in text, page.name


def test_sources_page_escapes_article_text_and_anchors_mentions(book_build):
    page = (book_build / "html" / "sources.html").read_text(encoding="utf-8")
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert 'id="m-000_2e49e2097305be64-m002"' in page  # VND 36.571 miliar
    recon = (book_build / "html" / "03_reconciliation.html").read_text(encoding="utf-8")
    assert 'href="sources.html#m-000_2e49e2097305be64-m002"' in recon


def test_unknown_parameter_fails_the_build(tmp_path):
    (tmp_path / "p.yaml").write_text("entity: Da Nang\nentitty: typo\n")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py"), "--params",
                           str(tmp_path / "p.yaml"), "--root", str(tmp_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode != 0 and "entitty" in proc.stderr


def test_failing_notebook_fails_the_build(tmp_path):
    (tmp_path / "p.yaml").write_text(f"data_dir: {tmp_path / 'no_such_folder'}\n")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py"), "--params",
                           str(tmp_path / "p.yaml"), "--root", str(tmp_path), "--jobs", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and "data_dir not found" in proc.stderr  # the pipeline step stops first
    assert not (tmp_path / "_build" / "html").exists()


def test_pipeline_runs_once_per_build_and_not_when_unchanged(tmp_path):
    """The book's data flow: one pipeline run into the derived folder; an unchanged rebuild runs nothing."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for p in sorted((ROOT / "data" / "raw").glob("*.txt"))[:2]:
        shutil.copy(p, articles / p.name)
    (tmp_path / "p.yaml").write_text(f"data_dir: {articles}\n")
    cmd = [sys.executable, str(ROOT / "scripts" / "build_book.py"), "--params", str(tmp_path / "p.yaml"),
           "--root", str(tmp_path)]
    first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "pipeline: ran" in first.stdout and "notebooks executed: 01_corpus" in first.stdout
    assert (tmp_path / "_build" / "derived" / "facts.parquet").is_file()
    assert "columns" in (tmp_path / "_build" / "derived" / "facts.meta.yaml").read_text()
    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "pipeline: unchanged" in second.stdout and "notebooks executed: none" in second.stdout


def test_alternative_parameters_build(shared):
    build = _build(shared / "hcmc", yaml.safe_load((ROOT / "book" / "params_hcmc.yaml").read_text()))
    g = _glued(build / "executed" / "03_reconciliation.ipynb")
    assert g["entity"] == "Ho Chi Minh City"
    assert "Built with" in (build / "html" / "03_reconciliation.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- browser
def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt:  # a fresh machine has no package lists yet: update once, then install (Thai font for screenshots)
        subprocess.run([apt, "update"], capture_output=True, timeout=600)
        subprocess.run([apt, "install", "-y", "--no-install-recommends", "chromium", "fonts-thai-tlwg", "fonts-noto-cjk"],
                       capture_output=True, timeout=900)
        found = shutil.which("chromium")
    if not found:
        pytest.skip("headless Chromium is not installed and `apt-get install -y chromium` was not possible")
    return found


#: Measured in the page: the document's width, visible elements that stick out to the right outside
#: any scroll container, images without alt text, charts (inline SVG) without a label.
MEASURE = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    let p = el.parentElement, contained = false;
    while (p && p !== document.body) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) { contained = true; break; }
      p = p.parentElement;
    }
    if (!contained) out.push(el.tagName + '.' + el.className + ' @' + Math.round(r.right));
  }
  const main = document.querySelector('main') || document.body;
  return {height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,
          overflow: out.slice(0, 5),
          img_no_alt: [...main.querySelectorAll('img')].filter(i => !i.getAttribute('alt')).map(i => i.src),
          svg_no_label: [...main.querySelectorAll('svg.va-svg')].filter(s => !s.getAttribute('aria-label')).length,
          charts: main.querySelectorAll('svg.va-svg').length + main.querySelectorAll('img').length,
          nochart: main.querySelectorAll('.va-nochart').length,
          title: document.title, text: main.innerText};
}"""


def _browse_all(build: Path) -> dict:
    """Every page of the built book at 1280 and 390 px in headless Chromium (Playwright driving the
    system's Chromium, nothing downloaded): a full-page screenshot per page and width under
    `build/screenshots/`, and the measurements of `MEASURE`; the heights go to `pages.json`."""
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = _chromium()
    shots = build / "screenshots"
    shots.mkdir(exist_ok=True)
    out: dict = {}
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for html in sorted((build / "html").glob("*.html")):
                    if html.name in ("index.html", "search.html", "genindex.html"):
                        continue
                    page.goto(html.as_uri())
                    out[(html.stem, width)] = page.evaluate(MEASURE)
                    page.screenshot(path=str(shots / f"{html.stem}_{width}.png"), full_page=True)
                page.close()
        finally:
            browser.close()
    (shots / "pages.json").write_text(json.dumps({f"{k[0]}@{k[1]}": v["height"] for k, v in out.items()}, indent=1))
    return out


def _check_pages(build: Path, pages: dict) -> None:
    import pandas as pd

    from vnict_analysis import report

    for (name, width), m in pages.items():
        assert m["width"] <= width, (name, width, m["width"], m["overflow"])
        assert not m["overflow"], (name, width, m["overflow"])
        assert not m["img_no_alt"] and not m["svg_no_label"], (name, width)
    for name in ("02_figures", "03_reconciliation", "04_checks"):
        m = pages[(name, 390)]
        assert m["charts"] + m["nochart"] >= 1, name  # a chart, or a sentence saying why there is none
    # the headline the reader sees is the facts table's best-attested fact, formatted for readers
    facts = pd.read_parquet(build / "derived" / "facts.parquet")
    params = yaml.safe_load((build.parent / "params.yaml").read_text())
    entity = report.resolve_entity(params["entity"], facts)
    h = report.headline_fact(facts, entity, params["period"])
    intro = pages[("intro", 1280)]["text"]
    if h is None:
        assert "hold no level figure" in intro
    else:
        assert report.fmt_value(h["value"], h["unit"], h["bound"], h["value_high"]) in intro
    assert "pwned" not in pages[("sources", 1280)]["title"]


def _check_sentences_match_facts(build: Path) -> None:
    """Every number the reconciliation and conflicts pages say about agreement and conflict is the
    facts table's (read back from the glued text of the executed notebooks)."""
    import re

    import pandas as pd

    from vnict_analysis import report

    facts = pd.read_parquet(build / "derived" / "facts.parquet")
    params = yaml.safe_load((build.parent / "params.yaml").read_text())
    entity = report.resolve_entity(params["entity"], facts)
    mine = facts[facts["entity"] == entity]
    g = _glued(build / "executed" / "03_reconciliation.ipynb")
    status = g["status_text"].strip("'\"")
    said = {"agree": r"(\d[\d,]*) on which several sources agree", "agree_rounded": r"(\d[\d,]*) on which they agree once",
            "conflict": r"(\d[\d,]*) in conflict", "single": r"(\d[\d,]*) reported by one source only"}
    for state, pattern in said.items():
        found = re.search(pattern, status)
        n = int((mine["status"] == state).sum())
        assert (int(found.group(1).replace(",", "")) if found else 0) == n, (state, status)
    assert ("none is in conflict" in status) == ((mine["status"] == "conflict").sum() == 0
                                                 and (mine["n_sources"] >= 2).any())
    c = _glued(build / "executed" / "06_conflicts.ipynb")
    assert c["n_conflicts"].strip("'\"") == report.count(int((facts["status"] == "conflict").sum()), "fact")
    html = (build / "html" / "06_conflicts.html").read_text(encoding="utf-8")
    assert html.count('class="va-details va-conflict"') == int((facts["status"] == "conflict").sum())


def test_browser_every_page_fits_phone_and_desktop_with_labelled_charts(book_build):
    pages = _browse_all(book_build)
    _check_pages(book_build, pages)
    _check_sentences_match_facts(book_build)
    project_shots = ROOT / "_build" / "screenshots"
    project_shots.mkdir(parents=True, exist_ok=True)
    for png in (book_build / "screenshots").glob("*"):
        shutil.copy(png, project_shots / png.name)


@pytest.fixture(scope="session")
def unseen_build(shared) -> Path:
    """The book built from the seeds plus 20 real articles it was not written on (the `dev` cluster
    set: en, de, fr, zh, vi, ja, es), with their metadata merged into one sources file, and the
    entity given by an alias ("Danang")."""
    articles = shared / "unseen_articles"
    if not articles.exists():
        tmp = shared / "unseen_articles.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        dev = ROOT / "tests" / "fixtures" / "clusters" / "dev"
        for src in [*sorted((ROOT / "data" / "raw").glob("*.txt")), *sorted(dev.glob("*.txt"))]:
            shutil.copy(src, tmp / src.name)
        meta = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
        meta |= yaml.safe_load((dev / "sources.yaml").read_text(encoding="utf-8"))["sources"]
        (tmp / "sources.yaml").write_text(yaml.safe_dump({"sources": meta}, allow_unicode=True), encoding="utf-8")
        tmp.rename(articles) if not articles.exists() else None
    params = yaml.safe_load((ROOT / "book" / "params.yaml").read_text())
    return _build(shared / "unseen", params | {"data_dir": str(articles), "entity": "Danang"})


def test_unseen_articles_build_true_sentences_and_pages_that_fit(unseen_build):
    g = _glued(unseen_build / "executed" / "03_reconciliation.ipynb")
    assert g["entity"].strip("'\"") == "Da Nang"  # the alias resolved
    pages = _browse_all(unseen_build)
    _check_pages(unseen_build, pages)
    _check_sentences_match_facts(unseen_build)


@pytest.mark.parametrize("bad, message", [({"entity": "Atlantis"}, "unknown entity 'Atlantis'; known entities:"),
                                          ({"languages": ["de"]}, "no article in the languages ['de']; the articles are in: id (3), th (1), vi (1)")])
def test_bad_parameters_stop_the_build_with_the_valid_values(shared, tmp_path, bad, message):
    params = yaml.safe_load((ROOT / "book" / "params.yaml").read_text()) | bad
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py"), "--params", str(tmp_path / "params.yaml"),
                           "--root", str(tmp_path), "--derived", str(tmp_path / "derived")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0 and message in proc.stderr, proc.stderr[-2000:]
    assert not (tmp_path / "_build" / "html").exists()


def test_quality_table_skips_references_whose_articles_are_absent(tmp_path):
    from vnict_analysis import report as book
    from vnict_analysis.evaluate import quality_table

    empty = quality_table(tmp_path, seeds_dir=tmp_path)
    assert empty.empty and "recall" in empty.columns
    assert book.quality_summary(empty)["seed_scores"].startswith("not measured")


def test_corpus_summary_names_skipped_files(tmp_path):
    import vnict_analysis as va
    from vnict_analysis import report as book

    (tmp_path / "good.txt").write_text("Nilai ekspor mencapai 12%.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    articles, skipped = va.load_corpus([tmp_path])
    mentions, _ = va.extract_corpus(articles)
    text = " ".join(book.corpus_summary(articles, skipped, book.corpus_table(articles, mentions)).values())
    assert "empty.txt" in text
