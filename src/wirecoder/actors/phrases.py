"""A noun phrase as the actor rules read it: its extent, the lexicon entry it starts with, and
the name it gives.

Plain functions over one document's :class:`~wirecoder.actors.table.DocTable` (which memoises
the per-token results) and a language's lexicon and grammar; :class:`~wirecoder.actors.resolve.
ActorResolver` calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirecoder.actors.lexicon import ActorLexicon, Office, key
from wirecoder.actors.table import DocTable, subtree
from wirecoder.language import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from wirecoder.actors.reference import ArticleContext

__all__ = [
    "country_word",
    "leader_at",
    "match_at",
    "matched_text",
    "name_of",
    "name_of_country",
    "span_of",
    "starts",
    "untitled",
]

# dependents that are not part of the phrase itself: clauses, coordination, punctuation
_LEFT_OUT = {"punct", "acl:relcl", "acl", "conj", "cc", "advcl", "dep"}


def match_at(table: DocTable, lexicon: ActorLexicon, token: Token) -> tuple[str, object] | None:
    """The longest lexicon entry starting at ``token`` (within its own phrase).

    A demonym between the parts of a title is skipped (``le ministre turc de la Défense`` is a
    ``ministre de la défense``), and a hyphenated title falls back on its parts
    (``colonel-général``). Computed once per token and document.
    """
    matches = table.matches
    if token.i not in matches:
        matches[token.i] = _match_uncached(table, lexicon, token)
    return matches[token.i]


def _match_uncached(
    table: DocTable, lexicon: ActorLexicon, token: Token
) -> tuple[str, object] | None:
    doc = token.doc
    text_ws = table.text_ws
    stop = min(token.right_edge.i + 1, token.i + lexicon.max_words + 1, len(doc))
    demonyms = {
        c.i for c in table.children[token.i] if c.i > token.i and c.lower_ in lexicon.demonyms
    }
    firsts = [i for i in starts(token) if doc[i].lower_ in lexicon.first_words]
    skips: list[set[int]] = [set(), demonyms] if demonyms else [set()]
    for skipped in skips:  # "République tchèque" whole, else skip "turc"
        for start in firsts:
            for end in range(stop, token.i, -1):
                if skipped:
                    text = "".join(text_ws[i] for i in range(start, end) if i not in skipped)
                else:
                    text = "".join(text_ws[start:end])
                found = lexicon.find(text)
                if found is not None:
                    return found
    by_lemma = lexicon.find(token.lemma_)
    if by_lemma is not None and by_lemma[0] in {"title", "institution"}:
        return by_lemma  # "polices", "ambassadrices": plurals the lexicon lists once
    if "-" in token.text:
        for part in token.lower_.split("-"):
            found = lexicon.entries.get(part)
            if found is not None and isinstance(found[1], Office) and found[0] == "title":
                return "title", Office(text=token.lower_, sectors=found[1].sectors)
    return None


def matched_text(table: DocTable, lexicon: ActorLexicon, token: Token) -> str:
    """The lexicon key :func:`match_at` matched at ``token`` (for per-name data)."""
    doc = token.doc
    text_ws = table.text_ws
    stop = min(token.right_edge.i + 1, token.i + lexicon.max_words + 1, len(doc))
    for start in starts(token):
        for end in range(stop, token.i, -1):
            text = key("".join(text_ws[start:end]))  # the span's text, less its last blank
            if text in lexicon.entries:
                return text
    return key(token.text)


def starts(token: Token) -> list[int]:
    """Where a lexicon entry ending in ``token``'s phrase may start: the token, an adjective
    just before it ("premier ministre", "haut représentant"), and the compounds before an
    English head ("United States", "Foreign Minister", "UN Security Council")."""
    doc = token.doc
    found = [token.i]
    if token.i > 0 and doc[token.i - 1].dep_ == "amod" and doc[token.i - 1].head == token:
        found.insert(0, token.i - 1)
    before = token.i - 1
    while before >= 0:
        if doc[before].text == "-" and before > 0 and not doc[before - 1].whitespace_:
            before -= 1  # "Secretary-General" split by the tokenizer: one word
            if doc[before + 1].whitespace_:
                break
        elif doc[before].dep_ != "compound" or doc[before].head.i <= before:
            break
        if doc[before].head.i <= token.i or doc[before + 1].text == "-":
            found.insert(0, before)
        before -= 1
    if before >= 0 and doc[before].dep_ == "case" and doc[before].head.head.i == token.i:
        owner = doc[before].head  # "Democratic People's Republic of Korea": a name with 's
        left = owner.left_edge.i + (owner.left_edge.dep_ == "det")
        if left <= owner.i:
            found.insert(0, left)
    return found


def untitled(lexicon: ActorLexicon, name: str) -> tuple[str, Office | None]:
    """A name the entity recogniser took with its title (``President Barack Obama``) → the
    name and the office; other names unchanged."""
    words = name.split()
    for cut in range(len(words) - 1, 0, -1):
        found = lexicon.entries.get(key(" ".join(words[:cut])))
        if found is not None and found[0] == "title" and isinstance(found[1], Office):
            return " ".join(words[cut:]), found[1]
    return name, None


def name_of_country(lexicon: ActorLexicon, grammar: Grammar, name: str) -> tuple[str, str | None]:
    """``Abdallah II de Jordanie`` → (``Abdallah II``, JOR); a leader the lexicon's ``people``
    list names (``Vladimir Putin``, ``Putin``) → the name and that leader's state."""
    for joiner in grammar.country_joiners:
        head, _, tail = name.rpartition(joiner)
        iso = lexicon.country_names.get(key(tail)) if head else None
        if iso:
            return head, iso
    words = name.split()  # "Sheikh Hamad bin Khalifa al-Thani": a full name after a title
    for cut in range(len(words)):
        if cut == 0 or len(words) - cut >= 2:
            iso = lexicon.people.get(key(" ".join(words[cut:])))
            if iso:
                return name, iso
    return name, None


