"""The notebook a newcomer runs: it executes top to bottom without a failing cell, shows its tables, charts
and the page, and is kept in the repository without outputs."""

from __future__ import annotations

import nbformat
import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.mark.notebook
def test_the_notebook_is_kept_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert set(notebook.metadata) <= {"kernelspec", "language_info"}


@pytest.fixture(scope="module")
def executed():
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel of this environment (jupyter_client runs it with this interpreter), talking over loopback.
    client = NotebookClient(notebook, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    return notebook


def _outputs(notebook, mime: str) -> list[str]:
    return [output["data"][mime] for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if mime in output.get("data", {})]


@pytest.mark.notebook
def test_the_notebook_runs_top_to_bottom(executed):
    errors = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs
              if o.output_type == "error"]
    assert errors == []
    tables = _outputs(executed, "text/html")
    assert sum("<table" in t for t in tables) >= 8  # class counts, named queries, centrality, communities
    assert any("top-agencies" in md for md in _outputs(executed, "text/markdown"))
    assert len(_outputs(executed, "image/png")) == 3  # metrics by section, rates, one indicator across places


@pytest.mark.notebook
def test_the_notebook_embeds_the_page_as_text_not_a_file(executed):
    frames = [t for t in _outputs(executed, "text/html") if "<iframe srcdoc=" in t]
    assert len(frames) == 1
    assert "graph-data" in frames[0] and "file:" not in frames[0].split("graph-data")[0]
