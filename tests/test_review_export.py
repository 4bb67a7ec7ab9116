"""Export for review: each unit's changes since a point as Word revisions, read by LibreOffice,
and the reviewer's accepted or rejected revisions and comments merged back."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from merge_helpers import UNITS, assign_units
from word_edits import PDFTOPPM, SOFFICE, result_cells

from sqeditor.errors import SqeditorError
from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.review_changes import review_options, review_since, review_versions
from sqeditor.exchange.revision_pieces import MARK, Revision, ShownParagraph, Version, tracked_paragraphs
from sqeditor.file_formats import export_recorded, read_report, read_returned
from sqeditor.merge import DraftMerger, split_drafts
from sqeditor.model import Paragraph, Report
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.merge_records import open_conflicts

A, B = Revision("秘書室", datetime(2026, 11, 2, 9)), Revision("資訊室", datetime(2026, 11, 3, 10))


def accepted(shown: list[ShownParagraph]) -> str:
    """The text Word gives after 接受所有變更."""
    last = len(shown) - 1
    return "".join(p.visible + (MARK if i < last and p.mark_deleted is None else "")
                   for i, p in enumerate(shown))


def rejected(shown: list[ShownParagraph]) -> str:
    """The text Word gives after 拒絕所有變更."""
    last = len(shown) - 1
    return "".join("".join(x.text for x in p.pieces if x.inserted is None)
                   + (MARK if i < last and p.mark_inserted is None else "") for i, p in enumerate(shown))


@pytest.mark.parametrize("texts", [
    [("110年受理129件。",), ("111年受理141件。",)],
    [("第一段。",), ("第一段。", "新增的第二段。")],
    [("第一段。", "第二段。", "第三段。"), ("第一段。", "第三段。")],
    [("第一段。", "第二段。"), ("第二段。",)],
    [("第一段。", "第二段。"), ("第一段。",)],
    [(), ("全新的結果。",)],
    [("整段刪除。",), ()],
    [("受理「特定製程產業申請引進外勞」案件。",), ("新增一段：線上申辦比率達九成。",)],
    [("本局設有專線。",), ("本局設有專線，另有傳真。",), ("本局設有專線及傳真，由企劃組彙整。",)],
])
def test_accepting_gives_the_last_version_and_rejecting_the_first(texts):
    authors = [A, B, A]
    versions = [Version(texts[0])] + [Version(t, authors[i]) for i, t in enumerate(texts[1:])]
    shown = tracked_paragraphs(versions)
    assert accepted(shown) == MARK.join(texts[-1])
    assert rejected(shown) == MARK.join(texts[0])


def test_a_change_shows_who_made_it_and_an_authors_own_change_undone_is_gone():
    shown = tracked_paragraphs([Version(("本局設有專線。",)), Version(("本局設有專線，另有傳真。",), A),
                                Version(("本局設有專線。",), A), Version(("本局設有專線及網站。",), B)])
    pieces = [(p.text, p.inserted, p.deleted) for p in shown[0].pieces]
    assert pieces == [("本局設有專線", None, None), ("及網站", B, None), ("。", None, None)]


def test_a_rewritten_paragraph_reads_as_old_out_and_new_in():
    """Paragraphs too little alike to be one paragraph edited are one out and one in, whole."""
    shown = tracked_paragraphs([Version(("受理「特定製程產業申請引進外勞」案件。",)),
                                Version(("新增一段：線上申辦比率達九成。",), A)])
    assert [(p.text, p.inserted is not None, p.deleted is not None) for p in shown[0].pieces] == [
        ("受理「特定製程產業申請引進外勞」案件。", False, True),
        ("新增一段：線上申辦比率達九成。", True, False)]


def texts(row) -> list[str]:
    return [p.text for p in row.result]


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"), qn("w:delText")))


def for_review(store: ReportStore, report: Report) -> ExportOptions:
    """The changes made today, as the review export shows them."""
    return review_options(store, report, date.today().isoformat(), ExportOptions())


def merge_step(store: ReportStore, row_id: str, paragraphs: list[Paragraph], unit: str) -> None:
    """A change brought by merging a unit's draft: the history names the unit."""
    store.apply([FieldEdit(row_id, "result", paragraphs)], f"合併草稿：{unit}",
                source=json.dumps({"unit": unit, "file": f"{unit}.sqreport", "draft_id": unit},
                                  ensure_ascii=False))


def units_edit(store: ReportStore) -> list:
    """秘書室 changes a number and adds a paragraph; 資訊室 then 企劃組 work on one paragraph;
    企劃組 deletes a paragraph; the coordinator types into 人事室's row."""
    rows = list(store.load().rows())
    first, second, third, fourth = rows[:4]
    counted = first.result[0].text.replace("國內無產製證明", "國內無產製證明（115 年 1,234 件）")
    added = Paragraph("線上申辦比率達九成。", 1)
    merge_step(store, first.id, [Paragraph(counted, 1), *first.result[1:], added], "秘書室")
    text = second.result[0].text
    merge_step(store, second.id, [Paragraph(text + "另設專線。")], "資訊室")
    shorter = text.replace("各組室主管定時稽催，", "")
    merge_step(store, second.id, [Paragraph(shorter + "另設專線，由企劃組彙整。")], "企劃組")
    merge_step(store, third.id, third.result[1:], "企劃組")
    store.apply([FieldEdit(fourth.id, "result", [*fourth.result, Paragraph("協調人補充。", 1)])], "編輯")
    return rows[:4]


