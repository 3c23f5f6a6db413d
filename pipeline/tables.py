"""Tables as the plain-text export writes them: one cell a line, starting with a tab.

A row starts with a cell line that follows a blank line; a line without the leading tab continues the
cell before it (the export breaks long cells such as location lists over several lines).
"""

from __future__ import annotations


def table_rows(block: str) -> list[list[str]]:
    """Split a table block into rows of cells (text as written, continuation lines kept with '\\n')."""
    rows: list[list[str]] = []
    after_blank = True
    for line in block.split("\n"):
        if line.startswith("\t"):
            cell = line[1:].strip()
            if after_blank or not rows:
                rows.append([cell])
            else:
                rows[-1].append(cell)
            after_blank = False
        elif not line.strip():
            after_blank = True
        elif rows:
            rows[-1][-1] = f"{rows[-1][-1]}\n{line.strip()}"
            after_blank = False
    return rows
