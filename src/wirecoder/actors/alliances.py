"""International forces of no state of their own (``les forces internationales``, ``la coalition
internationale``, the lexicon's ``coalitions``): the military alliance the article names, an
IGO of sector MIL in the lexicon's ``igos`` (``l'OTAN`` in a story from Afghanistan). With no
alliance named, the phrase is left to the usual reading (the story's own country)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirecoder.actors import phrases
from wirecoder.actors.lexicon import ActorLexicon, key

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from wirecoder.actors.table import DocTable

__all__ = ["Alliances"]


class Alliances:
    """Reads coalition phrases for one language's lexicon; remembers the last text's alliance."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon
        self.heads = frozenset(c.split()[0] for c in lexicon.coalitions)
        self._last: tuple[DocTable, str | None] | None = None

    def of(self, table: DocTable, token: Token, span: Span) -> str | None:
        """The alliance a coalition phrase headed by ``token`` (``span``) stands for, if any."""
        start = span.start
        while start < token.i and table.dep[start] == "det":
            start += 1  # "les forces internationales": the lexicon lists it without "les"
        if key(token.doc[start : span.end].text) not in self.lexicon.coalitions:
            return None
        return self.named(table)

    def named(self, table: DocTable) -> str | None:
        """The first military alliance a text names (an IGO of sector MIL)."""
        if self._last is not None and self._last[0] is table:
            return self._last[1]
        found = None
        for i, pos in enumerate(table.pos):
            if pos not in {"PROPN", "NOUN", "X"}:
                continue
            match = phrases.match_at(table, self.lexicon, table.tokens[i])
            if match is None or match[0] != "igo":
                continue
            matched = phrases.matched_text(table, self.lexicon, table.tokens[i])
            if "MIL" in self.lexicon.igo_sectors.get(matched, ()):
                found = str(match[1])
                break
        self._last = (table, found)
        return found