@pytest.fixture
def edited(tmp_path):
    store = ReportStore.create(tmp_path / "r.sqreport", assign_units(builtin_sample()), user="協調人")
    rows = units_edit(store)
    yield store, rows
    store.close()


def test_versions_since_a_date_name_the_unit_of_each_change(edited):
    store, rows = edited
    report = store.load()
    versions = review_versions(store, report, datetime.combine(date.today(), datetime.min.time()))
    assert set(versions) == {row.id for row in rows}
    assert [v.by.author for v in versions[rows[1].id][1:]] == ["資訊室", "企劃組"]
    assert versions[rows[3].id][-1].by.author == "人事室"  # typed in the report: the row's unit
    assert versions[rows[0].id][0].paragraphs == tuple(p.text for p in rows[0].result)
    assert review_versions(store, report, datetime.now() + timedelta(minutes=1)) == {}


def test_since_points(edited, tmp_path):
    store, _rows = edited
    with pytest.raises(SqeditorError, match="沒有分割草稿的紀錄"):
        review_since(store, "split")
    with pytest.raises(SqeditorError, match="沒有匯出的紀錄"):
        review_since(store, "last-export")
    with pytest.raises(SqeditorError, match="看不懂"):
        review_since(store, "上個月")
    assert review_since(store, "2026-11-01") == datetime(2026, 11, 1)
    assert review_since(store, "115-11-01") == datetime(2026, 11, 1)
    (tmp_path / "drafts").mkdir()
    before = datetime.now().replace(microsecond=0)
    split_drafts(store, UNITS[:2], tmp_path / "drafts")
    assert before <= review_since(store, "split") <= datetime.now()
    export_recorded(store, store.load(), tmp_path / "x.docx")
    assert before <= review_since(store, "last-export") <= datetime.now()


def revisions(path: Path) -> list[tuple[str, str, str]]:
    """(tag, author, text) of every revision in a Word file's body."""
    body = docx.Document(str(path)).element.body
    return [(etree.QName(e).localname, e.get(qn("w:author")), text_of(e))
            for e in body.iter(qn("w:ins"), qn("w:del"))]


def test_review_export_accepted_reads_as_the_report_now(edited, tmp_path):
    store, rows = edited
    report = store.load()
    path = tmp_path / "review.docx"
    export_recorded(store, report, path, for_review(store, report))
    found = revisions(path)
    assert ("ins", "秘書室", "（115 年 1,234 件）") in found
    assert ("ins", "企劃組", "，由企劃組彙整") in found and ("del", "企劃組", "，各組室主管定時稽催") in found
    assert ("del", "企劃組", rows[2].result[0].text) in found
    assert ("ins", "人事室", "協調人補充。") in found
    assert {author for _tag, author, _text in found} == {"秘書室", "資訊室", "企劃組", "人事室"}
    back = read_report(path)  # the import reads what Word shows after accepting every change
    assert [texts(r) for r in back.rows()] == [texts(r) for r in report.rows()]


def test_reviewer_accepts_rejects_and_comments(edited, tmp_path):
    """A rejected insertion takes the unit's words out again; an accepted one changes nothing;
    a comment lands in 審閱意見. The rest of the report is untouched."""
    store, rows = edited
    report = store.load()
    path = tmp_path / "review.docx"
    export_recorded(store, report, path, for_review(store, report))
    document = docx.Document(str(path))
    cells = result_cells(document)
    for ins in list(cells[0]._tc.iter(qn("w:ins"))):  # 秘書室's changes: accepted
        for child in list(ins):
            ins.addprevious(child)
        ins.getparent().remove(ins)
    rejected_insertion = next(e for e in cells[3]._tc.iter(qn("w:ins")) if "協調人補充" in text_of(e))
    rejected_paragraph = rejected_insertion.getparent()
    rejected_paragraph.getparent().remove(rejected_paragraph)  # the inserted paragraph rejected
    document.add_comment(cells[1].paragraphs[0].runs[0], text="彙整窗口請寫明。", author="李專員")
    document.save(str(path))

    (outcome,) = DraftMerger(store, read_other=read_returned).merge_all([path])
    assert outcome.error is None and open_conflicts(store) == []
    after = {row.id: row for row in store.load().rows()}
    assert texts(after[rows[3].id]) == texts(report.node_index()[rows[3].id])[:-1]
    assert after[rows[1].id].comment == "李專員：彙整窗口請寫明。"
    now = report.node_index()
    unchanged = [r for r in report.rows() if r.id != rows[3].id]
    assert all(after[r.id].result == now[r.id].result for r in unchanged)


