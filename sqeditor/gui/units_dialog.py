"""工具 → 承辦單位…: the report's one unit list, and handing rows to a unit many at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sqeditor.gui.session import ReportSession
from sqeditor.gui.window_geometry import fit_dialog
from sqeditor.model import Node, NodeKind, section_label
from sqeditor.store import Edit
from sqeditor.store.unit_edits import (
    UnitError,
    add_unit,
    assign_unit,
    merge_units,
    remove_unit,
    rename_unit,
)


class UnitsDialog(QDialog):
    """Add, rename (every row follows), merge and remove units; assign one to the selected
    items or rows. Each change is one undo step of the report."""

    def __init__(self, session: ReportSession, selected: Callable[[], list[Node]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selected = selected
        self.setWindowTitle(self.tr("承辦單位"))
        self.units = QListWidget(objectName="unitList")
        self.units.currentItemChanged.connect(self._on_current)
        self.name = QLineEdit(objectName="unitName")
        self.name.setPlaceholderText(self.tr("單位名稱，例如 資訊室"))
        buttons = QGridLayout()
        for row, column, text, slot in (
                (0, 0, self.tr("新增(&A)"), self.add), (0, 1, self.tr("改名(&R)"), self.rename),
                (1, 0, self.tr("併入(&M)"), self.merge), (1, 1, self.tr("移除(&D)"), self.remove)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, row, column)
        self.assign_button = QPushButton(objectName="assignButton")
        self.assign_button.clicked.connect(self.assign)
        self.message = QLabel(wordWrap=True, objectName="unitMessage")
        help_text = QLabel(self.tr(
            "改名：選一個單位，輸入新名稱，按「改名」，所有列跟著改。\n"
            "併入：選打錯的單位，輸入正確的單位名稱，按「併入」，它的列都改給正確的單位。\n"
            "在左邊的評核項目樹選取構面、項目或幾列（按住 Ctrl 多選），再按下面的按鈕一次指派。"),
            wordWrap=True)
        help_text.setStyleSheet("color: #555")
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("單位名稱(&N)："), buddy=self.name))
        side.addWidget(self.name)
        side.addLayout(buttons)
        side.addWidget(help_text)
        side.addStretch()
        top = QHBoxLayout()
        top.addWidget(self.units, 1)
        top.addLayout(side, 1)
        close = QPushButton(self.tr("關閉"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.assign_button, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        session.settings_changed.connect(self.refresh)
        session.nodes_changed.connect(lambda _ids, _o: self.refresh())
        fit_dialog(self, 640, 420)
        self.refresh()

    def event(self, event: QEvent) -> bool:
        """The dialog stays open beside the tree: coming back to it, it reads the tree's selection."""
        if event.type() == QEvent.Type.WindowActivate:
            self.update_assign_text()
        return super().event(event)

    def refresh(self) -> None:
        report = self.session.report
        counts = Counter(row.unit for row in report.rows())
        current = self.current_unit()
        self.units.blockSignals(True)
        self.units.clear()
        for unit in report.units:
            item = QListWidgetItem(self.tr("{0}（{1} 列）").format(unit, counts[unit]))
            item.setData(Qt.ItemDataRole.UserRole, unit)
            self.units.addItem(item)
            if unit == current:
                self.units.setCurrentItem(item)
        self.units.blockSignals(False)
        completer = QCompleter(report.units, self.name)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.update_assign_text()

    def current_unit(self) -> str:
        item = self.units.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def select_unit(self, unit: str) -> None:
        for i in range(self.units.count()):
            if self.units.item(i).data(Qt.ItemDataRole.UserRole) == unit:
                self.units.setCurrentRow(i)

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.name.setText(item.data(Qt.ItemDataRole.UserRole))
        self.update_assign_text()

    def _target(self) -> str:
        return " ".join(self.name.text().split()) or self.current_unit()

    def update_assign_text(self) -> None:
        nodes = self.selected()
        rows = {row.id for node in nodes for row in node.rows()}
        unit = self._target()
        if not nodes or not unit:
            self.assign_button.setText(self.tr("指派給選取的項目（請先在評核項目樹選取，並選一個單位）"))
            self.assign_button.setEnabled(False)
            return
        what = self._describe(nodes)
        text = self.tr("把「{0}」的 {1} 列都交給「{2}」(&G)")
        self.assign_button.setText(text.format(what, len(rows), unit))
        self.assign_button.setEnabled(bool(rows))

    def _describe(self, nodes: list[Node]) -> str:
        if len(nodes) > 1:
            return self.tr("選取的 {0} 項").format(len(nodes))
        node = nodes[0]
        if node.kind is NodeKind.SECTION:
            return section_label(self.session.position_of(node), node.title)
        return node.title if len(node.title) <= 20 else node.title[:19] + "…"

    def _apply(self, build: Callable[[], list[Edit]], label: str, done: str) -> bool:
        try:
            edits = build()
        except UnitError as exc:
            self.message.setStyleSheet("color: #b02a37")
            self.message.setText(exc.message)
            return False
        if edits:
            self.session.apply(edits, label)
        self.message.setStyleSheet("")
        self.message.setText(done)
        return True

    def add(self) -> None:
        name = " ".join(self.name.text().split())
        if self._apply(lambda: add_unit(self.session.report, name), self.tr("新增單位：{0}").format(name),
                       self.tr("已新增「{0}」。").format(name)):
            self.select_unit(name)

    def rename(self) -> None:
        old, new = self.current_unit(), " ".join(self.name.text().split())
        if not old:
            self._say(self.tr("請先在清單中選一個單位。"))
            return
        if self._apply(lambda: rename_unit(self.session.report, old, new),
                       self.tr("單位改名：{0} → {1}").format(old, new),
                       self.tr("「{0}」已改名為「{1}」，它的列都跟著改了。").format(old, new)):
            self.select_unit(new)

    def merge(self) -> None:
        gone, kept = self.current_unit(), " ".join(self.name.text().split())
        if not gone or kept not in self.session.report.units:
            self._say(self.tr("請在清單中選要併掉的單位，並在「單位名稱」輸入清單中另一個單位。"))
            return
        if self._apply(lambda: merge_units(self.session.report, gone, kept),
                       self.tr("合併單位：{0} 併入 {1}").format(gone, kept),
                       self.tr("「{0}」已併入「{1}」。").format(gone, kept)):
            self.select_unit(kept)

    def remove(self) -> None:
        unit = self.current_unit()
        if not unit:
            self._say(self.tr("請先在清單中選一個單位。"))
            return
        self._apply(lambda: remove_unit(self.session.report, unit), self.tr("移除單位：{0}").format(unit),
                    self.tr("已移除「{0}」。").format(unit))

    def assign(self) -> None:
        nodes, unit = self.selected(), self._target()
        if not nodes:
            return
        what = self._describe(nodes)
        if self._apply(lambda: assign_unit(self.session.report, nodes, unit),
                       self.tr("指派承辦單位：{0} → {1}").format(what, unit),
                       self.tr("「{0}」的列都交給「{1}」了。").format(what, unit)):
            self.select_unit(unit)

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("color: #b02a37")
        self.message.setText(text)
