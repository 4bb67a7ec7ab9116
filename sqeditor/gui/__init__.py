"""The PySide6 desktop editor: main window, tree, forms and the result editor."""
