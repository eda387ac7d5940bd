"""The book: notebooks executed by papermill carry the glued values; the built HTML renders the
headline, an image and a table in headless Chromium, and article text never runs as script."""
from __future__ import annotations

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
NOTEBOOKS = ["01_corpus", "02_figures", "03_reconciliation", "04_checks", "05_attributions"]
SCRIPT_ARTICLE = "Artikel uji tentang kota. <script>document.title='pwned'</script> Selesai.\n"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


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
                out[name] = next((v for k, v in data.items() if k.endswith("text/plain")), None)
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
    assert '<span class="pasted-text">36,571 billion VND</span>' in page
    assert '<span class="pasted-text">8.1%</span>' in page


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
        subprocess.run([apt, "install", "-y", "--no-install-recommends", "chromium", "fonts-thai-tlwg"],
                       capture_output=True, timeout=900)
        found = shutil.which("chromium")
    if not found:
        pytest.skip("headless Chromium is not installed and `apt-get install -y chromium` was not possible")
    return found


def _browse(chromium: str, url: str, profile: Path, *extra: str) -> str:
    proc = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_browser_renders_headline_image_table_and_no_article_script(book_build, tmp_path):
    chromium = _chromium()
    html = book_build / "html"
    shots = book_build / "screenshots"
    shots.mkdir(exist_ok=True)
    # the index only forwards to the introduction (a meta refresh: dumping it races the redirect)
    assert 'url=intro.html' in (html / "index.html").read_text(encoding="utf-8")
    dom = _browse(chromium, (html / "intro.html").as_uri(), tmp_path / "p1", "--dump-dom")
    assert "36,571 billion VND" in dom and "8.1%" in dom

    dom = _browse(chromium, (html / "03_reconciliation.html").as_uri(), tmp_path / "p2", "--dump-dom")
    assert "36,571 billion VND" in dom
    assert "<table" in dom and "000_2e49e2097305be64 m002" in dom
    from html.parser import HTMLParser

    imgs = []

    class Imgs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                imgs.append(dict(attrs))

    Imgs().feed(dom)
    assert imgs and all(i.get("alt") for i in imgs)
    from PIL import Image

    with Image.open(html / imgs[0]["src"]) as im:
        assert im.width > 300 and im.height > 200

    dom = _browse(chromium, (html / "sources.html").as_uri(), tmp_path / "p3", "--dump-dom")
    title = dom.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "pwned" not in title
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom

    for page in ("intro", "03_reconciliation", "sources"):
        _browse(chromium, (html / f"{page}.html").as_uri(), tmp_path / f"s-{page}", "--window-size=1280,2000",
                f"--screenshot={shots / f'{page}.png'}")
        with Image.open(shots / f"{page}.png") as im:
            lo, hi = im.convert("L").getextrema()
            assert im.size == (1280, 2000) and hi - lo > 100  # not blank
    project_shots = ROOT / "_build" / "screenshots"
    project_shots.mkdir(parents=True, exist_ok=True)
    for png in shots.glob("*.png"):
        shutil.copy(png, project_shots / png.name)
    (shots / "pages.json").write_text(json.dumps(sorted(p.name for p in html.glob("*.html"))))


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
