"""A unit's edits to an exported Word file, made with python-docx as Word would store them, and
LibreOffice saving the file again."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")
DATE = "2026-11-20T10:00:00Z"
# A 1×1 PNG: a picture a unit pastes into a result.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
                       "AAAABJRU5ErkJggg==")


def result_cells(document: docx.document.Document) -> list[_Cell]:
    """The result cell of every body row, in the order of the report's rows."""
    table = document.tables[0]
    return [row.cells[3] for row in table.rows if len(row._tr.tc_lst) == 4][1:]  # without the header


def plain_change(paragraph: Paragraph, text: str) -> None:
    """Retyped text: the paragraph's runs hold the list marker, a tab, then the text."""
    paragraph.runs[-1]._r.findall(qn("w:t"))[-1].text = text


def tracked_insert(paragraph: Paragraph, text: str, author: str, revision_id: int) -> None:
    """Text added at the end with 追蹤修訂 on."""
    ins = _revision("w:ins", revision_id, author)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    ins.append(run)
    paragraph._p.append(ins)


def tracked_delete(paragraph: Paragraph, author: str, revision_id: int) -> None:
    """The whole paragraph deleted with 追蹤修訂 on: its runs and its paragraph mark."""
    p = paragraph._p
    deleted = _revision("w:del", revision_id, author)
    for run in p.findall(qn("w:r")):
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
        deleted.append(run)
    p.append(deleted)
    mark = _revision("w:del", revision_id + 1, author)
    props = p.get_or_add_pPr()
    run_props = props.find(qn("w:rPr"))
    if run_props is None:
        run_props = OxmlElement("w:rPr")
        props.append(run_props)  # the paragraph mark's run properties come last in w:pPr
    run_props.insert(0, mark)


def _revision(tag: str, revision_id: int, author: str):
    return OxmlElement(tag, {qn("w:id"): str(revision_id), qn("w:author"): author, qn("w:date"): DATE})


def paste_picture_and_table(cell: _Cell) -> None:
    """A picture and a small table pasted at the end of a result cell."""
    cell.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
    table = cell.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, [("年度", "件數"), ("115", "141")], strict=True):
        for c, text in zip(row.cells, texts, strict=True):
            c.text = text
    cell.add_paragraph()  # a cell ends with a paragraph


def resave_with_libreoffice(path: Path, folder: Path) -> Path:
    """The file opened and saved again by LibreOffice Writer, as a unit without Word would."""
    out = folder / "resaved"
    profile = (folder / "lo-profile").resolve().as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "docx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out / path.name
