"""The command line: sample, new, import/export JSON, info, and plain errors for mistakes."""

import json
import subprocess
import sys
from pathlib import Path

from sqeditor.cli import main
from sqeditor.store import ReportStore
from tests.conftest import REFERENCE_JSON

CONTENT_KEYS = ("title", "standard", "result", "sections", "items", "indicators", "rows")


def content(data):
    """Sections, items, indicators, standards and result paragraphs; ids and extras dropped."""
    if isinstance(data, dict):
        return {k: content(v) for k, v in data.items() if k in CONTENT_KEYS}
    if isinstance(data, list):
        return [content(v) for v in data]
    return data


def test_sample_then_json_export_equals_the_reference(tmp_path):
    report, out = tmp_path / "x.sqreport", tmp_path / "y.json"
    assert main(["sample", str(report)]) == 0
    assert main(["export", str(report), "-o", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    reference = json.loads(REFERENCE_JSON.read_text(encoding="utf-8"))
    assert content(exported["sections"]) == content(reference["sections"])
    for key in ("ministry", "agency", "roc_year", "period", "cutoff_date", "title"):
        assert exported[key] == reference[key]


def test_import_json_then_export_round_trips(tmp_path):
    report, out = tmp_path / "r.sqreport", tmp_path / "r.json"
    assert main(["import", str(REFERENCE_JSON), "-o", str(report)]) == 0
    assert main(["export", str(report), "-o", str(out)]) == 0
    reference = json.loads(REFERENCE_JSON.read_text(encoding="utf-8"))
    assert content(json.loads(out.read_text(encoding="utf-8"))) == content(reference)


def test_import_without_results_keeps_the_criteria_only(tmp_path):
    report = tmp_path / "r.sqreport"
    assert main(["import", str(REFERENCE_JSON), "-o", str(report), "--no-results"]) == 0
    with ReportStore.open(report) as store:
        rows = list(store.load().rows())
    assert len(rows) == 47 and all(not r.result for r in rows)


def test_new_from_builtin_template_with_metadata(tmp_path, capsys):
    report = tmp_path / "n.sqreport"
    assert main(["new", str(report), "--ministry", "經濟部", "--agency", "經濟部工業局",
                 "--year", "111", "--period", "上半年", "--cutoff", "111年6月10日"]) == 0
    with ReportStore.open(report) as store:
        loaded = store.load()
    assert loaded.meta.title == "經濟部111年度上半年提升服務品質自行評核項目及結果說明"
    assert [s.title for s in loaded.sections][1] == "服務遞送"
    assert all(not r.result for r in loaded.rows())
    capsys.readouterr()
    assert main(["info", str(report)]) == 0
    assert "資料截止日期：111年6月10日" in capsys.readouterr().out


def test_info_counts_statuses_and_characters(sample_file, capsys):
    assert main(["info", str(sample_file)]) == 0
    out = capsys.readouterr().out
    assert "評核列 47 列" in out and "草稿 47" in out and "機關名稱：經濟部工業局" in out


def test_mistakes_get_a_message_and_exit_code_without_traceback(tmp_path):
    garbage = tmp_path / "garbage.sqreport"
    garbage.write_bytes(b"not a report at all")
    cases = [
        (["info", str(garbage)], "不是服務品質報告檔"),
        (["info", str(tmp_path / "missing.json")], "找不到"),
        (["new", str(tmp_path / "x.sqreport"), "--cutoff", "someday"], "資料截止日期"),
        (["export", str(garbage), "-o", str(tmp_path / "o.json")], "不是服務品質報告檔"),
    ]
    for argv, message in cases:
        proc = subprocess.run([sys.executable, "-m", "sqeditor.cli", *argv], capture_output=True,
                              text=True, env={"PATH": "/usr/bin:/bin", "LANG": "zh_TW.UTF-8"})
        assert proc.returncode == 2, argv
        assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o.json").exists() and not (tmp_path / "x.sqreport").exists()


def test_help_follows_the_locale():
    def helptext(lang: str) -> str:
        return subprocess.run([sys.executable, "-m", "sqeditor.cli", "--help"], capture_output=True,
                              text=True, env={"PATH": "/usr/bin:/bin", "LANG": lang}).stdout
    assert "評核報告編輯器" in helptext("zh_TW.UTF-8")
    assert "service-quality" in helptext("en_US.UTF-8")


def test_resources_need_nothing_outside_the_repository():
    from sqeditor.resource_files import resource_path
    for name in ("sample-110H2.json", "template.json"):
        assert resource_path(name).is_file()
        assert "shared" not in Path(resource_path(name)).parts
