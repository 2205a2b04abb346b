"""Issue 4's measure as a test: the French actor phrases of tests/data (238), >= 95 % right,
and the English ones (250) above the floor measured when English was added.

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
DATA = ROOT / "tests" / "data"


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "actor_phrases.py"
    spec = importlib.util.spec_from_file_location("actor_phrases_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("lang", "threshold"), [("fr", 0.95), ("en", 0.90)])
def test_actors_phrases_are_coded_right(
    coder: Coder, english: Coder, lang: str, threshold: float
) -> None:
    bench = _benchmark()
    cases = bench.load_cases(DATA / f"actor_phrases_{lang}.tsv")
    chosen = coder if lang == "fr" else english
    outcomes = [bench.run_case(chosen, case) for case in cases]
    misses = [(o.case.id, o.misses) for o in outcomes if o.misses]
    assert len(cases) >= 150
    assert 1 - len(misses) / len(cases) >= threshold, misses


@pytest.mark.parametrize(
    ("lang", "name", "expected"),
    [
        ("en", "President Ilham Aliyev", ("Ilham Aliyev", "president")),
        ("fr", "Nadeem Raza", ("Nadeem Raza", None)),
    ],
)
def test_actors_phrases_untitled_names(
    lang: str, name: str, expected: tuple[str, str | None]
) -> None:
    from wirecoder.actors.lexicon import ActorLexicon
    from wirecoder.actors.phrases import untitled

    found, office = untitled(ActorLexicon.load(lang), name)
    assert (found, office.text if office else None) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Abdallah II de Jordanie", ("Abdallah II", "JOR")), ("Hamad", ("Hamad", None))],
)
def test_actors_phrases_name_of_a_country(name: str, expected: tuple[str, str | None]) -> None:
    from wirecoder.actors.lexicon import ActorLexicon
    from wirecoder.actors.phrases import name_of_country
    from wirecoder.language import Language

    assert name_of_country(ActorLexicon.load("fr"), Language.load("fr").grammar, name) == expected


@pytest.mark.parametrize(
    ("text", "head", "phrase"),
    [
        (
            "Le ministre pakistanais des Affaires étrangères contre l'Inde a parlé.",
            1,
            "Le ministre pakistanais des Affaires étrangères",
        )
    ],
)
def test_actors_phrases_span_leaves_out_foreign_complements(
    coder: Coder, text: str, head: int, phrase: str
) -> None:
    doc = coder.parser.parse(text)
    assert coder.extractor.resolver.span(doc[head]).text == phrase


SAMPLES = ROOT / "samples"


@pytest.mark.parametrize(
    "sample",
    ["fr/afp-2023-03-03-nairobi-attaque-lamu.txt", "en/reuters-2023-05-08-nairobi-talks.txt"],
)
def test_actors_phrases_nameless_phrases_resolve_to_no_side(
    coder: Coder, english: Coder, sample: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the resolver skips as nameless resolves to nothing when it is not skipped, with
    everything the article said before it in the context."""
    from wirecoder.actors import phrases
    from wirecoder.actors.reference import ArticleContext

    chosen = coder if sample.startswith("fr/") else english
    doc = chosen.parser.parse((SAMPLES / sample).read_text(encoding="utf-8"))
    resolver = chosen.extractor.resolver
    ctx = ArticleContext(text=doc.text)
    table = resolver.table(doc)
    lex, grammar, persons = resolver.lexicon, resolver.grammar, ctx.persons(doc)
    skipped = {t.i for t in doc if phrases.nameless(table, lex, grammar, t, persons)}
    nouns = [t for t in doc if t.pos_ == "NOUN"]
    assert 0 < len(skipped) < len(nouns)
    monkeypatch.setattr(phrases, "nameless", lambda *_: False)
    for sentence in doc.sents:
        resolver.register(sentence, ctx)
        for token in sentence:
            if token.i in skipped:
                assert resolver.resolve(token, ctx) == [], token.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [("semaine", True), ("réforme", True), ("ministre", False), ("délégation", False)],
)
def test_actors_phrases_nameless_common_nouns(coder: Coder, head: str, expected: bool) -> None:
    from wirecoder.actors.phrases import nameless
    from wirecoder.actors.table import DocTable

    doc = coder.parser.parse(
        "La semaine dernière, le ministre a présenté un projet de réforme à la délégation "
        "française."
    )
    resolver = coder.extractor.resolver
    [token] = [t for t in doc if t.text == head]
    found = nameless(DocTable(doc), resolver.lexicon, resolver.grammar, token, [])
    assert found is expected


@pytest.mark.parametrize(
    ("text", "head", "name"),
    [
        # the name after the comma is the next clause's subject, not the phrase's name
        ("Paul Durand reçoit la Culture, Marc Petit récupère l'Intérieur.", "Culture", None),
        # a name printed after its title with no verb of its own is the title's
        ("Le ministre a salué son homologue, Ali Demir.", "homologue", "Ali Demir"),
    ],
)
def test_actors_phrases_adjacent_name_is_not_the_next_clauses_subject(
    coder: Coder, text: str, head: str, name: str | None
) -> None:
    from wirecoder.actors.reference import ArticleContext

    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text)
    [token] = [t for t in doc if t.text == head]
    found = coder.extractor.resolver.resolve(token, ctx)
    assert [a.name for a in found][:1] == ([name] if name else []) or (
        name is None and all(a.name is None for a in found)
    )
