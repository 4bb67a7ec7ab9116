"""zhlint (the npm linter, made for mainland conventions) with Taiwan settings, as marks that
benchmarks/agency_text.py can score. It runs from a private install in benchmarks/.zhlint
(git-ignored; `make bench` makes it); without Node or that install it is skipped."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from benchmarks.agency_text import Mark, Problem

ZHLINT_DIR = Path(__file__).resolve().parent / ".zhlint"
ZHLINT_VERSION = "0.8.2"
# Taiwan settings: full-width （） and 「」 (no conversion to () or “”), no space between
# Chinese and digits or Latin letters (the official-text convention, not pangu).
TAIWAN_RULES = {
    "preset": "default", "halfwidthPunctuation": "", "fullwidthPunctuation": "，。：；？！（）",
    "unifiedPunctuation": "traditional", "spaceBetweenMixedwidthContent": False,
}
_SCRIPT = """
const { run } = require('zhlint')
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const out = input.paragraphs.map(text => run(text, { rules: input.rules }).validations.map(
  v => ({ index: v.index, length: v.length, message: v.message })))
process.stdout.write(JSON.stringify(out))
"""
# What each kind of zhlint message is about, as the rule ids of the annotation.
_KINDS = (("全角", {"R1"}), ("半角", {"R1", "R8"}), ("括号", {"R1"}), ("空格", {"R9", "R1"}),
          ("统一", {"R2", "P2", "P3"}))


def missing_reason() -> str | None:
    """Why zhlint cannot run here, or None."""
    if shutil.which("node") is None:
        return "Node is not installed"
    if not (ZHLINT_DIR / "node_modules" / "zhlint").is_dir():
        return (f"zhlint is not installed (npm install --prefix {ZHLINT_DIR} "
                f"zhlint@{ZHLINT_VERSION}; make bench does it)")
    return None


def zhlint_marks(paragraphs: list[str]) -> dict[str, list[Mark]]:
    """zhlint's validations of each paragraph, one Node process for all of them."""
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run([node, "-e", _SCRIPT], cwd=ZHLINT_DIR, check=True, capture_output=True,
                          text=True, encoding="utf-8",
                          input=json.dumps({"paragraphs": paragraphs, "rules": TAIWAN_RULES}),
                          timeout=300)
    results = json.loads(done.stdout)
    return {text: [Mark(v["message"], v["index"], v["index"] + v["length"], v["message"]) for v in found]
            for text, found in zip(paragraphs, results, strict=True)}


def same_kind(problem: Problem, mark: Mark) -> bool:
    """A zhlint message can stand for a problem of the rules its kind covers."""
    return any(word in mark.rule and problem.rule in rules for word, rules in _KINDS)
