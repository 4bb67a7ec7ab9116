"""說明 › 使用說明: the user guide (docs/user-guide.md) shown offline, with its screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPixmap, QTextCursor, QTextDocument, QTextFragment
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from sqeditor.gui.window_geometry import fit_dialog
from sqeditor.resource_files import resources_dir

IMAGE_WIDTH = 760  # screenshots are 1366 wide; shrink them to the reading column


def guide_path() -> Path:
    """docs/ sits beside resources/, in the source tree and in the bundle alike."""
    return resources_dir().parent / "docs" / "user-guide.md"


class UserGuideDialog(QDialog):
    """A QTextBrowser on the Markdown guide; images resolve relative to the docs folder."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用說明"))
        fit_dialog(self, 880, 700)
        self.browser = QTextBrowser(objectName="userGuide")
        self.browser.setOpenExternalLinks(True)
        path = path or guide_path()
        if path.exists():
            self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
            shrink_images(self.browser.document(), IMAGE_WIDTH)
        else:
            self.browser.setPlainText(self.tr("找不到使用說明檔案：{0}").format(path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def image_fragments(document: QTextDocument) -> list[QTextFragment]:
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                found.append(it.fragment())
            it += 1
        block = block.next()
    return found


def shrink_images(document: QTextDocument, width: int) -> None:
    """Markdown has no image size: give each wide image the column's width, keeping its shape."""
    for fragment in image_fragments(document):
        image_format = fragment.charFormat().toImageFormat()
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image_format.name()))
        if not isinstance(image, (QImage, QPixmap)) or image.width() <= width:
            continue
        image_format.setWidth(width)
        image_format.setHeight(image.height() * width / image.width())
        cursor = QTextCursor(document)
        cursor.setPosition(fragment.position())
        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(image_format)
