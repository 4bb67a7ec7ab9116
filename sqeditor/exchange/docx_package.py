"""A .docx package opened for import: checked before any XML is parsed, parts parsed safely.

The file must be a zip whose directory declares sane sizes (zip bombs), and every part is
parsed with a hardened lxml parser (no DTD, no entities, no network, no huge trees). Only the
parts the import needs are read; python-docx is not used here, so nothing else is parsed.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.zip_package import check_part_sizes, declares_entities

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_DOC = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
_W_STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"


def val(element: etree._Element | None, name: str = "val") -> str:
    """A w: attribute of an element that may be missing ('' then)."""
    return "" if element is None else element.get(f"{W}{name}", "")


def _parser() -> etree.XMLParser:
    """No DTD loading, no entity expansion, no network, no trees beyond libxml2's limits."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False, remove_comments=True)


@dataclass
class DocxPackage:
    """The parts of a checked .docx package that the import reads."""

    zip: zipfile.ZipFile
    document_name: str
    name: str
    _rels: etree._Element | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path, shown_name: str) -> DocxPackage:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ImportFormatError(
                f"「{shown_name}」不是 Word 文件（.docx）：檔案不是有效的 zip 格式或已損毀。") from exc
        package = cls(archive, "word/document.xml", shown_name)
        try:
            check_part_sizes(archive, shown_name)
            package.document_name = package._main_document_name()
            folder, base = posixpath.split(package.document_name)
            package._rels = package.parse(posixpath.join(folder, "_rels", base + ".rels"))
        except BaseException:
            package.close()
            raise
        return package

    def close(self) -> None:
        """Let go of the file at once: Windows keeps an open file from being moved or deleted."""
        self.zip.close()

    def _read(self, name: str) -> bytes | None:
        try:
            return self.zip.read(name)
        except KeyError:
            return None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise ImportFormatError(f"「{self.name}」已損毀，無法讀取其中的「{name}」。") from exc

    def parse(self, name: str) -> etree._Element | None:
        data = self._read(name)
        if data is None:
            return None
        refused = ImportFormatError(f"「{self.name}」含有 DTD／實體宣告，為安全起見拒絕匯入。")
        if declares_entities(data):
            raise refused  # Office never writes a DTD; entity tricks are refused unparsed
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise ImportFormatError(f"「{self.name}」已損毀：「{name}」不是有效的 XML。") from exc
        if root.getroottree().docinfo.doctype:
            raise refused
        return _to_transitional(root) if root.tag.startswith(_W_STRICT) else root

    def _main_document_name(self) -> str:
        rels = self.parse("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{_REL_NS}Relationship"):
                if rel.get("Type") in (_OFFICE_DOC, _STRICT_DOC):
                    return posixpath.normpath(rel.get("Target", "").lstrip("/"))
        if self._read("word/document.xml") is None:
            raise ImportFormatError(f"「{self.name}」不是 Word 文件：找不到文件本文。")
        return "word/document.xml"

    def related(self, kind: str) -> etree._Element | None:
        """The parsed part the main document relates to by this kind ('numbering', 'styles', …)."""
        if self._rels is None:
            return None
        folder = posixpath.dirname(self.document_name)
        for rel in self._rels.iter(f"{_REL_NS}Relationship"):
            if rel.get("Type", "").endswith("/" + kind):
                return self.parse(posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))))
        return None

    def body(self) -> etree._Element:
        root = self.parse(self.document_name)
        body = root.find(f"{W}body") if root is not None else None
        if body is None:
            raise ImportFormatError(f"「{self.name}」不是 Word 文件：找不到文件本文。")
        return body


def _to_transitional(root: etree._Element) -> etree._Element:
    """Strict OOXML uses another namespace for the same elements; rename them."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(_W_STRICT):
            element.tag = W + element.tag[len(_W_STRICT):]
        for key in [k for k in element.attrib if k.startswith(_W_STRICT)]:
            element.attrib[W + key[len(_W_STRICT):]] = element.attrib.pop(key)
    return root
