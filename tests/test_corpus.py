"""Corpus loading: provenance, encodings, bad files, sources.yaml schema."""
from __future__ import annotations

import hashlib

import pytest

import vnict_analysis as va
from vnict_analysis.corpus import SourcesError, load_corpus, read_sources


def test_seeds_have_declared_languages(articles, root):
    assert list(articles["lang"]) == ["id", "id", "id", "vi", "th"]
    assert set(articles["lang_source"]) == {"declared"}
    raw = (root / "data/raw/004_be17b0d01f873df6.txt").read_bytes()
    row = articles.set_index("source_id").loc["004_be17b0d01f873df6"]
    assert row["sha256"] == hashlib.sha256(raw).hexdigest()
    assert row["n_chars"] == len(raw.decode("utf-8"))
    assert row["translated_from"] == "vi"
    assert articles.attrs["skipped"] == []


def test_sources_yaml_names_every_seed(root):
    sources = read_sources(root / "data" / "sources.yaml")
    stems = {p.stem for p in (root / "data/raw").glob("*.txt")}
    assert stems <= set(sources)
    assert sources["000_2e49e2097305be64"]["url"].startswith("https://baoquangnam.vn/")


def test_encodings_and_bad_files(tmp_path):
    body = "Pendapatan mencapai 8,1% pada tahun 2023."
    (tmp_path / "a_utf8.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b_bom.txt").write_bytes(b"\xef\xbb\xbf" + body.encode())
    (tmp_path / "c_utf16.txt").write_bytes(body.encode("utf-16"))
    (tmp_path / "d_empty.txt").write_bytes(b"")
    (tmp_path / "e_binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "f_latin1.txt").write_bytes("Café 10%".encode("latin-1"))
    (tmp_path / "g_blank.txt").write_text("  \n\n ")
    articles, skipped = load_corpus([tmp_path])
    assert sorted(articles["source_id"]) == ["a_utf8", "b_bom", "c_utf16"]
    assert set(articles["text"]) == {body}
    assert set(articles["lang_source"]) == {"detected"}
    reasons = dict(zip(skipped["path"].str.rsplit("/", n=1).str[-1], skipped["reason"]))
    assert set(reasons) == {"d_empty.txt", "e_binary.txt", "f_latin1.txt", "g_blank.txt"}
    assert "empty" in reasons["d_empty.txt"] and "binary" in reasons["e_binary.txt"]
    assert "UTF-8" in reasons["f_latin1.txt"]
    assert len(articles) + len(skipped) == 7  # nothing dropped silently


def test_missing_path_and_unknown_language(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_corpus([tmp_path / "nope.txt"])
    (tmp_path / "a.txt").write_text("Nilai 5%.")
    with pytest.raises(ValueError, match="unknown language"):
        load_corpus([tmp_path], lang="qq")


def test_forced_language(tmp_path):
    (tmp_path / "a.txt").write_text("Nilai 5%.")
    articles, _ = load_corpus([tmp_path], lang="ms")
    assert articles.loc[0, "lang"] == "ms" and articles.loc[0, "lang_source"] == "given"


@pytest.mark.parametrize("yaml_text,match", [
    ("sources:\n  a:\n    lang: id\n    publisher: x\n", ":4: unknown key 'sources.a.publisher'"),
    ("sources:\n  a:\n    lang: qq\n", "unknown language"),
    ("sources:\n  a: [1, 2]\n", "mapping"),
    ("source:\n  a: {}\n", ":1: unknown key 'source'"),
    ("sources:\n  a:\n    lang: [id]\n", "string"),
    ("sources: {a: {lang: id}\n", "YAML"),
])
def test_sources_schema_errors(tmp_path, yaml_text, match):
    p = tmp_path / "sources.yaml"
    p.write_text(yaml_text)
    with pytest.raises(SourcesError, match=match):
        read_sources(p)


def test_load_reads_given_sources_file(tmp_path):
    (tmp_path / "x.txt").write_text("Doanh thu đạt 5 tỷ đồng.")
    meta = tmp_path / "s.yaml"
    meta.write_text("sources:\n  x:\n    lang: vi\n    outlet: Test\n")
    df = va.load([tmp_path / "x.txt"], sources=meta)
    assert (df.loc[0, "lang"], df.loc[0, "outlet"], df.loc[0, "lang_source"]) == ("vi", "Test", "declared")
