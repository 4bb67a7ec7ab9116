"""Every local rule of rules.md with its bad example (found, with the right fix) and its good
examples (no finding at all), plus false alarms that must not happen."""

import pytest

from sqeditor.model import Report
from sqeditor.rules import Checker, Severity, apply_suggestion


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.for_report(Report())


BAD = [
    # (rule, text, flagged text, first suggestion)
    ("R1", "計12項,並提升", ",", "，"),
    ("R1", "機關(單位)", "(", "（"),
    ("R1", "機關(單位)", ")", "）"),
    ("R1", "服務窗口」, 提供諮詢", ", ", "，"),
    ("R1", "辦理情形如下:", ":", "："),
    ("R1", "定期進行維護.", ".", "。"),
    ("R2", "稱為“智慧園區”", "“", "「"),
    ("R2", '稱為"智慧園區"', '"', "「"),
    ("R3", "仍待辦理…", "…", "……"),
    ("R3", "仍待辦理...", "...", "……"),
    ("R3", "每年9~12月辦理", "~", "至"),
    ("R3", "9月-12月辦理", "-", "至"),
    ("R3", "運動會-借力使力", "-", "——"),
    ("R6", "計十二項", "十二", "12"),
    ("R6", "服務第1線人員", "第1線", "第一線"),
    ("R7", "累計通過2, 896家廠商", ", ", ","),
    ("R7", "提供諮詢服務13510件", "13510", "13,510"),
    ("R8", "滿意度９２.３％", "９２.３％", "92.3%"),
    ("R9", "110 年受理", " ", ""),
    ("R9", "提高網站使用 便利性", " ", ""),
    ("R9", "連結本局 YouTube影音", " ", ""),
    ("R10", "於2021/12/10完成", "2021/12/10", "110年12月10日"),
    ("R11", "依規定公佈", "公佈", "公布"),
    ("R11", "部份案件", "部份", "部分"),
    ("R11", "確認身份", "身份", "身分"),
    ("R11", "佔總數一半", "佔", "占"),
    ("R11", "查核帳冊與賬目", "賬", "帳"),
    ("R11", "依法征收", "征收", "徵收"),
    ("R11", "于本局辦理", "于", "於"),
    ("R11", "審查并核定", "并", "並"),
    ("R11", "兩案合并辦理", "合并", "合併"),
    ("R11", "厘清權責", "厘清", "釐清"),
    ("R11", "追踪辦理", "踪", "蹤"),
    ("R11", "無障碍設施", "碍", "礙"),
    ("R11", "粘貼標籤", "粘貼", "黏貼"),
    ("R11", "本計劃", "計劃", "計畫"),
    ("R12", "以提昇效率", "提昇", "提升"),
    ("R12", "氣溫上昇", "上昇", "上升"),
    ("R12", "扮演橋樑", "橋樑", "橋梁"),
    ("R13", "設於台北", "台北", "臺北"),
    ("R13", "鼓勵全台縣市", "全台", "全臺"),
    ("R13", "跨平台服務", "平台", "平臺"),
    ("R14", "請週知所屬", "週知", "周知"),
    ("R15", "与民众沟通", "与", "與"),
    ("R15", "线上服务", "线", "線"),
    ("P1", "辦理完成。。", "。。", "。"),
    ("P1", "飲水機、，座椅", "、，", "，"),
    ("P1", "等設備、。", "、。", "。"),
    ("W1", "本局的的服務", "的的", "的"),
    ("W1", "本局本局辦理", "本局本局", "本局"),
    ("W4", "服務中ㄨㄣ", "ㄨㄣ", ""),
    ("W4", "提升ㄈㄨˊ務品質", "ㄈㄨˊ", ""),
    ("W4", "ㄊㄞˊ北市", "ㄊㄞˊ", ""),
]


@pytest.mark.parametrize(("rule", "text", "flagged", "fix"), BAD)
def test_bad_example_is_found_with_its_fix(checker, rule, text, flagged, fix):
    found = [f for f in checker.check_text(text) if f.rule == rule and f.text == flagged]
    assert found, [(f.rule, f.text) for f in checker.check_text(text)]
    assert found[0].suggestions[0] == fix
    assert found[0].message and found[0].category


GOOD = {
    "R1": ["計12項，並提升", "機關（單位）", "滿意度達98.5%，圓周率3.14",
           "The Open Data policy (2021): free, open, reusable."],
    "R2": ["稱為「智慧園區」，內含『園區』二字", 'He said "hello" in English.'],
    "R3": ["仍待辦理……", "每年9至12月辦理", "運動會——借力使力", "專線0800-000-123", "COVID-19疫情"],
    "R4": ["提升服務品質"],
    "R6": ["第一線人員一站到底", "計12項", "設置三階段尋地流程"],
    "R7": ["提供諮詢服務13,510件", "院臺秘字第0930089122號", "ISO 27001驗證", "110年",
           "平均每案1,723萬元", "電話：0223456789", "補助金額23.79億元"],
    "R8": ["滿意度92.3%"],
    "R9": ["110年受理", "提高網站使用便利性", "Open Data policy", "連結本局YouTube影音"],
    "R10": ["於110年12月10日完成"],
    "R11": ["依規定公布", "股份有限公司", "110年10月份", "合併辦理", "於本局辦理", "並核定",
            "占總數一半", "本計畫"],
    "R12": ["以提升效率"],
    "R13": ["設於臺北", "台灣電力公司", "台積電", "跨平臺服務", "台端"],
    "R14": ["請周知所屬", "每週一辦理"],
    "R15": ["與民眾溝通", "線上服務，公布項目及台灣與於"],
    "P1": ["辦理完成。", "仍待辦理……"],
    "W1": ["謝謝", "常常", "逐一檢視"],
    "W4": ["服務中文", "注音符號教學", "平上去入"],
}


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, ts in GOOD.items() for t in ts])
def test_good_example_has_no_finding_of_its_rule(checker, rule, text):
    assert not [f for f in checker.check_text(text) if f.rule == rule]


