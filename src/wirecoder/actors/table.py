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
        columns = [HEAD, IDX, SPACY, POS, IS_SPACE, IS_PUNCT]
        # one list per column: a 2-D array's tolist() is ten times slower
        array = doc.to_array(columns).astype("int64") if size else None
        head, idx, spacy, pos, is_space, is_punct = (
            [array[:, k].tolist() for k in range(len(columns))] if array is not None else [[]] * 6
        )
        self.idx: list[int] = idx
        # strings by their hash (uint64: the int64 columns above wrap the larger ones)
        hashes = doc.to_array([ORTH, DEP, LOWER, LEMMA]) if size else None
        strings = doc.vocab.strings

        def column(k: int) -> list[str]:
            if hashes is None:
                return []
            values = hashes[:, k].tolist()
            named = {h: strings[h] for h in set(values)}  # each string looked up once
            return [named[h] for h in values]

        self.text: list[str] = column(0)
        self.text_ws: list[str] = [
            t + " " if w else t for t, w in zip(self.text, spacy, strict=True)
        ]
        self.whole = "".join(self.text_ws)  # doc.text, which joins a new Token per word
        self.words = frozenset(t.lower() for t in self.text)  # every word, in lower case
        self.pos: list[str] = [NAMES[p] for p in pos]
        self.is_space: list[bool] = [bool(v) for v in is_space]
        self.is_punct: list[bool] = [bool(v) for v in is_punct]
        self.dep: list[str] = column(1)
        self.lower: list[str] = column(2)
        self.lemma: list[str] = column(3)
        self.head: list[int] = [i + h for i, h in enumerate(head)]  # HEAD is relative
        # token.children in spaCy's order (ascending), and the first "case" child's word
        self.children: list[list[Token]] = [[] for _ in range(size)]
        self.kids: list[list[int]] = [[] for _ in range(size)]  # the same, as indices
        self.case: list[str | None] = [None] * size
        for i, (parent, label) in enumerate(zip(self.head, self.dep, strict=True)):
            if parent != i:
                self.children[parent].append(self.tokens[i])
                self.kids[parent].append(i)
                if self.case[parent] is None and label == "case":
                    self.case[parent] = self.lower[i]
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
