"""The writing-rule checker for official Traditional Chinese, no Qt: findings and their fixes.

The rules themselves are data, TOML packs in resources/rules/ (pack.py reads them); the
matchers here run them over titles and result paragraphs.
"""

from sqeditor.rules.engine import Checker, apply_suggestion, apply_to_node, apply_to_paragraphs
from sqeditor.rules.finding import Finding, Severity

__all__ = ["Checker", "Finding", "Severity", "apply_suggestion", "apply_to_node", "apply_to_paragraphs"]
