"""What changed this period, for reviewers: the Word file with this period's text as revisions of
last period's, and rows rewritten / carried over / empty per unit in the 進度 sheet."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from sqeditor.cli import main
from sqeditor.exchange.xlsx_export import CARRY_HEADERS, PROGRESS_SHEET
from sqeditor.model import Node, Paragraph
from sqeditor.store import FieldEdit, ReportStore
from tests.last_period_sample import (
    COPIED,
    HALF_EDITED,
    NEARLY_COPIED,
    NEW_ROW_TITLE,
    last_and_next,
    write_periods,
)

LIST_ROW = 23  # 設置單一窗口櫃台: seven list items, the second with 「110 年」
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    return write_periods(tmp_path, linked=True)[0]


def result_cells(docx: Path) -> list[etree._Element]:
    """The last cell of each body row (rows whose first cell is not the header or a section)."""
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    rows = body.find(f"{W}body/{W}tbl").findall(f"{W}tr")
    return [row.findall(f"{W}tc")[-1] for row in rows if len(row.findall(f"{W}tc")) == 4][1:]


def texts(cell: etree._Element, tag: str) -> list[str]:
    return ["".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText"))
            for mark in cell.iter(f"{W}{tag}") if mark.getparent().tag != f"{W}rPr"]


def rows_of(path: Path) -> list[Node]:
    with ReportStore.open(path, read_only=True) as store:
        return list(store.load().rows())


def test_word_for_reviewers_marks_this_periods_text_against_last_periods(linked, tmp_path, capsys):
    out = tmp_path / "review.docx"
    assert main(["export", str(linked), "-o", str(out), "--against-last"]) == 0
    cells, rows = result_cells(out), rows_of(linked)
    assert len(cells) == len(rows)
    for index in COPIED:  # carried over unchanged: plain text, no revision
        assert not texts(cells[index], "ins") and not texts(cells[index], "del")
    assert texts(cells[NEARLY_COPIED], "del") == ["頁"] and texts(cells[NEARLY_COPIED], "ins") == ["站"]
    half = cells[HALF_EDITED]
    assert texts(half, "del") == [
        "本局首長信箱，110 年收辦 732 件，不滿意案件計 21 件，民眾評定「不滿意」案件，由專人追蹤管考，"
        "轉請權責組室就不滿意事項於 5 日內再次補充說明。",
        "新聞輿情回應案件，110 年辦理 34 件，發布 131 則新聞稿，妥善向媒體、民眾說明本局政策推動內容。"]
    assert texts(half, "ins")[-1].endswith("新聞輿情回應案件增加，本期辦理 34 件，發布 67 則新聞稿。")
    kept = half.findall(f"{W}p")[0]  # last period's first paragraph, kept: marker and text once
    assert "".join(t.text for t in kept.iter(f"{W}t")) == "1." + rows[HALF_EDITED].result[0].text
    new_row = next(i for i, r in enumerate(rows) if r.title == NEW_ROW_TITLE)
    assert texts(cells[new_row], "ins") and not texts(cells[new_row], "del")
    marks = [m for cell in cells for m in cell.iter(f"{W}ins", f"{W}del")]
    assert len({m.get(f"{W}id") for m in marks}) == len(marks)
    by_unit = {m.get(f"{W}author") for m in half.iter(f"{W}ins", f"{W}del")}
    assert by_unit == {rows[HALF_EDITED].unit or "未指派"}
    assert all(len(m.get(f"{W}date")) == 20 and m.get(f"{W}date").endswith("Z") for m in marks)


def test_an_edited_list_item_keeps_its_marker_and_marks_only_the_words_changed(linked, tmp_path):
    row = rows_of(linked)[LIST_ROW]
    edited = [*row.result]
    edited[1] = Paragraph(edited[1].text.replace("110 年", "111 年上半年"), edited[1].level)
    with ReportStore.open(linked) as store:
        store.apply([FieldEdit(row.id, "result", edited)], "改寫")
    out = tmp_path / "review.docx"
    main(["export", str(linked), "-o", str(out), "--against-last"])
    cell = result_cells(out)[LIST_ROW]
    assert (texts(cell, "del"), texts(cell, "ins")) == (["0 "], ["1 年上半"])  # 「11[0 →1 年上半]年」
    item = cell.findall(f"{W}p")[1]
    assert "".join(t.text for t in item.iter(f"{W}t")) == "1." + edited[1].text  # the first list item
    assert item.find(f".//{W}tab") is not None


def test_word_against_last_needs_a_link(tmp_path, capsys):
    _, new = last_and_next()
    path = tmp_path / "alone.sqreport"
    ReportStore.create(path, new).close()
    assert main(["export", str(path), "-o", str(tmp_path / "x.docx"), "--against-last"]) == 2
    assert "沒有連結上期報告" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx", ".json"])
def test_against_last_is_for_word_files_only(linked, tmp_path, capsys, suffix):
    """Not silently dropped: the clerk asked for revisions, and only a Word file can hold them."""
    out = tmp_path / f"x{suffix}"
    assert main(["export", str(linked), "-o", str(out), "--against-last"]) == 2
    assert "只能匯出成 Word 檔" in capsys.readouterr().err and not out.exists()


def test_progress_sheet_counts_rows_rewritten_carried_over_and_empty(linked, tmp_path):
    out = tmp_path / "progress.xlsx"
    assert main(["export", str(linked), "-o", str(out)]) == 0
    sheet = load_workbook(out)[PROGRESS_SHEET]
    lines = [[c.value for c in row] for row in sheet.iter_rows()]
    header = lines[0]
    assert header[-3:] == CARRY_HEADERS
    total = next(line for line in lines if line[0] == "合計")
    assert total[-3:] == [9, 38, 0] and total[1] == 47
    rows = rows_of(linked)
    for line in lines[1:-1]:
        if line[0] and line[0] != "合計":
            assert sum(line[-3:]) == line[1]
    assert len(rows) == 47


def test_progress_sheet_without_a_link_has_no_such_columns(tmp_path):
    _, new = last_and_next()
    path, out = tmp_path / "alone.sqreport", tmp_path / "alone.xlsx"
    ReportStore.create(path, new).close()
    main(["export", str(path), "-o", str(out)])
    header = [c.value for c in next(load_workbook(out)[PROGRESS_SHEET].iter_rows())]
    assert not set(CARRY_HEADERS) & set(header)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler render the file")
def test_libreoffice_shows_both_periods_text_with_changes_shown(linked, tmp_path):
    out = tmp_path / "review.docx"
    main(["export", str(linked), "-o", str(out), "--against-last"])
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", str(tmp_path / "review.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "新聞輿情回應案件，110年辦理34件" in flat  # last period's, struck through
    assert "新聞輿情回應案件增加，本期辦理34件" in flat  # this period's, underlined
