"""Extraction: small functions from a document's folded view to what they find there.

Each extractor returns `Found` items in view offsets; `pipeline.extract` resolves overlaps once and maps
everything back to spans of the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Found:
    """Something found at view offsets [start, end): an entity mention or a metric."""

    start: int
    end: int
    kind: str
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
