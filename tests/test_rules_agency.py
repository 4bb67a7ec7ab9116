"""The rules for what clerks of other agencies really get wrong, on real published text
(tests/data/agency-text.txt, annotated by hand) and on the examples of each rule."""

import tomllib

import pytest

from benchmarks.agency_text import read_corpus, score, sqeditor_marks
from sqeditor.cli import main
from sqeditor.model import Node, NodeKind, Paragraph, Report
from sqeditor.resource_files import resource_path
from sqeditor.rules import Checker, apply_suggestion
from sqeditor.store import ReportStore


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.for_report(Report())


def test_real_agency_text_meets_the_targets():
    corpus = read_corpus()
    assert len(corpus) >= 100 and len({p.source for p in corpus}) >= 10
    assert all(p.source.startswith("http") for p in corpus)
    result = score(corpus, sqeditor_marks)
    assert result.covered_recall >= 0.95, result.missed
    assert result.recall >= 0.75, result.missed
    assert result.false_alarms_per_100 <= 1.0, [(p.text, m) for p, m in result.false_alarms]


@pytest.mark.parametrize(("text", "rule", "flagged", "fixed"), [
    ("自八十六年九月三十日戶政資訊電腦化全國連線後", "R6", "八十六年九月三十日", "86年9月30日"),
    ("九十一年度為民服務計畫", "R6", "九十一年度", "91年度"),
    ("由電腦列印戶口名簿五分鐘核發", "R6", "五", "5"),
    ("轄區面積一0.四三四平方公里", "R6", "一0.四三四", "10.434"),
    ("於結案後十日內送企劃科", "R6", "十", "10"),
    ("共動員一三二位工作人員", "R6", "一三二", "132"),
    ("各分局設置二至五個櫃臺", "R6", "二至五", "2至5"),
    ("建立親和性政府--視民如親", "R3", "--", "——"),
    ("建立親和性政府－－視民如親", "R3", "－－", "——"),
    ("建設計畫──新城鄉合署辦公廳舍", "R3", "──", "——"),
    ("建立親和性政府—視民如親", "R3", "—", "——"),
    ("實施『一處收件，全程服務』", "P2", "『", "「"),
    ("提供一般設施如書寫台", "R13", "書寫台", "書寫臺"),
    ("舒解戶政人員工作壓力", "W2", "舒解", "紓解"),
    ("提升本所「從心開始·用心服務」之形象", "P3", "·", "‧"),
    ("促進民眾健康、及生活品質", "P4", "、", ""),
])
def test_examples_are_flagged_with_their_fix(checker, text, rule, flagged, fixed):
    found = [f for f in checker.check_text(text) if f.rule == rule]
    assert [(f.text, f.suggestions[0]) for f in found][:1] == [(flagged, fixed)]
    assert found[0].safe


@pytest.mark.parametrize("text", [
    "推動三七五減租與十大建設", "二二八和平紀念日", "九二一地震", "第一線服務人員", "提供一條龍服務",
    "一站式服務", "五十年代", "十二年國教", "十分重要", "一個窗口", "櫃臺一元化作業", "現代五項",
    "服務臺即櫃臺——即櫃臺", "第2397次會議", "計12項", "中區、和平區", "主動、及時回應",
])
def test_set_phrases_and_right_text_are_left_alone(checker, text):
    assert [(f.rule, f.text) for f in checker.check_text(text)] == []


def test_unpaired_marks_are_flagged_without_a_guess(checker):
    for text, mark, partner in (("並填具申請書（如附件1。", "（", "）"), ("辦理「線上申辦服務。", "「", "」"),
                                ("服務對象）均可申請。", "）", "（")):
        found = [f for f in checker.check_text(text) if f.rule == "P2"]
        assert [(f.text, f.suggestions) for f in found] == [(mark, ())]
        assert f"「{partner}」" in found[0].message


def test_nested_quotes_and_quotes_beside_corner_quotes_are_right(checker):
    for text in ("稱為「智慧園區」，內含『園區』二字", "他說「我要『這個』」", "「好」、「快」"):
        assert [f for f in checker.check_text(text) if f.rule == "P2"] == []


def test_repeated_particle_is_a_hint_without_a_fix(checker):
    found = [f for f in checker.check_text("提供民眾的取得的資訊") if f.rule == "W3"]
    assert [(f.text, f.suggestions, f.severity.value) for f in found] == [("的取得的", (), "info")]


