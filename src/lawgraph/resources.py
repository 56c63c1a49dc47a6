"""Files shipped with lawgraph (the ontology and its shapes), found in the installed package or the source tree."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def ontology_file(name: str) -> Path:
    """A file of ontology/: inside the wheel (lawgraph/ontology/) or beside src/ in a checkout."""
    packaged = resources.files("lawgraph").joinpath("ontology", name)
    if packaged.is_file():
        return Path(str(packaged))
    source = Path(__file__).resolve().parents[2] / "ontology" / name
    if source.is_file():
        return source
    raise FileNotFoundError(f"ontology file {name!r} is missing from this installation")
