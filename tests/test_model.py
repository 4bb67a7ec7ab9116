"""Model: list numbering computed from levels, literal markers parsed, ROC dates."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqeditor.model import Paragraph, ReportMeta, format_roc_date, parse_paragraphs, parse_roc_date
from sqeditor.model.numbering import (
    chinese_numeral,
    list_markers,
    render_paragraphs,
    section_label,
    strip_section_number,
)


def test_markers_are_computed_from_levels():
    paras = [Paragraph("a", 1), Paragraph("b", 2), Paragraph("c", 2), Paragraph("d", 3),
             Paragraph("e", 1), Paragraph("f", 2), Paragraph("plain"), Paragraph("g", 1)]
    assert list_markers(paras) == ["1.", "(1)", "(2)", "甲、", "2.", "(1)", "", "1."]


@pytest.mark.parametrize(("line", "level", "text"), [
    ("1. 本局", 1, "本局"),
    ("1、本局", 1, "本局"),
    ("1．本局", 1, "本局"),
    ("(1) 本局", 2, "本局"),
    ("（1）本局", 2, "本局"),
    ("甲、本局", 3, "本局"),
    ("本局 1 樓", 0, "本局 1 樓"),
    ("1.5 倍成長", 0, "1.5 倍成長"),
])
def test_literal_markers_become_levels(line, level, text):
    [para] = parse_paragraphs([line])
    assert (para.level, para.text) == (level, text)


def test_bare_number_is_a_marker_only_where_the_list_expects_it():
    paras = parse_paragraphs(["1. 甲", "2. 乙", "3 定期辦理", "4. 丁"])
    assert [p.level for p in paras] == [1, 1, 1, 1]
    assert paras[2].text == "定期辦理" and paras[2].literal == "3 "
    assert parse_paragraphs(["110 年受理 129 件"])[0].level == 0
    assert parse_paragraphs(["1. 甲", "110 年受理"])[1].level == 0


def test_literal_kept_only_where_it_differs_from_the_computed_marker():
    paras = parse_paragraphs(["1. a", "2. b", "2. c", "(1)d"])
    assert [p.literal for p in paras] == ["", "", "2. ", "(1)"]
    assert render_paragraphs(paras) == ["1. a", "2. b", "2. c", "(1)d"]


def test_reference_result_lines_render_back_exactly(sample_report):
    import json

    from tests.conftest import REFERENCE_JSON
    data = json.loads(REFERENCE_JSON.read_text(encoding="utf-8"))
    lines = [row["result"] for s in data["sections"] for i in s["items"]
             for n in i["indicators"] for row in n["rows"]]
    assert [render_paragraphs(r.result) for r in sample_report.rows()] == lines


@given(st.lists(st.tuples(st.integers(0, 3), st.text(
    alphabet=st.sampled_from("本局辦理服務品質提升abc 。，"), min_size=1, max_size=12)), max_size=12))
def test_rendered_paragraphs_parse_back_to_the_same_levels(items):
    paras = [Paragraph(text.strip() or "文", level) for level, text in items]
    again = parse_paragraphs(render_paragraphs(paras))
    assert [(p.level, p.text) for p in again] == [(p.level, p.text) for p in paras]


def test_section_labels_replace_literal_numbers():
    assert section_label(0, "基礎服務") == "一、基礎服務"
    assert section_label(1, "二、服務遞送") == "二、服務遞送"
    assert section_label(10, "其他") == "十一、其他"
    assert strip_section_number("三、服務量能") == "服務量能"
    assert [chinese_numeral(n) for n in (1, 10, 12, 20, 35)] == ["一", "十", "十二", "二十", "三十五"]


def test_roc_dates():
    assert parse_roc_date("110-12-10") == date(2021, 12, 10)
    assert parse_roc_date("110 年 12 月 10 日") == date(2021, 12, 10)
    assert parse_roc_date("110/1/5") == date(2021, 1, 5)
    assert format_roc_date(date(2021, 12, 10)) == "110年12月10日"
    with pytest.raises(ValueError):
        parse_roc_date("2021-12-10x")


def test_title_is_derived_unless_overridden():
    meta = ReportMeta(ministry="經濟部", agency="經濟部工業局", roc_year=110)
    assert meta.title == "經濟部110年度全年提升服務品質自行評核項目及結果說明"
    meta.title_override = "自訂標題"
    assert meta.title == "自訂標題"


def test_paragraph_level_bounds():
    with pytest.raises(ValueError):
        Paragraph("x", 4)
