"""The two reports shipped with the program, as JSON files in resources/.

They live in the core, not in the command line, so that the editor, the tests and the
benchmarks start from the same reports without importing an entry point.
"""

from __future__ import annotations

from sqeditor.exchange.json_format import read_json
from sqeditor.model import Report
from sqeditor.resource_files import resource_path


def builtin_sample() -> Report:
    """The real 110H2 report shipped with the program."""
    return read_json(resource_path("sample-110H2.json"))


def builtin_template() -> Report:
    """The criteria hierarchy without results or metadata."""
    return read_json(resource_path("template.json"))