def colored_pixels(ppm: bytes) -> int:
    """Pixels whose colour is not a grey: LibreOffice draws each author's changes in a colour."""
    parts = ppm.split(maxsplit=4)
    width, height, data = int(parts[1]), int(parts[2]), parts[4]
    assert len(data) == width * height * 3
    return sum(1 for i in range(0, len(data), 3)
               if max(data[i:i + 3]) - min(data[i:i + 3]) > 60)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or PDFTOPPM is None, reason="LibreOffice or poppler not installed")
def test_review_export_opens_in_libreoffice_with_the_revisions_listed(edited, tmp_path):
    store, _rows = edited
    store.close()
    report_path = tmp_path / "r.sqreport"
    run = subprocess.run([sys.executable, "-m", "sqeditor", "export", str(report_path),
                          str(tmp_path / "review.docx"), "--review", date.today().isoformat()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "審閱版：4 列" in run.stdout
    subprocess.run([sys.executable, "-m", "sqeditor", "export", str(report_path),
                    str(tmp_path / "plain.docx")],
                   check=True, capture_output=True, timeout=120)
    profile = (tmp_path / "lo-profile").as_uri()
    for target, name in (("fodt", "review.docx"), ("pdf", "review.docx"), ("pdf", "plain.docx")):
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", target, "--outdir", str(tmp_path / "lo"), str(tmp_path / name)],
                       check=True, capture_output=True, timeout=180)
    flat = etree.parse(str(tmp_path / "lo" / "review.fodt"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0", "dc": "http://purl.org/dc/elements/1.1/"}
    regions = flat.findall(".//text:tracked-changes/text:changed-region", ns)
    creators = {e.text for e in flat.findall(".//text:changed-region//dc:creator", ns)}
    assert len(regions) >= 7
    assert creators == {"秘書室", "資訊室", "企劃組", "人事室"}
    pages = {}
    for name in ("review", "plain"):  # the first page, where the changed rows are, as the reviewer sees it
        pdf = str(tmp_path / "lo" / f"{name}.pdf")
        subprocess.run([PDFTOPPM, "-r", "60", "-f", "1", "-l", "1", "-png", pdf, str(tmp_path / name)],
                       check=True, timeout=60)
        ppm = subprocess.run([PDFTOPPM, "-r", "60", "-f", "1", "-l", "1", pdf],
                             check=True, capture_output=True, timeout=60).stdout
        pages[name] = colored_pixels(ppm)
    assert (tmp_path / "review-01.png").stat().st_size > 10_000
    assert pages["plain"] == 0 and pages["review"] > 500  # changes shown in the authors' colours


def test_review_needs_a_report_file_and_a_word_target(tmp_path):
    ReportStore.create(tmp_path / "r.sqreport", Report()).close()
    run = subprocess.run([sys.executable, "-m", "sqeditor", "export", str(tmp_path / "r.sqreport"),
                          str(tmp_path / "r.pdf"), "--review", "split"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "審閱版（--review）由報告檔（.sqreport）匯出成 Word 檔（.docx）" in run.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_export_dialog_offers_the_points_the_report_recorded(qtbot, gui_env, tmp_path):
    from sqeditor.gui.review_export_dialog import ReviewExportDialog
    dialog = ReviewExportDialog(None, datetime(2026, 11, 20, 15, 30))
    qtbot.addWidget(dialog)
    assert not dialog.since_split.isEnabled() and dialog.since_export.isChecked()
    assert dialog.point() == "last-export"
    dialog.since_date.setChecked(True)
    dialog.date_edit.setDate(date(2026, 11, 1))
    assert dialog.point() == "2026-11-01"
    dialog.show()
    dialog.grab().save(str(tmp_path / "review-dialog.png"))


def test_export_menu_writes_the_review_version(qtbot, gui_env, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from sqeditor.gui.export_dialog import ExportOptionsDialog
    from sqeditor.gui.main_window import MainWindow
    from sqeditor.gui.review_export_dialog import ReviewExportDialog
    with ReportStore.create(tmp_path / "r.sqreport", assign_units(builtin_sample()), user="協調人") as store:
        units_edit(store)
    target = tmp_path / "審閱版.docx"

    def write_to_target(dialog: ExportOptionsDialog) -> bool:
        dialog.set_folder(tmp_path)
        dialog.target.setText(target.stem)
        return True

    monkeypatch.setattr(ExportOptionsDialog, "exec", write_to_target)

    def choose_today(dialog: ReviewExportDialog) -> QDialog.DialogCode:
        dialog.since_date.setChecked(True)
        dialog.date_edit.setDate(date.today())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewExportDialog, "exec", choose_today)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(tmp_path / "r.sqreport")
    export = next(a for a in window.menuBar().actions() if a.text().startswith("檔案")).menu()
    entry = next(a for m in export.actions() if m.menu() for a in m.menu().actions() if "審閱版" in a.text())
    entry.trigger()
    assert {author for _tag, author, _text in revisions(target)} == {"秘書室", "資訊室", "企劃組", "人事室"}
    window.close()
