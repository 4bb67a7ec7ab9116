"""Result cells of an exported Word table rewritten as tracked changes (w:ins / w:del).

It works on the document the Word export builds, before it is saved: the table's rows are
the layout's rows, in order, and a body row names the report row it shows, so each result
cell is found through the layout. A cell whose row has several versions is rewritten from
revision_pieces' paragraphs: plain runs for text no one changed, w:ins and w:del runs with
the author and date of the change, and the paragraph marks' own revisions in w:pPr/w:rPr.
Accepting every change in Word gives the report's text as it is now; rejecting every change,
the text the versions start from. Whatever the versions are measured against (a date,
the split, last period's report), the caller says.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator, Mapping, Sequence

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from sqeditor.exchange.layout import CellParagraph, PageLayout, RowKind
from sqeditor.exchange.revision_pieces import Revision, ShownParagraph, Version, changed, tracked_paragraphs
from sqeditor.exchange.xml_text import xml_text

_PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # local time marked Z, as Word itself writes it


def mark_revisions(document: Document, layout: PageLayout, versions: Mapping[str, Sequence[Version]]) -> int:
    """Rewrite the result cells of the document's table whose rows changed; how many did."""
    table = document.element.body.find(qn("w:tbl"))
    rows = [] if table is None else table.findall(qn("w:tr"))
    if len(rows) != len(layout.rows):
        raise ValueError(f"the table has {len(rows)} rows, the layout {len(layout.rows)}")
    ids = itertools.count(1)
    count = 0
    for layout_row, row in zip(layout.rows, rows, strict=True):
        history = versions.get(layout_row.node_id, ()) if layout_row.kind is RowKind.BODY else ()
        if changed(history):
            _rewrite_cell(row.findall(qn("w:tc"))[-1], layout_row.cells[-1].paragraphs,
                          tracked_paragraphs(history), ids)
            count += 1
    return count


def _rewrite_cell(cell: etree._Element, layout_paragraphs: list[CellParagraph],
                  shown: list[ShownParagraph], ids: Iterator[int]) -> None:
    old = cell.findall(qn("w:p"))
    props = _run_props(cell)
    marked: set[int] = set()
    for element in old:
        cell.remove(element)
    for paragraph in shown:
        index = min(paragraph.index, len(old) - 1)
        element = etree.SubElement(cell, qn("w:p"))
        paragraph_props = old[index].find(qn("w:pPr"))
        if paragraph_props is not None:
            element.append(copy.deepcopy(paragraph_props))
        marker = layout_paragraphs[index].marker if index < len(layout_paragraphs) else ""
        if marker and index not in marked and not paragraph.all_deleted:
            marked.add(index)
            run = _run(element, props)
            _text(run, "w:t", marker)
            etree.SubElement(run, qn("w:tab"))
        for piece in paragraph.pieces:
            target = element
            if piece.inserted is not None:
                target = _revision(target, "w:ins", piece.inserted, ids)
            if piece.deleted is not None:
                target = _revision(target, "w:del", piece.deleted, ids)
            _text(_run(target, props), "w:delText" if piece.deleted else "w:t", piece.text)
        _mark_revisions(element, paragraph, ids)


def _run_props(cell: etree._Element) -> etree._Element | None:
    """The character formatting of the cell's text, or of its row's (an empty result has none)."""
    for scope in (cell, cell.getparent()):
        found = scope.find(f".//{qn('w:r')}/{qn('w:rPr')}")
        if found is not None:
            return found
    return None


def _run(parent: etree._Element, props: etree._Element | None) -> etree._Element:
    run = etree.SubElement(parent, qn("w:r"))
    if props is not None:
        run.append(copy.deepcopy(props))
    return run


def _text(run: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(run, qn(tag), _PRESERVE).text = xml_text(text)


def _revision(parent: etree._Element, tag: str, by: Revision, ids: Iterator[int]) -> etree._Element:
    element = _revision_element(tag, by, ids)
    parent.append(element)
    return element


def _revision_element(tag: str, by: Revision, ids: Iterator[int]) -> etree._Element:
    return etree.Element(qn(tag), {qn("w:id"): str(next(ids)), qn("w:author"): xml_text(by.author),
                                   qn("w:date"): by.at.strftime(_DATE_FORMAT)})


def _mark_revisions(element: etree._Element, paragraph: ShownParagraph, ids: Iterator[int]) -> None:
    """An inserted or deleted paragraph mark is recorded in w:pPr/w:rPr (last in w:pPr)."""
    marks = [(tag, by) for tag, by in (("w:ins", paragraph.mark_inserted), ("w:del", paragraph.mark_deleted))
             if by is not None]
    if not marks:
        return
    props = element.find(qn("w:pPr"))
    if props is None:
        props = etree.Element(qn("w:pPr"))
        element.insert(0, props)
    run_props = props.find(qn("w:rPr"))
    if run_props is None:
        run_props = etree.SubElement(props, qn("w:rPr"))
    for position, (tag, by) in enumerate(marks):  # ins and del come first in w:rPr
        run_props.insert(position, _revision_element(tag, by, ids))

