"""The layer contracts of `.importlinter` hold on the tree, and a forbidden import breaks them.

Each case copies the package into a scratch directory, adds one import that the architecture
forbids, and runs the same `lint-imports` that `make test` runs on the copy.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache", "--no-logo", str(root / ".importlinter")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    shutil.copytree(
        ROOT / "hemis", tmp_path / "hemis", ignore=shutil.ignore_patterns("__pycache__", "locale")
    )
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def add_import(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text() + f"\n{line}\n")


def test_the_tree_keeps_every_contract(tree):
    result = lint(tree)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "importer", "imported"),
    [
        # a domain app reaching for the UI
        ("hemis.org.models", "import hemis.web.urls", "hemis.org.models", "hemis.web.urls"),
        # a domain app reaching for the demo university
        (
            "hemis.students.selectors",
            "from hemis.demo import plan",
            "hemis.students.selectors",
            "hemis.demo.plan",
        ),
        # a lower domain importing a higher one (org sits below staff)
        (
            "hemis.org.selectors",
            "from hemis.staff import models",
            "hemis.org.selectors",
            "hemis.staff.models",
        ),
        # a domain importing the policy instead of being reached through it
        (
            "hemis.curricula.services.curricula",
            "from hemis.access import policy",
            "hemis.curricula.services.curricula",
            "hemis.access.policy",
        ),
    ],
)
def test_a_forbidden_import_breaks_the_layers(tree, module, line, importer, imported):
    add_import(tree, module, line)
    result = lint(tree)
    assert result.returncode == 1
    layers = result.stdout.split("Broken contracts")[1]
    assert "Layers: the UI over the demo" in layers
    assert f"{importer} -> {imported}" in layers


def test_test_code_may_use_any_layer(tree):
    add_import(tree, "hemis.org.tests.test_structure_services", "import hemis.web.urls")
    result = lint(tree)
    assert result.returncode == 0, result.stdout
