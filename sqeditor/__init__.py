"""sqeditor: editor for the 提升服務品質自行評核項目及結果說明 report, one SQLite file per report.

The packages depend one way, each only on those below it (pyproject.toml [tool.importlinter]
checks this): model (the report as data) ← store (the .sqreport file) ← rules | exchange |
merge (the writing rules; other file formats; drafts split and merged) ← printing (Qt page
drawing) ← gui (the desktop editor), with cli.py and gui/app.py on top. Only printing and gui
import Qt; file_formats.py picks the reader or writer for a file, PDF included.
"""

__version__ = "0.1.0"
