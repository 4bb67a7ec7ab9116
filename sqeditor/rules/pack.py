"""Rule packs: the TOML files in resources/rules/ that say what each rule is and looks for.

Packs are data so that an agency can add words and patterns without code. Each rule has an
id, a name, a category, a severity, whether its first suggestion is safe to apply unread,
and patterns; each pattern has a ``kind`` naming the matcher that runs it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqeditor.chinese_text import HAN_RANGES, PUNCTUATION_RANGES, char_class
from sqeditor.resource_files import resource_path
from sqeditor.rules.finding import FIELDS, Severity

HAN = char_class(HAN_RANGES)
CJK_PUNCT = char_class(PUNCTUATION_RANGES)
CHAR_CLASSES = {"{han}": HAN, "{cjkp}": CJK_PUNCT, "{cjk}": HAN + CJK_PUNCT}


def expand_classes(regex: str) -> str:
    """Replace the {han} {cjkp} {cjk} placeholders (not str.format: regexes use braces)."""
    for name, chars in CHAR_CLASSES.items():
        regex = regex.replace(name, chars)
    return regex


def fill(template: str, **values: object) -> str:
    """A message with {text}, {suggestion} … filled in, leaving other braces alone."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


@dataclass(frozen=True)
class RuleInfo:
    """What a rule is, as the clerk sees it in menus and the findings panel."""

    id: str
    name: str
    category: str
    severity: Severity
    safe: bool
    fields: frozenset[str] = frozenset(FIELDS)
    # From this many hits in one paragraph on, they become one finding fixed in one step
    # (text pasted from a web page or PDF would otherwise bury the other findings).
    group_min: int = 0
    group_message: str = ""


@dataclass(frozen=True)
class PatternSpec:
    """One pattern of a rule, with its settings from the pack (defaults from the rule)."""

    rule: RuleInfo
    kind: str
    settings: dict[str, Any] = field(hash=False, compare=False)

    @property
    def severity(self) -> Severity:
        return Severity(self.settings.get("severity", self.rule.severity))

    @property
    def safe(self) -> bool:
        return bool(self.settings.get("safe", self.rule.safe))

    @property
    def message(self) -> str:
        return str(self.settings.get("message", ""))


def _rule_from_data(data: dict[str, Any], source: Path) -> tuple[RuleInfo, list[PatternSpec]]:
    try:
        info = RuleInfo(
            id=data["id"], name=data["name"], category=data["category"],
            severity=Severity(data["severity"]), safe=bool(data.get("safe", False)),
            fields=frozenset(data.get("fields", FIELDS)),
            group_min=int(data.get("group_min", 0)), group_message=str(data.get("group_message", "")),
        )
        specs = []
        for pattern in data["pattern"]:
            settings = dict(pattern)
            settings.setdefault("message", data.get("message", ""))
            specs.append(PatternSpec(info, settings.pop("kind"), settings))
    except (KeyError, ValueError) as exc:
        raise ValueError(f"rule pack {source.name}: bad rule {data.get('id', '?')}: {exc}") from exc
    return info, specs


def read_packs(paths: Iterable[Path]) -> tuple[dict[str, RuleInfo], list[PatternSpec]]:
    """Rules and their patterns from TOML rule packs, in file order."""
    rules: dict[str, RuleInfo] = {}
    specs: list[PatternSpec] = []
    for path in paths:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for rule_data in data.get("rule", []):
            info, rule_specs = _rule_from_data(rule_data, path)
            if info.id in rules:
                raise ValueError(f"rule pack {path.name}: rule {info.id} defined twice")
            rules[info.id] = info
            specs.extend(rule_specs)
    return rules, specs


@cache
def builtin_packs() -> tuple[dict[str, RuleInfo], list[PatternSpec]]:
    """The packs shipped in resources/rules/, read once per process."""
    return read_packs(sorted(resource_path("rules").glob("*.toml")))
