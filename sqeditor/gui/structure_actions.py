"""Template editing: add, rename, delete and move criteria, each one undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from sqeditor.gui.labels import kind_text
from sqeditor.model import Node, NodeKind
from sqeditor.store import FieldEdit, NodeDelete, NodeInsert, NodeMove

if TYPE_CHECKING:
    from sqeditor.gui.window_host import ReportHost


class StructureActions(QObject):
    """Structure edits on the current tree node; only reachable in template mode."""

    def __init__(self, host: ReportHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent

    def _ready(self) -> Node | None:
        host = self.host
        if not host.template_mode or host.session is None or host.session.read_only:
            return None
        host.save_typing()
        return host.current_node()

    def _parent_id(self, node: Node) -> str | None:
        parent = self.host.session.parent_of.get(node.id)  # type: ignore[union-attr]
        return parent.id if parent is not None else None

    def _new_node(self, kind: NodeKind) -> Node:
        top = node = Node(kind, self.tr("新{0}").format(kind_text(kind)))
        while (child := node.kind.child) is not None:  # a new criterion gets one empty row
            node.children.append(Node(child, self.tr("新{0}").format(kind_text(child))))
            node = node.children[0]
        return top

    def add_sibling(self) -> None:
        node = self._ready()
        if node is None:
            return
        session = self.host.session
        new = self._new_node(node.kind)
        position = session.position_of(node) + 1
        session.apply([NodeInsert(self._parent_id(node), position, new)],
                      self.tr("新增{0}").format(kind_text(node.kind)))
        self.host.select_node(session.nodes[new.id])

    def add_child(self) -> None:
        node = self._ready()
        if node is None or node.kind.child is None:
            return
        session = self.host.session
        new = self._new_node(node.kind.child)
        session.apply([NodeInsert(node.id, len(node.children), new)],
                      self.tr("新增{0}").format(kind_text(new.kind)))
        self.host.select_node(session.nodes[new.id])

    def rename(self) -> None:
        node = self._ready()
        if node is None:
            return
        title, ok = QInputDialog.getMultiLineText(
            self.parent_widget, self.tr("重新命名"), kind_text(node.kind), node.title)
        if ok and title.strip() != node.title:
            self.host.session.apply([FieldEdit(node.id, "title", title.strip())],
                                      self.tr("重新命名{0}").format(kind_text(node.kind)))

    def delete(self) -> None:
        node = self._ready()
        if node is None:
            return
        rows = sum(1 for _ in node.rows())
        answer = QMessageBox.question(
            self.parent_widget, self.tr("刪除"),
            self.tr("確定要刪除「{0}」及其下 {1} 列嗎？（可以復原）").format(node.title[:30], rows))
        if answer == QMessageBox.StandardButton.Yes:
            self.host.session.apply([NodeDelete(node.id)],
                                      self.tr("刪除{0}").format(kind_text(node.kind)))

    def move_by(self, offset: int) -> None:
        node = self._ready()
        if node is None:
            return
        siblings = self.host.session.siblings(node)
        position = self.host.session.position_of(node) + offset
        if 0 <= position < len(siblings):
            self.move_to(node.id, self._parent_id(node), position)

    def move_to(self, node_id: str, parent_id: str | None, position: int) -> None:
        session = self.host.session
        if session is None or not self.host.template_mode:
            return
        node = session.nodes[node_id]
        session.apply([NodeMove(node_id, parent_id, position)],
                      self.tr("移動{0}").format(kind_text(node.kind)))
        self.host.select_node(node)
