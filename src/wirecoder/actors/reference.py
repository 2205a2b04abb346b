"""What an article has said so far about who is who, and who a later mention stands for: a
bare name, a bare title or role noun (``l'ambassadeur``, ``the minister``), an apposition the
parser split, a counterpart, a group (``les deux pays``, ``both sides``). Read and filled by
:class:`wirecoder.actors.resolve.ActorResolver`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wirecoder.actors.lexicon import ActorLexicon, key
from wirecoder.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from wirecoder.language import Grammar

__all__ = [
    "ArticleContext",
    "gender",
    "group_members",
    "last_body",
    "other_party",
    "with_reference",
]


@dataclass
class ArticleContext:
    """What the article has said so far about who is who (mutable, one per article)."""

    offset: int = 0  # where the parsed body starts in the article text
    text: str = ""  # the parsed (normalised) body
    names: dict[str, Actor] = field(default_factory=dict)
    people: list[Actor] = field(default_factory=list)  # every person named, in order
    subjects: list[tuple[Actor, str | None]] = field(default_factory=list)  # with gender
    plural_subjects: list[Actor] = field(default_factory=list)  # for "ils", "elles"
    coded_subjects: list[Actor] = field(default_factory=list)  # states and bodies, for "it"
    bodies: list[Actor] = field(default_factory=list)  # organisations named, for "l'ONG"
    pairs: list[tuple[Actor, Actor]] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)
    home: str | None = None  # the country the article is about: sides with no code act for it
    mentions: dict[str, int] = field(default_factory=dict)  # states named in the whole text
    cache: dict[int, list[Actor]] = field(default_factory=dict)
    people_spans: list[tuple[int, int, str]] | None = None  # PER entities: (start, end, text)
    nominal: set[str] = field(default_factory=set)  # ids of the events a noun names
    # sentences with no trigger, not read yet: read when a later sentence has one to code
    unread: list[Span] = field(default_factory=list)
    qualifying: set[str] = field(default_factory=set)  # ids told by a participle of a noun
    # acts coded so far: (first token of their sentence, type, actor), for a mobilization's
    # adversary (events/targets.py)
    acts: list[tuple[int, str, Actor]] = field(default_factory=list)

    def persons(self, doc: Doc) -> list[tuple[int, int, str]]:
        """The document's PER entities, read once (``doc.ents`` builds new spans each call)."""
        if self.people_spans is None:
            self.people_spans = [(e.start, e.end, e.text) for e in doc.ents if e.label_ == "PER"]
        return self.people_spans

    def remember_bodies(self, actors: list[Actor]) -> None:
        """Remember the organisations named, in order, for a later ``l'ONG``."""
        for actor in actors:
            if actor.igo and (not self.bodies or self.bodies[-1].igo != actor.igo):
                self.bodies.append(actor)

    def remember_pair(self, first: Actor, second: Actor) -> None:
        if first.code and second.code and first.code != second.code:
            self.pairs.append((first, second))


def with_reference(actor: Actor, ctx: ArticleContext, grammar: Grammar) -> Actor | None:
    """Fill a bare name or a bare title from what the article said before."""
    if actor.code is None and (actor.name or actor.role):
        before = _apposed_to(actor, ctx)
        if before is not None:
            actor = replace(
                actor,
                country=before.country,
                igo=before.igo,
                sectors=actor.sectors or before.sectors,
                role=actor.role or before.role,
            )
    # a bare name, or one whose state alone the people list gives (``Merkel``): the person
    # named before with their office (``la chancelière allemande Angela Merkel``)
    bare = actor.code is None or not (actor.role or actor.sectors)
    if bare and actor.name:
        known = ctx.names.get(key(actor.name)) or ctx.names.get(key(actor.name.split()[-1]))
        if known and actor.code is not None and known.code != actor.code:
            known = None
        if known and known.name and _relative(actor.name, known.name, grammar):
            # "Marine Le Pen" after "Jean-Marie Le Pen": another person of one family
            actor = replace(actor, country=known.country, igo=known.igo)
        elif known:
            return replace(
                actor,
                country=known.country,
                igo=known.igo,
                sectors=known.sectors,
                role=known.role,
                name=known.name,
            )
    if actor.code is None and actor.role and not actor.name:
        candidates = [e for e in reversed(ctx.people) if _refers_to(actor, e, grammar)]
        if candidates:
            named = [e for e in candidates[:3] if e.name]
            earlier = named[0] if named else candidates[0]
            return replace(earlier, text=actor.text, start=actor.start, end=actor.end)
    if actor.name and (actor.code or actor.role):
        ctx.names.setdefault(key(actor.name), actor)
        ctx.names.setdefault(key(actor.name.split()[-1]), actor)
    if actor.code or actor.name or actor.sectors:
        return actor
    return None


