"""Noun phrase → actor, on the dependency parse, with reference inside one article.

A phrase names a side through its head (a title, an institution, a country, an IGO, a person),
what modifies the head (a demonym, ``de`` + a country, an apposed name or title), and, when it
names none of these itself, what the article said before: ``il``, ``le diplomate``,
``Nadeem Raza`` alone, ``les parties``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from wirecoder.actors import phrases
from wirecoder.actors.alliances import Alliances
from wirecoder.actors.lexicon import ActorLexicon, Office, key
from wirecoder.actors.reference import ArticleContext, last_body, other_party, with_reference
from wirecoder.actors.reference import gender as gender_of
from wirecoder.actors.table import DocTable
from wirecoder.language import Grammar, Language
from wirecoder.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ActorResolver"]

_NOUNS = {"NOUN", "PROPN", "PRON"}
# entity labels that never name a side (the English models have them; the French do not)
_NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


class ActorResolver:
    """Resolves noun phrases to actors with one language's lexicon."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon
        self.grammar: Grammar = Language.load(lexicon.lang).grammar
        self._table: DocTable | None = None
        self.alliances = Alliances(lexicon)

    def table(self, doc: Doc) -> DocTable:
        """``doc`` read once into lists (:mod:`wirecoder.actors.table`); the last document's
        table is kept, as articles are coded one at a time."""
        table = self._table
        if table is None or table.doc is not doc:
            table = self._table = DocTable(doc)
        return table

    def tokens(self, span: Span) -> list[Token]:
        """The tokens of ``span`` (a sentence), made once per document."""
        return self.table(span.doc).tokens[span.start : span.end]

    def _phrase(self, token: Token) -> tuple[str, int, int]:
        """``span(token)``'s text, start_char and end_char (in the parsed body), read off the
        document's table instead of making a Token per word of the span."""
        table = self.table(token.doc)
        found = table.phrases.get(token.i)
        if found is None:
            span = self.span(token)
            last = span.end - 1
            text = "".join(table.text_ws[span.start : last]) + table.text[last]
            end_char = table.idx[last] + len(table.text[last])
            found = table.phrases[token.i] = (text, table.idx[span.start], end_char)
        return found

    def _children(self, token: Token) -> list[Token]:
        """``token.children``, read once per document."""
        return self.table(token.doc).children[token.i]

    # -- public ---------------------------------------------------------------------------

    def resolve(self, token: Token, ctx: ArticleContext) -> list[Actor]:
        """The actors a noun phrase headed by ``token`` stands for (several when coordinated)."""
        if token.i in ctx.cache:
            return ctx.cache[token.i]
        ctx.cache[token.i] = []  # guards against cycles in odd parses
        alliance = None
        if token.lower_ in self.alliances.heads:
            alliance = self.alliances.of(self.table(token.doc), token, self.span(token))
        if alliance is not None:  # "les forces internationales" where NATO is named
            at = self._offsets(token, ctx)
            text = self._phrase(token)[0]
            force = Actor(
                text=text, igo=alliance, sectors=("MIL",), start=at["start"], end=at["end"]
            )
            ctx.cache[token.i] = [force]
            return [force]
        if phrases.nameless(
            self.table(token.doc), self.lexicon, self.grammar, token, ctx.persons(token.doc)
        ):
            return []
        counted = self._counted(token)
        if counted is not None:  # "thousands of students", "des milliers de manifestants"
            ctx.cache[token.i] = self.resolve(counted, ctx)
            return ctx.cache[token.i]
        found = self._resolve_one(token, ctx)
        if found is None or not found.code:  # "les ONG, dont Amnesty International"
            members = [a for m in self._members(token) for a in self.resolve(m, ctx)]
            if members:
                ctx.cache[token.i] = members
                return members
        actors = [found] if found else []
        if found is not None:  # "les polices française et espagnole": one side per country
            actors.extend(replace(found, country=c) for c in self._more_demonyms(token))
        for conj in self._children(token):
            if conj.dep_ == "conj" and conj.pos_ in _NOUNS:
                actors.extend(self.resolve(conj, ctx))
        if len(actors) > 1:  # "le peuple et le gouvernement pakistanais": share the country
            known = next((a.country for a in actors if a.country), None)
            actors = [a if a.code or not known else replace(a, country=known) for a in actors]
        ctx.cache[token.i] = actors
        return actors

    def _members(self, token: Token) -> list[Token]:
        """The members a group is given by (``les ONG, dont Amnesty International``): a clause
        or a coordinated subject of the same verb opened by one of the grammar's ``members``."""
        if not self.grammar.members or self.grammar.members.isdisjoint(self.table(token.doc).words):
            return []
        siblings = [c for c in self._children(token.head) if c.i > token.i]
        candidates = [
            *(c for c in self._children(token) if c.i > token.i),
            *(c for c in siblings if c.dep_ == token.dep_ and token.head != token),
        ]
        return [
            c
            for c in candidates
            if c.pos_ in {"NOUN", "PROPN"}
            and any(g.lower_ in self.grammar.members for g in self._children(c))
        ]

    def _counted(self, token: Token) -> Token | None:
        """The people a number or crowd noun counts (``thousands of students``)."""
        if token.lemma_.lower() not in self.grammar.quantities:
            return None
        for child in token.children:
            if child.dep_ == "nmod" and self._case(child) in self.grammar.possessor:
                return child
        return None

    def _more_demonyms(self, token: Token) -> list[str]:
        codes = []  # "les polices française et espagnole", "U.S. and Russian envoys"
        for child in self._children(token):
            if child.dep_ in {"amod", "compound"} and phrases.country_word(self.lexicon, child):
                for conj in self._children(child):
                    iso = phrases.country_word(self.lexicon, conj)
                    if conj.dep_ == "conj" and iso:
                        codes.append(iso)
        return codes

    def country_counts(self, doc: Doc) -> dict[str, int]:
        """How often each state is named in a text (names, capitals, demonyms)."""
        counts: dict[str, int] = {}
        table = self.table(doc)
        for i, pos in enumerate(table.pos):
            if pos in {"PROPN", "ADJ", "NOUN"}:
                match = self._match_at(table.tokens[i])
                if match and match[0] in {"country", "capital", "demonym"}:
                    if match[0] != "demonym" and not table.text[i][:1].isupper():
                        continue
                    code = str(match[1])
                    counts[code] = counts.get(code, 0) + 1
        return counts

    @staticmethod
    def home_country(counts: dict[str, int], preferred: str | None = None) -> str | None:
        """The country an article is about: its dateline's, else the one it names most
        (``counts`` from :meth:`country_counts`). A dateline country the story never names,
        when it names another one twice or more, is only where the reporter was (``GENEVA
        (AFP)`` over EU sanctions on Belarus): the most named country is the story's.

        With no dateline, the most named state is the story's only when it is named twice and
        more than any other: a text that names ten states once each, or one state in a figure of
        speech (``une junte birmane``), says nothing of its own country (:func:`code_doc` then
        asks its places).

        A side named with no country of its own (``le ministre de l'Intérieur``, ``la police``,
        a bare name) acts for that country, as wire conventions assume.
        """
        most = ActorResolver.named_most(counts)
        if preferred and (preferred in counts or most is None or counts[most] < 2):
            return preferred
        if preferred or (most is not None and _clear_first(counts)):
            return most
        return None  # no dateline, and no state named more than any other: no evidence

    @staticmethod
    def named_most(counts: dict[str, int]) -> str | None:
        """The state a text names most, however weakly (the first named of a tie)."""
        return max(counts, key=lambda c: counts[c]) if counts else None

    def with_home(self, actor: Actor, ctx: ArticleContext) -> Actor:
        """Give a side that names no country or IGO the article's country."""
        if actor.code or ctx.home is None or not (actor.name or actor.sectors or actor.role):
            return actor
        return replace(actor, country=ctx.home)

    def register(self, tokens: Span, ctx: ArticleContext) -> None:
        """Read every noun phrase of a sentence in order, learning names and people."""
        table = self.table(tokens.doc)
        for i in range(tokens.start, tokens.end):
            pos = table.pos[i]
            # "X": a foreign name the tagger leaves untagged ("Human Rights Watch")
            if pos not in {"NOUN", "PROPN", "X"} or table.dep[i] in {"flat:name", "fixed"}:
                continue
            token = table.tokens[i]
            actors = self.resolve(token, ctx)
            ctx.remember_bodies(actors)
            if pos == "X":
                continue
            subject = table.dep[i].startswith("nsubj")
            for actor in actors:
                if actor.country:
                    ctx.countries[actor.country] = ctx.countries.get(actor.country, 0) + 1
                if not (actor.name or actor.role):
                    continue
                if not ctx.people or ctx.people[-1] != actor:
                    ctx.people.append(actor)
                if subject:
                    ctx.subjects.append((actor, gender_of(token)))
            if subject:
                ctx.coded_subjects.extend(a for a in actors if a.code)
                if "Plur" in token.morph.get("Number", []):
                    ctx.plural_subjects.extend(a for a in actors if a.code)

    # -- one phrase -----------------------------------------------------------------------

    def _resolve_one(self, token: Token, ctx: ArticleContext) -> Actor | None:
        lex, grammar = self.lexicon, self.grammar
        if token.ent_type_ in _NOT_ACTORS:
            return None  # "on Saturday", "in May": a date the tagger calls a proper noun
        if token.lower_ in grammar.plural_pronouns and ctx.plural_subjects:
            start = ctx.offset + token.idx
            earlier = ctx.plural_subjects[-1]
            return replace(earlier, text=token.text, start=start, end=start + len(token))
        if token.lower_ in grammar.neuter_pronouns and ctx.coded_subjects:
            start = ctx.offset + token.idx
            earlier = ctx.coded_subjects[-1]
            return replace(earlier, text=token.text, start=start, end=start + len(token))
        if token.lower_ in grammar.personal_pronouns:
            gender = gender_of(token)
            start = ctx.offset + token.idx
            speaker = _reporter(token, grammar)  # "le Tadjikistan a annoncé qu'il retirerait…"
            if speaker is not None and gender_of(speaker) in {None, gender}:
                said = self._resolve_one(speaker, ctx)
                if said is not None and said.code:
                    return replace(said, text=token.text, start=start, end=start + len(token))
            for earlier, earlier_gender in reversed(ctx.subjects):
                if gender is None or earlier_gender in {None, gender}:
                    return replace(earlier, text=token.text, start=start, end=start + len(token))
            if ctx.subjects:  # the tagger's gender for a foreign name is a guess
                earlier = ctx.subjects[-1][0]
                return replace(earlier, text=token.text, start=start, end=start + len(token))
            return None
        if token.pos_ == "PRON" and not token.text[:1].isupper():
            # "l'un d'eux, Cheikh Diop, a dénoncé…": the name in apposition is who it is
            who = next(
                (c for c in self._children(token) if c.dep_ == "appos" and c.pos_ in _NOUNS), None
            )
            return self._resolve_one(who, ctx) if who is not None else None
        if token.text[:1].isupper() and key(token.text) in ctx.names and token.pos_ != "PROPN":
            known = ctx.names[key(token.text)]  # a bare surname the tagger did not see as one
            start = ctx.offset + token.idx
            return replace(known, text=token.text, start=start, end=start + len(token))
        span = self.span(token)
        span_text = self._phrase(token)[0]
        phrase = key(span_text)
        if phrase in lex.groups or key(f"{token.lower_}") in lex.groups:
            return None  # groups resolve at event level (see group_members)
        country = igo = name = role = None
        sectors: tuple[str, ...] = ()
        head = self._match_at(token)
        if head is not None:
            kind, value = head
            if kind == "country" and token.text[:1].isupper():
                country, sectors = str(value), ("GOV",)  # a state acts through its government
            elif kind == "capital" and token.text[:1].isupper():
                country, sectors = str(value), ("GOV",)
            elif kind == "igo":
                igo = str(value)
                sectors = lex.igo_sectors.get(self._matched_text(token), ())
            elif kind == "title" and isinstance(value, Office):
                role, sectors = value.text, value.sectors
            elif kind == "institution" and isinstance(value, Office):
                sectors, country = value.sectors, value.country
                if country:  # "le Parti socialiste tunisien": a namesake of another state
                    adjectives = (c for c in self._children(token) if c.dep_ == "amod")
                    country = next(
                        (iso for c in adjectives if (iso := lex.demonyms.get(c.lower_))), country
                    )
            elif kind == "demonym" and token.text[:1].isupper():
                country, sectors = str(value), ("CVL",)  # "les Pakistanais": the people
        if token.pos_ == "PROPN" and country is None and igo is None and not token.is_lower:
            name, office = phrases.untitled(self.lexicon, phrases.name_of(token, ctx))
            if office is not None and role is None:  # "President Barack Obama" as one entity
                role, sectors = office.text, sectors or office.sectors
        dependents = list(self._children(token))
        if token.pos_ == "PROPN":  # "Hina Rabbani Khar, ministre…": the title may hang on "Khar"
            name_tokens = {c.i for c in self._children(token) if c.dep_.startswith("flat")}
            for start, end, _ in ctx.persons(token.doc):
                if start <= token.i < end:
                    name_tokens |= set(range(start, end))
            name_tokens.discard(token.i)
            doc = token.doc
            dependents += [
                g
                for i in sorted(name_tokens)
                for g in self._children(doc[i])
                if g.i not in name_tokens
            ]
        for child in dependents:
            apposed = child.dep_ in {"appos", "flat:name", "flat"}
            titled = (  # "Foreign Minister Sergei Lavrov": an office before the name
                child.dep_ in {"compound", "nmod"}
                and child.i < token.i
                and not self._case(child)
                and self._is_office(child)
            )
            # "le président Obama": a person's name after its head that the tagger read as
            # an adjective (capitalised, in a person entity)
            misread = (
                child.dep_ == "amod"
                and child.i > token.i
                and child.ent_type_ == "PER"
                and child.text[:1].isupper()
            )
            if apposed or titled or misread or (child.dep_ == "nmod" and not self._case(child)):
                named = (child.pos_ == "PROPN" or misread) and not titled
                if named and name is None and child.ent_type_ in {"PER", ""}:
                    name = child.text if misread else phrases.name_of(child, ctx)
                elif (
                    child.pos_ == "NOUN"
                    or titled
                    or self._names_body(child)
                    or (apposed and self._is_office(child))  # "X, haute-commissaire" (PROPN)
                ):
                    sub = self._resolve_one(child, ctx)
                    if sub is not None:
                        name = name or sub.name
                        if role is None or (sub.role and " " in sub.role and " " not in role):
                            role = sub.role  # the office over the rank: "chef d'état-major"
                        sectors = sectors or sub.sectors
                        country = country or sub.country
                        igo = igo or sub.igo
        if name is None and token.pos_ == "NOUN":
            name = phrases.adjacent_name(self.table(token.doc), self.lexicon, token, span, ctx)
        if name and country is None and igo is None:
            name, country = phrases.name_of_country(self.lexicon, self.grammar, name)
        if role and token.pos_ == "NOUN" and " " not in role:
            role = phrases.portfolio(self.table(token.doc), self.lexicon, self.grammar, token, role)
        if role in grammar.counterparts and country is None and igo is None and name is None:
            other = other_party(ctx)  # "son interlocuteur": the one the subject met
            if other is not None:
                at = self._offsets(token, ctx)
                return replace(other, text=span_text, start=at["start"], end=at["end"])
        if role in grammar.counterparts and ctx.subjects and ctx.subjects[-1][0].role:
            counterpart = ctx.subjects[-1][0]  # "son homologue": the same office, elsewhere
            role, sectors = counterpart.role, counterpart.sectors
        if country is None and igo is None:
            country, igo, inherited = self._modifier_code(token, depth=0)
            sectors = sectors or inherited
        bare = name is None or key(name) in grammar.organisation_nouns  # "ONG" read as a name
        if country is None and igo is None and bare and self._is_organisation(token):
            body = last_body(ctx, sectors)  # "l'ONG" after "Human Rights Watch"
            if body is not None:
                at = self._offsets(token, ctx)
                return replace(body, text=span_text, start=at["start"], end=at["end"])
        actor = Actor(
            text=span_text,
            name=name,
            country=country,
            igo=igo,
            sectors=sectors,
            role=role,
            **self._offsets(token, ctx),
        )
        return with_reference(actor, ctx, self.grammar)

    def names_itself(self, token: Token) -> bool:
        """Whether a phrase names a side by its own head: a name, a pronoun, a word of the
        lexicon (``le ministre``, ``la délégation``, ``les parties``), or a quantity of one
        (``des dizaines de manifestants``); not a thing whose complement alone names a state
        (``une cape brodée du Liban``)."""
        if token.pos_ != "NOUN":
            return True
        counted = self._counted(token)
        if counted is not None:  # "une partie de la collection", "des centaines d'élus"
            return self.names_itself(counted)
        return self._match_at(token) is not None or key(token.lower_) in self.lexicon.groups

    def _names_body(self, token: Token) -> bool:
        """A proper noun that the lexicon knows as an organisation or an institution
        (``l'agence Moody's``, ``le parti UMP``): it gives the phrase its code."""
        match = self._match_at(token) if token.pos_ in {"PROPN", "X"} else None
        return match is not None and match[0] in {"igo", "institution"}

    def _is_organisation(self, token: Token) -> bool:
        """A bare organisation noun (``l'ONG``, ``l'organisation``), not one named after it."""
        nouns = self.grammar.organisation_nouns
        if token.lemma_.lower() not in nouns:
            # with no lexicon entry at the token, the text matched is the token's own
            found = self._match_at(token)
            matched = key(token.text) if found is None else key(self._matched_text(token))
            if matched not in nouns:
                return False
        return not any(c.pos_ == "PROPN" for c in self._children(token))

    # -- parse helpers (the phrase-level ones in wirecoder.actors.phrases) ---------------

    def _match_at(self, token: Token) -> tuple[str, object] | None:
        return phrases.match_at(self.table(token.doc), self.lexicon, token)

    def _matched_text(self, token: Token) -> str:
        return phrases.matched_text(self.table(token.doc), self.lexicon, token)

    def _names_side(self, token: Token) -> bool:
        """A noun a city's name may stand behind (``le régime de Damas``): a name, or an
        office or body of the lexicon; not a thing or an event (``les jeux de Beyrouth``)."""
        return token.pos_ != "NOUN" or self._match_at(token) is not None

    def _is_office(self, token: Token) -> bool:
        """Whether ``token`` heads a title or an institution (``Foreign Minister`` before a
        name it is a compound of)."""
        match = self._match_at(token)
        return match is not None and match[0] in {"title", "institution"}

    def span(self, token: Token) -> Span:
        """The phrase ``token`` heads (:func:`wirecoder.actors.phrases.span_of`)."""
        return phrases.span_of(self.table(token.doc), self.lexicon, self.grammar, token)

    def _modifier_code(
        self, token: Token, depth: int
    ) -> tuple[str | None, str | None, tuple[str, ...]]:
        """(country, igo, sectors) named by a demonym or a ``de`` complement of the head.

        ``les forces armées pakistanaises`` → PAK; ``une base de l'armée kényane`` → KEN with
        the army's MIL; ``la position de l'Azerbaïdjan`` → AZE. Other prepositions (``au
        Pakistan``, ``contre l'Azerbaïdjan``) name a place or a target, not the side.
        """
        lex = self.lexicon
        for child in self._children(token):
            if child.dep_ in {"amod", "nmod", "appos", "flat", "flat:name", "compound"} and (
                child.pos_ == "ADJ" or child.is_lower or child.i < token.i
            ):
                iso = lex.demonyms.get(child.lower_) or lex.demonyms.get(key(child.lemma_))
                if iso:
                    return iso, None, ()
        nested = [
            c
            for c in self._children(token)
            if (c.dep_ in {"nmod", "obl:mod"} and self._case(c) in self.grammar.possessor)
            or (c.dep_ in {"amod", "nmod"} and c.pos_ == "NOUN" and not self._case(c))
            or (c.dep_ in {"nmod", "compound"} and c.i < token.i and not self._case(c))
        ]
        for child in nested:
            match = self._match_at(child) or phrases.leader_at(lex, child)
            kind = match[0] if match else None
            if kind == "capital" and depth > 0 and not self._names_side(token):
                continue  # "la médaillée des jeux de Beyrouth": where the games were
            if kind in {"country", "capital"} and child.text[:1].isupper() and match:
                return str(match[1]), None, ("GOV",)
            if kind == "igo" and match:
                return None, str(match[1]), ()
            if depth < 4 and child.pos_ in {"NOUN", "PROPN"}:
                country, igo, sectors = self._modifier_code(child, depth + 1)
                if country or igo:
                    if match and isinstance(match[1], Office):
                        sectors = match[1].sectors
                    return country, igo, sectors
        return None, None, ()

    def _case(self, token: Token) -> str | None:
        """The word of the first ``case`` dependent (``de``, ``au``), read once per document."""
        return self.table(token.doc).case[token.i]

    def _offsets(self, token: Token, ctx: ArticleContext) -> dict[str, int]:
        _, start, end = self._phrase(token)
        return {"start": ctx.offset + start, "end": ctx.offset + end}


def _clear_first(counts: dict[str, int]) -> bool:
    """Whether one state is named twice or more, and more often than any other."""
    ranked = sorted(counts.values(), reverse=True)
    return ranked[0] >= 2 and (len(ranked) == 1 or ranked[1] < ranked[0])


def _reporter(pronoun: Token, grammar: Grammar) -> Token | None:
    """The subject of the verb whose reported clause a subject pronoun opens (``X a annoncé
    qu'il …``): the pronoun is that side, a state or a body as much as a person; not the
    impersonal ``il`` of ``qu'il pourrait s'agir d'un crime``, ``qu'il faut``."""
    clause = pronoun.head
    if not pronoun.dep_.startswith("nsubj") or clause.dep_ != "ccomp":
        return None
    verbs = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
    if any(v.lemma_.lower() in grammar.impersonal for v in verbs):
        return None
    subjects = [c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return subjects[0] if subjects else None
