"""Where the built-in data files (template, sample, rule packs) live, installed or bundled."""

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources folder: beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
