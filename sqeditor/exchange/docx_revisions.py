"""The reviewer's Word file: this period's results as tracked changes against last period's.

It works on the document the Word export built: the table's rows are the layout's rows, in
order, so each result cell is found through the layout. Its runs are rewritten as w:del (last
period's words) and w:ins (this period's), authored by the row's unit and dated when the row
was last edited: a supervisor reading with changes shown sees only what is new, and an
unchanged row reads as plain text.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree
from rapidfuzz.distance import Indel

from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.layout import CellParagraph, RowKind, build_layout
from sqeditor.exchange.xml_text import xml_text
from sqeditor.model import Report
from sqeditor.model.last_period import similarity

PAIRED = 0.6  # paragraphs this alike are one paragraph edited; less alike, one out and one in
SCRAP = 2  # characters left equal between two changes that read better as part of them
_PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
UNASSIGNED = "未指派"

Piece = tuple[str, str]  # ('equal' | 'delete' | 'insert', text)


def export_against_last(report: Report, path: Path, options: ExportOptions) -> None:
    """The official table with each result marked against last period's (options.last_texts)."""
    export_docx(report, path, options)
    document = docx.Document(str(path))
    mark_changes(document, report, options)
    document.save(str(path))


@dataclass
class _Revision:
    """Who and when, and the document-wide revision ids (w:id must be unique)."""

    author: str
    date: str
    ids: Iterator[int]

    def element(self, tag: str) -> etree._Element:
        return etree.Element(qn(f"w:{tag}"), {qn("w:id"): str(next(self.ids)),
                                              qn("w:author"): self.author, qn("w:date"): self.date})


def mark_changes(document: Document, report: Report, options: ExportOptions) -> int:
    """Rewrite the result cells as revisions; returns how many rows changed since last period."""
    layout = build_layout(report, options)
    table = document.element.body.find(qn("w:tbl"))
    rows = table.findall(qn("w:tr"))
    if len(rows) != len(layout.rows):
        raise ValueError(f"table has {len(rows)} rows, layout {len(layout.rows)}")
    nodes = report.node_index()
    last_texts = options.last_texts or {}
    ids = itertools.count(1)
    changed = 0
    for layout_row, row in zip(layout.rows, rows, strict=True):
        if layout_row.kind is not RowKind.BODY:
            continue
        node = nodes[layout_row.node_id]
        edited = node.edited_at or datetime.now()
        revision = _Revision(node.unit or UNASSIGNED, edited.strftime("%Y-%m-%dT%H:%M:%SZ"), ids)
        cell = row.findall(qn("w:tc"))[-1]
        last = [t for t in last_texts.get(node.id, ()) if t]
        changed += _revise_cell(cell, layout_row.cells[-1].paragraphs, last, revision)
    return changed


def _revise_cell(cell: etree._Element, paragraphs: list[CellParagraph], last: Sequence[str],
                 revision: _Revision) -> bool:
    """Mark one result cell; False when it reads as last period's did."""
    elements = cell.findall(qn("w:p"))
    mine = [p.text for p in paragraphs]
    if [t for t in mine if t] == list(last):
        return False
    previous: etree._Element | None = None
    for kind, i, j in _aligned(list(last), mine):
        if kind == "delete":
            previous = _deleted_paragraph(elements[0] if previous is None else previous,
                                          last[i], revision, after=previous is not None)
            continue
        element, text = elements[j], paragraphs[j]
        if kind == "insert" and text.text:
            _inserted_paragraph(element, revision)
        elif kind == "pair" and last[i] != text.text:
            _replace_text_runs(element, text, _pieces(last[i], text.text), revision)
        previous = element
    return True


