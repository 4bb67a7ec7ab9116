"""Names of statuses and node kinds as the clerk reads them, in the UI language."""

from PySide6.QtCore import QCoreApplication

from sqeditor.model import NodeKind, Status


def status_text(status: Status) -> str:
    texts = {
        Status.EMPTY: QCoreApplication.translate("Status", "未填"),
        Status.DRAFT: QCoreApplication.translate("Status", "草稿"),
        Status.REVIEW: QCoreApplication.translate("Status", "待審"),
        Status.DONE: QCoreApplication.translate("Status", "完成"),
    }
    return texts[status]


def kind_text(kind: NodeKind) -> str:
    texts = {
        NodeKind.SECTION: QCoreApplication.translate("NodeKind", "構面"),
        NodeKind.ITEM: QCoreApplication.translate("NodeKind", "評核項目"),
        NodeKind.INDICATOR: QCoreApplication.translate("NodeKind", "評核指標"),
        NodeKind.STANDARD: QCoreApplication.translate("NodeKind", "參考標準"),
    }
    return texts[kind]
