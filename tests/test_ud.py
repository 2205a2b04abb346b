"""ClearNLP parses rewritten as Universal Dependencies, on the real English pipeline."""

from __future__ import annotations

import pytest

from wirecoder.nlp import Parser
from wirecoder.ud import is_clear_scheme


@pytest.fixture(scope="module")
def parser(english) -> Parser:  # type: ignore[no-untyped-def]
    return english.parser  # type: ignore[no-any-return]


def _dep(doc, text: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    token = next(t for t in doc if t.text == text)
    return token.dep_, token.head.text


def test_ud_english_parser_is_read_as_clear(parser: Parser) -> None:
    assert parser.universal
    assert is_clear_scheme(("dobj", "pobj", "nsubj"))
    assert not is_clear_scheme(("obj", "obl", "nsubj"))


def test_ud_preposition_becomes_the_case_of_its_noun(parser: Parser) -> None:
    doc = parser.parse("The minister arrived in the capital on Friday.")
    assert _dep(doc, "capital") == ("obl", "arrived")
    assert _dep(doc, "in") == ("case", "capital")


@pytest.mark.parametrize(
    "text",
    [
        "The minister met the ambassador in the capital on Friday.",
        "The government accused the rebels of shelling the town.",
        "Aid from the agency reached refugees in camps along the border.",
    ],
)
def test_ud_every_preposition_moves_below_its_object(parser: Parser, text: str) -> None:
    """Whatever the parser attached a preposition to, its object takes that place."""
    bare = parser.nlp(text)
    doc = parser.parse(text)
    for prep in bare:
        objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        if prep.dep_ != "prep" or not objects:
            continue
        noun = doc[objects[0].i]
        assert noun.head.i == prep.head.i
        assert doc[prep.i].head.i == noun.i
        assert doc[prep.i].dep_ in {"case", "mark"}
        assert noun.dep_ in {"obl", "nmod", "advcl"}


def test_ud_passive_agent_and_subject(parser: Parser) -> None:
    doc = parser.parse("The convoy was attacked by armed men near the border.")
    assert _dep(doc, "convoy") == ("nsubj:pass", "attacked")
    assert _dep(doc, "was") == ("aux:pass", "attacked")
    assert _dep(doc, "men") == ("obl:agent", "attacked")
    assert _dep(doc, "by") == ("case", "men")


def test_ud_clause_after_a_preposition_is_an_adverbial_clause(parser: Parser) -> None:
    doc = parser.parse("The government accused the rebels of shelling the town.")
    assert _dep(doc, "shelling")[0] == "advcl"
    assert _dep(doc, "of") == ("mark", "shelling")


def test_ud_negation_particle_possessive_and_people(parser: Parser) -> None:
    doc = parser.parse("Chile's president Maria Lopez did not pull out of the talks.")
    assert _dep(doc, "not")[0] == "advmod"
    assert _dep(doc, "out")[0] in {"compound:prt", "case"}
    assert _dep(doc, "Chile")[0] == "nmod"
    assert "PERSON" not in {e.label_ for e in doc.ents}
    assert any(e.label_ == "PER" and "Lopez" in e.text for e in doc.ents)


@pytest.mark.parametrize(
    "text",
    [
        "Troops from the neighbouring country crossed into the valley at dawn on Sunday.",
        "Officials said talks between the two sides would resume in the spring, after a pause.",
        "Protesters marched from the square to the parliament building and were dispersed by "
        "police using tear gas. Two of them were detained.",
    ],
)
def test_ud_rewrite_keeps_one_tree_per_sentence(parser: Parser, text: str) -> None:
    bare = parser.nlp(text)
    doc = parser.parse(text)
    assert [s.text for s in doc.sents] == [s.text for s in bare.sents]
    for sentence in doc.sents:
        roots = [t for t in sentence if t.head.i == t.i]
        assert len(roots) == 1
        for token in sentence:
            seen, node = set(), token
            while node.head.i != node.i:  # every chain of heads ends at the root, no cycle
                assert node.i not in seen
                seen.add(node.i)
                node = node.head
                assert sentence.start <= node.i < sentence.end


@pytest.mark.parametrize(
    ("text", "modifier", "head"),
    [("European Community foreign ministers met in Brussels.", "Community", "ministers")],
)
def test_ud_caseless_noun_modifier_is_a_compound(
    parser: Parser, text: str, modifier: str, head: str
) -> None:
    doc = parser.parse(text)
    assert _dep(doc, modifier) == ("compound", head)