def _relative(name: str, known: str, grammar: Grammar) -> bool:
    """Two full names that share a surname but not a first name (``Marine Le Pen`` and
    ``Jean-Marie Le Pen``): two people. An initial (``B. Obama``) or a civility (``Mme``,
    grammar ``civilities``) is no first name of its own."""
    words, other = name.lower().split(), known.lower().split()
    if len(words) < 2 or len(other) < 2 or set(words) <= set(other) or set(other) <= set(words):
        return False
    first, second = words[0].rstrip("."), other[0].rstrip(".")
    if {words[0], other[0], first, second} & grammar.civilities:
        return False
    if min(len(first), len(second)) <= 1:
        return first[:1] != second[:1]
    return first != second


def _apposed_to(actor: Actor, ctx: ArticleContext) -> Actor | None:
    """The phrase just before ``, <actor>``: an apposition the parser split in two."""
    for earlier in ctx.cache.values():
        for other in earlier:
            if other.code and other.end < actor.start and not other.name:
                between = ctx.text[other.end - ctx.offset : actor.start - ctx.offset]
                if between.strip() == ",":
                    return other
    return None


def last_body(ctx: ArticleContext, sectors: tuple[str, ...]) -> Actor | None:
    """The organisation named last (an IGO or an NGO), of one of ``sectors`` when given:
    what a bare ``l'ONG`` or ``l'organisation`` stands for."""
    for earlier in reversed(ctx.bodies):
        if not sectors or set(sectors) & set(earlier.sectors):
            return earlier
    return None


def other_party(ctx: ArticleContext) -> Actor | None:
    """The most recent person named who is not the last subject: a counterpart."""
    last = ctx.subjects[-1][0] if ctx.subjects else None
    for earlier in reversed(ctx.people):
        if earlier.code and earlier.name and (last is None or earlier.name != last.name):
            return earlier
    return None


def gender(token: Token) -> str | None:
    values = token.morph.get("Gender", [])
    return str(values[0]) if values else None


def _refers_to(mention: Actor, earlier: Actor, grammar: Grammar) -> bool:
    """Can a bare role noun (``l'ambassadeur``, ``le diplomate``) stand for ``earlier``?

    Generic role nouns take up any earlier person of the same sector; others the same
    office, or one the language's ``same_office`` lets them name (``le chef de l'État``).
    """
    if not (earlier.role and earlier.code) or mention.role is None:
        return False
    if mention.role in grammar.generic_roles:
        return bool(set(mention.sectors) & set(earlier.sectors))
    if earlier.role in grammar.same_office.get(mention.role, ()):
        return True
    return earlier.role == mention.role or earlier.role.startswith(mention.role + " ")


def group_members(phrase: str, lexicon: ActorLexicon, ctx: ArticleContext) -> list[Actor]:
    """``les parties``, ``les deux pays``: the two sides the article has been about."""
    if key(phrase) not in lexicon.groups:
        return []
    if ctx.pairs:
        first, second = ctx.pairs[-1]
        return [first, second]
    top = sorted(ctx.countries.items(), key=lambda kv: -kv[1])[:2]
    if len(top) < 2:
        return []
    return [Actor(text=phrase, country=code, sectors=("GOV",)) for code, _ in top]
