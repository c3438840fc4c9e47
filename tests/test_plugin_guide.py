"""The plugin guide's example tests run as written, so docs/plugins.md cannot drift.

Each ``python`` block marked ``<!-- run by tests/test_plugin_guide.py -->``
is the test module of a plugin package, ``incuchain_techtransfer``; that name
is the fourth stage of tests/fixture_plugins here. Every ``test_*`` function
a block defines runs as a test of its own.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from tests.fixture_plugins import techtransfer

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
MARK = "<!-- run by tests/test_plugin_guide.py -->"


def marked_blocks() -> list[str]:
    page = GUIDE.read_text(encoding="utf-8")
    return re.findall(rf"{re.escape(MARK)}\n```python\n(.*?)```", page, re.S)


EXAMPLES = [
    (node.name, block)
    for block in marked_blocks()
    for node in ast.parse(block).body
    if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
]


def test_the_guide_has_example_tests_to_run():
    assert len(marked_blocks()) == GUIDE.read_text(encoding="utf-8").count(MARK)
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize(("name", "block"), EXAMPLES, ids=[name for name, _block in EXAMPLES])
def test_the_guide_example(monkeypatch, name, block):
    monkeypatch.setitem(sys.modules, "incuchain_techtransfer", techtransfer)
    namespace = {"__name__": "incuchain_techtransfer_tests"}
    exec(compile(block, f"{GUIDE}:{name}", "exec"), namespace)
    namespace[name]()
