"""The country of the place where an act happened, for the sides a sentence names without one.

``Bombers killed 23 people in Tel Aviv``, ``tanks fired at targets in Jericho``, ``a soldier was
killed by a roadside bomb outside Basra``: the victims and the unnamed attackers are sides of
the state the act took place in. A place is a complement of the act's verb, or of its object,
introduced by one of the grammar's ``locative`` prepositions (``in``, ``near``, ``outside``);
it is a state or capital the actor resolver knows, else a city of the gazetteer that the
tagger calls a place (``GPE``/``LOC``/``FAC``), or the proper-noun ``of`` complement of one of
the grammar's ``place_nouns`` (``near the town of Rafah``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from wirecoder.events import arguments as args
from wirecoder.language import grammar_of
from wirecoder.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from wirecoder.actors.reference import ArticleContext
    from wirecoder.actors.resolve import ActorResolver
    from wirecoder.where.gazetteer import Gazetteer

__all__ = ["Whereabouts"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_INTO = {
    "nsubj",
    "obj",
    "obl",
    "obl:arg",
    "obl:mod",
    "nsubj:pass",
    "nmod",
    "advcl",
    "xcomp",
    "conj",
}


class Whereabouts:
    """Finds the country an act took place in, with the resolver and (if any) a gazetteer."""

    def __init__(self, resolver: ActorResolver, gazetteer: Gazetteer | None = None) -> None:
        self.resolver = resolver
        self.gazetteer = gazetteer

    def country(self, token: Token, ctx: ArticleContext) -> str | None:
        """The country of the place ``token`` names, or None when it names no place."""
        for side in self.resolver.resolve(token, ctx):
            if side.country and not side.igo:
                return side.country
        if token.lemma_.lower() in grammar_of(token).place_nouns:
            for inner in args.of_complements(token):  # "the town of Rafah"
                if inner.pos_ == "PROPN":
                    return self._city(inner, ctx)
        if token.ent_type_ not in _PLACE_LABELS:
            return None
        return self._city(token, ctx)

    def _city(self, token: Token, ctx: ArticleContext) -> str | None:
        if self.gazetteer is None:
            return None
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        name = entity.text if entity is not None else token.text
        place = self.gazetteer.resolve(name, tuple(ctx.mentions))
        return place.country if place is not None else None

    def of_act(self, head: Token, ctx: ArticleContext) -> str | None:
        """The country of the first place named on the act's verb, else below its
        complements (breadth-first, a few levels)."""
        level = [head]
        for _ in range(4):
            for token in level:
                for place in [*args.places(token), *_after_particle(token)]:
                    if (country := self.country(place, ctx)) is not None:
                        return country
            level = [c for t in level for c in t.children if c.dep_ in _INTO]
        return None

    def target(
        self, head: Token, type_: str, actor: Actor, at: int, ctx: ArticleContext
    ) -> Actor | None:
        """The state where an act aimed at no one named took place, when the sentence names
        it (``lifted a curfew in Montenegro``): its people for an attack or an arrest, else
        its government."""
        country = self.of_act(head, ctx)
        if country is None or country == actor.country:
            return None
        sectors = ("CVL",) if type_ in {"ASSAULT", "COERCE"} else ("GOV",)
        return Actor(text="", country=country, sectors=sectors, start=at, end=at)

    def named_below(self, head: Token, actor: Actor, at: int, ctx: ArticleContext) -> Actor | None:
        """Another state or body named inside the act's own clause (``rejected calls by the
        UN secretary-general to ...``, ``protested against the United States' policies``):
        the act is aimed at it rather than at the actor's own country. A city named as where
        the act happened is a place, not the body seated there (``arrêtées à Bruxelles``)."""
        where = {t.i for t in args.places(head)}
        for token in args.nouns_below(head):
            for side in self.resolver.resolve(token, ctx):
                if token.i in where and side.igo:
                    continue
                if side.code and side.code != actor.code and side.end > 0:
                    sectors = side.sectors or ("GOV",)
                    code = {"country": side.country, "igo": side.igo}
                    return Actor(text="", sectors=sectors, start=at, end=at, **code)
        return None

    def resident(self, side: Actor, token: Token, head: Token, ctx: ArticleContext) -> Actor:
        """A people named by a demonym but living in another state is a side of that state:
        ``Bosnian Serbs`` (a demonym adjective on a demonym noun: the adjective's state),
        ``Albanians in south Serbia`` (a place in the phrase), ``ethnic Turks`` (one of the
        grammar's ``minority`` words: where the act happened, else the story's country)."""
        demonyms = self.resolver.lexicon.demonyms
        if token.lower_ not in demonyms:  # "hundreds of ethnic Russians"
            token = next((t for t in args.of_complements(token) if t.lower_ in demonyms), token)
        own = demonyms.get(token.lower_)
        if own is None or side.country != own or side.igo:
            return side
        country = next(
            (
                demonyms[c.lower_]
                for c in token.children
                if c.dep_ == "amod" and demonyms.get(c.lower_, own) != own
            ),
            None,
        )
        for place in [*args.places(token), *args.of_complements(token)]:
            country = country or self.country(place, ctx)
        minority = grammar_of(token).minority
        if country is None and any(c.lower_ in minority for c in token.children):
            country = self.of_act(head, ctx) or ctx.home
        return side if country in {None, own} else replace(side, country=country)

    def from_place(self, side: Actor, token: Token, ctx: ArticleContext) -> Actor:
        """A side of no state that the phrase places in a city or region (``les rebelles de
        Homs``, ``les habitants d'Alep``) is a side of that place's country."""
        if side.code is not None or token.pos_ != "NOUN":
            return side
        for place in args.of_complements(token):
            if place.pos_ == "PROPN" and (country := self.country(place, ctx)):
                return replace(side, country=country)
        return side

    def led(self, token: Token, sides: list[Actor], ctx: ArticleContext) -> list[Actor]:
        """``the Saudi-led coalition``, ``Vietnamese-led forces``: a side led by a state (a
        participle of the grammar's ``leading`` verbs on the head, with the state below it)
        acts for that state when it names none of its own."""
        if any(side.code for side in sides):
            return sides
        leading = grammar_of(token).leading
        for participle in token.children:
            if participle.dep_ != "amod" or participle.lemma_.lower() not in leading:
                continue
            for leader in participle.children:
                country = self.resolver.lexicon.demonyms.get(leader.lower_)
                country = country or self.country(leader, ctx)
                if country is None:
                    continue
                if sides:
                    return [replace(side, country=country) for side in sides]
                span = self.resolver.span(token)
                start = ctx.offset + span.start_char
                return [
                    Actor(text=span.text, country=country, start=start, end=start + len(span.text))
                ]
        return sides

    def thing(self, token: Token, ctx: ArticleContext) -> list[Actor]:
        """A thing that is no side but lies in a state stands for it: ``agreed to extend the
        force in Lebanon``, ``evacuated all settlements in the Gaza Strip``."""
        country = self.of_act(token, ctx)
        if country is None:
            return []
        at = ctx.offset + token.idx
        return [Actor(text="", country=country, sectors=("GOV",), start=at, end=at)]

    def placed(self, side: Actor, head: Token, ctx: ArticleContext) -> Actor:
        """A side that names no country takes the country of the place the act happened in."""
        if side.code is not None:
            return side
        country = self.of_act(head, ctx)
        return side if country is None else replace(side, country=country)


def _after_particle(verb: Token) -> list[Token]:
    """``killed outside of the city``: the parser makes the locative a particle of the verb
    and hangs the place below it."""
    where = grammar_of(verb).locative
    return [
        place
        for particle in verb.children
        if particle.dep_ == "compound:prt" and particle.lower_ in where
        for place in particle.children
        if place.dep_ == "nmod"
    ]
