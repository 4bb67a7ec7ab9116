"""Structure rules over a result's paragraphs, report-wide consistency rules, and the report's
own settings (dictionary, disabled rules, ignored findings)."""

import pytest

from sqeditor.model import Node, NodeKind, Paragraph, Report
from sqeditor.rules import Checker, apply_to_node, apply_to_paragraphs


def _report(results: list[list[Paragraph]], sections: list[str] | None = None) -> Report:
    """A small report: one row per result under one item and indicator per section."""
    titles = sections or ["基礎服務"]
    report = Report()
    rows = iter(results)
    for title in titles:
        row = Node(NodeKind.STANDARD, "訂定申辦業務標準作業流程。", result=next(rows, []))
        indicator = Node(NodeKind.INDICATOR, "提升服務及時性", children=[row])
        report.sections.append(Node(NodeKind.SECTION, title, children=[
            Node(NodeKind.ITEM, "服務一致及正確性", children=[indicator])]))
    for extra in rows:
        report.sections[-1].children[0].children[0].children.append(
            Node(NodeKind.STANDARD, "確保服務品質。", result=extra))
    return report


def _rules(report: Report, checker: Checker | None = None) -> list[tuple[str, str]]:
    checker = checker or Checker.for_report(report)
    return [(f.rule, f.text) for f in checker.check_report(report)]


def test_bare_list_number_is_an_error_and_fix_clears_it():
    result = [Paragraph("本局辦理。", 1), Paragraph("定期檢討。", 1), Paragraph("定期辦理。", 1, "3 ")]
    report = _report([result])
    row = next(report.rows())
    finding = next(f for f in Checker.for_report(report).check_node(row) if f.rule == "R16")
    assert finding.on_marker and finding.paragraph == 2 and finding.text == "3 "
    assert finding.severity == "error" and finding.suggestions == ("3. ",)
    fixed = apply_to_paragraphs(row.result, finding, finding.suggestions[0])
    assert fixed[2] == Paragraph("定期辦理。", 1, "")
    assert apply_to_node(row, finding, "3. ") == ("result", fixed)


def test_good_numbering_has_no_finding():
    result = [Paragraph("說明如下：", 0), Paragraph("本局辦理。", 1), Paragraph("細項。", 2),
              Paragraph("細項。", 2, "(2)"), Paragraph("再一項。", 1)]
    assert _rules(_report([result])) == []


@pytest.mark.parametrize(("paragraphs", "message_part"), [
    ([Paragraph("一。", 1), Paragraph("二。", 1, "3. ")], "不連續"),
    ([Paragraph("一。", 1), Paragraph("二。", 1, "2、")], "標點"),
    ([Paragraph("一。", 0), Paragraph("二。", 2)], "跳層"),
])
def test_skipped_number_style_and_level(paragraphs, message_part):
    findings = [f for f in Checker.for_report(Report()).check_node(
        Node(NodeKind.STANDARD, "", result=paragraphs)) if f.rule == "R16"]
    assert len(findings) == 1 and message_part in findings[0].message


def test_list_item_without_its_period_among_items_with_one():
    result = [Paragraph("設備保養維護", 1), Paragraph("更新燈具。", 1), Paragraph("汰換桌椅。", 1)]
    report = _report([result])
    finding = next(f for f in Checker.for_report(report).check_report(report) if f.rule == "L1")
    assert (finding.paragraph, finding.text, finding.suggestions) == (0, "護", ("護。",))


def test_list_endings_alike_have_no_finding():
    titles_only = [Paragraph("產業人才需求登錄系統", 1), Paragraph("循環產業化輔導加速器", 1)]
    sentences = [Paragraph("更新燈具。", 1), Paragraph("說明如下：", 1), Paragraph("細項", 2),
                 Paragraph("汰換桌椅。", 1)]
    assert _rules(_report([titles_only, sentences])) == []


