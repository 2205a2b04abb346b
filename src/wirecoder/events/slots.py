"""The sides one slot of a trigger names (``subject``, ``obj``, ``à``, ``speaker``…): the
tokens the parse gives the slot, each resolved to actors, with the readings that find a side
where the parse hides it (the side behind a thing, the doer of a named act, members of a
group, coordinated demonyms) and the places that make a side's country
(:class:`~wirecoder.events.places.Whereabouts`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from wirecoder.actors.lexicon import ActorLexicon
from wirecoder.actors.reference import ArticleContext, group_members
from wirecoder.actors.resolve import ActorResolver
from wirecoder.events import arguments as args
from wirecoder.events import sides, speech
from wirecoder.events.lexicon import TriggerLexicon
from wirecoder.events.places import Whereabouts
from wirecoder.events.triggers import Found, TriggerFinder
from wirecoder.language import grammar_of
from wirecoder.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["VERBAL", "SlotReader"]

# verbal types: a thing they address stands for the side behind it ("rejeter la demande de X")
VERBAL = frozenset({"SUPPORT", "REJECT", "ACCUSE", "THREATEN", "REQUEST", "CONCEDE"})


class SlotReader:
    """Reads a trigger's slots into sides, with one language's lexicons."""

    def __init__(
        self,
        triggers: TriggerLexicon,
        actors: ActorLexicon,
        resolver: ActorResolver,
        where: Whereabouts,
        finder: TriggerFinder,
    ) -> None:
        self.triggers = triggers
        self.lexicon = actors
        self.resolver = resolver
        self.where = where
        self.finder = finder

    def read(
        self, found: Found, slot: str, ctx: ArticleContext, located: bool = False
    ) -> list[Actor]:
        """The sides in one slot; ``located``: a side naming no country is of the place the
        act happened in, if the sentence names one (the victims of an attack)."""
        head = found.head
        if slot == "subject":
            tokens = [t] if (t := sides.subject_of(head)) is not None else []
            if t is not None and "1" in args.morph(t, "Person") and t.pos_ == "PRON":
                # "« Nous condamnons … », a déclaré le ministre": the quotation's speaker
                speaker = speech.quoted_speaker(t, self.finder.saying())
                tokens = [speaker] if speaker is not None else []
        elif slot == "obj":
            tokens = sides.objects_of(head) or sides.stray_objects(head)
        elif slot == "named":  # "a décrit X comme « … »": the side an epithet names
            tokens = [found.anchor]
        elif slot == "orderer":  # "« Libérez les otages ! », a lancé X"
            tokens = [t] if (t := speech.orderer(head, self.finder.saying())) is not None else []
        elif slot == "judge":
            said = self.finder.judgement(found.anchor)
            tokens = [said[1]] if said is not None else []
        elif slot == "topic":  # what is judged: "la décision de Moscou était inacceptable"
            classes = (self.triggers.word_class(c) for c in ("copular", "deeming"))
            tokens = speech.topic_of(found.anchor, *classes)
        elif slot == "support":
            support = self.triggers.word_class("support")
            tokens = [t] if (t := sides.support_subject(head, support)) is not None else []
        elif slot == "speaker":
            tokens = [t] if (t := args.speaker(head)) is not None else []
            if not sides.heard(head) and self.finder.is_trigger_verb(args.governing_verb(head)):
                tokens = []  # "a rejeté la proposition d'une médiation": not the subject's act
        elif slot == "demonym":
            return self._demonym(head, ctx)
        elif slot == "clause":  # "demanded that X …", "reiterated its demand that X …"
            tokens = args.clause_subjects(head) or args.clause_subjects(found.anchor)
        else:
            tokens = args.with_preposition(head, slot)
            if not tokens and found.trigger.kind == "noun" and slot in grammar_of(head).between:
                tokens = sides.between_on_verb(head, slot)  # "des combats ont éclaté entre X"
            if not tokens and found.anchor != head:
                tokens = args.in_subtree(found.anchor, slot)
            if not tokens and found.trigger.kind == "verb":  # "a promis une aide à X"
                tokens = [t for o in sides.objects_of(head) for t in args.with_preposition(o, slot)]
            if not tokens and found.trigger.kind == "noun" and slot in found.trigger.recipient:
                tokens = sides.below(head, slot)  # "la visite du ministre X, Y, en Azerbaïdjan"
                if not tokens and sides.heard(head) and head.head != head:
                    # "a fait part de son étonnement face à X": X hangs on the verb
                    tokens = args.with_preposition(head.head, slot)
        actors: list[Actor] = []
        quantities = self.triggers.word_class("quantity")
        for token in tokens:
            resolved = self.resolver.resolve(token, ctx)
            if not resolved:
                phrase = self.resolver.span(token).text
                resolved = group_members(phrase, self.lexicon, ctx)
            if not resolved and (counted := sides.counted(token, quantities)) != token:
                token = counted  # "plusieurs centaines de policiers"
                resolved = self.resolver.resolve(token, ctx)
            if not resolved and (named := sides.identified(token)):
                # "quatre personnes ont été arrêtées ; il s'agit de deux Polonais et de…"
                token, resolved = named[0], self.resolver.resolve(named[0], ctx)
            if not resolved and found.trigger.type in VERBAL:  # "la décision de Douchanbé"
                resolved = self._behind(token, ctx)
            elif not resolved and slot == "subject" and self._names_an_act(token):
                # "tué par un tir d'obus lancé par les rebelles", "détruit par une frappe
                # israélienne": the act's own doer did it
                owner = next(
                    (o for o in sides.behind(token) if self.resolver.resolve(o, ctx)), None
                )
                if owner is not None:
                    token = owner  # its place, its coordinated sides are the doer's
                    resolved = self.resolver.resolve(owner, ctx)
                else:
                    resolved = self._demonym(token, ctx)
            resolved = self.where.led(token, resolved, ctx)
            resolved = [*resolved, *self._conjoined(token, resolved, ctx)]
            resolved = [self.where.resident(a, token, head, ctx) for a in resolved]
            resolved = [self.where.from_place(a, token, ctx) for a in resolved]
            if located:
                resolved = [self.where.placed(a, head, ctx) for a in resolved]
                resolved = resolved or self.where.thing(token, ctx)
            actors.extend(self.resolver.with_home(a, ctx) for a in resolved)
        prepositional = slot not in {
            "subject",
            "obj",
            "speaker",
            "support",
            "judge",
            "topic",
            "orderer",
            "named",
        }
        if not actors and tokens and prepositional and found.anchor != head:
            # "a accordé à cette occasion un prêt … à la Mauritanie": the verb's "à" names no
            # side; the phrase's object may hold the one that does
            inner = [t for t in args.in_subtree(found.anchor, slot) if t not in tokens]
            actors = [
                self.resolver.with_home(a, ctx)
                for t in inner
                for a in self.resolver.resolve(t, ctx)
            ]
        return actors

    def _demonym(self, noun: Token, ctx: ArticleContext) -> list[Actor]:
        for child in noun.children:
            iso = self.lexicon.demonyms.get(child.lower_)
            if child.dep_ == "amod" and iso:
                start = ctx.offset + child.idx
                return [Actor(text=child.text, country=iso, start=start, end=start + len(child))]
        return []

    def _conjoined(self, token: Token, resolved: list[Actor], ctx: ArticleContext) -> list[Actor]:
        """Sides coordinated below the head the resolver read (``sénégalaise et gambienne``)."""
        codes = {a.code for a in resolved}
        extra: list[Actor] = []
        for conj in sides.conjuncts(token):
            if conj.pos_ == "ADJ" or (conj.pos_ == "NOUN" and conj.lower_ in self.lexicon.demonyms):
                iso = self.lexicon.demonyms.get(conj.lower_)
                found = [replace(resolved[0], country=iso)] if iso and resolved else []
            else:
                found = self.resolver.resolve(conj, ctx)
            for actor in found:
                if actor.code not in codes:
                    codes.add(actor.code)
                    extra.append(actor)
        return extra

    def _names_an_act(self, token: Token) -> bool:
        """Whether a noun names a material act of the lexicon (``un tir``, ``une frappe``)."""
        trigger = self.triggers.nouns.get(token.lemma_.lower())
        return token.pos_ == "NOUN" and trigger is not None and trigger.type not in VERBAL

    def _behind(self, token: Token, ctx: ArticleContext) -> list[Actor]:
        for owner in sides.behind(token):
            resolved = self.resolver.resolve(owner, ctx)
            if resolved:
                return resolved
        return self._demonym(token, ctx)
