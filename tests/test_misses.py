"""The per-article error listing of ``wirecoder evaluate --errors``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecoder.misses import list_errors
from wirecoder.pipeline import Coder

TEXT = "Le ministre turc a félicité le gouvernement géorgien."


def _gold(tmp_path: Path, events: list[dict[str, object]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "events": events}) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("events", "listed"),
    [
        ([{"type": "SUPPORT", "source": "TUR", "target": "GEO"}], []),
        (
            [{"type": "SUPPORT", "source": "TUR", "target": "ARM", "source_name": "X"}],
            ["MISSED SUPPORT", "FALSE  SUPPORT None TUR -> GEO", "«a félicité»"],
        ),
        (
            [{"type": "SUPPORT", "source": "TUR", "target": "GEO", "negated": True}],
            ["FALSE  SUPPORT"],
        ),
    ],
)
def test_misses_list_errors(
    coder: Coder, tmp_path: Path, events: list[dict[str, object]], listed: list[str]
) -> None:
    result = coder.code(TEXT, article_id="a")
    text = list_errors(_gold(tmp_path, events), [result])
    if not listed:
        assert text == ""
    for part in listed:
        assert part in text
