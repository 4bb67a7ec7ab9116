"""One open report in the editor: the store, the report in memory, and the undo stack.

Every change goes through `ReportSession.apply`, which writes it to the file as one step,
mirrors it in the in-memory report, and tells the widgets which nodes changed and who
changed them (so the widget that typed the text does not reload it under the cursor).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from sqeditor.model import Node, Report, Status
from sqeditor.store import (
    Edit,
    FieldEdit,
    LastPeriodLink,
    MetaEdit,
    NodeDelete,
    NodeInsert,
    NodeMove,
    RecordEdit,
    ReportStore,
    SettingEdit,
    Step,
    codec,
)
from sqeditor.store.codec import META_KEYS, ROW_FIELDS
from sqeditor.store.report_store import DRAFT_UNLOCKED_KEY

if TYPE_CHECKING:
    from sqeditor.last_period import PeriodLink


class StepCommand(QUndoCommand):
    """An undo-stack entry for a stored step; undoing applies its inverse as a new step."""

    def __init__(self, session: ReportSession, step: Step) -> None:
        super().__init__(step.label)
        self.session = session
        self.step = step
        self._skip_first_redo = True

    def undo(self) -> None:
        label = QCoreApplication.translate("StepCommand", "復原：{}").format(self.step.label)
        self._redo_edits = self.session.apply_raw(self.step.inverse, label).inverse

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self.step = self.session.apply_raw(self._redo_edits, self.step.label)


class ReportSession(QObject):
    """The open report; the only way widgets change it."""

    nodes_changed = Signal(object, object)  # set of node ids, origin widget (or None)
    structure_edit = Signal(object)  # one NodeInsert/NodeDelete/NodeMove, after the report changed
    structure_about_to_change = Signal(object)  # the same edit, before the report changes
    settings_changed = Signal()  # dictionary words, disabled rules, units or ignored findings
    last_period_changed = Signal()  # last period linked, unlinked, or a row's match fixed by hand
    info_changed = Signal()  # 報告資訊 (meta) or a draft's unlocked rows

    def __init__(self, store: ReportStore, *, untitled: bool = False) -> None:
        super().__init__()
        self.store = store
        self.untitled = untitled
        self.report: Report = store.load()
        self.undo_stack = QUndoStack(self)
        self._period_link: PeriodLink | None = None
        self._period_known = False  # worked out when first asked
        self.structure_edit.connect(lambda _e: self._forget_period_link())
        self._reindex()

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def _reindex(self) -> None:
        self.nodes: dict[str, Node] = self.report.node_index()
        self.parent_of: dict[str, Node | None] = {s.id: None for s in self.report.sections}
        self.parent_of.update(self.report.parents())

    def siblings(self, node: Node) -> list[Node]:
        parent = self.parent_of.get(node.id)
        return parent.children if parent is not None else self.report.sections

    def position_of(self, node: Node) -> int:
        """Index among its siblings, by identity (Node equality compares whole subtrees)."""
        return next(i for i, sibling in enumerate(self.siblings(node)) if sibling is node)

    def path_to(self, node: Node) -> list[Node]:
        chain = [node]
        while (parent := self.parent_of.get(chain[-1].id)) is not None:
            chain.append(parent)
        return chain[::-1]

    # --- changing ------------------------------------------------------------------------

    def apply(self, edits: list[Edit], label: str, *, coalesce: bool = False,
              origin: object = None) -> Step:
        """Write edits as one undoable step (merged into the last one when coalescing)."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        step = self.apply_raw(edits, label, coalesce=coalesce, origin=origin)
        if not (isinstance(top, StepCommand) and top.step is step):
            self.undo_stack.push(StepCommand(self, step))
        return step

    def apply_raw(self, edits: list[Edit], label: str, *, coalesce: bool = False,
                  origin: object = None) -> Step:
        """Write edits and mirror them in memory, without touching the undo stack."""
        step = self.store.apply(edits, label, coalesce=coalesce)
        changed: set[str] = set()
        for edit in step.edits:  # the store may add to them (a unit typed on a row joins the list)
            if isinstance(edit, FieldEdit):
                self._mirror_field(edit, step)
                changed.add(edit.node_id)
            elif isinstance(edit, NodeInsert | NodeDelete | NodeMove):
                self._mirror_structure(edit)
            elif isinstance(edit, SettingEdit):
                self._mirror_setting(edit)
            elif isinstance(edit, RecordEdit) and edit.table == "ignored_finding":
                self.settings_changed.emit()
            elif isinstance(edit, LastPeriodLink) or (
                    isinstance(edit, RecordEdit) and edit.table == "last_period_match"):
                self._forget_period_link()
                self.last_period_changed.emit()
            elif isinstance(edit, MetaEdit):
                self._mirror_meta(edit)
        self.nodes_changed.emit(changed, origin)
        return step

    def _mirror_field(self, edit: FieldEdit, step: Step) -> None:
        node = self.nodes[edit.node_id]
        value = edit.value
        if edit.field == "status":
            value = Status(value)
        elif edit.field == "result":
            value = list(value)  # type: ignore[call-overload]
        setattr(node, edit.field, value)
        if edit.field in ROW_FIELDS:
            node.edited_by, node.edited_at = self.store.user, step.at.replace(microsecond=0)

    def _mirror_setting(self, edit: SettingEdit) -> None:
        report = self.report
        if edit.table == "unit":
            if edit.present and edit.value not in report.units:
                report.units.append(edit.value)
            elif not edit.present and edit.value in report.units:
                report.units.remove(edit.value)
        else:
            words = report.dictionary if edit.table == "dictionary_word" else report.disabled_rules
            (words.add if edit.present else words.discard)(edit.value)
        self.settings_changed.emit()

    def _mirror_meta(self, edit: MetaEdit) -> None:
        report = self.report
        if edit.key in META_KEYS:
            items = codec.meta_to_items(report.meta) | {edit.key: edit.value}
            report.meta = codec.meta_from_items(items)
        elif edit.key == DRAFT_UNLOCKED_KEY and report.draft is not None:
            report.draft.unlocked = set(json.loads(edit.value or "[]"))
        self.info_changed.emit()

    def _mirror_structure(self, edit: NodeInsert | NodeDelete | NodeMove) -> None:
        self.structure_about_to_change.emit(edit)
        if isinstance(edit, NodeInsert):
            node = copy.deepcopy(edit.node)
            parent = self.nodes[edit.parent_id] if edit.parent_id else None
            (parent.children if parent else self.report.sections).insert(edit.position, node)
        elif isinstance(edit, NodeDelete):
            node = self.nodes[edit.node_id]
            self.siblings(node).remove(node)
        else:
            node = self.nodes[edit.node_id]
            self.siblings(node).remove(node)
            parent = self.nodes[edit.parent_id] if edit.parent_id else None
            (parent.children if parent else self.report.sections).insert(edit.position, node)
        self._reindex()
        self.structure_edit.emit(edit)

    # --- last period ---------------------------------------------------------------------

    @property
    def period_link(self) -> PeriodLink | None:
        """Last period's report and the rows matched to it (None when not linked), worked out
        when first asked and again after a link, a fixed match or a change of the tree."""
        if not self._period_known:
            from sqeditor.last_period import PeriodLink
            self._period_link = PeriodLink.of_store(self.store, self.report)
            self._period_known = True
        return self._period_link

    def _forget_period_link(self) -> None:
        self._period_known = False

    def close(self) -> None:
        self.undo_stack.clear()  # undoing needs the store
        self.store.close()
