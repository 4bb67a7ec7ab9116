"""Read a report from a Word file in the official layout, written by us, Word or LibreOffice.

Agencies' files come typed by hand over years: 構面 rows typed across four cells, Word's own
numbering with typed numbers on top, section labels in any form, tracked changes, split tables,
pictures and tables inside cells, old .doc files. Everything is read as Word shows it after
accepting all changes; whatever had to be guessed or could not be kept is named in the notes
returned with the report (`ImportResult`), never dropped silently.
"""

from __future__ import annotations

import contextlib
import tempfile
from datetime import date
from pathlib import Path

from lxml import etree

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.doc_conversion import convert_to_docx
from sqeditor.exchange.docx_cells import read_cell, read_paragraph, unwrap_blocks
from sqeditor.exchange.docx_front_matter import read_front_matter
from sqeditor.exchange.docx_numbering import WordNumbering
from sqeditor.exchange.docx_package import DocxPackage, W
from sqeditor.exchange.docx_results import ResultReader
from sqeditor.exchange.docx_table import TableReader
from sqeditor.exchange.export_mark import REPORT_ID_PROPERTY, office_export_id, office_property
from sqeditor.exchange.file_kind import FileKind, is_encrypted, sniff
from sqeditor.exchange.import_notes import ImportNote, ImportResult
from sqeditor.exchange.layout import HEADER_TEXTS
from sqeditor.model import Report

_CONVERTIBLE = (FileKind.OLE, FileKind.RTF, FileKind.HTML, FileKind.XML, FileKind.ODT)


def import_docx(path: Path, *, results: bool = True) -> ImportResult:
    """A report from a Word file (.docx, or .doc through LibreOffice); ImportFormatError if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(f"找不到檔案「{path}」。")
    kind = sniff(path)
    if kind in (FileKind.DOCX, FileKind.ZIP):
        return _read_package(path, path.name, results, [])
    if kind is FileKind.OLE and is_encrypted(path):
        raise ImportFormatError(f"「{path.name}」設有開啟密碼（已加密），無法讀取。請在 Word 開啟後，"
                                "到「檔案 → 資訊 → 保護文件 → 以密碼加密」清除密碼並存檔，再匯入。")
    if kind in _CONVERTIBLE:
        with tempfile.TemporaryDirectory(prefix="sqeditor-doc-", ignore_cleanup_errors=True) as folder:
            converted = convert_to_docx(path, Path(folder), kind)
            what = "舊版 Word 文件（.doc）" if kind is FileKind.OLE else kind.value
            note = ImportNote("檔案", f"「{path.name}」是{what}，已由 LibreOffice 轉成 .docx 後匯入，"
                                    "請核對內容。")
            return _read_package(converted, path.name, results, [note])
    raise ImportFormatError(f"「{path.name}」不是 Word 文件，而是{kind.value}。請取得原始的 Word 檔"
                            "（.docx），或在 Word 開啟後「另存新檔」為「Word 文件 (*.docx)」，再匯入。")


def _read_package(path: Path, shown_name: str, results: bool, notes: list[ImportNote]) -> ImportResult:
    with contextlib.closing(DocxPackage.open(path, shown_name)) as package:
        numbering = WordNumbering()
        styles = package.related("styles")
        root = package.related("numbering")
        if root is not None:
            numbering.read_numbering(root, styles)
        if styles is not None:
            numbering.read_styles(styles)
        table = TableReader(ResultReader(numbering), results, _comments(package))
        meta_lines: list[str] = []
        body = package.body()
        for element in unwrap_blocks(body):
            if element.tag == f"{W}p" and not table.started:
                text = read_paragraph(element).text
                meta_lines.extend(line.strip() for line in text.split("\n") if line.strip())
            elif element.tag == f"{W}tbl":
                table.read_table(element)
        if not table.started:
            raise ImportFormatError(
                f"「{shown_name}」不是評核報告：找不到「{'｜'.join(HEADER_TEXTS)}」四欄表格"
                + (f"（文件中第一個表格的欄位是「{table.other_header}」）。" if table.other_header else "。"))
        if not any(True for s in table.sections for _ in s.rows()):
            raise ImportFormatError(f"「{shown_name}」的評核表格中沒有任何評核列。")
        meta, meta_notes = read_front_matter(meta_lines, date.fromtimestamp(path.stat().st_mtime))
        report = Report(meta=meta, sections=table.sections)
        report.export_id = office_export_id(package.zip)
        report.id = office_property(package.zip, REPORT_ID_PROPERTY) or report.id
        report.change_authors = _change_authors(body)
        report.units = list(dict.fromkeys(row.unit for row in report.rows() if row.unit))
        if table.tracked:
            notes.append(ImportNote("追蹤修訂", "文件含有追蹤修訂，已依「接受所有變更」後的內容匯入"
                                    "（刪除的列與文字、移走的原文不匯入）。"))
        return ImportResult(report, [*notes, *meta_notes, *table.notes])


def _change_authors(body: etree._Element) -> list[str]:
    """Who the tracked changes still in the file are by, in order of appearance."""
    authors = (e.get(f"{W}author", "") for e in body.iter(f"{W}ins", f"{W}del"))
    return list(dict.fromkeys(a for a in authors if a))


def _comments(package: DocxPackage) -> dict[str, str]:
    """Word comments by id: '作者：text'."""
    root = package.related("comments")
    if root is None:
        return {}
    out = {}
    for comment in root.iterchildren(f"{W}comment"):
        text = "\n".join(read_cell(comment).lines())
        author = comment.get(f"{W}author", "")
        out[comment.get(f"{W}id", "")] = f"{author}：{text}" if author else text
    return out
