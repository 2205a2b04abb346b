"""One parsed document read into plain Python lists, once, for the rule stages.

spaCy makes a new ``Token`` object on every ``doc[i]``, every ``token.children`` and every
``token.head``, and reads each string attribute through the vocabulary; the actor rules look
at the same few tokens many times (lexicon matching at each token slices the document up to
``max_words`` times, a phrase's span walks its subtree). :class:`DocTable` reads the columns
they need in one ``Doc.to_array`` call, keeps one ``Token`` per word, and memoises what the
resolver computes per token. It holds no state of its own beyond the document: every value is
what spaCy would give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["DocTable", "subtree"]


class DocTable:
    """The columns of one document the actor rules read, and their per-token memos."""

    __slots__ = (
        *("case", "children", "dep", "doc", "head", "idx", "is_punct", "is_space", "kids"),
        *("lemma", "lower", "matches", "phrases", "plain", "pos", "right", "spans", "text"),
        *("text_ws", "tokens", "whole", "words"),
    )

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SPACY
        from spacy.parts_of_speech import NAMES

        self.doc = doc
        self.tokens: list[Token] = list(doc)
        size = len(self.tokens)
        columns = [HEAD, IDX, SPACY, POS, DEP, IS_SPACE, IS_PUNCT]
        rows = doc.to_array(columns).astype("int64").tolist() if size else []
        self.idx: list[int] = [row[1] for row in rows]
        # strings by their hash (uint64: the int64 rows above wrap the larger ones)
        hashes = doc.to_array([ORTH, DEP, LOWER, LEMMA]).tolist() if size else []
        strings = doc.vocab.strings
        named: dict[int, str] = {}
        self.text: list[str] = [
            named.get(h[0]) or named.setdefault(h[0], strings[h[0]]) for h in hashes
        ]
        self.text_ws: list[str] = [
            t + " " if row[2] else t for t, row in zip(self.text, rows, strict=True)
        ]
        self.whole = "".join(self.text_ws)  # doc.text, which joins a new Token per word
        self.words = frozenset(t.lower() for t in self.text)  # every word, in lower case
        self.pos: list[str] = [NAMES[row[3]] for row in rows]
        self.is_space: list[bool] = [bool(row[5]) for row in rows]
        self.is_punct: list[bool] = [bool(row[6]) for row in rows]
        self.dep: list[str] = [
            named.get(h[1]) or named.setdefault(h[1], strings[h[1]]) for h in hashes
        ]
        self.lower: list[str] = [
            named.get(h[2]) or named.setdefault(h[2], strings[h[2]]) for h in hashes
        ]
        self.lemma: list[str] = [
            named.get(h[3]) or named.setdefault(h[3], strings[h[3]]) for h in hashes
        ]
        self.head: list[int] = [i + row[0] for i, row in enumerate(rows)]  # HEAD is relative
        # token.children in spaCy's order (ascending), and the first "case" child's word
        self.children: list[list[Token]] = [[] for _ in range(size)]
        self.kids: list[list[int]] = [[] for _ in range(size)]  # the same, as indices
        self.case: list[str | None] = [None] * size
        case = doc.vocab.strings["case"]
        for i, row in enumerate(rows):
            head = i + row[0]  # HEAD is relative
            if head != i:
                self.children[head].append(self.tokens[i])
                self.kids[head].append(i)
                if self.case[head] is None and row[4] == case:
                    self.case[head] = self.lower[i]
        # the last index of each token's subtree (token.right_edge.i)
        self.right: list[int] = list(range(size))
        for i in range(size):
            j = i
            while self.head[j] != j and self.right[self.head[j]] < i:
                j = self.head[j]
                self.right[j] = i
        self.matches: dict[int, tuple[str, object] | None] = {}  # token index → _match_at
        self.spans: dict[int, Span] = {}  # token index → span()
        self.phrases: dict[int, tuple[str, int, int]] = {}  # its text, start_char, end_char
        self.plain: list[bool | None] = [None] * size  # token index → phrases.nameless's word test


def subtree(table: DocTable, i: int) -> list[int]:
    """The indices of ``token.subtree`` (in no particular order), from the table's children."""
    kids = table.kids
    found = []
    stack = [i]
    while stack:
        j = stack.pop()
        found.append(j)
        stack.extend(kids[j])
    return found