def test_minority_spelling_flagged_with_majority_or_standard_form():
    report = _report([[Paragraph("本局瞭解需求。"), Paragraph("本局瞭解民意。")],
                      [Paragraph("本局了解需求。")]])
    found = [f for f in Checker.for_report(report).check_report(report) if f.rule == "C1"]
    assert [(f.text, f.suggestions) for f in found] == [("了解", ("瞭解",))]
    assert "2 處" in found[0].message
    standard = _report([[Paragraph("輔導平台。"), Paragraph("創新平台。")], [Paragraph("跨平臺。")]])
    found = [f for f in Checker.for_report(standard).check_report(standard) if f.text == "平台"]
    assert {f.rule for f in found} == {"C1"} and all(f.suggestions == ("平臺",) for f in found)


def test_latin_case_consistency_but_not_sentence_case():
    report = _report([[Paragraph("連結本局YouTube頻道與youtube影片。")],
                      [Paragraph("Data and data are the same word.")]])
    assert [(r, t) for r, t in _rules(report) if r == "C1"] == [("C1", "youtube")]


def test_identical_result_under_two_criteria_is_a_warning_on_both():
    text = "本局工證案件需檢附之附件，採網路介接方式向各該主管機關取得所需資訊。"
    report = _report([[Paragraph(text)], [Paragraph("其他內容不同的說明文字。")], [Paragraph(text)]])
    found = [f for f in Checker.for_report(report).check_report(report) if f.rule == "C3"]
    assert len(found) == 2 and {f.severity for f in found} == {"warning"}
    assert len({f.node_id for f in found}) == 2


def test_section_numbering_used_for_some_sections_only():
    report = _report([[], [], []], sections=["基礎服務", "二、服務遞送", "服務量能"])
    found = [f for f in Checker.for_report(report).check_report(report) if f.rule == "C4"]
    # only the section carrying the typed number is flagged: the others are right as they are
    assert [(f.node_id, f.text, f.suggestions) for f in found] == [(report.sections[1].id, "二、", ("",))]
    assert "二、" in found[0].message and found[0].severity == "error"
    assert _rules(_report([[], []], sections=["基礎服務", "服務遞送"])) == []
    assert _rules(_report([[], []], sections=["一、基礎服務", "二、服務遞送"])) == []


def test_half_width_parentheses_in_latin_context_when_report_uses_full_width():
    text = "本局（含所屬單位）本年度持續推動品質管理，通過ISO 9001 (2015) version驗證，持續精進服務。"
    report = _report([[Paragraph(text)]])
    found = [f for f in Checker.for_report(report).check_report(report) if f.rule == "C2"]
    assert [f.text for f in found] == ["(", ")"]
    alone = _report([[Paragraph(text.replace("（含所屬單位）", ""))]])
    assert [r for r, _ in _rules(alone) if r == "C2"] == []


def test_dictionary_disabled_rules_and_ignored_findings():
    text = "產業升級創新平台輔導計畫設於台北"
    report = _report([[Paragraph(text)]])
    row = next(report.rows())
    assert ("R13", "平台") in _rules(report)
    report.dictionary.add("產業升級創新平台輔導計畫")
    assert _rules(report) == [("R13", "台北")]
    ignored = Checker.for_report(report, ignored=[("R13", row.id, "台北")])
    assert _rules(report, ignored) == []
    report.disabled_rules.add("R13")
    assert _rules(report) == []


def test_check_node_with_report_includes_report_wide_findings():
    report = _report([[], []], sections=["基礎服務", "二、服務遞送"])
    section = report.sections[1]
    checker = Checker.for_report(report)
    assert checker.check_node(section) == []
    assert [f.rule for f in checker.check_node(section, report)] == ["C4"]


def test_apply_to_all_in_the_report():
    from sqeditor.rules.fixing import apply_findings
    report = _report([[Paragraph("設於台北，台北市。")], [Paragraph("位於台北。")]])
    found = [f for f in Checker.for_report(report).check_report(report) if f.text == "台北"]
    values = apply_findings(report, found)
    assert sorted(p[0].text for p in values.values()) == ["位於臺北。", "設於臺北，臺北市。"]
    assert all(field == "result" for _, field in values)
    assert next(report.rows()).result[0].text == "設於台北，台北市。"  # the report is untouched
