"""Who an act is aimed at when its sentence names no one, and who claims an act told only as
a claim: the fallbacks :class:`~wirecoder.events.extract.EventExtractor` reads sides with."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from wirecoder.actors.reference import ArticleContext
from wirecoder.actors.resolve import ActorResolver
from wirecoder.events import arguments as args
from wirecoder.events import reactions, sides, speech
from wirecoder.events.lexicon import TriggerLexicon
from wirecoder.events.places import Whereabouts
from wirecoder.events.triggers import Found, TriggerFinder
from wirecoder.ontology import Ontology
from wirecoder.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Targets"]

# material acts that a source may only claim ("aurait tué"): coded as its allegation
_CLAIMED = frozenset({"ASSAULT", "COERCE"})

# types that often have no recipient at all (PLOVER "requires recipient: no" in practice)
_TARGETLESS = {"MOBILIZE", "CONSULT", "AGREE", "COOPERATE"}

# acts aimed at no one, whatever the story's country: a resignation
_AIMLESS = {("RETREAT", "resign")}

# what a mobilization faces: force its own clause names (nouns), force told in its sentence,
# violence or coercion told in the sentence before
_FORCE_NAMED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})
_FORCE_TOLD = frozenset({"ASSAULT", "COERCE", "THREATEN"})
_FORCE_BEFORE = frozenset({"ASSAULT", "COERCE"})

# the state's own sectors: a state does not mobilize against them
_STATE = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


class Targets:
    """The fallback sides of one language's acts: a claimant, a recipient the story implies."""

    def __init__(
        self,
        triggers: TriggerLexicon,
        resolver: ActorResolver,
        where: Whereabouts,
        ontology: Ontology,
        finder: TriggerFinder,
    ) -> None:
        self.triggers = triggers
        self.resolver = resolver
        self.where = where
        self.ontology = ontology
        self.finder = finder

    def claimant(self, type_: str, verb: Token, ctx: ArticleContext) -> Actor | None:
        """Who claims an unconfirmed act (``aurait été tué``, conditional mood): the speaker
        of the verb of saying it depends on, or the ``selon X`` source (manual: an unconfirmed
        act known only through a claim is the claimant's ACCUSE allege)."""
        conditions = self.triggers.word_class("condition")
        if type_ not in _CLAIMED or not speech.is_conditional(verb, conditions):
            return None
        sources = speech.claim_sources(
            verb, self.finder.saying(), self.triggers.word_class("according")
        )
        for source in sources:
            for actor in self.resolver.resolve(source, ctx):
                return self.resolver.with_home(actor, ctx)
        return None

    def home_side(self, home: str | None, found: Found, ctx: ArticleContext) -> Actor | None:
        at = ctx.offset + found.head.idx
        return Actor(text="", country=home, sectors=("GOV",), start=at, end=at) if home else None

    def home_target(
        self, actor: Actor, found: Found, ctx: ArticleContext, acting: set[str | None]
    ) -> Actor | None:
        """An act aimed at no one named is aimed at the country the story is about (not at
        one of its ``acting`` sides: ``X and Y signed a treaty`` is aimed at no one). A
        domestic act addresses the article's own country; a foreign actor's act the state the
        article names most after the actor's own: protests, demands and accusations its
        government, attacks and arrests its people. Aid and sanctions are aimed only at a
        state the sentence names (where they happen, or in the act's own clause), or, relief goods
        or operations by a side of the story's own country, at its people."""
        trigger = found.trigger
        if trigger.type == "MOBILIZE":
            return self.adversary(actor, found, ctx)
        if trigger.type in _TARGETLESS and _promise_abroad(trigger.type, actor, ctx):
            return self.home_side(ctx.home, found, ctx)  # "le Japon s'est engagé à…" (Dacca)
        if trigger.type in _TARGETLESS or (trigger.type, trigger.mode) in _AIMLESS:
            return None
        at = ctx.offset + found.head.idx
        blamed = self.deed_doer(found, ctx)
        if blamed is not None:  # "a condamné les agressions": whoever made them, if known
            return replace(blamed[0], text="", start=at, end=at) if blamed else None
        place = self.where.target(found.head, trigger.type, actor, at, ctx)
        place = place or self.where.named_below(found.head, actor, at, ctx)
        if place is not None:  # "suspended aid deliveries in Baghdad": aimed at Iraq
            return place
        relief = trigger.type == "AID" and trigger.kind == "phrase"  # goods, operations named
        if relief and actor.country is not None and actor.country == ctx.home:
            # "a pris en main les opérations de secours": relief at home, to its people
            # (not "a été financée par", "a procédé à l'évacuation du bâtiment")
            return Actor(text="", country=ctx.home, sectors=("CVL",), start=at, end=at)
        if self.ontology.requires_recipient(trigger.type):
            return None
        target = ctx.home
        if actor.country and actor.country != ctx.home:
            others = {c: n for c, n in ctx.mentions.items() if c != actor.country}
            target = max(others, key=lambda c: others[c]) if others else None
        speech = self.triggers.word_class("speech")
        if trigger.type in reactions.REACTIONS and (
            earlier := reactions.reacted_to(self.resolver, speech, actor, found.head, ctx)
        ):
            return replace(earlier, text="", start=at, end=at)
        if target is None or (len(acting) > 1 and target in acting):
            return None
        sectors = ("CVL",) if trigger.type in {"ASSAULT", "COERCE"} else ("GOV",)
        return Actor(text="", country=target, sectors=sectors, start=at, end=at)

    def deed_doer(self, found: Found, ctx: ArticleContext) -> tuple[Actor, ...] | None:
        """Who a condemnation of a deed that names no doer blames (``a condamné les
        agressions``, ``dénonce un acte lâche``; class ``deeds``): the doer of the last attack
        coded before it in the article when that doer is named, else no one (an unknown
        doer: ``affirme avoir été agressée``) — ``()``; None when the act blames no deed, or the
        deeds just told (``ces attaques``: the reaction's own fallback)."""
        if found.trigger.type != "ACCUSE" or found.trigger.kind != "verb":
            return None
        deeds = self.triggers.word_class("deeds")
        deed = [c for c in found.head.children if c.dep_ == "obj" and c.lemma_.lower() in deeds]
        if not deed or any("Dem" in d.morph.get("PronType", []) for d in deed[0].children):
            return None  # "a condamné ces attaques": the acts just told (a reaction's doer)
        for _, type_, side in reversed(ctx.acts):
            if type_ == "ASSAULT":
                return (side,) if side.text and side.code else ()
        return ()

    def adversary(self, actor: Actor, found: Found, ctx: ArticleContext) -> Actor | None:
        """The side a mobilization that names no one faces: the doer of an act of force its
        own clause names (``pour faire face à une offensive des rebelles``, ``après le tir de
        missiles par X``), else of an attack, a coercion or a threat coded in its sentence
        (``dans le quartier où des gangs ont incendié des maisons``), else of an attack or a
        coercion coded in the sentence before (``X a également envoyé des renforts``). Only
        another country's side, or a side of the actor's country outside its state."""
        head = found.head
        at = ctx.offset + head.idx
        for noun in args.nouns_below(head):
            named = self.triggers.nouns.get(noun.lemma_.lower())
            if named is None or named.type not in _FORCE_NAMED:
                continue
            # its agent first: "le tir de missiles par X en mer du Japon"
            for owner in [*args.in_subtree(noun, "par"), *sides.behind(noun)]:
                for side in self.resolver.resolve(owner, ctx):
                    side = self.resolver.with_home(side, ctx)
                    if _adverse(side, actor):
                        return replace(side, text="", start=at, end=at)
        sentence = head.sent.start
        before = [s.start for s in head.doc.sents if s.end <= sentence][-1:]
        for start, type_, side in reversed(ctx.acts):
            told = start == sentence and type_ in _FORCE_TOLD
            if (told or (start in before and type_ in _FORCE_BEFORE)) and _adverse(side, actor):
                return replace(side, text="", start=at, end=at)
        return None


def _adverse(side: Actor, actor: Actor) -> bool:
    """Whether a mobilization by ``actor`` may face ``side``: another country's side, or one
    of the actor's country outside its state (rebels, gangs, gunmen)."""
    if side.code is None:
        return False
    if side.code != actor.code:
        return True
    return not _STATE.intersection(side.sectors[:1])


def _promise_abroad(type_: str, actor: Actor, ctx: ArticleContext) -> bool:
    """A foreign side's promise in a dispatch from another country is made to that country."""
    return type_ == "AGREE" and bool(ctx.home) and actor.country not in {None, ctx.home}
