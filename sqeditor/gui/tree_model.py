"""The criteria tree as a Qt item model over the session's report, plus its filter."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPixmap

from sqeditor.gui.labels import status_text
from sqeditor.gui.palette_colours import accent_on_base
from sqeditor.gui.session import ReportSession
from sqeditor.model import Node, NodeKind, Status, section_label
from sqeditor.store import NodeDelete, NodeInsert, NodeMove

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIME_NODE = "application/x-sqeditor-node-id"
STATUS_COLOURS = {
    Status.EMPTY: QColor("#c8c8c8"), Status.DRAFT: QColor("#f0a030"),
    Status.REVIEW: QColor("#3c8ce0"), Status.DONE: QColor("#2e9e4f"),
}
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def _dot(colour: QColor, warn: bool = False) -> QIcon:
    pixmap = QPixmap(28, 28)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(4, 4, 20, 20)
    if warn:
        painter.setBrush(QColor("#d62828"))
        painter.drawEllipse(16, 0, 12, 12)
    painter.end()
    return QIcon(pixmap)


class ReportTreeModel(QAbstractItemModel):
    """Sections, items, indicators and rows, with status, unit and finding marks."""

    move_requested = Signal(str, object, int)  # node id, parent id, position (drag and drop)
    COLUMNS = 2

    def __init__(self, session: ReportSession) -> None:
        super().__init__()
        self.session = session
        self.template_mode = False
        self.findings: dict[str, int] = {}
        self._counts: dict[str, tuple[int, int]] = {}
        self._rows: dict[str, int] | None = None
        self._touched: list[Node] = []  # parents a structure edit takes rows from or adds them to
        self._sections_renumbered = False
        self._moving_as_layout = False
        self._icons = {(s, w): _dot(c, w) for s, c in STATUS_COLOURS.items() for w in (False, True)}
        session.nodes_changed.connect(self._on_nodes_changed)
        session.structure_about_to_change.connect(self._before_structure)
        session.structure_edit.connect(self._after_structure)

    # --- structure -----------------------------------------------------------------------

    def node(self, index: Index) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, node: Node, column: int = 0) -> QModelIndex:
        return self.createIndex(self._row_of()[node.id], column, node)

    def _row_of(self) -> dict[str, int]:
        """Each node's row under its parent, by id (list.index would compare whole nodes)."""
        if self._rows is None:
            rows = {n.id: i for i, n in enumerate(self.session.report.sections)}
            rows.update({c.id: i for n in self.session.report.walk() for i, c in enumerate(n.children)})
            self._rows = rows
        return self._rows

    def _children(self, parent: Index) -> list[Node]:
        node = self.node(parent)
        return node.children if node is not None else self.session.report.sections

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        children = self._children(parent)
        if 0 <= row < len(children) and 0 <= column < self.COLUMNS:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        parent = self.session.parent_of.get(node.id) if node is not None else None
        return self.index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = ROOT) -> int:
        return self.COLUMNS

    # --- what is shown -------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("評核項目"), self.tr("完成"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title_text(node) if index.column() == 0 else self.count_text(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            if node.kind is NodeKind.STANDARD:
                return self._icons[(node.status, self.findings.get(node.id, 0) > 0)]
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            done, total = self.counts(node)
            done_colour = accent_on_base(QGuiApplication.palette(), QColor("#2e7d32"))
            return QBrush(done_colour) if total and done == total else None
        if role == NODE_ID_ROLE:
            return node.id
        return None

    def title_text(self, node: Node) -> str:
        if node.kind is NodeKind.SECTION:
            return section_label(self._row_of()[node.id], node.title)
        if node.kind is NodeKind.INDICATOR and not node.title:
            return self.tr("（無評核指標）")
        return node.title.replace("\n", " ")

    def count_text(self, node: Node) -> str:
        if node.kind is NodeKind.STANDARD:
            return f"{status_text(node.status)}　{node.unit}".rstrip()
        done, total = self.counts(node)
        return f"{done}/{total}"

    def _tooltip(self, node: Node) -> str:
        lines = [node.title or self.title_text(node)]
        if node.kind is NodeKind.STANDARD:
            lines.append(self.tr("狀態：") + status_text(node.status))
            lines.append(self.tr("承辦單位：") + (node.unit or self.tr("（未指派）")))
            if self.findings.get(node.id):
                lines.append(self.tr("文字檢查：{0} 個問題").format(self.findings[node.id]))
        else:
            done, total = self.counts(node)
            lines.append(self.tr("已完成 {0}/{1} 列").format(done, total))
        return "\n".join(lines)

    def counts(self, node: Node) -> tuple[int, int]:
        """(rows 完成, rows) at or below node, cached until something changes."""
        cached = self._counts.get(node.id)
        if cached is None:
            rows = list(node.rows())
            cached = (sum(1 for r in rows if r.status is Status.DONE), len(rows))
            self._counts[node.id] = cached
        return cached

    def set_findings(self, counts: dict[str, int]) -> None:
        """New finding counts: the rows whose mark changed are told, nothing else."""
        old, self.findings = self.findings, counts
        changed = {k for k in old.keys() | counts.keys() if old.get(k, 0) != counts.get(k, 0)}
        nodes = self.session.nodes
        self._emit_changed(nodes[k] for k in changed if k in nodes)

    def _emit_changed(self, nodes: Iterable[Node]) -> None:
        """dataChanged for these nodes: one signal per parent, over the rows that changed."""
        rows = self._row_of()
        under: dict[str | None, tuple[Node | None, list[int]]] = {}
        for node in nodes:
            parent = self.session.parent_of.get(node.id)
            under.setdefault(parent.id if parent else None, (parent, []))[1].append(rows[node.id])
        for parent, found in under.values():
            parent_index = self.index_of(parent) if parent is not None else QModelIndex()
            self.dataChanged.emit(self.index(min(found), 0, parent_index),
                                  self.index(max(found), self.COLUMNS - 1, parent_index))

    def _chains(self, nodes: Iterable[Node]) -> dict[str, Node]:
        """The nodes and their ancestors, whose counts are dropped from the cache."""
        chain = {n.id: n for node in nodes for n in self.session.path_to(node)}
        for node_id in chain:
            self._counts.pop(node_id, None)
        return chain

    # --- following the session -----------------------------------------------------------

    def _on_nodes_changed(self, ids: set[str], _origin: object) -> None:
        """A save: the rows and their ancestors (status, unit, counts) are repainted."""
        nodes = self.session.nodes
        self._emit_changed(self._chains(nodes[i] for i in ids if i in nodes).values())

    def _before_structure(self, edit: object) -> None:
        session = self.session
        moved_id = getattr(edit, "node_id", None)  # deleted or moved
        old_parent = session.parent_of.get(moved_id) if moved_id else None
        self._touched = [old_parent] if old_parent is not None else []
        self._sections_renumbered = (getattr(edit, "parent_id", "") is None
                                     or (moved_id is not None and old_parent is None))
        if isinstance(edit, NodeInsert):
            parent = session.nodes.get(edit.parent_id) if edit.parent_id else None
            parent_index = self.index_of(parent) if parent else QModelIndex()
            self.beginInsertRows(parent_index, edit.position, edit.position)
        elif isinstance(edit, NodeDelete):
            node = session.nodes[edit.node_id]
            row = self._row_of()[node.id]
            self.beginRemoveRows(self.parent(self.index_of(node)), row, row)
        elif isinstance(edit, NodeMove):
            self._begin_move(edit)

    def _begin_move(self, edit: NodeMove) -> None:
        node = self.session.nodes[edit.node_id]
        old_parent = self.parent(self.index_of(node))
        row = self._row_of()[node.id]
        new_parent_node = self.session.nodes.get(edit.parent_id) if edit.parent_id else None
        new_parent = self.index_of(new_parent_node) if new_parent_node else QModelIndex()
        same = new_parent_node is self.session.parent_of.get(node.id)
        # Qt counts the destination before the node is taken out
        dest = edit.position + 1 if same and edit.position > row else edit.position
        if not self.beginMoveRows(old_parent, row, row, new_parent, dest):
            self.layoutAboutToBeChanged.emit()
            self._moving_as_layout = True

    def _after_structure(self, edit: object) -> None:
        self._rows = None
        if isinstance(edit, NodeInsert):
            self.endInsertRows()
        elif isinstance(edit, NodeDelete):
            self.endRemoveRows()
        elif self._moving_as_layout:
            self._moving_as_layout = False
            self.layoutChanged.emit()
        else:
            self.endMoveRows()
        parent_id = getattr(edit, "parent_id", None)
        if parent_id is not None:
            self._touched.append(self.session.nodes[parent_id])
        self._counts.clear()  # rare: not worth tracking which subtrees came and went
        changed = list(self._chains(self._touched).values())  # their counts of rows changed
        if self._sections_renumbered:  # the sections' numbers (壹、貳、…) follow their order
            changed += self.session.report.sections
        self._emit_changed(changed)

    # --- drag and drop within a parent (template mode) -----------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.template_mode else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.template_mode:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_NODE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        if indexes:
            mime.setData(MIME_NODE, self.node(indexes[0]).id.encode())
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        node = self.session.nodes.get(bytes(data.data(MIME_NODE).data()).decode())
        target_parent = self.node(parent)
        if node is None or target_parent is not self.session.parent_of.get(node.id):
            return False  # moves stay within a parent
        siblings = self.session.siblings(node)
        position = len(siblings) if row < 0 else row
        current = self._row_of()[node.id]
        if position > current:
            position -= 1
        if position != current:
            self.move_requested.emit(node.id, target_parent.id if target_parent else None, position)
        return False


class ReportFilterModel(QSortFilterProxyModel):
    """Shows rows of one unit, one status, or with problems, with their ancestors."""

    def __init__(self, source: ReportTreeModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setRecursiveFilteringEnabled(True)
        self.unit: str | None = None
        self.status: Status | None = None
        self.problems_only = False

    def set_filter(self, unit: str | None = None, status: Status | None = None,
                   problems_only: bool = False) -> None:
        self.unit, self.status, self.problems_only = unit, status, problems_only
        self.invalidate()

    @property
    def active(self) -> bool:
        return self.unit is not None or self.status is not None or self.problems_only

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.active:
            return True
        model: ReportTreeModel = self.sourceModel()  # type: ignore[assignment]
        node = model.node(model.index(source_row, 0, source_parent))
        if node is None or node.kind is not NodeKind.STANDARD:
            return False  # shown when a row below matches (recursive filtering)
        return ((self.unit is None or node.unit == self.unit)
                and (self.status is None or node.status is self.status)
                and (not self.problems_only or model.findings.get(node.id, 0) > 0))
