"""The parse process: the real French pipeline in a real child process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirecoder.nlp import ModelNotInstalledError, Parser
from wirecoder.parse_process import ParseProcess, ParseProcessError
from wirecoder.pipeline import Coder
from wirecoder.records import Article

TEXTS = [
    "Le ministre tunisien a reçu mardi à Tunis son homologue malien.",
    "Paris, 3 mai 2024\n\nLa Norvège a condamné l'attaque contre un convoi d'aide.",
    "Les manifestants ont réclamé le départ du gouverneur, selon l'agence.",
]
# an empty body, paragraph breaks, hyphenated compounds, typographic quotes and spaces
ODD = ["", "Titre\n\nLe porte-parole a dit\u00a0: «\u00a0non\u00a0».\n\nFin.", "  \n "]


@pytest.fixture(scope="module")
def apart() -> Iterator[ParseProcess]:
    with ParseProcess("fr") as process:
        yield process


def _state(pid: int) -> str | None:
    """A process's state letter, None once it is gone (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None if state in ("Z", "X") else state


def _gone(pid: int, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _state(pid) is None:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("texts", [TEXTS, ODD])
def test_parse_process_docs_equal_docs_parsed_here(
    apart: ParseProcess, parser: Parser, texts: list[str]
) -> None:
    there = apart.collect(apart.submit(texts))
    here = list(parser.parse_many(texts))
    assert [d.to_json() for d in there] == [d.to_json() for d in here]
    for name in ("lemma_", "norm_", "morph", "is_sent_start", "ent_iob_", "whitespace_"):
        assert [[str(getattr(t, name)) for t in d] for d in there] == [
            [str(getattr(t, name)) for t in d] for d in here
        ]


@pytest.mark.parametrize("texts", [TEXTS])
def test_parse_process_tickets_collect_in_any_order(apart: ParseProcess, texts: list[str]) -> None:
    first, second = apart.submit(texts[:1]), apart.submit(texts[1:])
    later = apart.collect(second)
    earlier = apart.collect(first)
    assert [d.text for d in earlier] == texts[:1]
    assert [d.text for d in later] == texts[1:]
    with pytest.raises(ParseProcessError, match="no batch"):
        apart.collect(first)


@pytest.mark.parametrize("texts", [TEXTS])
def test_parse_process_coder_codes_as_the_coder_here(
    apart: ParseProcess, coder: Coder, texts: list[str]
) -> None:
    articles = [Article(f"a{n}", t, lang="fr") for n, t in enumerate(texts)]
    elsewhere = Coder("fr", parser=apart)
    coded = elsewhere.collect(elsewhere.submit(articles))
    assert coded == list(coder.code_many(articles))
    assert sum(len(r.events) for r in coded) >= 3


@pytest.mark.parametrize("text", [TEXTS[0]])
def test_parse_process_killed_child_fails_its_batch_and_is_started_again(text: str) -> None:
    with ParseProcess("fr") as process:
        process.collect(process.submit([text]))  # loaded
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        lost = process.submit([text])
        with pytest.raises(ParseProcessError, match="ended"):
            process.collect(lost)
        [doc] = process.collect(process.submit([text]))
        assert doc.text == text


@pytest.mark.parametrize("model", ["no_such_pipeline_xyz"])
def test_parse_process_missing_model_says_so_on_every_batch(model: str) -> None:
    with ParseProcess("fr", model) as process:
        with pytest.raises(ModelNotInstalledError, match=model):
            process.collect(process.submit(["Un texte."]))
        with pytest.raises(ModelNotInstalledError, match=model):
            process.submit(["Un autre."])


_ORPHAN = """
import sys
from wirecoder.parse_process import ParseProcess
process = ParseProcess("fr")
process.collect(process.submit(["Le ministre a parlé."]))
# a batch whose reply (well over a pipe's 64 KB) nobody will read: the child must not hang
# at exit handing it over
process.submit(["Le ministre tunisien a reçu son homologue malien à Tunis. " * 40] * 12)
print(process.pid, flush=True)
sys.stdin.read()
"""


@pytest.mark.parametrize("script", [_ORPHAN])
def test_parse_process_child_ends_when_its_parent_is_killed(script: str) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert _state(child) is not None
        parent.kill()
        parent.wait()
    assert _gone(child), "the parse process outlived its killed parent"
