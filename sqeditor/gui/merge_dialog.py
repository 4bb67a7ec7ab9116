"""工具 → 分割草稿 and 合併草稿: split for units; merge drafts and settle conflicts side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.exchange.xlsx_text import write_text_table
from sqeditor.file_formats import read_returned
from sqeditor.gui.folder_choice import show_folder
from sqeditor.gui.held_files import write_or_write_beside
from sqeditor.gui.palette_colours import marked_background
from sqeditor.gui.utf16 import to_utf16
from sqeditor.gui.window_geometry import fit_dialog
from sqeditor.merge import DraftMerger, MergeOutcome, resolve_conflict, split_drafts
from sqeditor.merge.char_diff import Span, char_spans
from sqeditor.merge.conflicts import current_value, display_text, value_from_text
from sqeditor.merge.merge_report import (
    COLUMN_WIDTHS,
    FIELD_NAMES,
    SHEET_NAME,
    check_report_target,
    report_table,
    report_text,
)
from sqeditor.merge.three_way import Resolution, combine_both
from sqeditor.store import Edit, FieldEdit, ReportStore, Step, codec
from sqeditor.store.merge_records import OpenConflict, open_conflicts
from sqeditor.store.node_rows import field_value

if TYPE_CHECKING:
    from sqeditor.gui.session import ReportSession

MINE_ONLY = QColor("#d03030")  # the hue behind text only the report has (a tint of the palette's base)
THEIRS_ONLY = QColor("#30a030")  # and behind text only the draft has
EDITABLE_FIELDS = ("result", "comment", "title")
DRAFT_FILTER = "*.sqreport *.docx *.xlsx *.json"


def highlight(view: QTextEdit, text: str, spans: list[Span], hue: QColor) -> None:
    """Show text with the given code-point ranges on a background tinted with hue (readable in
    light and dark themes)."""
    view.setPlainText(text)
    fmt = QTextCharFormat()
    fmt.setBackground(marked_background(view.palette(), hue))
    cursor = QTextCursor(view.document())
    for start, end in spans:
        cursor.setPosition(to_utf16(text, start))
        cursor.setPosition(to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)


class MergeDialog(QDialog):
    """Drafts chosen or dropped here are merged at once; each open conflict is then settled."""

    step_applied = Signal(object)  # every Step written, for windows that show the report

    def __init__(self, parent: QWidget | None = None, store: ReportStore | None = None, *,
                 session: ReportSession | None = None) -> None:
        """Merge into `session` when the editor has the report open (undoable there), else `store`."""
        super().__init__(parent)
        self.session = session
        store = session.store if session is not None else store
        assert store is not None, "a merge needs a report"
        self.store: ReportStore = store
        self.outcomes: list[MergeOutcome] = []
        self.conflicts: list[OpenConflict] = []
        self._editing: tuple[str, str, OpenConflict | None] | None = None
        self.setWindowTitle(self.tr("合併草稿"))
        self.setAcceptDrops(True)
        fit_dialog(self, 1000, 660)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_top())
        self.summary = QPlainTextEdit(readOnly=True, maximumHeight=110)
        layout.addWidget(self.summary)
        splitter = QSplitter()
        self.conflict_list = QListWidget()
        self.conflict_list.currentRowChanged.connect(self._show_conflict)
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(self._build_sides())
        splitter.setSizes([280, 720])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_bottom())
        self.refresh()

    # --- layout --------------------------------------------------------------------------

    def _build_top(self) -> QHBoxLayout:
        row = QHBoxLayout()
        hint = QLabel(self.tr("把單位傳回的檔案拖進這個視窗：分割草稿、報告檔副本，"
                              "或 JSON、Excel、Word 匯出檔；或按「選擇草稿檔…」（可一次選多個）。"))
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        choose = QPushButton(self.tr("選擇草稿檔…"))
        choose.clicked.connect(self.choose_files)
        row.addWidget(choose)
        return row

    def _build_sides(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        self.where = QLabel()
        self.where.setWordWrap(True)
        grid.addWidget(self.where, 0, 0, 1, 2)
        self.mine_label = QLabel(self.tr("我的（報告目前的內容）"))
        self.theirs_label = QLabel(self.tr("對方（草稿）"))
        grid.addWidget(self.mine_label, 1, 0)
        grid.addWidget(self.theirs_label, 1, 1)
        self.mine_view = QTextEdit(readOnly=True)
        self.theirs_view = QTextEdit(readOnly=True)
        grid.addWidget(self.mine_view, 2, 0)
        grid.addWidget(self.theirs_view, 2, 1)
        buttons = QHBoxLayout()
        self.keep_mine = self._button(buttons, self.tr("保留我的"), Resolution.MINE)
        self.take_theirs = self._button(buttons, self.tr("採用對方"), Resolution.THEIRS)
        self.keep_both = self._button(buttons, self.tr("兩者都保留"), Resolution.BOTH)
        self.edit_button = QPushButton(self.tr("編輯…"))
        self.edit_button.clicked.connect(self.start_edit)
        buttons.addWidget(self.edit_button)
        grid.addLayout(buttons, 3, 0, 1, 2)
        self.edit_label = QLabel()
        grid.addWidget(self.edit_label, 4, 0, 1, 2)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("在這裡修改合併後的文字，每段一行；按「套用修改」寫回報告。"))
        grid.addWidget(self.editor, 5, 0, 1, 2)
        self.apply_edit = QPushButton(self.tr("套用修改"))
        self.apply_edit.clicked.connect(self.finish_edit)
        grid.addWidget(self.apply_edit, 6, 1, Qt.AlignmentFlag.AlignRight)
        return box

    def _button(self, row: QHBoxLayout, text: str, resolution: Resolution) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self.resolve(resolution))
        row.addWidget(button)
        return button

    def _build_bottom(self) -> QHBoxLayout:
        row = QHBoxLayout()
        export = QPushButton(self.tr("匯出合併報告…"))
        export.clicked.connect(self.export_report)
        row.addWidget(export)
        row.addStretch(1)
        close = QPushButton(self.tr("關閉"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        return row

    # --- writing -------------------------------------------------------------------------

    def _apply(self, edits: list[Edit], label: str, source: str = "") -> Step:
        """Through the editor's session when there is one, so the merge can be undone there."""
        if self.session is not None:
            step = self.session.apply(edits, label)
        else:
            step = self.store.apply(edits, label, source=source)
        self.step_applied.emit(step)
        return step

    def merge_files(self, paths: list[Path]) -> list[MergeOutcome]:
        """Merge each draft (refusals are listed, not raised) and list what is left to settle."""
        try:
            outcomes = DraftMerger(self.store, self._apply, read_returned).merge_all(paths)
        except SqeditorError as exc:  # no backup could be made: nothing was merged
            self.summary.setPlainText(exc.message)
            return []
        self.outcomes += outcomes
        self.summary.setPlainText(report_text(self.outcomes))
        self.refresh()
        return outcomes

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("選擇草稿檔"), str(self.store.path.parent),
                                                self.tr("報告與草稿") + f" ({DRAFT_FILTER})")
        if names:
            self.merge_files([Path(n) for n in names])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.merge_files(paths)

    def export_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("匯出合併報告"),
                                              str(self.store.path.with_suffix(".合併報告.xlsx")),
                                              "Excel (*.xlsx)")
        if not name:
            return

        def write(path: Path) -> None:  # refused: not an earlier merge report, a full disk…
            check_report_target(path)
            write_text_table(path, SHEET_NAME, report_table(self.outcomes), COLUMN_WIDTHS)
        write_or_write_beside(self, self.tr("無法匯出合併報告"), Path(name), write)

    # --- conflicts -----------------------------------------------------------------------

    def refresh(self) -> None:
        self.conflicts = open_conflicts(self.store)
        self.conflict_list.clear()
        for conflict in self.conflicts:
            title = conflict.title or display_text(conflict.field, conflict.theirs)
            field = FIELD_NAMES.get(conflict.field, conflict.field)
            text = f"{conflict.unit}｜{field}｜{' '.join(title.split())[:30]}"
            self.conflict_list.addItem(QListWidgetItem(text))
        if self.conflicts:
            self.conflict_list.setCurrentRow(0)
        else:
            self._show_conflict(-1)

    def current(self) -> OpenConflict | None:
        row = self.conflict_list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_conflict(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        for button in (self.keep_mine, self.take_theirs, self.keep_both):
            button.setEnabled(conflict is not None)
        self.edit_button.setEnabled(conflict is not None and conflict.field in EDITABLE_FIELDS)
        if self._editing is None or self._editing[2] is not None:
            self._stop_edit()
        if conflict is None:
            self.where.setText(self.tr("沒有待處理的衝突。") if not self._editing else "")
            self.mine_view.clear()
            self.theirs_view.clear()
            return
        mine = display_text(conflict.field, current_value(self.store, conflict))
        theirs = display_text(conflict.field, conflict.theirs)
        field = FIELD_NAMES.get(conflict.field, conflict.field)
        owner = None if conflict.is_structure else field_value(self.store, conflict.node_id, "unit")
        if owner is not None and conflict.unit and owner != conflict.unit:
            self.where.setText(self.tr("「{unit}」修改了其他單位的列（這一列屬於「{owner}」）的「{field}」，"
                                       "請決定是否採用。").format(unit=conflict.unit, owner=owner or "—",
                                                                 field=field))
        else:
            self.where.setText(self.tr("「{unit}」的草稿與報告都改了「{field}」，請選擇要保留的內容。").format(
                unit=conflict.unit, field=field))
        self.theirs_label.setText(self.tr("對方（{unit}的草稿）").format(unit=conflict.unit))
        only_mine, only_theirs = char_spans(mine, theirs)
        highlight(self.mine_view, mine, only_mine, MINE_ONLY)
        highlight(self.theirs_view, theirs, only_theirs, THEIRS_ONLY)

    def resolve(self, resolution: Resolution) -> None:
        """Settle the current conflict; after "keep both" the joined text stays open for editing."""
        conflict = self.current()
        if conflict is None:
            return
        try:
            resolve_conflict(self.store, conflict, resolution, apply=self._apply)
        except SqeditorError as exc:
            self.where.setText(exc.message)
            return
        self.refresh()
        if resolution is Resolution.BOTH and conflict.field in EDITABLE_FIELDS:
            self._start(conflict.node_id, conflict.field, None, current_value(self.store, conflict))

    def start_edit(self) -> None:
        """Edit the current conflict by hand, starting from both sides joined."""
        conflict = self.current()
        if conflict is None:
            return
        mine = current_value(self.store, conflict) or ""
        joined = combine_both(conflict.field, mine, conflict.theirs or "")
        self._start(conflict.node_id, conflict.field, conflict, joined)

    def _start(self, node_id: str, field: str, conflict: OpenConflict | None, stored: str | None) -> None:
        self._editing = (node_id, field, conflict)
        title = " ".join((field_value(self.store, node_id, "title") or "").split())[:30]
        self.edit_label.setText(self.tr("修改「{title}」的{field}：").format(
            title=title, field=FIELD_NAMES.get(field, field)))
        self.editor.setPlainText(display_text(field, stored))
        self.editor.setEnabled(True)
        self.apply_edit.setEnabled(True)
        self.editor.setFocus()

    def _stop_edit(self) -> None:
        self._editing = None
        self.edit_label.clear()
        self.editor.clear()
        self.editor.setEnabled(False)
        self.apply_edit.setEnabled(False)

    def finish_edit(self) -> None:
        """Write the edited text: it settles the conflict, or amends a "keep both" result."""
        if self._editing is None:
            return
        node_id, field, conflict = self._editing
        value = value_from_text(field, self.editor.toPlainText())
        if conflict is not None:
            resolve_conflict(self.store, conflict, None, edited=value, apply=self._apply)
        else:
            stored = field_value(self.store, node_id, field)
            if stored is not None and stored != codec.encode_field(field, value):
                self._apply([FieldEdit(node_id, field, value)], self.tr("修改合併結果"))
        self._stop_edit()
        self.refresh()


class SplitDialog(QDialog):
    """Choose units and a folder; one draft file per unit is written there."""

    def __init__(self, parent: QWidget | None, store: ReportStore) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("分割草稿"))
        layout = QVBoxLayout(self)
        self.units = QListWidget()
        report = self.store.load()
        for unit in report.units:
            item = QListWidgetItem(f"{unit}（{sum(1 for r in report.rows() if r.unit == unit)} 列）")
            item.setData(Qt.ItemDataRole.UserRole, unit)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.units.addItem(item)
        layout.addWidget(QLabel(self.tr("為哪些承辦單位各寫出一份草稿：") if report.units else
                                self.tr("報告還沒有承辦單位，請先在各列指派承辦單位。")))
        layout.addWidget(self.units)
        folder_row = QHBoxLayout()
        self.folder_label = QLabel(objectName="splitFolder")  # the folder's name; its path on hover
        self.set_folder(self.store.path.parent)
        browse = QPushButton(self.tr("瀏覽(&B)…"))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(QLabel(self.tr("存放資料夾：")))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(browse)
        layout.addLayout(folder_row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        split = QPushButton(self.tr("分割(&S)"))
        split.clicked.connect(self.split)
        layout.addWidget(split, 0, Qt.AlignmentFlag.AlignRight)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        show_folder(self.folder_label, folder)

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("存放資料夾"), str(self.folder))
        if name:
            self.set_folder(Path(name))

    def chosen_units(self) -> list[str]:
        items = (self.units.item(i) for i in range(self.units.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def split(self) -> list[Path]:
        try:
            paths = split_drafts(self.store, self.chosen_units(), self.folder)
        except SqeditorError as exc:
            self.result.setText(exc.message)
            return []
        self.result.setText(self.tr("已寫出：") + "、".join(p.name for p in paths))
        return paths
