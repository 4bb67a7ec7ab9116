"""`python -m sqeditor`, and the script PyInstaller freezes into the bundled program."""

import sys

from sqeditor.cli import main

if __name__ == "__main__":
    sys.exit(main())
