"""A noun phrase as the actor rules read it: its extent, the lexicon entry it starts with, and
the name it gives.

Plain functions over one document's :class:`~wirecoder.actors.table.DocTable` (which memoises
the per-token results) and a language's lexicon and grammar; :class:`~wirecoder.actors.resolve.
ActorResolver` calls them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from wirecoder.actors.lexicon import ActorLexicon, Office, key
from wirecoder.actors.table import DocTable, subtree
from wirecoder.language import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from wirecoder.actors.reference import ArticleContext

__all__ = [
    "adjacent_name",
    "country_word",
    "leader_at",
    "match_at",
    "matched_text",
    "name_of",
    "name_of_country",
    "nameless",
    "portfolio",
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
    i = token.i
    text_ws, lower = table.text_ws, table.lower
    stop = min(table.right[i] + 1, i + lexicon.max_words + 1, len(lower))
    demonyms = {c for c in table.kids[i] if c > i and lower[c] in lexicon.demonyms}
    firsts = [s for s in starts(table, i) if lower[s] in lexicon.first_words]
    skips: list[set[int]] = [set(), demonyms] if demonyms else [set()]
    for skipped in skips:  # "République tchèque" whole, else skip "turc"
        for start in firsts:
            words = ((end, text_ws[end - 1]) for end in range(start + 1, stop + 1))
            kept = ((end, word) for end, word in words if end - 1 not in skipped)
            # the longest entry that ends in the token's own phrase wins
            longest = None
            for end, entry in _entries_from(lexicon, kept):
                if end > i:
                    longest = entry
            if longest is not None:
                return longest
    if table.pos[i] == "PROPN" and stop < len(lower):
        # an organisation's name the parse cut in two ("des Nations unies aux droits de
        # l'homme": "unies" hung on the noun above as a participle): the name runs on
        further = min(i + lexicon.max_words + 1, len(lower))
        words = ((end, text_ws[end - 1]) for end in range(i + 1, further + 1))
        for end, entry in _entries_from(lexicon, words):
            if end > stop and entry[0] == "igo":
                return entry
    by_lemma = lexicon.find(table.lemma[i])
    if by_lemma is not None and by_lemma[0] in {"title", "institution"}:
        return by_lemma  # "polices", "ambassadrices": plurals the lexicon lists once
    if "-" in table.text[i]:
        for part in lower[i].split("-"):
            found = lexicon.entries.get(part)
            if found is not None and isinstance(found[1], Office) and found[0] == "title":
                return "title", Office(text=lower[i], sectors=found[1].sectors)
    return None


def _entries_from(
    lexicon: ActorLexicon, words: Iterable[tuple[int, str]]
) -> Iterator[tuple[int, tuple[str, str | Office]]]:
    """The lexicon entries that the text made of ``words`` (each with its blank, and the token
    index it ends before) starts with, shortest first, each with that index; stops at the
    first text no entry starts with (``ActorLexicon.prefixes``)."""
    text = ""
    for end, word in words:
        text += word
        found = lexicon.find(text)
        if found is not None:
            yield end, found
        elif key(text) not in lexicon.prefixes:
            return


def matched_text(table: DocTable, lexicon: ActorLexicon, token: Token) -> str:
    """The lexicon key :func:`match_at` matched at ``token`` (for per-name data)."""
    text_ws = table.text_ws
    stop = min(table.right[token.i] + 1, token.i + lexicon.max_words + 1, len(text_ws))
    for start in starts(table, token.i):
        for end in range(stop, token.i, -1):
            text = key("".join(text_ws[start:end]))  # the span's text, less its last blank
            if text in lexicon.entries:
                return text
    return key(token.text)


def starts(table: DocTable, i: int) -> list[int]:
    """Where a lexicon entry ending in token ``i``'s phrase may start: the token, an adjective
    just before it ("premier ministre", "haut représentant"), and the compounds before an
    English head ("United States", "Foreign Minister", "UN Security Council")."""
    text, dep, head = table.text, table.dep, table.head
    spaced = table.text_ws
    found = [i]
    if i > 0 and dep[i - 1] == "amod" and head[i - 1] == i:
        found.insert(0, i - 1)
    before = i - 1
    while before >= 0:
        if text[before] == "-" and before > 0 and spaced[before - 1] == text[before - 1]:
            before -= 1  # "Secretary-General" split by the tokenizer: one word
            if spaced[before + 1] != text[before + 1]:
                break
        elif dep[before] != "compound" or head[before] <= before:
            break
        if head[before] <= i or text[before + 1] == "-":
            found.insert(0, before)
        before -= 1
    if before >= 0 and dep[before] == "case" and head[head[before]] == i:
        owner = head[before]  # "Democratic People's Republic of Korea": a name with 's
        edge = table.tokens[owner].left_edge.i
        left = edge + (dep[edge] == "det")
        if left <= owner:
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


def portfolio(
    table: DocTable, lexicon: ActorLexicon, grammar: Grammar, token: Token, role: str
) -> str:
    """``ministre de l'Énergie`` → the office with its portfolio, not a bare ``ministre``."""
    if role not in grammar.portfolio_titles:
        return role
    for child in table.children[token.i]:
        if child.dep_ != "nmod" or child.pos_ != "NOUN":
            continue
        if table.case[child.i] not in grammar.possessor:
            continue
        match = match_at(table, lexicon, child)
        if match is not None and match[0] in {"country", "igo", "capital"}:
            continue
        words = [
            t for t in child.subtree if t.i <= child.i or (t.head == child and t.dep_ == "amod")
        ]
        if any(t.pos_ == "PROPN" for t in words):
            continue
        return key(f"{role} " + "".join(t.text_with_ws for t in words))
    return role


