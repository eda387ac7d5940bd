"""Attributions: the eleven seed officials against the hand-written fixture, findings, credits,
bad input, and vocabulary read from YAML. Expected values come from reading the articles."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest
import yaml

from vnict_analysis.people.attribution import ATTRIBUTION_COLUMNS, extract_attributions, findings, speakers
from vnict_analysis.people.registry import load_registry

FIELDS = ["person", "person_surface", "title", "title_surface", "organisation", "organisation_surface",
          "org_type", "org_level", "rendered_level"]
DIC = "Da Nang Department of Information and Communications"
KR_CONSULATE = "Consulate General of the Republic of Korea in Da Nang"


@pytest.fixture(scope="module")
def attributions(articles):
    return extract_attributions(articles)


@pytest.fixture(scope="module")
def expected(root):
    return yaml.safe_load((root / "tests/fixtures/seed_attributions.yaml").read_text(encoding="utf-8"))["people"]


@pytest.fixture(scope="module")
def found(articles, attributions, mentions):
    return findings(attributions, speakers(mentions, articles, attributions))


def _article(text: str, lang: str = "id", sid: str = "t") -> pd.DataFrame:
    return pd.DataFrame([{"source_id": sid, "lang": lang, "text": text}])


def _first(attr: pd.DataFrame) -> pd.DataFrame:
    return attr[attr["role_from"] == "apposition"].drop_duplicates(["source_id", "person"])


# -- the seeds ---------------------------------------------------------------------------------------
def test_columns(attributions):
    assert list(attributions.columns) == ATTRIBUTION_COLUMNS
    assert attributions["resolved"].dtype == bool


def test_eleven_named_officials(attributions, expected):
    first = _first(attributions)
    assert first["person"].notna().all()
    assert sorted(zip(first["source_id"], first["person"])) == sorted((e["source_id"], e["person"]) for e in expected)


@pytest.mark.parametrize("i", range(11))
def test_official_matches_fixture(attributions, expected, i):
    e = expected[i]
    row = _first(attributions).set_index(["source_id", "person"]).loc[(e["source_id"], e["person"])]
    for f in FIELDS[1:]:
        assert (None if pd.isna(row[f]) else row[f]) == e[f], f
    assert row["resolved"]


def test_offsets_and_sentence_point_at_the_name(articles, attributions):
    texts = dict(zip(articles["source_id"], articles["text"]))
    for r in attributions.itertuples():
        assert texts[r.source_id][r.start:r.end] == r.person_surface
        assert r.sentence == texts[r.source_id][r.sentence_start:r.sentence_end]


def test_byline_and_unnamed_credit_are_not_officials(attributions):
    assert "ซวน กวินห์" not in set(attributions["person_surface"])
    assert not attributions["person_surface"].fillna("").str.contains("perwakilan").any()


def test_later_mentions_carry_the_role(attributions):
    later = attributions[attributions["role_from"] == "same article"]
    # "tegas Bapak Kang Boosung", "ông Kim Oun Tae khẳng định", "คุณเหงียน กวาง ถั่น กล่าวว่า"
    assert set(zip(later["source_id"].str[:3], later["person"])) == {
        ("000", "Kang Boosung"), ("003", "Kim Oun Tae"), ("004", "Nguyen Quang Thanh")}
    assert later["title_surface"].isna().all()


def test_other_titles_in_one_apposition(attributions):
    row = _first(attributions).set_index("person").loc["Nguyen Dang Binh"]
    assert row["other_titles"].startswith("Vice Chairman: Komite Pengarah")


# -- findings ---------------------------------------------------------------------------------------
def test_findings_columns(found):
    assert {"finding_id", "kind", "subject", "detail", "source_ids", "evidence"} <= set(found.columns)
    assert found["finding_id"].is_unique


def test_rendered_level_findings_are_kram_and_departemen_only(found):
    r = found[found["kind"] == "rendered_level"].set_index("source_ids")
    assert set(r.index) == {"001_5e8e33f3aea6c9c0", "004_be17b0d01f873df6"}
    assert '"กรม"' in r.loc["004_be17b0d01f873df6", "detail"]
    assert r.loc["004_be17b0d01f873df6", "subject"] == DIC
    assert "นายเหงียน กวาง ถั่น ผู้อำนวยการกรมสารสนเทศ" in r.loc["004_be17b0d01f873df6", "evidence"]
    assert '"Departemen"' in r.loc["001_5e8e33f3aea6c9c0", "detail"]
    assert "national" in r.loc["001_5e8e33f3aea6c9c0", "detail"] and "municipal" in r.loc["001_5e8e33f3aea6c9c0", "detail"]
    assert "Direktur Departemen Sains dan Teknologi Kota Ho Chi Minh" in r.loc["001_5e8e33f3aea6c9c0", "evidence"]


def test_director_vs_deputy_director_split(found):
    s = found[(found["kind"] == "title_split") & (found["subject"] == DIC)]
    assert len(s) == 1
    row = s.iloc[0]
    assert row["source_ids"] == "000_2e49e2097305be64;004_be17b0d01f873df6"
    assert "Deputy Director Tran Ngoc Thach" in row["detail"] and "Director Nguyen Quang Thanh" in row["detail"]
    assert "Wakil Direktur Dinas" in row["evidence"] and "ผู้อำนวยการกรม" in row["evidence"]


def test_two_consuls_general_for_one_office(found):
    o = found[found["kind"] == "office_holder"]
    assert len(o) == 1
    assert o.iloc[0]["subject"] == f"Consul General, {KR_CONSULATE}"
    assert "Kang Boosung" in o.iloc[0]["detail"] and "Ahn Min-sik" in o.iloc[0]["detail"]
    assert o.iloc[0]["source_ids"] == "000_2e49e2097305be64;003_b67ceaaa301cbf37"


def test_credited_figures(found):
    c = found[found["kind"] == "credited_figures"].set_index("subject")
    assert "36,571 พันล้านดอง" in c.loc["Nguyen Quang Thanh", "detail"]
    assert "147.8 ล้านเหรียญสหรัฐ" in c.loc["Nguyen Quang Thanh", "detail"]
    assert "53.000" in c.loc["Tran Ngoc Thach", "detail"]        # next sentence, same paragraph
    assert "US$76,1 miliar" in c.loc["Kang Boosung", "detail"]
    assert "Ho Quang Buu" not in c.index                          # quoted, but gives no figure


def test_speakers(articles, attributions, mentions):
    s = speakers(mentions, articles, attributions)
    assert len(s) == len(mentions) and list(s.index) == list(mentions.index)
    th = s[(s["source_id"] == "004_be17b0d01f873df6") & (s["value"] == 36571e9)]
    # the headline sentences credit nobody; the third paragraph credits the Director
    assert list(th["speaker"].fillna("-")) == ["-", "-", "Nguyen Quang Thanh"]
    assert th["speaker_title"].iloc[2] == "Director"
    first = s[s["source_id"] == "000_2e49e2097305be64"].sort_values("start").iloc[0]
    assert first["speaker"] == "perwakilan pimpinan kota Da Nang" and pd.isna(first["speaker_title"])
    people = s[(s["source_id"] == "000_2e49e2097305be64") & (s["value"] == 53000)]
    assert people["speaker"].tolist() == ["Tran Ngoc Thach"]


def test_same_figure_credited_to_different_people():
    m = pd.DataFrame({
        "source_id": ["a", "b", "c"], "value": [36571e9, 36571e9, 36571e9], "unit": ["VND"] * 3,
        "period": [2023, 2023, 2023], "raw": ["x"] * 3, "sentence": ["s1", "s2", "s3"],
        "speaker": ["Tran Ngoc Thach", "Nguyen Quang Thanh", None],
        "speaker_title": ["Deputy Director", "Director", None],
    })
    f = findings(pd.DataFrame(), m)
    split = f[f["kind"] == "title_split"]
    assert len(split) == 1 and split.iloc[0]["source_ids"] == "a;b"
    assert "Deputy Director" in split.iloc[0]["detail"]
    f2 = findings(pd.DataFrame(), m.assign(fact_id=["F1", "F2", "F1"]))   # fact ids win over values
    assert (f2["kind"] == "title_split").sum() == 0


# -- bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   \n", "Wakil Direktur.", "Komentar (0)"])
def test_nothing_to_attribute(text):
    assert extract_attributions(_article(text)).empty


def test_empty_tables():
    assert extract_attributions(pd.DataFrame(columns=["source_id", "lang", "text"])).empty
    assert findings(pd.DataFrame(), pd.DataFrame()).empty


def test_unknown_name_in_unexpected_script_is_kept_unresolved():
    text = "Menurut Bapak สมชาย ใจดี, Wakil Direktur Dinas Informasi dan Komunikasi Kota Da Nang, kota ini tumbuh."
    r = extract_attributions(_article(text))
    assert len(r) == 1
    row = r.iloc[0]
    assert row["person"] == row["person_surface"] == "สมชาย ใจดี" and not row["resolved"]
    assert (row["title"], row["organisation"], row["org_level"], row["rendered_level"]) == (
        "Deputy Director", DIC, "municipal", "local")


def test_known_name_in_another_script_resolves():
    text = "Bapak เหงียน กวาง ถั่น, Direktur Dinas Informasi dan Komunikasi Kota Da Nang, mengatakan bahwa."
    r = extract_attributions(_article(text))
    assert r["person"].tolist() == ["Nguyen Quang Thanh"] and r["resolved"].all()


def test_unregistered_vietnamese_name_is_not_rewritten():
    text = "Theo ông Nguyễn Văn Nam, Phó Giám đốc Sở Khoa học và Công nghệ tỉnh Quảng Nam, năm nay tăng."
    row = extract_attributions(_article(text, "vi")).iloc[0]
    assert row["person"] == "Nguyễn Văn Nam" and not row["resolved"]
    assert (row["title"], row["org_type"], row["org_level"], row["rendered_level"]) == (
        "Deputy Director", "department", "provincial", "local")


def test_title_without_a_name():
    r = extract_attributions(_article(
        "Direktur Dinas Informasi dan Komunikasi Kota Da Nang mengatakan bahwa pendapatan naik."))
    assert len(r) == 1 and pd.isna(r.iloc[0]["person"]) and not r.iloc[0]["resolved"]
    assert r.iloc[0]["title"] == "Director"


def test_thai_words_that_start_like_honorifics_are_not_names():
    # คุณภาพ = quality, นายกรัฐมนตรี = prime minister (a title, not นาย + name)
    assert extract_attributions(_article("ยกระดับ “คุณภาพ” ชีวิต และนายกรัฐมนตรีเดินทางมา", "th")).empty


def test_language_without_vocabulary():
    assert extract_attributions(_article("ダナン市の情報通信局長は述べた。", "ja")).empty


# -- data is data ------------------------------------------------------------------------------------
@pytest.fixture
def data_copy(tmp_path, root):
    shutil.copytree(root / "vnict_analysis" / "data" / "lexicons", tmp_path / "lexicons")
    shutil.copy(root / "vnict_analysis" / "data" / "entities.yaml", tmp_path / "entities.yaml")
    return tmp_path


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_title_added_in_yaml_is_picked_up(data_copy):
    art = _article("Bapak Budi Santoso, Juru Bicara Kementerian Komunikasi dan Informatika, mengatakan hal itu.")
    assert extract_attributions(art).empty                 # the shipped vocabulary has no such title
    _edit(data_copy / "lexicons" / "id.yaml", lambda d: d["attribution"]["titles"].update({"Juru Bicara": "Spokesperson"}))
    row = extract_attributions(art, resources=data_copy).iloc[0]
    assert (row["person"], row["resolved"], row["title"], row["org_type"], row["org_level"], row["rendered_level"]) == (
        "Budi Santoso", False, "Spokesperson", "ministry", "national", "national")
    _edit(data_copy / "entities.yaml", lambda d: d["people"].append({"name": "Budi Santoso", "aliases": []}))
    assert extract_attributions(art, resources=data_copy)["resolved"].all()


def test_levels_come_from_rules_without_registered_bodies(articles, expected, data_copy):
    _edit(data_copy / "entities.yaml", lambda d: d.update(people=[], organisations=[]))
    first = _first(extract_attributions(articles, resources=data_copy))
    assert not first["resolved"].any() and (first["person"] == first["person_surface"]).all()
    got = first.set_index(["source_id", "person_surface"])
    for e in expected:
        if e["organisation_surface"] == "Qualcomm":
            continue  # a bare company name says nothing about its type: only the registry does
        row = got.loc[(e["source_id"], e["person_surface"])]
        assert (row["org_type"], row["org_level"], row["rendered_level"] if pd.notna(row["rendered_level"]) else None) == (
            e["org_type"], e["org_level"], e["rendered_level"]), e["person"]


def test_registry_rejects_unknown_keys(data_copy):
    _edit(data_copy / "entities.yaml", lambda d: d.update(titles=[]))
    with pytest.raises(ValueError, match="unknown key"):
        load_registry(data_copy)


def test_cli_writes_both_tables(tmp_path, root):
    r = subprocess.run([sys.executable, "-m", "vnict_analysis", "attributions", str(root / "data/raw"),
                        "--output", str(tmp_path / "a.csv"), "--findings", str(tmp_path / "f.csv")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    a = pd.read_csv(tmp_path / "a.csv")
    assert a.loc[a["role_from"] == "apposition", "person"].nunique() == 11
    assert {"rendered_level", "title_split", "office_holder", "credited_figures"} <= set(pd.read_csv(tmp_path / "f.csv")["kind"])
