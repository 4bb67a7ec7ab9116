"""Reports to and from other files: JSON, Word (.docx) and Excel (.xlsx), no Qt.

Also the official table's layout shared with printing (layout.py), the options an export takes
(formats.py) and the two reports shipped with the program (builtin_reports.py).
"""
