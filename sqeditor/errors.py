"""Errors a clerk can cause; each carries a message in plain Traditional Chinese."""


class SqeditorError(Exception):
    """Base of errors shown to the clerk (GUI dialog, or CLI message and exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReportFileError(SqeditorError):
    """A .sqreport file cannot be opened or written."""


class ImportFormatError(SqeditorError):
    """A file given to import is not a report this program can read."""


class ReadOnlyError(SqeditorError):
    """A change was attempted on a report opened read-only."""
