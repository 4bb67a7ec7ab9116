"""The criteria tree tells its views exactly which rows changed: no re-layout after a save."""

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from sqeditor.gui.session import ReportSession
from sqeditor.gui.tree_model import ReportTreeModel
from sqeditor.model import Node, NodeKind, Paragraph, Status
from sqeditor.store import FieldEdit, NodeDelete, NodeInsert, NodeMove, ReportStore
from tests.conftest import visible_rows

SIGNALS = ("dataChanged", "layoutChanged", "layoutAboutToBeChanged", "modelReset", "modelAboutToBeReset")


class Spy:
    """Every signal the model sends a view, with the nodes a dataChanged covers."""

    def __init__(self, model: ReportTreeModel) -> None:
        self.model = model
        self.counts = dict.fromkeys(SIGNALS, 0)
        self.changed: list[set[str]] = []
        for name in SIGNALS:
            getattr(model, name).connect(lambda *args, n=name: self._seen(n, args))

    def _seen(self, name: str, args: tuple) -> None:
        self.counts[name] += 1
        if name == "dataChanged":
            top, bottom = args[0], args[1]
            assert top.parent() == bottom.parent() and (top.column(), bottom.column()) == (0, 1)
            self.changed.append({self.model.node(top.siblingAtRow(r)).id
                                 for r in range(top.row(), bottom.row() + 1)})

    def covered(self) -> set[str]:
        return set().union(*self.changed)

    def relayouts(self) -> int:
        return sum(self.counts[n] for n in SIGNALS if n != "dataChanged")


@pytest.fixture
def session(sample_file):
    session = ReportSession(ReportStore.open(sample_file))
    yield session
    session.close()


@pytest.fixture
def model(qapp, session):
    return ReportTreeModel(session)


def model_checks(model: ReportTreeModel) -> QAbstractItemModelTester:
    """Qt's own checks of every signal from now on (aborting on a broken promise)."""
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def chain_ids(session: ReportSession, node: Node) -> set[str]:
    return {n.id for n in session.path_to(node)}


def test_a_save_repaints_the_row_and_its_ancestors_only(session, model):
    tester = model_checks(model)
    row = list(session.report.sections[1].rows())[2]
    section = session.report.sections[1]
    done, total = model.counts(section)
    row_index = model.index_of(row)
    assert row.status is not Status.DONE
    spy = Spy(model)
    session.apply([FieldEdit(row.id, "status", Status.DONE)], "變更狀態")
    assert spy.relayouts() == 0
    assert len(spy.changed) == 4  # the row, its indicator, item and section: one signal each
    assert spy.covered() == chain_ids(session, row)
    assert model.counts(section) == (done + 1, total)  # the ancestor's count is not a stale cache
    assert model.data(model.index_of(section, 1)) == f"{done + 1}/{total}"
    assert model.index_of(row) == row_index

    spy = Spy(model)
    session.apply([FieldEdit(row.id, "result", [Paragraph("本局提升服務品質。")])], "輸入文字")
    assert spy.relayouts() == 0 and spy.covered() == chain_ids(session, row)
    del tester


def test_a_change_of_findings_repaints_the_rows_whose_mark_changed(session, model):
    tester = model_checks(model)
    rows = list(session.report.rows())
    model.set_findings({rows[0].id: 1, rows[5].id: 2})
    spy = Spy(model)
    model.set_findings({rows[0].id: 1, rows[5].id: 1, rows[9].id: 3})
    assert spy.relayouts() == 0
    assert {rows[5].id, rows[9].id} <= spy.covered()
    assert rows[0].id not in spy.covered() or model.session.parent_of[rows[0].id] in (
        model.session.parent_of[rows[5].id], model.session.parent_of[rows[9].id])
    tooltip = model.data(model.index_of(rows[9]), Qt.ItemDataRole.ToolTipRole)
    assert "3 個問題" in tooltip
    spy = Spy(model)
    model.set_findings({rows[0].id: 1, rows[5].id: 1, rows[9].id: 3})
    assert spy.counts["dataChanged"] == 0  # nothing changed, nothing sent
    del tester


def test_structure_edits_renumber_sections_without_a_relayout(session, model):
    """(Qt's model tester is left out for the section: it expects the next row's label unchanged.)"""
    sections = session.report.sections
    second = sections[1]
    assert model.data(model.index_of(second)).startswith("二、")
    spy = Spy(model)
    session.apply([NodeInsert(None, 0, Node(NodeKind.SECTION, "新構面"))], "新增構面")
    assert spy.relayouts() == 0
    assert {s.id for s in sections} <= spy.covered()  # every section's number moved on
    assert model.data(model.index_of(second)).startswith("三、")

    tester = model_checks(model)
    item = second.children[0]
    rows_before = model.counts(second)[1]
    spy = Spy(model)
    session.apply([NodeDelete(item.id)], "刪除項目")
    assert spy.relayouts() == 0 and second.id in spy.covered()
    assert model.counts(second)[1] == rows_before - sum(1 for _ in item.rows())

    moved = second.children[0]
    spy = Spy(model)
    session.apply([NodeMove(moved.id, sections[0].id, 0)], "移動項目")
    assert spy.relayouts() == 0 and {second.id, sections[0].id} <= spy.covered()
    assert model.index(0, 0, model.index_of(sections[0])).internalPointer() is moved
    assert model.parent(model.index_of(moved)) == model.index_of(sections[0])
    assert model.rowCount(QModelIndex()) == len(sections)
    del tester


def test_in_the_window_a_save_and_its_check_send_no_relayout(window, qtbot):
    """The whole path: the row written, checked in the background, its mark shown in the tree."""
    window.findings_index.run_now()
    row = next(r for r in window.session.report.rows() if r.result)
    spy = Spy(window.tree_model)
    with qtbot.waitSignal(window.findings_index.changed, timeout=10_000):
        window.session.apply([FieldEdit(row.id, "result", [Paragraph("本局提昇服務品質。")])], "輸入文字")
    assert window.tree_model.findings.get(row.id, 0) > 0  # 提昇 is flagged
    assert spy.relayouts() == 0 and row.id in spy.covered()
    icon_row = window.tree_model.index_of(row)
    assert "文字檢查" in window.tree_model.data(icon_row, Qt.ItemDataRole.ToolTipRole)


def test_the_problems_filter_follows_a_save(window, qtbot):
    """Without a re-layout the filter still shows a row that gained a finding, and drops it again."""
    window.findings_index.run_now()
    row = next(r for r in window.session.report.rows() if not window.tree_model.findings.get(r.id))
    window.apply_filter(None, None, True)
    assert row not in visible_rows(window)
    for text, shown in (("本局提昇服務品質。", True), ("本局提升服務品質。", False)):
        with qtbot.waitSignal(window.findings_index.changed, timeout=10_000):
            window.session.apply([FieldEdit(row.id, "result", [Paragraph(text)])], "輸入文字")
        assert (row in visible_rows(window)) is shown