def adjacent_name(
    table: DocTable, lexicon: ActorLexicon, token: Token, span: Span, ctx: ArticleContext
) -> str | None:
    """A person's name printed right after a title (``son homologue X Y``) that the parser
    did not attach as an apposition: the PER entity starting inside the phrase after its
    head, or right after it."""
    doc = span.doc
    texts, pos, size = table.text, table.pos, len(table.text)
    reach = span.end + 1 if span.end < size and texts[span.end] == "," else span.end
    for start, _, text in ctx.persons(doc):
        after_comma = start > span.end  # "la Défense, Y récupère…"
        if token.i < start <= reach and not (after_comma and _opens_clause(table, start, token)):
            return text
    # no entity: two or more capitalised words that name nothing in the lexicon
    i = token.i + 1
    while i <= min(span.end, size - 1):
        run = i
        while run < size and pos[run] in {"PROPN", "X"} and texts[run][:1].isupper():
            if key(texts[run]) in lexicon.entries:
                break  # "l'ONU Ban Ki-moon": the name starts after the organisation
            run += 1
        if run - i >= 2:
            return str(doc[i:run].text)
        i = max(run, i + 1)
    return None


def _opens_clause(table: DocTable, start: int, token: Token) -> bool:
    """Whether the name at ``start`` is the subject of a verb of its own (``X reçoit la
    Défense, Y récupère les Finances``): the next clause's doer, not the phrase's name."""
    head = table.tokens[start].head
    return (
        table.dep[start].startswith("nsubj")
        and head.i != token.i
        and head.pos_ in {"VERB", "AUX"}
        and head.i != token.head.i
    )


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


# dependents whose words the resolver never reads as part of a side: clauses and punctuation
_CLAUSES = frozenset({"acl", "acl:relcl", "advcl", "dep", "punct", "parataxis", "ccomp"})


def nameless(
    table: DocTable,
    lexicon: ActorLexicon,
    grammar: Grammar,
    token: Token,
    persons: list[tuple[int, int, str]],
) -> bool:
    """Whether the phrase a common noun heads names no side whatever the article said before
    (``la semaine``, ``un accord de principe``), so the resolver may skip it: no word it reads
    (the head and its dependents, less clauses) is a proper noun, a pronoun, a capitalised
    noun, a demonym, a word of the grammar's lists (quantities, organisations, members,
    pronouns) or the start of a lexicon entry found in the text; no proper noun or person's
    name follows the head within its phrase and the next two words. Most noun phrases of a
    text are such.
    """
    i = token.i
    pos = table.pos
    if pos[i] != "NOUN":
        return False
    reach = min(table.right[i] + 2, len(pos) - 1)  # a name after the phrase, or its comma
    if any(pos[j] in {"PROPN", "X"} for j in range(i + 1, reach + 1)):
        return False
    if any(i < start <= reach for start, _, _ in persons):
        return False
    read = _read_words(table, i)
    first = min(read)
    while first > 0 and (table.dep[first - 1] == "compound" or table.text[first - 1] == "-"):
        first -= 1  # a lexicon entry may start on the compounds before the head
        read.append(first)
    plain = table.plain
    for j in read:
        if plain[j] is None:
            plain[j] = _plain_word(table, lexicon, grammar, j)
        if not plain[j]:
            return False
    return not any(_gives_members(table, grammar, j) for j in read if pos[j] == "NOUN")


def _read_words(table: DocTable, i: int) -> list[int]:
    """``i`` and its dependents, less clauses and punctuation, recursively."""
    found = []
    stack = [i]
    while stack:
        j = stack.pop()
        found.append(j)
        stack.extend(k for k in table.kids[j] if table.dep[k] not in _CLAUSES)
    return found


def _plain_word(table: DocTable, lexicon: ActorLexicon, grammar: Grammar, j: int) -> bool:
    """A word that names nothing by itself (see :func:`nameless`), whatever phrase it is in:
    no lexicon entry starts on it in the text."""
    text, lower, lemma = table.text[j], table.lower[j], table.lemma[j]
    if table.pos[j] in {"PROPN", "X", "PRON"}:
        return False
    if text[:1].isupper() and table.pos[j] in {"NOUN", "ADJ"}:
        return False
    if lower in lexicon.first_words:
        words = ((end, table.text_ws[end - 1]) for end in range(j + 1, len(table.text_ws) + 1))
        if next(_entries_from(lexicon, words), None) is not None:
            return False
    if "-" in text and any(part in lexicon.entries for part in lower.split("-")):
        return False
    folded = lemma.lower()
    return not (
        lower in lexicon.demonyms
        or key(lemma) in lexicon.demonyms
        or lexicon.find(lemma) is not None
        or folded in grammar.quantities
        or folded in grammar.organisation_nouns
        or key(text) in grammar.organisation_nouns
        or lower in grammar.members
        or lower in grammar.personal_pronouns
        or lower in grammar.neuter_pronouns
        or lower in grammar.plural_pronouns
    )


def _gives_members(table: DocTable, grammar: Grammar, j: int) -> bool:
    """Whether a group noun may be given by its members (``les ONG, dont Amnesty``): a later
    dependent, or a later sibling in the same role, that has a member word."""
    head = table.head[j]
    later = [k for k in table.kids[j] if k > j]
    if head != j:
        later += [k for k in table.kids[head] if k > j and table.dep[k] == table.dep[j]]
    return any(table.lower[g] in grammar.members for k in later for g in table.kids[k])