def country_word(lexicon: ActorLexicon, token: Token) -> str | None:
    """The state one word names as a demonym (``Russian``) or by its name (``U.S.``)."""
    return lexicon.demonyms.get(token.lower_) or lexicon.country_names.get(key(token.text))


def leader_at(lexicon: ActorLexicon, token: Token) -> tuple[str, str] | None:
    """``("country", ISO3)`` when ``token`` is (the last word of) a leader's name used as a
    modifier: ``the Bush administration``, ``Reagan's statement``."""
    if token.pos_ != "PROPN":
        return None
    words = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i]
    for start in range(len(words)):
        iso = lexicon.people.get(key(" ".join(t.text for t in words[start:])))
        if iso:
            return "country", iso
    return None


def name_of(token: Token, ctx: ArticleContext) -> str:
    """The whole name ``token`` is part of: its PER entity, else its run of proper nouns."""
    if token.ent_iob_ != "O" and token.ent_type_ == "PER":
        for start, end, text in ctx.persons(token.doc):
            if start <= token.i < end:
                return text
    doc = token.doc
    start = end = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].whitespace_:
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end].whitespace_:
        end += 1
    return str(doc[start : end + 1].text)


def span_of(table: DocTable, lexicon: ActorLexicon, grammar: Grammar, token: Token) -> Span:
    """The phrase itself: the head and its dependents, less clauses and coordination.

    A country or an organisation named by its head is just that name (``l'Arménie``, not
    ``l'Arménie contre l'Azerbaïdjan``); the preposition that introduces it is left out.
    Computed once per token and document.
    """
    spans = table.spans
    if token.i not in spans:
        spans[token.i] = _span_uncached(table, lexicon, grammar, token)
    return spans[token.i]


def _span_uncached(table: DocTable, lexicon: ActorLexicon, grammar: Grammar, token: Token) -> Span:
    named = token.pos_ == "PROPN" and (
        lexicon.country_names.get(token.lower_) or lexicon.igos.get(token.lower_)
    )
    kept = [token.i]
    for child in table.children[token.i]:
        dep = child.dep_
        if dep in _LEFT_OUT or dep == "case":
            continue
        if named and dep not in {"det", "flat:name", "flat", "amod"}:
            continue
        case = table.case[child.i]
        foreign = dep == "nmod" and case and case not in grammar.possessor
        if foreign and (table.pos[child.i] != "PROPN" or case not in grammar.posting):
            continue  # keep "au Pakistan"; not "à cette occasion", "dans le comté"
        if dep == "appos" and table.pos[child.i] == "NOUN" and child.i > token.i:
            continue  # "le général X, président du comité…": keep the first description
        kept.extend(subtree(table, child.i))
    kept = [i for i in kept if not table.is_space[i]]
    start, end = min(kept), max(kept) + 1
    while end - 1 > start and table.is_punct[end - 1]:
        end -= 1
    return token.doc[start:end]
