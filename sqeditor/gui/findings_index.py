"""The writing rules' findings for the open report, kept up to date as the clerk types.

Changed nodes are checked in small slices from the event loop so a large report never
freezes the window; the whole-report pass (consistency between rows) follows a pause on
small reports and runs on request (檢查文字, F7) on large ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from sqeditor.gui.session import ReportSession
from sqeditor.store import FieldEdit, RecordEdit, SettingEdit

if TYPE_CHECKING:  # the rules are imported when first used: compiling them slows the start
    from sqeditor.rules import Checker
    from sqeditor.rules.finding import Finding

NODES_PER_SLICE = 2  # a few ms per slice, so typing during a check stays smooth
START_DELAY_MS = 800  # let the window appear and answer first
WIDE_DELAY_MS = 2000
WIDE_AUTO_MAX_ROWS = 400  # above this the report-wide pass waits for 檢查文字 (F7)


class FindingAction:
    """Names of the context-menu actions on a finding, sent with `finding_action`."""

    APPLY = "apply"  # already applied to this editor's text when the signal fires
    APPLY_ALL = "apply_all"
    IGNORE = "ignore"
    ADD_TO_DICTIONARY = "add_to_dictionary"


def fix_label(finding: Finding, suggestion: str) -> str:
    """The undo step's name for one applied fix: the same from the panel and the text's menu."""
    translate = QCoreApplication.translate
    if finding.grouped:
        return translate("FindingsIndex", "套用建議（{0} 處）").format(finding.grouped)
    if suggestion:
        return translate("FindingsIndex", "套用建議：「{0}」改為「{1}」").format(finding.text, suggestion)
    return translate("FindingsIndex", "套用建議：刪除「{0}」").format(finding.text)


class FindingsIndex(QObject):
    """Findings per node, their counts for the tree, and applying fixes across the report."""

    changed = Signal()

    def __init__(self, session: ReportSession) -> None:
        super().__init__()
        self.session = session
        self.local: dict[str, list[Finding]] = {}
        self.template_mode = False  # findings on the fixed criteria text are shown only then
        self._ordered: list[Finding] | None = None  # findings() until the next change
        self._node_order: list[str] | None = None  # node ids in document order, until a move
        self._queue: dict[str, None] = {}
        self._wide_due = False
        self._slice_timer = QTimer(self, interval=0)
        self._start_timer = QTimer(self, singleShot=True, interval=START_DELAY_MS)
        self._start_timer.timeout.connect(self._slice_timer.start)
        self._slice_timer.timeout.connect(self._check_slice)
        self._wide_timer = QTimer(self, singleShot=True, interval=WIDE_DELAY_MS)
        self._wide_timer.timeout.connect(self._check_whole)
        self._checker: Checker | None = None  # built on first use: loading the packs takes a while
        session.nodes_changed.connect(self._on_nodes_changed)
        session.structure_edit.connect(lambda _e: self.recheck_all())
        session.settings_changed.connect(self._on_settings_changed)
        session.last_period_changed.connect(self._on_settings_changed)  # last period's text changed

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            from sqeditor.rules import Checker  # compiling the rule packs: not before it is needed
            session = self.session
            link = session.period_link
            self._checker = Checker.for_report(session.report, session.store.ignored_findings(),
                                               link.context(session.report) if link else None)
        return self._checker

    # --- checking ------------------------------------------------------------------------

    def recheck_all(self, *, wide: bool = True) -> None:
        self.local = {k: v for k, v in self.local.items() if k in self.session.nodes}
        self._ordered = self._node_order = None  # nodes went or moved
        self._queue = dict.fromkeys(self.session.nodes)
        self._wide_due = wide
        self._start_timer.start()

    def stop(self) -> None:
        """The report is closing: no more checks."""
        self._start_timer.stop()
        self._slice_timer.stop()
        self._wide_timer.stop()
        self._queue.clear()

    def run_now(self) -> None:
        """Check everything at once (檢查文字, tests)."""
        self._start_timer.stop()
        self._slice_timer.stop()
        self._wide_timer.stop()
        self._queue.clear()
        self._check_whole()

    def _check_slice(self) -> None:
        nodes = self.session.nodes
        for _ in range(NODES_PER_SLICE):
            if not self._queue:
                break
            node_id = next(iter(self._queue))
            del self._queue[node_id]
            if node_id in nodes:
                self.local[node_id] = self.checker.check_node(nodes[node_id])
                self._ordered = None
        if not self._queue:
            self._slice_timer.stop()
            if self._wide_due:
                self._wide_due = False
                self._wide_timer.start()
            self._emit_changed()

    def _check_whole(self) -> None:
        """Every rule, including those that compare rows (consistency of spellings)."""
        self.local = {node_id: [] for node_id in self.session.nodes}
        for finding in self.checker.check_report(self.session.report):
            self.local.setdefault(finding.node_id, []).append(finding)
        self._emit_changed()

    def _on_nodes_changed(self, ids: set[str], _origin: object) -> None:
        self._queue.update(dict.fromkeys(ids))
        rows = len(self.session.nodes)
        self._wide_due = self._wide_due or rows <= WIDE_AUTO_MAX_ROWS
        self._slice_timer.start()

    def _on_settings_changed(self) -> None:
        self._checker = None
        self.recheck_all()

    # --- reading -------------------------------------------------------------------------

    def set_template_mode(self, on: bool) -> None:
        self.template_mode = on
        self._emit_changed()

    def _emit_changed(self) -> None:
        self._ordered = None
        self.changed.emit()

    def findings(self) -> list[Finding]:
        """The findings the clerk can act on, in document order (see `actionable`); walked
        once per change, not once per reader (the panel, the tree, the editors' menus)."""
        if self._ordered is None:
            self._ordered = self._in_document_order()
        return self._ordered

    def _in_document_order(self) -> list[Finding]:
        if not any(self.local.values()):  # before the first check: no walk of the whole report
            return []
        from sqeditor.rules.finding import actionable
        if self._node_order is None:
            self._node_order = [node.id for node in self.session.report.walk()]
        local = self.local
        return actionable((f for node_id in self._node_order if node_id in local for f in local[node_id]),
                          template=self.template_mode)

    def counts(self) -> dict[str, int]:
        """Findings per node, from the per-node lists: no walk of the report."""
        from sqeditor.rules.finding import actionable
        found = {node_id: len(actionable(fs, template=self.template_mode))
                 for node_id, fs in self.local.items() if fs}
        return {node_id: count for node_id, count in found.items() if count}

    def same_count(self, finding: Finding) -> int:
        return sum(1 for f in self.findings() if (f.rule, f.text) == (finding.rule, finding.text))

    # --- acting on findings --------------------------------------------------------------

    def handle(self, action: str, finding: Finding, value: str) -> None:
        """What the result editor's finding menu asked for beyond its own text."""
        if action == FindingAction.APPLY_ALL:
            self.apply_all(finding, value)
        elif action == FindingAction.IGNORE:
            self.ignore(finding)
        elif action == FindingAction.ADD_TO_DICTIONARY:
            self.session.apply([SettingEdit("dictionary_word", value, True)],
                               self.tr("加入字典：{0}").format(value))

    def result_findings(self, node_id: str) -> list[Finding]:
        """A row's result findings, for its editor (which drops those its own check repeats)."""
        return [f for f in self.local.get(node_id, []) if f.field == "result"]

    def ignore(self, finding: Finding) -> None:
        """Kept in the file, so the whole team stops seeing it; undoable."""
        key = {"rule": finding.rule, "node_id": finding.node_id, "text": finding.text}
        self.session.apply([RecordEdit("ignored_finding", key, {})],
                           self.tr("忽略「{0}」").format(finding.text))

    def apply_all(self, finding: Finding, suggestion: str) -> int:
        """Apply a suggestion wherever the same rule flags the same text: one undoable step."""
        same = [f for f in self.findings() if (f.rule, f.text) == (finding.rule, finding.text)]
        edits = self.edits_for(same, suggestion)
        if edits:
            label = self.tr("全部改為「{0}」（{1} 處）").format(suggestion, len(same))
            self.session.apply(edits, label)
        return len(same) if edits else 0

    def edits_for(self, findings: Iterable[Finding], suggestion: str) -> list[FieldEdit]:
        from sqeditor.rules.engine import apply_suggestion, apply_to_paragraphs
        by_node: dict[str, list[Finding]] = {}
        for finding in findings:
            by_node.setdefault(finding.node_id, []).append(finding)
        edits = []
        for node_id, found in by_node.items():
            node = self.session.nodes[node_id]
            result, title = list(node.result), node.title
            for f in sorted(found, key=lambda f: (f.paragraph, f.start), reverse=True):
                if f.field == "result":
                    result = apply_to_paragraphs(result, f, suggestion)
                else:
                    title = apply_suggestion(title, f, suggestion)
            if result != node.result:
                edits.append(FieldEdit(node_id, "result", result))
            if title != node.title:
                edits.append(FieldEdit(node_id, "title", title))
        return edits
