"""The architecture as a contract: every module imports only from its own layer or those below it,
and every module imports on its own in a fresh interpreter (no hidden import-order dependency)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "vnict_analysis"

#: Layers in data-flow order; a module may import from its layer or any earlier one.
LAYERS = [
    ["_version", "errors"],
    ["resources", "datafiles", "schemas"],
    ["text"],
    ["corpus"],
    ["figures"],
    ["people"],
    ["facts"],
    ["report", "store"],
    ["pipeline", "evaluate", "evaluate_links", "evaluate_people"],
    ["cli", "__main__"],
]
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def _modules() -> list[str]:
    out = []
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append(".".join(parts))
    return out


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return RANK.get(parts[1]) if len(parts) > 1 else None  # the package root is the facade


def _imports(module: str) -> list[tuple[str, int]]:
    """(imported module, line) for every import in `module`, inside functions too."""
    path = PKG.parent.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("vnict_analysis"):
                if node.module is None or target.count(".") == 0:  # "from . import x": x is a module
                    found += [(f"{target}.{a.name}", node.lineno) for a in node.names]
                else:
                    found.append((target, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("vnict_analysis")]
    return found


def test_every_module_has_a_layer():
    missing = [m for m in _modules() if m != "vnict_analysis" and _layer(m) is None]
    assert not missing, f"add these to LAYERS: {missing}"


def test_imports_only_go_down():
    upward = []
    for module in _modules():
        mine = _layer(module)
        if mine is None:
            continue
        for target, line in _imports(module):
            theirs = _layer(target)
            if theirs is None or theirs > mine:
                upward.append(f"{module}:{line} imports {target}")
    assert not upward, "\n".join(upward)


def test_the_contract_catches_an_upward_import(tmp_path, monkeypatch):
    """The checker itself can fail: a text-layer module importing the facts layer is reported."""
    fake = tmp_path / "vnict_analysis" / "text"
    fake.mkdir(parents=True)
    (tmp_path / "vnict_analysis" / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "bad.py").write_text("from ..facts.reconcile import reconcile\n")
    monkeypatch.setattr(sys.modules[__name__], "PKG", tmp_path / "vnict_analysis")
    with pytest.raises(AssertionError, match="vnict_analysis.text.bad:1 imports vnict_analysis.facts.reconcile"):
        test_imports_only_go_down()


@pytest.mark.parametrize("module", _modules())
def test_module_imports_on_its_own(module):
    proc = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
