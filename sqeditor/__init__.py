"""sqeditor: editor for the 提升服務品質自行評核項目及結果說明 report."""

__version__ = "0.1.0"
