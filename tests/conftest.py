"""Shared fixtures: the real French and English models, loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "examples" / "azertac-2021-02-10-islamabad.txt"


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    from wirecoder.pipeline import Coder

    return Coder(lang="fr")


@pytest.fixture(scope="session")
def english():  # type: ignore[no-untyped-def]
    """The English coder (the real en_core_web_sm pipeline, rewritten as UD)."""
    from wirecoder.pipeline import Coder

    return Coder(lang="en")


@pytest.fixture(scope="session")
def parser(coder):  # type: ignore[no-untyped-def]
    return coder.parser


def coded_triples(coder: Any, text: str, *, negated: bool = True) -> set[tuple[str, ...]]:
    """(type, actor code, recipient code) of each event ``coder`` finds in ``text`` (the negated
    ones too unless ``negated=False``); a side with no code reads as None."""
    return {
        (e.type, e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in coder.code(text).events
        if negated or not e.negated
    }


def shared_file(path: Path) -> Path:
    """A file of ../shared, or skip the test saying why."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data sits beside the checkout in ../shared")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output (review the diff before committing).",
    )
