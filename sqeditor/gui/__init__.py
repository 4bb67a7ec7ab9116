"""The PySide6 desktop editor: main window, tree, forms, the result editor and its dialogs.

app.py starts it; everything a clerk sees and clicks lives here, over the store and the core.
"""
