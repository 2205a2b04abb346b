"""Issue 4's measure as a test: the 238 French actor phrases of tests/data, >= 95 % right.

The cases and the scoring live in benchmarks/actor_phrases.py (which also prints every miss);
this test runs the same scoring with the session's model.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from wirecoder.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "actor_phrases_fr.tsv"


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "actor_phrases.py"
    spec = importlib.util.spec_from_file_location("actor_phrases_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("threshold", [0.95])
def test_actors_phrases_are_coded_right(coder: Coder, threshold: float) -> None:
    bench = _benchmark()
    cases = bench.load_cases(CASES)
    outcomes = [bench.run_case(coder, case) for case in cases]
    misses = [(o.case.id, o.misses) for o in outcomes if o.misses]
    assert len(cases) >= 150
    assert 1 - len(misses) / len(cases) >= threshold, misses
