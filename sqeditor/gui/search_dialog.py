"""Find across the report (Ctrl+F) and replace with a preview (Ctrl+H).

As in Word: Enter in the search box goes to the first match (and on to the next), one click
on a result goes there, the match is marked in the text and the dialog moves off it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sqeditor.model import Node, Paragraph
from sqeditor.store import FieldEdit

if TYPE_CHECKING:
    from sqeditor.gui.window_host import ReportHost

SNIPPET = 24
GAP = 24  # between the dialog and the match it moved off


@dataclass
class Match:
    """A field of a node that contains the searched text."""

    node: Node
    field: str
    snippet: str


def snippet_around(text: str, needle: str) -> str:
    at = text.find(needle)
    start = max(0, at - SNIPPET // 2)
    head = "…" if start else ""
    tail = "…" if start + SNIPPET + len(needle) < len(text) else ""
    return head + text[start:start + SNIPPET + len(needle)].replace("\n", " ") + tail


def beside(frame: QRect, target: QRect, screen: QRect) -> QPoint:
    """Where a window of frame's size and place goes so it leaves target (a match) in view:
    where it is if clear of it, else below, above, right or left of it, within the screen."""
    near = target.adjusted(-GAP, -GAP, GAP, GAP)
    if not frame.intersects(near):
        return frame.topLeft()
    size = frame.size()
    for point in (QPoint(frame.x(), near.bottom() + 1), QPoint(frame.x(), near.top() - size.height()),
                  QPoint(near.right() + 1, frame.y()), QPoint(near.left() - size.width(), frame.y())):
        x = max(screen.left(), min(point.x(), screen.right() - size.width() + 1))
        y = max(screen.top(), min(point.y(), screen.bottom() - size.height() + 1))
        if not QRect(QPoint(x, y), size).intersects(target):
            return QPoint(x, y)
    return frame.topLeft()


class FindDialog(QDialog):
    """A results list of every title and result containing the text; picking one goes there."""

    def __init__(self, host: ReportHost, parent: QWidget | None = None, replace: bool = False) -> None:
        super().__init__(parent)
        self.host = host
        self.setWindowTitle(self.tr("取代") if replace else self.tr("尋找"))
        self.setObjectName("replaceDialog" if replace else "findDialog")
        self.resize(560, 460)
        self.find_edit = QLineEdit(objectName="findText")
        self.replace_edit = QLineEdit(objectName="replaceText")
        form = QFormLayout()
        form.addRow(self.tr("尋找(&N)"), self.find_edit)
        if replace:
            form.addRow(self.tr("取代為(&I)"), self.replace_edit)
        self.results = QListWidget(objectName="searchResults")
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.replace_button = QPushButton(self.tr("全部取代"), objectName="replaceAll")
        self.replace_button.setEnabled(False)
        self.replace_button.clicked.connect(self.replace_checked)
        if replace:
            buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        for button in buttons.buttons():  # Enter in the search box goes to a match, not a button
            button.setAutoDefault(False)
            button.setDefault(False)
        self.is_replace = replace
        self.matches: list[Match] = []
        self.find_edit.textChanged.connect(self.run_search)
        self.replace_edit.textChanged.connect(self.run_search)
        self.find_edit.returnPressed.connect(self.next_match)
        self.results.itemClicked.connect(self._go_to)
        self.results.itemActivated.connect(self._go_to)

    def run_search(self) -> None:
        """Fill the list: found places, or in replace mode each change as before → after."""
        needle = self.find_edit.text()
        self.results.clear()
        self.matches = []
        session = self.host.session
        if session is None or not needle.strip():
            self.summary.clear()
            self.replace_button.setEnabled(False)
            return
        self.host.save_typing(close_composition=False)
        for node_id, field in session.store.search(needle):
            node = session.nodes.get(node_id)
            if node is None or (self.is_replace and not self._replaceable(field)):
                continue
            text = node.title if field == "title" else node.result_text
            if needle not in text:
                continue  # the index matches case-insensitively; replace is exact
            self.matches.append(Match(node, field, snippet_around(text, needle)))
        for match in self.matches:
            self.results.addItem(self._item(match, needle))
        self.summary.setText(self.tr("找到 {0} 處").format(len(self.matches)))
        self.replace_button.setEnabled(self.is_replace and bool(self.matches))

    def _replaceable(self, field: str) -> bool:
        return field == "result" or self.host.template_mode

    def _item(self, match: Match, needle: str) -> QListWidgetItem:
        where = self.tr("參考標準") if match.field == "title" else self.tr("評核結果說明")
        label = match.node.title.replace("\n", " ")[:28]
        body = match.snippet
        if self.is_replace:
            body = f"{body}\n→ {body.replace(needle, self.replace_edit.text())}"
        item = QListWidgetItem(f"{label}（{where}）\n{body}")
        item.setData(Qt.ItemDataRole.UserRole, match.node.id)
        if self.is_replace:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        return item

    def next_match(self) -> None:
        """Enter: the first match, then each next one (searching first if the list is stale)."""
        if not self.matches:
            self.run_search()
        if not self.matches:
            return
        row = self.results.currentRow()
        row = 0 if row < 0 or self.results.currentItem() is None else (row + 1) % len(self.matches)
        self.results.setCurrentRow(row)
        self._go_to(self.results.item(row))

    def _go_to(self, item: QListWidgetItem) -> None:
        """Show the match's row, mark the match in its text and move the dialog off it."""
        row = self.results.row(item)
        if not 0 <= row < len(self.matches):
            return
        match = self.matches[row]
        self.host.select_node(match.node)
        editor = self.host.editor_for(match.node.id)
        if editor is None or match.field != "result" or not editor.show_found(self.find_edit.text()):
            return
        cursor = editor.textCursor()
        ends = []
        for position in (cursor.selectionStart(), cursor.selectionEnd()):
            end = QTextCursor(cursor)
            end.setPosition(position)
            ends.append(editor.cursorRect(end))
        rect = ends[0].united(ends[1])
        found = QRect(editor.viewport().mapToGlobal(rect.topLeft()), rect.size())
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        frame = self.frameGeometry()
        moved = beside(frame, found, screen)
        if moved != frame.topLeft():
            self.move(self.pos() + moved - frame.topLeft())

    def replace_checked(self) -> int:
        """Replace in every checked place as one undoable step; the number of fields changed."""
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        edits = []
        for row, match in enumerate(self.matches):
            if self.results.item(row).checkState() != Qt.CheckState.Checked:
                continue
            node = match.node
            if match.field == "title":
                value: object = node.title.replace(needle, replacement)
            else:
                value = [Paragraph(p.text.replace(needle, replacement), p.level, p.literal)
                         for p in node.result]
            edits.append(FieldEdit(node.id, match.field, value))
        if edits:
            self.host.save_typing()
            self.host.session.apply(edits, self.tr("取代「{0}」為「{1}」").format(needle, replacement))
            self.host.show_message(self.tr("已取代 {0} 處").format(len(edits)))
        self.run_search()
        return len(edits)
