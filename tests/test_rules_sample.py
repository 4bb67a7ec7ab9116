"""The checker on the real sample report: what it must find, that the suggested fixes leave no
errors, and that the hand-corrected clean version raises no errors and very few warnings."""

import copy
from pathlib import Path

import pytest

from sqeditor.exchange.json_format import read_json
from sqeditor.model import Report
from sqeditor.rules import Checker, Finding
from sqeditor.rules.fixing import plan_fixes

CLEAN_SAMPLE = Path(__file__).parent / "data" / "clean-sample.json"


@pytest.fixture(scope="module")
def sample() -> Report:
    from sqeditor.exchange.builtin_reports import builtin_sample
    return builtin_sample()


@pytest.fixture(scope="module")
def findings(sample: Report) -> list[Finding]:
    return Checker.for_report(sample).check_report(sample)


def _context(report: Report, finding: Finding, width: int = 6) -> str:
    node = report.node_index()[finding.node_id]
    text = node.result[finding.paragraph].text if finding.field == "result" else node.title
    return text[max(0, finding.start - width):finding.end + width]


def _found(findings, rule, text=None):
    return [f for f in findings if f.rule == rule and (text is None or f.text == text)]


def test_words_on_the_sample(findings):
    assert _found(findings, "R12", "提昇")
    assert {f.text for f in findings if f.rule in ("R13", "C1")} >= {"台北", "台中", "全台", "在台"}


def test_half_width_commas_and_parentheses_beside_chinese(sample, findings):
    """Each half-width mark is flagged on its own, or with the others of its paragraph in one
    finding whose fix makes them all full-width (pasted text)."""
    r1 = [f for f in findings if f.rule == "R1"]
    single = [f for f in r1 if f.text.strip() in {"(", ")", ","}]
    grouped = [f for f in r1 if f not in single]
    marks = sum(t.count("(") * 2 for t in _texts(sample))
    marks += sum(t.count(", ") - t.count(", 896") - t.count(", 109") - t.count(", 205")
                 for t in _texts(sample))
    in_groups = sum(f.text.count("(") + f.text.count(")") + f.text.count(",") for f in grouped)
    assert len(single) + in_groups == marks >= 20
    assert grouped and all("(" not in f.suggestions[0] and "," not in f.suggestions[0] for f in grouped)
    assert all(f.safe and "一次全部改為全形" in f.message for f in grouped)


def _texts(report: Report) -> list[str]:
    return [t for n in report.walk() for t in [n.title, *(p.text for p in n.result)]]


def test_spaces_after_thousands_commas(sample, findings):
    contexts = [_context(sample, f, 3) for f in _found(findings, "R7", ", ")]
    assert any("2, 896" in c for c in contexts)
    assert any("239, 109" in c for c in contexts)
    assert any("35, 205" in c for c in contexts)
    assert all(f.severity == "error" for f in _found(findings, "R7", ", "))


def test_stray_spaces(sample, findings):
    title = [f for f in _found(findings, "R9", " ") if f.field == "title"]
    assert [_context(sample, f) for f in title] == ["提高網站使用 便利性"]
    assert any(_context(sample, f, 1) == "0 年" for f in _found(findings, "R9"))


def test_list_item_without_its_period(sample, findings):
    found = [f for f in _found(findings, "R16") if f.text == "3 "]
    assert len(found) == 1 and found[0].severity == "error" and found[0].on_marker
    assert sample.node_index()[found[0].node_id].result[found[0].paragraph].text.startswith("定期辦理")


def test_the_one_numbered_section_among_unnumbered_ones(sample, findings):
    """Only the section that carries the typed number is flagged; the others are right."""
    found = _found(findings, "C4")
    assert [(f.text, f.suggestions) for f in found] == [("二、", ("",))]


def test_result_pasted_under_two_criteria(findings):
    assert len(_found(findings, "C3")) == 2


def test_platform_spelled_two_ways(findings):
    found = _found(findings, "C1", "平台")
    assert len(found) == 8 and all(f.suggestions == ("平臺",) for f in found)
    assert "「平臺」3 處" in found[0].message


def test_hyphen_between_chinese_words(sample, findings):
    assert {_context(sample, f, 2) for f in _found(findings, "R3", "-")} == {"學習-疫情", "動會-借力"}


def test_the_one_list_item_without_its_closing_period(findings):
    assert [(f.text, f.suggestions) for f in _found(findings, "L1")] == [("護", ("護。",))]


def test_no_simplified_characters_in_the_sample(findings):
    assert _found(findings, "R15") == []


def test_after_the_suggested_fixes_no_errors_remain(sample):
    checker = Checker.for_report(sample)
    fixed = copy.deepcopy(sample)
    for (node_id, field), value in plan_fixes(sample, checker).items():
        setattr(fixed.node_index()[node_id], field, value)
    after = checker.check_report(fixed)
    assert [f for f in after if f.severity == "error"] == []
    assert {f.rule for f in after} <= {"C3", "R3"}  # pasted row, and the dash (a human choice)
    texts = _texts(fixed)
    assert "本局2樓會議室廊道" in " ".join(texts) and "2,896家廠商" in " ".join(texts)
    assert "服務遞送" in texts and "二、服務遞送" not in texts


def test_clean_version_has_no_errors_and_very_few_warnings():
    clean = read_json(CLEAN_SAMPLE)
    found = Checker.for_report(clean).check_report(clean)
    assert [f for f in found if f.severity == "error"] == []
    assert len([f for f in found if f.severity == "warning"]) <= 3
    assert sum(1 for _ in clean.rows()) > 40
