"""Names across scripts: readings, skeletons, resolution to one key, and names read against their
title in Japanese, Korean and Chinese. Expected values written from how each script renders a
Vietnamese or Korean name (standard renderings, not the code's output)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from vnict_analysis.people.attribution import extract_attributions
from vnict_analysis.people.names import latin_reading, plain, resolve_people, script_of, skeleton

RENDERINGS = {  # one person, as Vietnamese state media's editions write the name
    "Nguyen Manh Hung": ["Nguyễn Mạnh Hùng", "응우옌 마잉 훙", "グエン・マイン・フン", "Нгуен Мань Хунг", "阮孟雄"],
    "Pham Minh Chinh": ["Phạm Minh Chính", "팜민찐", "ファム・ミン・チン", "范明政"],
    "Tran Hong Ha": ["Trần Hồng Hà", "チャン・ホン・ハー", "Чан Хонг Ха", "陈红河"],
}


@pytest.mark.parametrize("surface, script", [("Nguyễn Mạnh Hùng", "Latin"), ("응우옌 마잉 훙", "Hangul"),
                                             ("グエン・マイン・フン", "Kana"), ("阮孟雄", "Han"),
                                             ("Нгуен Мань Хунг", "Cyrillic"), ("เหงียน มันห์ หุ่ง", "Thai")])
def test_script_of_a_name(surface, script):
    assert script_of(surface) == script


def test_han_names_read_in_sino_vietnamese():
    assert plain(latin_reading("范明政")[0]) == "pham minh chinh"
    assert plain(latin_reading("阮孟雄")[0]) == "nguyen manh hung"


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_every_rendering_of_one_name_has_a_close_skeleton(name):
    from difflib import SequenceMatcher

    target = skeleton(name)
    for surface in RENDERINGS[name]:
        got = skeleton(latin_reading(surface)[0])
        assert SequenceMatcher(None, got, target).ratio() >= 0.8, (surface, got, target)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_readings_and_skeletons_never_fail(text):
    form, how = latin_reading(text)
    assert isinstance(form, str) and isinstance(how, str)
    s = skeleton(form)
    assert s == skeleton(form) and all(c.isascii() for c in s)


def _rows(*people):
    return pd.DataFrame([{"source_id": f"s{i}", "person": p, "person_surface": p, "title": t}
                         for i, (p, t) in enumerate(people)])


def test_one_person_in_four_scripts_gets_one_key():
    out = resolve_people(_rows(("Nguyen Manh Hung", "Minister"), ("응우옌 마잉 훙", "Minister"),
                               ("グエン・マイン・フン", "Minister"), ("Нгуен Мань Хунг", "Minister"), ("阮孟雄", "Minister")))
    assert out["person_key"].nunique() == 1 and set(out["person"]) <= {"Nguyen Manh Hung", "Nguyễn Mạnh Hùng"}
    assert out["person_match"].str.contains("skeleton").sum() == 3


def test_a_romanisation_close_to_two_people_is_unresolved_with_the_reason():
    out = resolve_people(_rows(("Tran Van Hai", "Director"), ("Tran Van Hoi", "Director"), ("チャン・ヴァン・ハイ", "Director")))
    row = out.iloc[2]
    assert row["person_match"].startswith("unresolved") and "as close to" in row["person_match"]
    assert row["person"] == "チャン・ヴァン・ハイ"


def test_a_name_in_an_unknown_script_or_no_match_stays_as_written():
    out = resolve_people(_rows(("Nguyen Van A", "Director"), ("ᠮᠣᠩᠭᠣᠯ", "Director"), (None, "Minister")))
    assert out.iloc[1]["person"] == "ᠮᠣᠩᠭᠣᠯ" and out.iloc[1]["person_match"].startswith("unresolved")
    assert pd.isna(out.iloc[2]["person_key"])  # a title with no name: no key, no error


@pytest.mark.parametrize("lang, text, person, title", [
    ("ja", "ホーチミン市人民委員会のドゥオン・アン・ドゥック副委員長が出席した。", "ドゥオン・アン・ドゥック", "Vice Chairman"),
    ("ja", "グエン・マイン・フン情報通信大臣が会議を主宰した。", "グエン・マイン・フン", "Minister"),
    ("ja", "以前は、副所長のグエン・フー・ティエン氏が運営した。", "グエン・フー・ティエン", "Deputy Director"),
    ("ko", "하노이에서 응우옌 마잉 훙 정보통신부 장관은 말했다.", "응우옌 마잉 훙", "Minister"),
    ("ko", "이날 세미나에서 최영삼 주베트남 한국 대사는 강조했다.", "최영삼", "Ambassador"),
    ("zh", "越南信息传媒部部长阮孟雄在活动上发表讲话。", "阮孟雄", "Minister"),
    ("zh", "越南政府副总理阮志勇出席。", "阮志勇", "Deputy Prime Minister"),
    ("ru", "В мероприятии приняли участие заместитель министра Фам Дык Лонг и другие.", "Фам Дык Лонг",
     "Deputy Minister"),
])
def test_names_against_their_title_in_scripts_without_capitals(lang, text, person, title):
    got = extract_attributions(pd.DataFrame([{"source_id": "x", "lang": lang, "text": text}]))
    row = got[got["person_surface"] == person]
    assert len(row) == 1, got[["person_surface", "title"]].to_dict("records")
    assert row.iloc[0]["title"] == title


def test_a_title_with_no_name_in_these_scripts_is_not_a_person():
    got = extract_attributions(pd.DataFrame([{"source_id": "x", "lang": "ko", "text": "해외 대표 기관의 장관 회의가 열렸다."}]))
    assert got["person_surface"].dropna().empty


@pytest.mark.parametrize("lang, text", [("vi", "Phó Thủ tướng Trần Hồng Hà phát biểu."),
                                        ("en", "Deputy Prime Minister Tran Hong Ha said."),
                                        ("id", "Wakil Perdana Menteri Tran Hong Ha mengatakan.")])
def test_a_deputy_prime_minister_is_never_read_as_the_prime_minister(lang, text):
    got = extract_attributions(pd.DataFrame([{"source_id": "x", "lang": lang, "text": text}]))
    assert got["title"].tolist() == ["Deputy Prime Minister"]