CLEAN = [t for r, ts in GOOD.items() for t in ts if r not in ("R13",) and "台" not in t]


@pytest.mark.parametrize("text", CLEAN)
def test_good_examples_have_no_finding_at_all(checker, text):
    assert checker.check_text(text) == []


def test_heading_rule_only_on_titles(checker):
    title = checker.check_text("提升服務品質。", field="title")
    assert [(f.rule, f.text, f.suggestions[0]) for f in title] == [("R4", "。", "")]
    assert not [f for f in checker.check_text("提升服務品質。") if f.rule == "R4"]


def test_numbers_english_and_documents_are_not_flagged(checker):
    text = ("滿意度達98.5%，回收率達90%以上，補助金額23.79億元，平均每案1,723萬元；"
            "依院臺秘字第0930089122號函辦理，網址https://www.moea.gov.tw/Mns/populace/home.aspx，"
            "信箱service@moeaidb.gov.tw；通過ISO 27001與CNS 15282驗證，110年12月10日起實施。")
    assert checker.check_text(text) == []


def test_english_passage_keeps_its_punctuation(checker):
    assert checker.check_text("Industrial Development Bureau, Ministry of Economic Affairs (MOEA).") == []


def test_severities_follow_rules_md(checker):
    def severity(text, rule):
        return next(f.severity for f in checker.check_text(text) if f.rule == rule)
    assert severity("提高網站使用 便利性", "R9") is Severity.ERROR
    assert severity("110 年", "R9") is Severity.WARNING
    assert severity("設於台北", "R13") is Severity.WARNING
    assert severity("与民众", "R15") is Severity.ERROR
    assert severity("辦理完成。。", "P1") is Severity.ERROR


def test_registered_name_in_allow_list_is_not_flagged(checker):
    assert [f.text for f in checker.check_text("台灣電力公司與台北市政府") if f.rule == "R13"] == ["台北"]


def test_simplified_detection_never_rewrites_traditional_text(checker):
    text = "公布項目與優化裡面"  # OpenCC s2t/s2twp would damage these (公佈, 專案, 最佳化, 裡麵)
    assert checker.check_text(text) == []


def test_offsets_count_code_points_beyond_the_bmp(checker):
    text = "𠀋姓同仁于本局服務"
    finding = next(f for f in checker.check_text(text) if f.rule == "R11")
    assert text[finding.start:finding.end] == "于"
    assert apply_suggestion(text, finding, "於") == "𠀋姓同仁於本局服務"


def test_finding_carries_place_and_is_frozen(checker):
    finding = checker.check_text("以提昇效率", node_id="n1", field="standard", paragraph=0)[0]
    assert (finding.node_id, finding.field, finding.start, finding.end) == ("n1", "standard", 1, 3)
    with pytest.raises(AttributeError):
        finding.start = 0  # type: ignore[misc]


def test_number_typed_into_a_numbered_paragraph(checker):
    found = [f for f in checker.check_text("1. 本局辦理", level=1) if f.rule == "R16"]
    assert found and found[0].text == "1. " and found[0].suggestions == ("",)
    assert not [f for f in checker.check_text("1. 本局辦理", level=0) if f.rule == "R16"]


OFFICIAL_TEXT = [
    "依據行政院111年3月15日院臺經字第1110001234號函辦理。",
    "本案經費新臺幣1,500萬元，執行率98.5%，較去年提升2.3個百分點。",
    "請於每週一上午9時至12時辦理，時間為9:00至17:00，比例為3:1。",
    "A4紙張、COVID-19、5G、AI、ESG及Wi-Fi服務。",
    "《公文程式條例》第7條規定，「Taiwan Can Help」活動。",
    "新臺幣3億5,000萬元，計12項，其中10項已完成。",
    "一、二級機關於110至111年度辦理第二次修正。",
    "每年約12萬人次，參與人數達1萬2千人，共計二十餘家。",
    "辦理情形如下：（1）完成盤點；（2）完成公告。",
    "本局於民國110年12月10日（星期五）舉行記者會。",
    "統一編號：12345678，郵遞區號10015。",
    "I.D.B.與MOEA合作，詳見附件1、2。",
]


@pytest.mark.parametrize("text", OFFICIAL_TEXT)
def test_correct_official_text_raises_nothing(checker, text):
    assert checker.check_text(text) == []