def test_pasted_paragraph_is_one_finding_fixed_in_one_step(checker):
    text = "政府服務必須與時俱進,才能貼近民眾的想法,滿足民眾的需求,並設置服務臺(含書寫臺); 提升效能。"
    found = [f for f in checker.check_text(text) if f.rule == "R1"]
    assert len(found) == 1 and "6 處半形標點" in found[0].message
    assert apply_suggestion(text, found[0], found[0].suggestions[0]) == (
        "政府服務必須與時俱進，才能貼近民眾的想法，滿足民眾的需求，並設置服務臺（含書寫臺）；提升效能。")
    two = [f for f in checker.check_text("本局辦理,並依法公告;") if f.rule == "R1"]
    assert [(f.text.strip(), f.suggestions) for f in two] == [(",", ("，",)), (";", ("；",))]


def test_a_leading_1_marker_reads_alike_in_standards_and_results():
    report = Report()
    row = Node(NodeKind.STANDARD, "(1)設置全功能櫃臺", result=[Paragraph("設置全功能櫃臺。", 2)])
    report.sections.append(Node(NodeKind.SECTION, "基礎服務", children=[Node(
        NodeKind.ITEM, "服務便捷性", children=[Node(NodeKind.INDICATOR, "提升服務便捷性", children=[row])])]))
    report.sections[0].children[0].children[0].children.append(Node(
        NodeKind.STANDARD, "簡化流程", result=[Paragraph("說明如下：", 0), Paragraph("細項。", 2)]))
    found = [(f.rule, f.field, f.text) for f in Checker.for_report(report).check_report(report)]
    assert not [f for f in found if f[1] == "standard" and f[0] in {"R1", "C2"}]
    assert [f[0] for f in found if f[0] == "R16"] == ["R16"]  # a plain paragraph, then (1): skipped


def test_look_alike_pack_names_a_source_for_every_entry(checker):
    with resource_path("rules/15-lookalike.toml").open("rb") as handle:
        pack = tomllib.load(handle)
    words = next(r for r in pack["rule"] if r["id"] == "W2")["pattern"][0]["words"]
    assert len(words) >= 30
    for wrong, right, source in words:
        assert wrong != right and source.split("：")[0] in {"辭典", "成語", "用字表", "標準字"}
        assert [(f.rule, f.text, f.suggestions) for f in checker.check_text(f"本所{wrong}了")] == [
            ("W2", wrong, (right,))]


def test_fix_command_applies_the_new_rules(tmp_path, capsys):
    report = Report()
    texts = ["自八十六年九月三十日起，建立親和性政府--視民如親。",
             "舒解人員壓力、及提升「從心開始·用心服務」形象。",
             "政府服務必須與時俱進,才能貼近民眾,滿足需求,提升效能。"]
    row = Node(NodeKind.STANDARD, "訂定申辦業務標準作業流程", result=[Paragraph(t) for t in texts])
    report.sections.append(Node(NodeKind.SECTION, "基礎服務", children=[Node(
        NodeKind.ITEM, "服務便捷性", children=[Node(NodeKind.INDICATOR, "提升服務便捷性", children=[row])])]))
    path = tmp_path / "agency.sqreport"
    ReportStore.create(path, report).close()
    assert main(["fix", str(path)]) == 0
    capsys.readouterr()
    with ReportStore.open(path) as store:
        fixed = [p.text for r in store.load().rows() for p in r.result]
    assert fixed == ["自86年9月30日起，建立親和性政府——視民如親。",
                     "紓解人員壓力及提升「從心開始‧用心服務」形象。",
                     "政府服務必須與時俱進，才能貼近民眾，滿足需求，提升效能。"]


@pytest.mark.parametrize(("items", "flagged", "fixed"), [
    (["設備保養維護", "更新燈具。"], 0, "護。"),
    (["設備保養維護，", "更新燈具。"], 0, "。"),
    (["設備保養維護。", "更新燈具、"], 1, "。"),
])
def test_two_item_lists_end_alike(checker, items, flagged, fixed):
    node = Node(NodeKind.STANDARD, "", result=[Paragraph(t, 1) for t in items])
    found = [f for f in checker.check_node(node) if f.rule == "L1"]
    assert [(f.paragraph, f.suggestions) for f in found] == [(flagged, (fixed,))]