def _aligned(last: list[str], mine: list[str]) -> Iterator[tuple[str, int, int]]:
    """('pair', i, j), ('delete', i, -1) and ('insert', -1, j) in reading order."""
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, last, mine, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("pair", i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        i, j = i1, j1
        while i < i2 or j < j2:
            if i < i2 and j < j2 and similarity(last[i], mine[j]) >= PAIRED:
                yield "pair", i, j
                i, j = i + 1, j + 1
            elif i < i2:
                yield "delete", i, -1
                i += 1
            else:
                yield "insert", -1, j
                j += 1


def _pieces(old: str, new: str) -> list[Piece]:
    """Character differences, with scraps of one or two characters left equal between two
    changes folded into the change: 「110年受理129件」→「111年受理141件」 reads as whole
    numbers replaced, and a rewritten clause as one deletion and one insertion."""
    raw: list[Piece] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            raw.append(("equal", old[op.src_start:op.src_end]))
        elif op.tag == "delete":
            raw.append(("delete", old[op.src_start:op.src_end]))
        else:
            raw.append(("insert", new[op.dest_start:op.dest_end]))
    pieces: list[Piece] = []
    for index, (kind, text) in enumerate(raw):
        between = 0 < index < len(raw) - 1 and kind == "equal" and len(text) <= SCRAP
        if between:
            pieces += [("delete", text), ("insert", text)]
        else:
            pieces.append((kind, text))
    return _grouped(pieces)


def _grouped(pieces: list[Piece]) -> list[Piece]:
    """Each run of changes as one deletion then one insertion."""
    out: list[Piece] = []
    deleted, inserted = "", ""
    for kind, text in [*pieces, ("equal", "")]:
        if kind == "delete":
            deleted += text
        elif kind == "insert":
            inserted += text
        else:
            out += [(k, t) for k, t in (("delete", deleted), ("insert", inserted)) if t]
            deleted, inserted = "", ""
            if text:
                out.append((kind, text))
    return out


def _strip_text(element: etree._Element, paragraph: CellParagraph) -> None:
    """Take the paragraph's text out, keeping its list marker: the marker and the tab after it,
    whether they have a run of their own or share one with the text."""
    runs = element.findall(qn("w:r"))
    if paragraph.marker and runs:
        first = list(runs.pop(0))
        tab = next((i for i, child in enumerate(first) if child.tag == qn("w:tab")), len(first))
        for child in first[tab + 1:]:
            child.getparent().remove(child)
    for run in runs:
        element.remove(run)


def _run(props: etree._Element | None, text: str, *, deleted: bool = False) -> etree._Element:
    run = etree.Element(qn("w:r"))
    if props is not None:
        run.append(copy.deepcopy(props))
    tag = etree.SubElement(run, qn("w:delText" if deleted else "w:t"), _PRESERVE)
    tag.text = xml_text(text)
    return run


def _replace_text_runs(element: etree._Element, paragraph: CellParagraph, pieces: list[Piece],
                       revision: _Revision) -> None:
    props = _props(element)
    _strip_text(element, paragraph)
    for kind, text in pieces:
        if kind == "equal":
            element.append(_run(props, text))
        else:
            wrapper = revision.element("del" if kind == "delete" else "ins")
            wrapper.append(_run(props, text, deleted=kind == "delete"))
            element.append(wrapper)


def _props(element: etree._Element) -> etree._Element | None:
    runs = element.findall(qn("w:r"))
    return runs[-1].find(qn("w:rPr")) if runs else None


def _inserted_paragraph(element: etree._Element, revision: _Revision) -> None:
    """A paragraph new this period: its runs and its paragraph mark inserted."""
    for run in element.findall(qn("w:r")):
        wrapper = revision.element("ins")
        run.addprevious(wrapper)
        wrapper.append(run)
    _mark_paragraph(element, revision.element("ins"))


def _deleted_paragraph(neighbour: etree._Element, text: str, revision: _Revision, *,
                       after: bool) -> etree._Element:
    """Last period's paragraph that is gone: its text and paragraph mark deleted."""
    element = etree.Element(qn("w:p"))
    props = neighbour.find(qn("w:pPr"))
    if props is not None:
        kept = copy.deepcopy(props)
        # the neighbour's list marker is not this one's, nor its paragraph mark's revision
        for child in [c for tag in ("w:tabs", "w:ind", "w:rPr") for c in kept.findall(qn(tag))]:
            kept.remove(child)
        element.append(kept)
    wrapper = revision.element("del")
    wrapper.append(_run(_props(neighbour), text, deleted=True))
    element.append(wrapper)
    _mark_paragraph(element, revision.element("del"))
    if after:
        neighbour.addnext(element)
    else:
        neighbour.addprevious(element)
    return element


def _mark_paragraph(element: etree._Element, mark: etree._Element) -> None:
    """The paragraph mark's revision lives in pPr/rPr, which comes last in pPr."""
    props = element.find(qn("w:pPr"))
    if props is None:
        props = etree.Element(qn("w:pPr"))
        element.insert(0, props)
    run_props = props.find(qn("w:rPr"))
    if run_props is None:
        run_props = etree.SubElement(props, qn("w:rPr"))
    run_props.insert(0, mark)
