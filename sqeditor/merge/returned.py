"""What a unit can send back, and the words the merge report uses for each kind."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class ReturnedKind(StrEnum):
    """The kind of file a unit returned: it decides where the merge finds the base."""

    SPLIT = "split"  # a draft made by 分割草稿: it carries its base
    COPY = "copy"  # a plain copy of a report file: the base is in the shared history
    JSON = "json"  # exports: the base is what the report recorded under the file's export id
    XLSX = "xlsx"
    WORD = "word"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @classmethod
    def of_export(cls, path: Path) -> ReturnedKind:
        return EXPORT_SUFFIXES[path.suffix.lower()]


KIND_LABELS = {
    ReturnedKind.SPLIT: "分割草稿", ReturnedKind.COPY: "報告檔副本", ReturnedKind.JSON: "JSON 匯出檔",
    ReturnedKind.XLSX: "Excel 匯出檔", ReturnedKind.WORD: "Word 檔",
}
EXPORT_SUFFIXES = {".json": ReturnedKind.JSON, ".xlsx": ReturnedKind.XLSX, ".docx": ReturnedKind.WORD}

NO_BASE = "每個不同處都列為衝突，待逐一決定"
FOREIGN_REPORT = "不是這份報告的檔案（報告編號不同），以空白基準依評核項目對應，" + NO_BASE
NO_EXPORT_ID = "檔案沒有匯出編號，以空白基準依評核項目對應，" + NO_BASE
UNKNOWN_EXPORT = "這份報告沒有這次匯出的紀錄（匯出編號 {}），以空白基準依評核項目對應，" + NO_BASE
