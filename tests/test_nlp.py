from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirecoder.nlp import ModelNotInstalledError, Parser, normalise


@given(st.text())
def test_nlp_normalise_keeps_every_offset(text: str) -> None:
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("L\u2019ambassadeur", "L'ambassadeur"), ("\u00ab\u00a0oui\u00a0\u00bb", '" oui "')],
)
def test_nlp_normalise_typographic_characters(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Le chef d'état-major a parlé.", "état-major"),
        ("Le porte-parole nord-coréen a parlé.", "nord-coréen"),
    ],
)
def test_nlp_hyphen_compounds_stay_whole(parser: Parser, text: str, whole: str) -> None:
    assert whole in [t.text for t in parser.parse(text)]


@pytest.mark.parametrize("text", ["Que va-t-il faire ?"])
def test_nlp_clitics_stay_apart(parser: Parser, text: str) -> None:
    assert "va-t-il" not in [t.text for t in parser.parse(text)]


@pytest.mark.parametrize("lang", ["xx"])
def test_nlp_unknown_language_says_what_to_do(lang: str) -> None:
    with pytest.raises(ModelNotInstalledError, match="is not installed"):
        Parser.load(lang)


@pytest.mark.parametrize("texts", [["Première phrase.", "Deuxième texte, plus long."]])
def test_nlp_parse_many_keeps_order(parser: Parser, texts: list[str]) -> None:
    assert [d.text for d in parser.parse_many(texts, batch_size=1)] == texts


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("L'agence Moody's a abaissé la note.", ["L'", "agence", "Moody's", "a"]),
        ("McDonald's s'est engagé.", ["McDonald's", "s'", "est", "engagé"]),
        ("L'ONU l'a dit.", ["L'", "ONU", "l'", "a"]),
    ],
)
def test_nlp_possessive_names_stay_whole(parser: Parser, text: str, words: list[str]) -> None:
    assert [t.text for t in parser.parse(text)][: len(words)] == words


@pytest.mark.parametrize("limit", [10])
def test_nlp_parse_many_bounds_the_lemmatizer_cache(parser: Parser, limit: int) -> None:
    texts = [
        "Les ministres réunis à Bakou ont signé des accords de coopération militaire.",
        "Des milliers de manifestants ont défilé dimanche dans les rues de la capitale.",
        "Le gouvernement a condamné les frappes menées contre les villages frontaliers.",
    ] * 2
    bounded = replace(parser, cache_limit=limit)
    lemmatizer = parser.nlp.get_pipe("lemmatizer")
    lemmatizer.cache.clear()
    sizes = []
    lemmas = []
    for doc in bounded.parse_many(texts, batch_size=1):
        lemmas.append([t.lemma_ for t in doc])
        sizes.append(len(lemmatizer.cache))
        assert sizes[-1] <= limit + len(doc)  # at most one document's words past the limit
    assert any(after < before for before, after in pairwise(sizes))
    assert lemmas == [[t.lemma_ for t in parser.parse(text)] for text in texts]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "Les ministres réunis à Bakou ont signé des accords et condamnèrent les frappes "
            "menées contre les villages frontaliers ; elles auraient détruit des écoles.",
        ),
        (
            "en",
            "The ministers gathered in Baku signed agreements and condemned the strikes "
            "carried out against border villages, which reportedly destroyed schools.",
        ),
    ],
)
def test_nlp_lemmas_match_the_stock_pipeline(lang: str, text: str) -> None:
    import spacy

    from wirecoder.language import Language

    ours = Parser.load(lang).nlp
    stock = spacy.load(Language.load(lang).model)
    assert [t.lemma_ for t in ours(text)] == [t.lemma_ for t in stock(text)]
    assert isinstance(
        ours.get_pipe("lemmatizer").lookups.get_table("lemma_index").get("noun"), frozenset
    )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "Les autorités ont refusé cet accès.\n\nÀ l'ouverture du sommet, le président a "
            "indiqué que la corruption devait être combattue.",
            "Les autorités ont refusé cet accès.",
        ),
        ("Grève à la poste\nLes facteurs ont cessé le travail lundi.", "Grève à la poste"),
    ],
)
def test_nlp_paragraphs_never_run_on(parser: Parser, text: str, first: str) -> None:
    sentences = [s.text.strip() for s in parser.parse(text).sents]
    assert sentences[0] == first


# Objects that may be compared by identity in the NLP-facing stages: a Doc is one object for
# its whole life, and these hold the very objects they are compared with.
_IDENTITY_OK = {
    ("actors/resolve.py", "table.doc is not doc"),
    ("actors/alliances.py", "self._last[0] is table"),
    ("events/triggers.py", "g is not f"),
}


def test_nlp_stages_never_compare_tokens_by_identity() -> None:
    """spaCy makes a new ``Token`` object at each access: ``t.head is t`` is False even for
    the root, so tokens are compared with ``==`` (same doc, same index)."""
    import ast
    from pathlib import Path

    import spacy

    doc = spacy.blank("fr")("a b")
    assert doc[0] is not doc[0] and doc[0] == doc[0]
    root = Path(__file__).parent.parent / "src" / "wirecoder"
    found = set()
    for path in [*root.glob("events/*.py"), *root.glob("actors/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            for op, right in zip(node.ops, node.comparators, strict=True):
                constant = isinstance(right, ast.Constant) or isinstance(node.left, ast.Constant)
                if isinstance(op, ast.Is | ast.IsNot) and not constant:
                    found.add((path.relative_to(root).as_posix(), ast.unparse(node)))
    assert found <= _IDENTITY_OK
