"""Core's packages keep to their layers (.importlinter, docs/architecture.md "Layers").

import-linter reads every module's imports (type-checking-only ones aside):
a package importing one above it, or two parts of core importing each other
however indirectly, breaks a contract and fails this test with the chain of
imports that does it.
"""

from __future__ import annotations

import re
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".importlinter"


def test_core_keeps_its_layers(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(CONFIG), no_cache=True, no_logo=True)
    assert status == 0, capsys.readouterr().out


def test_every_core_package_has_its_layer():
    """A new package must be placed in the layers, not left outside every contract."""
    listed = set(re.findall(r"\b[a-z_]+\b", CONFIG.read_text().split("layers =")[1].split("[")[0]))
    parts = {p.name for p in (ROOT / "core").iterdir() if (p / "__init__.py").exists()}
    parts |= {p.stem for p in (ROOT / "core").glob("*.py") if p.stem != "__init__"}
    assert parts - listed == set()


def test_the_architecture_page_shows_the_same_layers():
    layers = CONFIG.read_text().split("layers =")[1].split("\n\n")[0].split()
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [name for name in layers if name != "|" and f"`{name}`" not in page]
    assert missing == []


def test_core_forms_are_built_on_the_hardened_base():
    """Every form of core validates through ``core.web.forms.FlaskForm`` (issue 13, item 8)."""
    allowed = {"core/web/forms.py", "core/hooks.py", "core/hookspecs.py", "core/contract.py"}
    direct = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "core").rglob("*.py")
        if re.search(r"^from flask_wtf import .*FlaskForm", path.read_text(), re.M)
        and str(path.relative_to(ROOT)) not in allowed
        and "plugin_api" not in path.parts
    ]
    assert not direct, f"forms not built on core.web.forms.FlaskForm: {direct}"
