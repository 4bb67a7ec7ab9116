"""The form for one row: its standard, the result editor, unit, status and comment.

Edits are saved by the form itself: within a second of the last keystroke, on focus
change and when the form goes away, never while the input method is composing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.gui.dates import shown_datetime
from sqeditor.gui.findings_index import FindingAction, FindingsIndex
from sqeditor.gui.labels import status_text
from sqeditor.gui.last_period_panel import LastPeriodPanel
from sqeditor.gui.palette_colours import secondary_text, set_text_colour
from sqeditor.gui.result_editor import ResultEditor
from sqeditor.gui.session import ReportSession
from sqeditor.gui.typing_steps import TypingSteps
from sqeditor.merge import draft_row_editable, unlock_edit
from sqeditor.model import Node, Status
from sqeditor.store import FieldEdit

if TYPE_CHECKING:
    from sqeditor.rules.finding import Finding

SAVE_DELAY_MS = 500
SAVE_RETRY_MS = 5000
COMPACT_MIN_HEIGHT, COMPACT_MAX_HEIGHT = 70, 360
COUNT_DELAY_MS = 150  # the character count follows typing without a walk per keystroke
_GLOBAL_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
                QKeySequence.StandardKey.Find, QKeySequence.StandardKey.Replace)
_AWAY = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)
_KEY_EVENTS = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
_GLOBAL_SHORTCUTS = ("Ctrl+Y", "Ctrl+H", "Ctrl+PgUp", "Ctrl+PgDown", "F6")


class RowForm(QFrame):
    """Edits one standard row and keeps the file up to date with what is typed."""

    pending_changed = Signal(bool)  # True while typed text waits to be saved
    save_failed = Signal(str)  # why the file could not be written (the text stays pending)
    focused = Signal(object)  # this form, when one of its fields takes focus

    def __init__(self, session: ReportSession, node: Node, *, template_mode: bool = False,
                 compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.node = node
        self.template_mode = template_mode
        self._dirty: dict[str, str] = {}
        self.findings: FindingsIndex | None = None
        self.file_read_only = session.read_only
        self.steps = TypingSteps()
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS, objectName="saveTimer")
        self._timer.timeout.connect(self.flush)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS, objectName="countTimer")
        self._count_timer.timeout.connect(self._show_char_count)
        self.setFrameShape(QFrame.Shape.StyledPanel if compact else QFrame.Shape.NoFrame)
        self._build(compact)
        self.load()
        session.nodes_changed.connect(self._on_nodes_changed)
        session.info_changed.connect(self._show_lock)
        session.settings_changed.connect(self._refresh_units)

    # --- layout --------------------------------------------------------------------------

    def _build(self, compact: bool) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._lock_banner())
        self.standard_view = QLabel(wordWrap=True, objectName="standardText")
        self.standard_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.standard_edit = QPlainTextEdit(objectName="standardEdit")
        self.standard_edit.setMaximumHeight(90)
        self.standard_edit.textChanged.connect(lambda: self._mark("title"))
        self.standard_view.setVisible(not self.template_mode)
        self.standard_edit.setVisible(self.template_mode)
        layout.addWidget(self.standard_view)
        layout.addWidget(self.standard_edit)
        self.editor = ResultEditor(self)
        self.editor.setObjectName("resultEditor")
        if compact:  # rows one under another: each editor as tall as its text
            self.editor.document().documentLayout().documentSizeChanged.connect(self._fit_height)
            self._fit_height()
        else:
            self.editor.setMinimumHeight(140)  # fields below stay in view at 1280×720 with 文字檢查 docked
            self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.editor.edited.connect(lambda: self._mark("result"))
        self.editor.step_ended.connect(self.end_burst)
        self.editor.installEventFilter(self)
        layout.addLayout(self._level_buttons())
        self.last_panel: LastPeriodPanel | None = None
        if compact:
            layout.addWidget(self.editor, 1)
        else:  # one row: last period's text beside the editor (hidden when not linked)
            self.last_panel = LastPeriodPanel(self.session, self)
            self.last_panel.copy_requested.connect(self._copy_last_period)
            self.editor.edited.connect(lambda: self.last_panel.text_edited(self.editor.paragraphs()))
            beside = QSplitter(Qt.Orientation.Horizontal, objectName="editorBesideLastPeriod")
            beside.addWidget(self.editor)
            beside.addWidget(self.last_panel)
            beside.setChildrenCollapsible(False)
            layout.addWidget(beside, 1)
        layout.addLayout(self._build_fields())

    def _lock_banner(self) -> QFrame:
        """In a unit's draft, over another unit's row: whose row it is, and a deliberate unlock."""
        self.lock_banner = QFrame(objectName="draftLockBanner")
        self.lock_banner.setStyleSheet("#draftLockBanner { background: #e7f1ff; color: #084298; }")
        line = QHBoxLayout(self.lock_banner)
        line.setContentsMargins(6, 4, 6, 4)
        self.lock_label = QLabel(wordWrap=True, objectName="draftLockText")
        self.unlock_button = QPushButton(self.tr("解除鎖定(&L)"), objectName="unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        line.addWidget(self.lock_label, 1)
        line.addWidget(self.unlock_button)
        self.lock_banner.hide()
        return self.lock_banner

    def locked(self) -> bool:
        return not draft_row_editable(self.session.report, self.node)

    def _show_lock(self) -> None:
        draft = self.session.report.draft
        locked = draft is not None and self.locked()
        if locked:
            owner = self.node.unit or self.tr("（未指派）")
            self.lock_label.setText(self.tr(
                "這一列屬於「{0}」，在「{1}」的草稿中不能修改。若確實需要代為修改，請按「解除鎖定」："
                "合併時協調人會看到這是修改了其他單位的列，由協調人決定是否採用。").format(owner, draft.unit))
        elif draft is not None and self.node.id in draft.unlocked:
            self.lock_label.setText(self.tr(
                "這一列屬於「{0}」，已解除鎖定：這裡的修改在合併時會列為「修改了其他單位的列」。").format(
                    self.node.unit or self.tr("（未指派）")))
        self.unlock_button.setVisible(locked)
        self.lock_banner.setVisible(draft is not None and (locked or self.node.id in draft.unlocked))
        self._apply_read_only()

    def unlock(self) -> None:
        """Unlocking is recorded in the draft (undoable), so the merge can name it."""
        if self.session.read_only or not self.locked():
            return
        label = self.tr("解除鎖定：{0}").format(self.node.unit or self.tr("（未指派）"))
        self.session.apply([unlock_edit(self.session.report, self.node)], label, origin=self)

    def _fit_height(self) -> None:
        height = int(self.editor.document().size().height()) + 2 * self.editor.frameWidth() + 8
        self.editor.setFixedHeight(max(COMPACT_MIN_HEIGHT, min(height, COMPACT_MAX_HEIGHT)))

    def _level_buttons(self) -> QHBoxLayout:
        line = QHBoxLayout()
        result_label = QLabel(self.tr("評核結果說明(&R)"))
        result_label.setBuddy(self.editor)
        line.addWidget(result_label)
        line.addStretch()
        for action in (self.editor.decrease_level_action, self.editor.increase_level_action):
            button = QToolButton(autoRaise=True)
            button.setDefaultAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the cursor in the text
            line.addWidget(button)
        return line

    def _build_fields(self) -> QFormLayout:
        self.unit_box = QComboBox(editable=True, objectName="unitBox")
        self.unit_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_box.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.unit_box.completer().setFilterMode(Qt.MatchFlag.MatchContains)  # 資訊 finds 資訊室
        self.unit_box.lineEdit().setPlaceholderText(self.tr("未指派"))
        self.unit_box.activated.connect(lambda _i: self._save_choice("unit"))
        self.unit_box.lineEdit().editingFinished.connect(lambda: self._save_choice("unit"))
        self.status_box = QComboBox(objectName="statusBox")
        for status in Status:
            self.status_box.addItem(status_text(status), status)
        self.status_box.activated.connect(lambda _i: self._save_choice("status"))
        self.count_label = QLabel(objectName="charCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("00,000 characters"))
        self.edited_label = QLabel(objectName="lastEdited")
        set_text_colour(self.edited_label, secondary_text(self.edited_label.palette()))
        line = QHBoxLayout()
        line.addWidget(self.unit_box, 2)
        line.addWidget(self._buddy(self.tr("狀態(&S)"), self.status_box))
        line.addWidget(self.status_box, 1)
        line.addStretch()
        line.addWidget(self.count_label)
        self.comment_edit = QLineEdit(objectName="commentEdit")
        self.comment_edit.setPlaceholderText(self.tr("審閱意見（不會印出）"))
        self.comment_edit.textEdited.connect(lambda _t: self._mark("comment"))
        self.comment_edit.installEventFilter(self)
        form = QFormLayout()
        form.addRow(self._buddy(self.tr("承辦單位(&U)"), self.unit_box), line)
        form.addRow(self._buddy(self.tr("審閱意見(&M)"), self.comment_edit), self.comment_edit)
        form.addRow("", self.edited_label)
        self._mnemonics = {Qt.Key.Key_R: self.editor, Qt.Key.Key_U: self.unit_box,
                           Qt.Key.Key_S: self.status_box, Qt.Key.Key_M: self.comment_edit}
        for widget in (self.unit_box, self.unit_box.lineEdit(), self.status_box):
            widget.installEventFilter(self)
        return form

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _mnemonic_target(self, event: QKeyEvent) -> QWidget | None:
        """This row's field for Alt+R/U/S/M: with several rows shown, the labels' own
        shortcuts would be ambiguous, so the row the cursor is in answers them."""
        if event.modifiers() != Qt.KeyboardModifier.AltModifier:
            return None
        return self._mnemonics.get(Qt.Key(event.key()))

    # --- showing the row -----------------------------------------------------------------

    def load(self) -> None:
        """Show the row's stored values (never while the clerk is composing in it)."""
        node = self.node
        self.standard_view.setText(node.title)
        if self.standard_edit.toPlainText() != node.title:
            self.standard_edit.blockSignals(True)
            self.standard_edit.setPlainText(node.title)
            self.standard_edit.blockSignals(False)
        if self.editor.paragraphs() != node.result and not self.editor.is_composing():
            self.editor.set_paragraphs(node.result)
        self._refresh_units()
        self.status_box.setCurrentIndex(list(Status).index(node.status))
        if self.comment_edit.text() != node.comment:
            self.comment_edit.setText(node.comment)
        self._show_counts()
        self._show_lock()
        self._dirty.clear()
        if self.last_panel is not None:
            self.last_panel.show_row(node, node.result)

    def _refresh_units(self) -> None:
        """The report's one unit list, offered with completion, and this row's unit."""
        units = [*self.session.report.units]
        if self.node.unit and self.node.unit not in units:
            units.append(self.node.unit)
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        self.unit_box.addItems(units)
        self.unit_box.setCurrentText(self.node.unit)
        self.unit_box.blockSignals(False)

    def set_node(self, node: Node) -> None:
        """Show another row in this form (cheaper than building a new form)."""
        self.end_burst()
        self.node = node
        self.load()
        self._show_findings()

    def _show_counts(self) -> None:
        self._show_char_count()
        node = self.node
        if node.edited_at is not None:
            when = shown_datetime(node.edited_at)
            self.edited_label.setText(self.tr("最後編輯：{0}，{1}").format(node.edited_by, when))
        else:
            self.edited_label.setText(self.tr("尚未編輯"))

    def _show_char_count(self) -> None:
        """Characters without white space (what Chinese writers count), shortly after typing."""
        chars = sum(len("".join(p.text.split())) for p in self.editor.paragraphs())
        self.count_label.setText(self.tr("{0} 字").format(chars))

    def _on_nodes_changed(self, ids: set[str], origin: object) -> None:
        if self.node.id in ids and origin is not self:
            self.load()
        elif self.node.id in ids:
            self._show_counts()

    # --- saving --------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        return bool(self._dirty)

    def _mark(self, field: str) -> None:
        if self.session.read_only:
            return
        was = self.pending
        self._dirty[field] = field
        self.steps.keystroke()
        if field == "result":
            self._count_timer.start()
        self._timer.start()
        if not was:
            self.pending_changed.emit(True)

    def _label(self, field: str) -> str:
        return {"result": self.tr("輸入文字"), "comment": self.tr("編輯審閱意見"),
                "title": self.tr("修改參考標準"), "unit": self.tr("變更承辦單位"),
                "status": self.tr("變更狀態")}[field]

    def flush(self, *, commit: bool = False) -> bool:
        """Save what was typed; with commit, first finish an open composition (even when nothing
        else was typed: the composed text is the first edit then). True if saved."""
        if self.editor.is_composing():
            if not commit:
                self._timer.start()
                return False
            self.editor.commit_composition()  # marks the result dirty through `edited`
        if not self._dirty:
            return True
        self._timer.stop()
        values = {"result": self.editor.paragraphs, "comment": self.comment_edit.text,
                  "title": lambda: self.standard_edit.toPlainText().strip()}
        coalesce = self.steps.joins()
        for field in list(self._dirty):
            value = values[field]()
            if value != getattr(self.node, field):
                label = self.editor.last_edit_label if field == "result" else ""
                try:
                    self.session.apply([FieldEdit(self.node.id, field, value)],
                                       label or self._label(field), coalesce=coalesce, origin=self)
                except SqeditorError as exc:
                    self._timer.start(SAVE_RETRY_MS)
                    self.save_failed.emit(exc.message)
                    return False
            self._dirty.pop(field)
        self.pending_changed.emit(False)
        return True

    def end_burst(self) -> None:
        """Save everything now and let the next keystroke start a new undo step."""
        self.flush(commit=True)
        self.steps.close()

    def _save_choice(self, field: str) -> None:
        if self.session.read_only:
            return
        value: object = (self.unit_box.currentText().strip() if field == "unit"
                         else Status(self.status_box.currentData()))
        if value == getattr(self.node, field):
            return
        self.end_burst()
        label = self._label(field)
        if field == "status":
            label = f"{label}：{status_text(value)}"  # type: ignore[arg-type]
        self.session.apply([FieldEdit(self.node.id, field, value)], label, origin=self)

    def _copy_last_period(self, paragraphs: list) -> None:
        """Last period's result as this period's starting point: one step, undone with Ctrl+Z."""
        if self.session.read_only:
            return
        self.end_burst()
        self.session.apply([FieldEdit(self.node.id, "result", paragraphs)], self.tr("帶入上期內容"))
        self.editor.setFocus()

    # --- events --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Runs for every key the clerk types: plain typing leaves after two cheap checks."""
        kind = event.type()
        if kind in _KEY_EVENTS:
            if event.modifiers() in _PLAIN and event.key() != Qt.Key.Key_F6:
                return False
            return self._command_key(kind, event)
        if kind == QEvent.Type.FocusOut and event.reason() in _AWAY:
            self.flush(commit=True)  # saved; whether typing goes on in the same step, the pause decides
        elif kind == QEvent.Type.FocusOut:
            self.end_burst()
        elif kind == QEvent.Type.FocusIn:
            self.focused.emit(self)
        return False

    def _command_key(self, kind: QEvent.Type, event: QKeyEvent) -> bool:
        if kind == QEvent.Type.ShortcutOverride and _is_global(event):
            event.ignore()  # undo, redo, search and moving between rows act on the whole report
            return True
        target = self._mnemonic_target(event)
        if target is None:
            return False
        if kind == QEvent.Type.KeyPress:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        event.accept()
        return True

    def use_findings(self, index: FindingsIndex) -> None:
        """Underline as the clerk types, and show what the whole-report check found here."""
        self.findings = index
        self.editor.set_checker(lambda text, level: index.checker.check_text(text, level=level))
        self.editor.set_finding_counter(index.same_count)
        self.editor.finding_action.connect(self._on_finding_action)
        index.changed.connect(self._show_findings)
        self._show_findings()

    def _show_findings(self) -> None:
        if self.findings is not None:
            self.editor.set_findings(self.findings.result_findings(self.node.id))

    def _on_finding_action(self, action: str, finding: Finding, value: str) -> None:
        if action != FindingAction.APPLY and self.findings is not None:
            self.end_burst()  # the change below must not be overwritten by text typed before it
            self.findings.handle(action, finding, value)

    def detach(self) -> None:
        """Stop following the session (the form is about to go away)."""
        self._timer.stop()
        self._count_timer.stop()
        self.session.nodes_changed.disconnect(self._on_nodes_changed)
        self.session.info_changed.disconnect(self._show_lock)
        self.session.settings_changed.disconnect(self._refresh_units)
        if self.findings is not None:
            self.findings.changed.disconnect(self._show_findings)

    def set_read_only(self, read_only: bool) -> None:
        """The file's state; another unit's row in a draft is read-only on top of it."""
        self.file_read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        read_only = self.file_read_only or self.locked()
        self.editor.set_read_only(read_only)
        for widget in (self.unit_box, self.status_box, self.comment_edit, self.standard_edit):
            widget.setEnabled(not read_only)


def _is_global(event: QKeyEvent) -> bool:
    """A key the window's menus handle even while a field of the form has focus."""
    if any(event.matches(key) for key in _GLOBAL_KEYS):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(QKeySequence(text)) == QKeySequence.SequenceMatch.ExactMatch
               for text in _GLOBAL_SHORTCUTS)
