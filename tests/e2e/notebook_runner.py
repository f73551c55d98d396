"""Run a notebook's code cells in order in one namespace, as a fresh Jupyter kernel would.

``python -m tests.e2e.notebook_runner NOTEBOOK``: IPython lines (``%matplotlib inline``,
``!pip ...``) are recognised by the migrator's own rules (``legacy2tf2.migrator.magics``) and
skipped; a cell that is a non-Python cell magic (``%%bash``) is skipped whole, except
``%%writefile NAME.py`` (``-a`` to append), which writes its body to the file as IPython does.
Each cell is compiled under the name ``<cell N>`` so a traceback says which cell failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from legacy2tf2.migrator.magics import mask
from legacy2tf2.migrator.writefile_cells import target


def python_of_cell(source: str) -> str | None:
    """The cell's Python with every IPython line replaced by ``pass``; ``None`` to skip it."""
    masked = mask(source)
    if masked is None:
        return None
    text, table = masked
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() in table:
            indent = line[: len(line) - len(line.lstrip())]
            lines.append(f"{indent}pass\n")
        else:
            lines.append(line)
    return "".join(lines)


def run(path: Path) -> None:
    """Execute every code cell of ``path`` in order in one ``__main__`` namespace."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    namespace: dict[str, object] = {"__name__": "__main__"}
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = cell["source"]
        source = source if isinstance(source, str) else "".join(source)
        written = target(source)
        if written is not None:
            name, append = written
            with open(name, "a" if append else "w", encoding="utf-8") as module:
                module.write(source.split("\n", 1)[1] if "\n" in source else "")
            continue
        python = python_of_cell(source)
        if python is None:
            continue
        exec(compile(python, f"<cell {number}>", "exec"), namespace)
        sys.stdout.flush()


if __name__ == "__main__":
    run(Path(sys.argv[1]))
