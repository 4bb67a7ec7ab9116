"""`sqeditor split` and `sqeditor merge` in-process: output, --resolve, exit codes, merge report."""

from __future__ import annotations

import pytest

from sqeditor.cli import main
from sqeditor.exchange.json_format import write_json
from sqeditor.merge import DraftMerger
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.backups import BackupCause, list_backups
from sqeditor.store.merge_records import open_conflicts
from tests.merge_helpers import assign_units


def test_split_then_merge_with_resolve_both_and_an_excel_report(tmp_path, sample_report, capsys):
    from openpyxl import load_workbook
    report_path = tmp_path / "report.sqreport"
    ReportStore.create(report_path, assign_units(sample_report)).close()
    assert main(["split", str(report_path), "--unit", "資訊室", "-o", str(tmp_path / "d")]) == 0
    assert "已寫出「資訊室」的草稿" in capsys.readouterr().out
    (draft_path,) = (tmp_path / "d").glob("*.sqreport")
    row = next(r for r in sample_report.rows() if r.unit == "資訊室")
    with ReportStore.open(draft_path) as draft:
        draft.apply([FieldEdit(row.id, "comment", "資訊室意見")], "輸入文字")
    with ReportStore.open(report_path) as store:
        store.apply([FieldEdit(row.id, "comment", "協調人意見")], "輸入文字")
    xlsx = tmp_path / "merge.xlsx"
    code = main(["merge", str(report_path), str(draft_path), "--resolve", "both", "--report", str(xlsx)])
    out = capsys.readouterr().out
    assert code == 0 and "衝突已解決 1" in out and "衝突，兩者都保留" in out
    with ReportStore.open(report_path) as store:
        assert store.load().node_index()[row.id].comment == "協調人意見\n資訊室意見"
        assert open_conflicts(store) == []
    assert [b.cause for b in list_backups(report_path, root=tmp_path / "backups")] == [BackupCause.MERGE]
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("草稿檔", "單位", "項目", "欄位", "結果", "檔案類型", "合併基準")
    assert any(r[:6] == (draft_path.name, "資訊室", row.title, "審閱意見", "衝突，兩者都保留", "分割草稿")
               and r[6].startswith("分割時留在草稿裡的原內容") for r in rows)


def test_merge_refuses_what_is_not_a_draft_with_exit_code_2(tmp_path, sample_file, capsys):
    junk = tmp_path / "junk.sqreport"
    junk.write_bytes(b"PK\x03\x04 not a report")
    assert main(["merge", str(sample_file), str(junk)]) == 2
    assert "不是服務品質報告檔" in capsys.readouterr().out
    assert main(["split", str(sample_file), "--unit", "資訊室", "-o", str(tmp_path / "x")]) == 0


@pytest.mark.parametrize("suffix", [".sqreport", ".json"])
def test_merging_blank_copy_result_text_lands_in_the_matching_row(tmp_path, sample_file, suffix):
    from sqeditor.exchange.builtin_reports import builtin_template
    blank = builtin_template()
    row = next(blank.rows())
    row.result = [Paragraph("空白本的說明")]
    copy_path = tmp_path / f"copy{suffix}"
    if suffix == ".json":  # returned in an exchange format: the command passes merge its reader
        write_json(blank, copy_path)
    else:
        ReportStore.create(copy_path, blank).close()
    with ReportStore.open(sample_file) as store:
        before = sum(1 for _ in store.load().rows())
    assert main(["merge", str(sample_file), str(copy_path), "--resolve", "both"]) == 0
    with ReportStore.open(sample_file) as store:
        rows = list(store.load().rows())
    assert len(rows) == before  # matched, not added
    assert "空白本的說明" in [p.text for r in rows if r.title == row.title for p in r.result]


def test_a_merger_without_a_reader_for_other_formats_refuses_them_and_changes_nothing(tmp_path, sample_file):
    from sqeditor.exchange.builtin_reports import builtin_template
    copy_path = tmp_path / "copy.json"
    write_json(builtin_template(), copy_path)
    with ReportStore.open(sample_file) as store:
        before = store.load()
        (outcome,) = DraftMerger(store).merge_all([copy_path])
        assert outcome.error is not None and "不是報告檔（.sqreport）" in outcome.error.message
        assert store.load() == before


def test_merge_report_writes_names_and_titles_as_text_never_formulas(tmp_path, sample_report, capsys):
    """Units, draft file names and titles beginning with = + - @ read back as the same text."""
    from zipfile import ZipFile

    from openpyxl import load_workbook

    units = ['=HYPERLINK("http://example.com","點我")', "+886資訊室", "-1", "@秘書室"]
    assign_units(sample_report, units)
    rows = {unit: next(r for r in sample_report.rows() if r.unit == unit) for unit in units}
    for unit, row in rows.items():
        row.title = f"=1+1 {unit}" if unit.startswith("=") else f"{unit[0]}項目"
    report_path = tmp_path / "report.sqreport"
    ReportStore.create(report_path, sample_report).close()
    drafts = []
    for number, (unit, row) in enumerate(rows.items()):
        out = tmp_path / f"d{number}"
        assert main(["split", str(report_path), "--unit", unit, "-o", str(out)]) == 0
        (draft,) = out.glob("*.sqreport")
        named = draft.with_name(f"{unit[0]}{draft.name}")  # a file name beginning with = + - @ too
        draft.rename(named)
        with ReportStore.open(named) as store:
            store.apply([FieldEdit(row.id, "result", [Paragraph("草稿內容", 0)])], "輸入文字")
        drafts.append(named)
    xlsx = tmp_path / "merge.xlsx"
    assert main(["merge", str(report_path), *map(str, drafts), "--report", str(xlsx)]) == 0
    capsys.readouterr()
    with ZipFile(xlsx) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    cells = [c for line in load_workbook(xlsx).active.iter_rows(min_row=2) for c in line]
    assert {c.data_type for c in cells if c.value is not None} == {"s"}
    lines = {tuple(c.value for c in line)[:6] for line in load_workbook(xlsx).active.iter_rows(min_row=2)}
    for draft, (unit, row) in zip(drafts, rows.items(), strict=True):
        assert (draft.name, unit, row.title, "評核結果說明", "採用草稿", "分割草稿") in lines
