"""The document table holds what spaCy gives, column by column, on the real parse."""

from __future__ import annotations

import pytest

from wirecoder.actors.table import DocTable, subtree
from wirecoder.pipeline import Coder

TEXTS = {
    "fr": (
        "Le ministre turc des Affaires étrangères, Ali Demir, a reçu mercredi à Ankara "
        "l'ambassadeur du Kenya, qui lui a remis une lettre du président.\n\n"
        "Les deux hommes ont évoqué la coopération militaire et l'aide humanitaire."
    ),
    "en": (
        "UN Secretary-General Maria Lopez met Kenya's foreign minister in Nairobi on Monday, "
        "a spokesman said, after talks that both sides called constructive."
    ),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_actors_table_columns_are_spacys(coder: Coder, english: Coder, lang: str) -> None:
    doc = (coder if lang == "fr" else english).parser.parse(TEXTS[lang])
    table = DocTable(doc)
    for token in doc:
        i = token.i
        assert (table.text[i], table.pos[i], table.dep[i]) == (token.text, token.pos_, token.dep_)
        assert (table.lower[i], table.lemma[i]) == (token.lower_, token.lemma_)
        assert (table.head[i], table.right[i]) == (token.head.i, token.right_edge.i)
        assert table.kids[i] == [c.i for c in token.children]
        assert sorted(subtree(table, i)) == [t.i for t in token.subtree]
    assert table.whole == doc.text
