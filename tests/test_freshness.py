"""A notebook's stored digest says whether its outputs were computed from the current inputs."""

from __future__ import annotations

import json
import shutil

from conftest import REPO
from kuzbas_data import freshness

NOTEBOOK = REPO / "notebooks" / "00-introduction.ipynb"


def _edit_first_code_cell(path, text):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    cell["source"] = "".join(cell["source"]) + text
    path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_a_stamped_notebook_is_current_until_its_code_changes(tmp_path):
    nb = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, nb)
    _edit_first_code_cell(nb, "\n# an edit")
    assert not freshness.is_current(nb)
    assert freshness.stamp(nb) is True
    assert freshness.is_current(nb)
    assert freshness.stamp(nb) is False  # stamping twice changes nothing
    _edit_first_code_cell(nb, "\n# another edit")
    assert not freshness.is_current(nb)


def test_stamping_changes_only_the_digest_line(tmp_path):
    nb = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, nb)
    before = nb.read_text(encoding="utf-8").splitlines()
    data = json.loads(nb.read_text(encoding="utf-8"))
    data["metadata"]["kuzbas"][freshness.KEY] = "0" * 64
    nb.write_text(json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    freshness.stamp(nb)
    # the notebook as nbconvert wrote it (the repository's copy is current): byte for byte again
    assert nb.read_text(encoding="utf-8").splitlines() == before


def test_the_digest_follows_the_package_and_data_files(tmp_path):
    (tmp_path / "series").mkdir()
    (tmp_path / "claims.csv").write_bytes(b"claim_id,value\na,1\n")
    (tmp_path / "series" / "coal.csv").write_bytes(b"x\n1\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "cache.csv").write_bytes(b"ignored")
    suffixes = (".csv",)
    first = freshness.tree_digest(tmp_path, suffixes)
    (tmp_path / "__pycache__" / "cache.csv").write_bytes(b"changed, still ignored")
    (tmp_path / "notes.txt").write_bytes(b"not a data file")
    assert freshness.tree_digest(tmp_path, suffixes) == first
    (tmp_path / "claims.csv").write_bytes(b"claim_id,value\r\na,1\r\n")  # a Windows checkout
    assert freshness.tree_digest(tmp_path, suffixes) == first
    (tmp_path / "series" / "coal.csv").write_bytes(b"x\n2\n")
    assert freshness.tree_digest(tmp_path, suffixes) != first


def test_the_package_digest_changes_with_any_module_or_data_file(tmp_path, monkeypatch, request):
    request.addfinalizer(freshness.package_digest.cache_clear)  # the real digest again after the test
    shutil.copytree(REPO / "kuzbas_data", tmp_path / "kuzbas_data")
    shutil.copytree(REPO / "data", tmp_path / "data")
    where = {"kuzbas_data": tmp_path / "kuzbas_data", "kuzbas_data.data": tmp_path / "data"}
    monkeypatch.setattr(freshness, "files", where.__getitem__)

    def digest():
        freshness.package_digest.cache_clear()
        return freshness.package_digest()

    original = digest()
    with (tmp_path / "data" / "claims.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    edited_data = digest()
    (tmp_path / "kuzbas_data" / "series.py").write_text("# changed\n", encoding="utf-8")
    assert len({original, edited_data, digest()}) == 3
