"""The project installs the same way everywhere: pyproject.toml, environment.yml, wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
import yaml

import kuzbas_data as kd
from conftest import REPO
from kuzbas_data import series


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement such as 'pandas>=3.0,<4'."""
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _conda_names() -> set[str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    return {_name(dep) for dep in env["dependencies"] if isinstance(dep, str)}


def test_environment_yml_names_every_dependency_of_pyproject():
    project = _pyproject()["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra}
    missing = wanted - _conda_names()
    assert not missing, f"environment.yml lacks {sorted(missing)}: add them under dependencies"


def test_environment_yml_uses_conda_forge_and_installs_the_package_with_pip():
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    pip_section = next(dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict))
    assert "--editable ." in pip_section
    python = next(dep for dep in env["dependencies"] if isinstance(dep, str) and _name(dep) == "python")
    assert python.removeprefix("python") == _pyproject()["project"]["requires-python"]


def test_data_is_found_from_another_working_directory(tmp_path):
    out = subprocess.run([sys.executable, "-c", "import kuzbas_data as kd; print(len(kd.sources()))"],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    assert int(out.stdout) == len((REPO / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()) - 1


def _clean_copy(target: Path) -> Path:
    """The package sources without build leftovers: setuptools builds in ./build, and a stale
    file there (a module since deleted) would otherwise slip into the wheel."""
    import shutil
    target.mkdir(parents=True)
    keep = ["pyproject.toml", "README.md", "LICENSE", "LICENSE-DATA.md", "kuzbas_data", "data"]
    for name in keep:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def test_wheel_carries_the_data_and_loads_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    source = _clean_copy(tmp_path / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(dist), str(source)], check=True, capture_output=True, cwd=tmp_path)
    (wheel,) = dist.glob("kuzbas_data-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True,
                   capture_output=True)
    # The new environment borrows pandas & co. from this one through a .pth line; the editable
    # install of this checkout is not activated there, so the wheel's copy is the one imported.
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "borrowed.pth").write_text("\n".join({sysconfig.get_paths()["purelib"],
                                                 sysconfig.get_paths()["platlib"]}) + "\n")
    code = ("import kuzbas_data as kd; from kuzbas_data import series; print(kd.__file__); "
            "s = kd.sources(); print(len(s), s['year'].dtype, sorted(s['source_id'])[0]); "
            "print(*[len(kd.read_table(n)) for n in kd.table_names()]); "
            "print(*[len(b()) for b in series.BUILDERS.values()])")
    out = subprocess.run([python, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    location, summary, tables, built = out.stdout.splitlines()
    assert location.startswith(str(env_dir)), f"imported {location}, not the wheel"
    assert summary == f"{len(_csv_ids())} Int64 {sorted(_csv_ids())[0]}"
    # every table and every series, from the wheel's own copy of data/
    assert tables.split() == [str(_rows(REPO / "data" / kd.datapackage.resource(n)["path"])) for n in kd.table_names()]
    assert built.split() == [str(len(b())) for b in series.BUILDERS.values()]


def _rows(path: Path) -> int:
    import csv
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def _csv_ids() -> list[str]:
    lines = (REPO / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",", 1)[0] for line in lines]


@pytest.mark.parametrize("path", ["README.md", "LICENSE", "LICENSE-DATA.md", "CITATION.cff", "CHANGELOG.md",
                                  "environment.yml", ".ci/run", "notebooks", "data", "tests", "kuzbas_data"])
def test_layout(path):
    assert (REPO / path).exists()


def test_readme_data_dictionary_is_generated_from_the_schema():
    from kuzbas_data.docs import with_dictionary
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme == with_dictionary(readme), "the README's data dictionary is stale: run `make series`"
