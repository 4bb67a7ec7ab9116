"""`sqeditor check` and `sqeditor fix` on real report files, and the team's shared settings
(dictionary, disabled rules, ignored findings) stored in the .sqreport."""

import json
import unicodedata
from pathlib import Path

from sqeditor.cli import main
from sqeditor.rules import Checker
from sqeditor.store import ReportStore
from sqeditor.store.edits import RecordEdit, SettingEdit

CLEAN_SAMPLE = Path(__file__).parent / "data" / "clean-sample.json"


def test_check_text_groups_by_criterion_and_marks_the_problem(sample_file, capsys):
    assert main(["check", str(sample_file)]) == 1
    out = capsys.readouterr().out
    block = out.split("\n\n")
    row = next(b for b in block if "提昇" in b)
    assert row.startswith("一、基礎服務 > 服務友善性 > 提升服務設施合宜度 > 定期檢查各類硬體設施")
    lines = row.splitlines()
    index = next(i for i, line in enumerate(lines) if "R12" in line)
    quoted, marks = lines[index + 1], lines[index + 2]
    assert marks.strip() == "^^^^"  # two Chinese characters, two columns each
    before = quoted[:quoted.index("提昇")]
    assert marks.index("^") == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in before)
    assert "[錯誤] R16 評核結果說明第 3 段" in row
    assert out.splitlines()[-1].startswith("錯誤 ")


def test_check_json_objects(sample_file, capsys):
    assert main(["check", str(sample_file), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    keys = {"rule", "category", "severity", "message", "path", "field", "paragraph", "start", "end",
            "text", "suggestions"}
    assert all(set(item) == keys for item in data)
    item = next(i for i in data if i["text"] == "提昇")
    assert item["rule"] == "R12" and item["field"] == "result" and item["suggestions"] == ["提升"]
    assert item["path"][0] == "基礎服務" and item["path"][-1].startswith("定期檢查各類硬體設施")
    assert len(item["path"]) == 4
    assert {i["field"] for i in data} == {"result"}  # the fixed criteria text is template work


def test_check_template_adds_the_criteria_text_findings(sample_file, capsys):
    """`--template` checks what only template mode may edit: titles and standards."""
    main(["check", str(sample_file), "--json", "--template"])
    data = json.loads(capsys.readouterr().out)
    section = next(i for i in data if i["text"] == "二、")
    assert section["path"] == ["二、服務遞送"] and section["field"] == "title"
    assert {i["field"] for i in data} > {"result"}


def test_check_severity_filter_and_other_formats(sample_file, capsys, tmp_path):
    main(["check", str(sample_file), "--json", "--severity", "error"])
    assert {i["severity"] for i in json.loads(capsys.readouterr().out)} == {"error"}
    assert main(["check", str(CLEAN_SAMPLE)]) == 0
    assert "錯誤 0 個，警告 0 個" in capsys.readouterr().out


def test_fix_dry_run_then_fix_as_one_undoable_step(sample_file, capsys):
    before = sample_file.read_bytes()
    assert main(["fix", str(sample_file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "- 3 定期辦理 2 樓會議室" in out and "+ 3. 定期辦理2樓會議室" in out
    assert "試跑" in out and sample_file.read_bytes() == before
    assert main(["fix", str(sample_file)]) == 0
    capsys.readouterr()
    assert main(["check", str(sample_file), "--severity", "error"]) == 0
    with ReportStore.open(sample_file) as store:
        steps = {h.step_id for h in store.history()}
        assert len(steps) == 1
        fixed = store.load()
        assert "提昇" not in " ".join(p.text for r in fixed.rows() for p in r.result)


def test_fix_only_the_named_rules(sample_file, capsys):
    assert main(["fix", str(sample_file), "--rule", "R12"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n- ") == 1 and "提升各項服務設備" in out
    assert main(["fix", str(sample_file), "--rule", "R99"]) == 2
    assert "R99" in capsys.readouterr().err


def test_fix_refuses_files_other_than_reports(capsys):
    assert main(["fix", str(CLEAN_SAMPLE)]) == 2
    assert "import" in capsys.readouterr().err


def test_settings_in_the_file_are_shared_by_the_checker(sample_file, capsys):
    with ReportStore.open(sample_file) as store:
        report = store.load()
        finding = next(f for f in Checker.for_report(report).check_report(report) if f.text == "提昇")
        store.apply([RecordEdit("ignored_finding", {"rule": "R12", "node_id": finding.node_id,
                                                    "text": "提昇"}, {})], "忽略")
        store.apply([SettingEdit("dictionary_word", "在台", True),
                     SettingEdit("disabled_rule", "C3", True)], "設定")
        assert store.ignored_findings() == {("R12", finding.node_id, "提昇")}
    main(["check", str(sample_file), "--json"])
    data = json.loads(capsys.readouterr().out)
    texts = {(i["rule"], i["text"]) for i in data}
    assert ("R12", "提昇") not in texts and ("R13", "在台") not in texts
    assert not [i for i in data if i["rule"] == "C3"] and ("R13", "全台") in texts
