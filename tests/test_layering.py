"""The entry layers (command line, GUI start-up) are imported by nothing below them.

Exports, services and models know nothing of the command line: a document module that
imported `desktop.cli_documents` pulled the CLI into the GUI and made a circle of
app ↔ cli ↔ commands. Every file's AST is read, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parent.parent / "desktop"
LOWER_LAYERS = ("exports", "services", "models")
ENTRY_MODULES = ("desktop.commands", "desktop.app")


def _is_entry(module: str) -> bool:
    return (module == "desktop.cli" or module.startswith("desktop.cli")
            or any(module == m or module.startswith(m + ".") for m in ENTRY_MODULES))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, by absolute name, with its line."""
    package = ".".join(path.relative_to(DESKTOP.parent).with_suffix("").parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from .x import y, from .. import z
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([base] if base else [])])
            found.append((node.lineno, base))
            # `from desktop import cli` names the module in the alias.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


@pytest.mark.parametrize("layer", LOWER_LAYERS)
def test_lower_layers_never_import_the_command_line_or_the_app(layer):
    files = sorted((DESKTOP / layer).rglob("*.py"))
    assert files
    offences = [f"{path.relative_to(DESKTOP.parent)}:{line} imports {module}"
                for path in files for line, module in imported_modules(path)
                if _is_entry(module)]
    assert offences == []


def test_the_checker_sees_every_way_of_importing(monkeypatch):
    fake = DESKTOP / "exports" / "_layering_probe.py"
    sources = ["import desktop.cli_documents\n", "from desktop import commands\n",
               "def f():\n    from desktop.app import run_gui\n",
               "from ..cli import main\n", "from desktop.cli_document_entries import x\n"]
    for source in sources:
        monkeypatch.setattr(Path, "read_text", lambda self, encoding=None, s=source: s)
        assert any(_is_entry(module) for _, module in imported_modules(fake)), source
    monkeypatch.setattr(Path, "read_text",
                        lambda self, encoding=None: "from desktop.services import files\n")
    assert not any(_is_entry(module) for _, module in imported_modules(fake))


def test_commands_import_neither_the_command_line_nor_the_app():
    """cli → commands and cli → app, never back: the circle is broken for good."""
    for name in ("commands.py", "app.py"):
        modules = [module for _, module in imported_modules(DESKTOP / name)]
        assert not [m for m in modules if m == "desktop.cli" or m.startswith("desktop.cli")]
    assert not [m for _, m in imported_modules(DESKTOP / "commands.py")
                if m.startswith("desktop.app")]
