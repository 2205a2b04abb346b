"""Sentence → event candidates: find triggers, read their sides off the parse, qualify them."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from wirecoder.actors.lexicon import ActorLexicon
from wirecoder.actors.reference import ArticleContext
from wirecoder.actors.resolve import ActorResolver
from wirecoder.events import arguments as args
from wirecoder.events import readings, sides
from wirecoder.events.lexicon import TriggerLexicon
from wirecoder.events.places import Whereabouts
from wirecoder.events.qualify import ContextLexicon, aux_mode, narrated, negated, planned
from wirecoder.events.slots import VERBAL, SlotReader
from wirecoder.events.targets import Targets
from wirecoder.events.triggers import Found, TriggerFinder
from wirecoder.language import grammar_of
from wirecoder.ontology import Ontology
from wirecoder.records import Actor, Event, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from wirecoder.where.gazetteer import Gazetteer


# who acts when an attack names no attacker: unidentified armed forces (PLOVER sector UAF)
_UNNAMED = {"ASSAULT": ("UAF",)}

# a trip somewhere (`place` readings: "se rendre à", "est attendu à") is a visit or a planned
# one only to another side
_VISITS = frozenset({"CONSULT", "AGREE"})


class EventExtractor:
    """Codes the events of one sentence at a time, with one language's lexicons."""

    def __init__(
        self,
        triggers: TriggerLexicon,
        actors: ActorLexicon,
        contexts: ContextLexicon,
        ontology: Ontology,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.triggers = triggers
        self.lexicon = actors
        self.resolver = ActorResolver(actors)
        self.where = Whereabouts(self.resolver, gazetteer)
        self.finder = TriggerFinder(triggers, self.resolver)
        self.contexts = contexts
        self.ontology = ontology
        self.targets = Targets(triggers, self.resolver, self.where, ontology, self.finder)
        self.slots = SlotReader(triggers, actors, self.resolver, self.where, self.finder)

    def sentence_events(
        self, sentence: Span, text: str, ctx: ArticleContext, article_id: str
    ) -> list[Event]:
        """Events of one sentence; ``text`` is the original article text (for evidence).

        The noun phrases of a sentence are read (:meth:`ActorResolver.register`) only once a
        sentence at or after it has a trigger: what the resolver learns serves only later
        phrases, so the sentences after an article's last trigger are never read, and the
        sentences before it are read in the same order as ever."""
        triggers = self.finder.find(sentence)
        if not triggers:
            ctx.unread.append(sentence)
            return []
        for earlier in ctx.unread:
            self.resolver.register(earlier, ctx)
        ctx.unread.clear()
        self.resolver.register(sentence, ctx)
        contexts = self.contexts.contexts(sentence)
        # a mobilization is coded after the sentence's other acts: it may answer one of them
        coded: dict[int, list[Event]] = {}
        for n in sorted(range(len(triggers)), key=lambda n: triggers[n].trigger.type == "MOBILIZE"):
            coded[n] = self._code(triggers[n], sentence, contexts, text, ctx, article_id)
            ctx.acts.extend((sentence.start, e.type, e.actor) for e in coded[n] if e.actor)
        return [event for n in range(len(triggers)) for event in coded[n]]

    # -- sides ----------------------------------------------------------------------------

    def _sides(
        self, found: Found, ctx: ArticleContext, type_: str
    ) -> list[tuple[Actor, Actor | None]]:
        """(actor, named recipient) pairs; ``type_`` is the type coded (a future signing is
        an AGREE, whose sides act jointly)."""
        actors: list[Actor] = []
        slots = found.trigger.actor
        if found.trigger.kind == "noun":  # "a mené une attaque": the support verb's subject
            slots = ("support", *slots)
        for slot in slots:
            actors = self.slots.read(found, slot, ctx)
            if actors:
                break
        implicit = found.trigger.implicit
        if not implicit and found.trigger.kind == "verb":  # a noun's sides are its own words
            implicit = _UNNAMED.get(found.trigger.type, ())
        home = (self.where.of_act(found.head, ctx) or ctx.home) if implicit else None
        if not actors and implicit and home:
            # "quatre personnes ont été arrêtées": the police of the country acted; "a car
            # bomb killed three near Samarra": unidentified armed men of the country where
            # it happened (as the gold codes)
            at = ctx.offset + found.head.idx
            actors = [Actor(text="", country=home, sectors=implicit, start=at, end=at)]
        if found.trigger.needs_side and self._object_is_no_side(found, ctx):
            return []  # "HP accuse une baisse de 3 %", "a reçu une cape brodée"
        if found.trigger.other_sense and self._object_in(found, found.trigger.other_sense):
            return []  # "trois réacteurs ont été arrêtés", "a violé la liberté d'expression"
        recipients: list[Actor] = []
        for slot in found.trigger.recipient:
            recipients = self.slots.read(found, slot, ctx, located=True)
            # not words of the actor's own phrase ("le soutien de l'ambassade de France au
            # Caire": the embassy's post is no recipient), but a trip's destination, which the
            # parse may hang on the traveller ("la visite du ministre X, Y, en Azerbaïdjan")
            if found.trigger.mode != "visit":
                recipients = [r for r in recipients if not any(_within(r, a) for a in actors)]
            if recipients:
                break
        alone = len({a.code for a in actors}) < 2 and not recipients
        if found.trigger.joint and found.trigger.kind != "noun" and alone:
            return []  # "X et Y ont inauguré la ligne" is joint; "X a inauguré" is not
        # an order's words name the act it asks for, not the one it is given to
        ordered = found.content is not None and found.content.head == found.head
        if not recipients and found.content is not None and not ordered:
            # "a menacé de fermer sa frontière aux X"
            recipients = self._content_recipients(found.content, ctx)
        if not recipients and found.trigger.kind == "phrase":
            # "rejected an Indian proposal", "a rejeté la proposition russe": the owner of the
            # fixed object is the one the act answers
            own = {a.code for a in actors}
            owner = self.resolver.resolve(found.anchor, ctx) if found.anchor != found.head else []
            recipients = [a for a in owner if a.code and a.code not in own]
        if not recipients and found.trigger.kind != "noun" and not ordered:
            recipients = self._recipients_in_content(found.head, actors, ctx)
        symmetric = self.ontology.is_symmetric(type_)  # "doivent signer": AGREE, joint
        if symmetric and not recipients and len(actors) >= 2:
            return [(actors[0], actors[1])]
        mutual = found.trigger.mutual or self.ontology.is_mutual(
            found.trigger.type, found.trigger.mode
        )
        if not recipients and mutual:
            others: list[tuple[Actor, Actor | None]] = [
                (a, b) for a in actors for b in actors if a.code != b.code
            ]
            if others:  # "les forces X et Y respectent un cessez-le-feu": each to the other
                return others
        pairs: list[tuple[Actor, Actor | None]] = []
        sides: list[Actor | None] = [*recipients] or [None]
        for actor in actors:
            for recipient in sides:
                if recipient is not None and _same_side(actor, recipient):
                    continue
                pairs.append((actor, recipient))
        return pairs

    def _recipients_in_content(
        self, verb: Token, actors: list[Actor], ctx: ArticleContext
    ) -> list[Actor]:
        """A recipient named only inside what the act is about: ``agreed to provide aid to
        Romania``, ``threatened to impose restrictions on German goods``, ``a promis d'aider
        le Pakistan`` — the first state or organisation there other than the actor's, or a
        partner of another sector (``a promis de travailler avec les républicains``)."""
        own = {a.code for a in actors}
        for token in args.content_arguments(verb):
            resolved = self.resolver.resolve(token, ctx)
            if args.case_of(token) in grammar_of(token).partner:  # "avec l'opposition"
                resolved = [self.resolver.with_home(a, ctx) for a in resolved]
                found = [a for a in resolved if a.code and _other_side(a, actors)]
            else:
                found = [a for a in resolved if a.code and a.code not in own]
            if found:
                return found
        return []

    def _content_recipients(self, content: Found, ctx: ArticleContext) -> list[Actor]:
        for slot in content.trigger.recipient:
            if slot != "subject" and (
                recipients := self.slots.read(content, slot, ctx, located=True)
            ):
                return recipients
        return []

    def _object_is_no_side(self, found: Found, ctx: ArticleContext) -> bool:
        """An object that names no side; for a material or meeting verb also a thing whose
        complement alone names a state (``a reçu une cape brodée du Liban``): only a verbal
        act's object stands for the side behind it (``n'a pas apprécié la décision de X``)."""
        if "named" in found.trigger.recipient:  # "a décrit la situation comme « … »"
            return found.anchor.pos_ == "NOUN" and not self.slots.read(found, "named", ctx)
        objects = sides.objects_of(found.head)
        if not objects:
            return False
        if found.trigger.type not in VERBAL and not any(
            self.resolver.names_itself(o) for o in objects
        ):
            return True
        return not self.slots.read(found, "obj", ctx)

    def _object_in(self, found: Found, name: str) -> bool:
        """Whether the act's object (or a passive's subject), or what it counts, is a word of
        the class ``name``: things that make the verb another sense (``arrêter la
        production``)."""
        words = self.triggers.word_class(name)
        quantities = self.triggers.word_class("quantity")
        head = found.head
        objects = sides.objects_of(head)
        if not objects and "Pass" in args.morph(head, "Voice") and head.dep_ == "xcomp":
            # "trois réacteurs ont dû être arrêtés": the subject of the verb above
            objects = [c for c in head.head.children if c.dep_.startswith("nsubj")]
        return any(sides.counted(o, quantities).lemma_.lower() in words for o in objects)

    def _asks_no_one(self, found: Found, ctx: ArticleContext) -> bool:
        """A call with no addressee (no object) whose ``à`` names an act by its noun and its
        object, with no side in them (``a appelé à la formation d'une commission``, ``au rejet
        du texte``): asked of no one. Not an act to do (``appelle à voter``), a behaviour
        asked of the story's people (``a appelé au calme``), or an act with a side in it
        (``a appelé à la démission du ministre``)."""
        if sides.objects_of(found.head):
            return False
        asked = args.with_preposition(found.head, "à")
        if not asked or any(t.pos_ != "NOUN" or not args.of_complements(t) for t in asked):
            return False
        inside = (t for a in asked for t in a.subtree if t.pos_ in {"NOUN", "PROPN"})
        return not any(self.resolver.resolve(t, ctx) for t in inside)

    def _reports(self, verb: Token) -> bool:
        """Whether ``verb`` is a verb of saying: a negation, tense or mood of it qualifies the
        report, not an act its object names."""
        return verb.lemma_.lower() in self.triggers.word_class("speech")

    # -- events ---------------------------------------------------------------------------

    def _code(
        self,
        found: Found,
        sentence: Span,
        contexts: tuple[str, ...],
        text: str,
        ctx: ArticleContext,
        article_id: str,
    ) -> list[Event]:
        trigger = found.trigger
        verb = found.head if found.head.pos_ != "NOUN" else args.governing_verb(found.head)
        if verb != found.head and verb is not None and self._reports(verb):
            verb = None  # "did not comment on the arrests": the arrests are not negated
        qualifier = verb if verb is not None else found.head
        start = ctx.offset + sentence.start_char
        end = ctx.offset + sentence.end_char
        doc = sentence.doc
        t_start = ctx.offset + doc[found.first].idx
        t_end = ctx.offset + doc[found.last].idx + len(doc[found.last])
        evidence = Evidence(
            sentence=text[start:end].strip(), start=start, end=end, trigger=text[t_start:t_end]
        )
        if narrated(qualifier):
            return []  # "la princesse fut enlevée par Zeus": a story, not news
        aux = aux_mode(qualifier) or ("future" if planned(found.anchor) else None)
        denied = negated(qualifier)
        if trigger.only_negated:  # "l'annonce ne satisfait pas X": X's disapproval, done
            if not denied:
                return []
            denied = False
        if denied and trigger.when_negated:  # "n'accepte pas le plan": a refusal, done
            refusal = replace(trigger, type=trigger.when_negated, mode=None, when_negated=None)
            found, trigger, denied = replace(found, trigger=refusal), refusal, False
        type_, mode = trigger.type, trigger.mode
        if aux in {"future", "hypothetical"} and type_ in self.ontology.future_as:
            # PLOVER: a visit, aid or withdrawal announced for later (or offered on a
            # condition) is a promise; force announced or held over someone is a threat
            type_, mode = self.ontology.future_as[type_], None
        pairs = self._sides(found, ctx, type_)
        if trigger.place and trigger.type in _VISITS:
            # "se rendra en Guyane", "est attendu à Charlotte": a trip at home meets no one
            pairs = [(a, r) for a, r in pairs if r is not None and r.code != a.code]
        type_, mode = readings.by_doers(type_, mode, [a for a, _ in pairs])
        claimant = self.targets.claimant(trigger.type, qualifier, ctx)
        if claimant is not None:  # "X affirme que Y aurait tué Z": X's allegation against Y
            type_, mode = "ACCUSE", "allege"
            pairs = [(claimant, actor) for actor, _ in pairs] or [(claimant, None)]
        cameo, goldstein, quad = self.ontology.score(type_, mode)
        events = []
        acting = {a.code for a, named in pairs if named is None}  # "X and Y signed a treaty"
        open_call = trigger.open_call and self._asks_no_one(found, ctx)
        unknown = self.triggers.word_class("unknown_party")
        for actor, named in pairs:
            recipient = named
            if named is None and not open_call:
                recipient = self.targets.home_target(actor, found, ctx, acting)
            if _against_unknown(found, named, unknown):
                recipient = None  # "une plainte contre X": against persons unknown, no side
            if recipient is None and (
                self.ontology.requires_recipient(trigger.type) or trigger.needs_recipient
            ):
                continue  # "a promis le changement": a pledge to no one is no agreement
            if recipient is not None and self.ontology.is_symmetric(trigger.type):
                ctx.remember_pair(actor, recipient)
            confidence = 0.9 if trigger.kind != "noun" else 0.7
            confidence -= 0.2 if named is None or named.code is None else 0.0
            confidence -= 0.2 if actor.code is None else 0.0
            confidence -= 0.1 if sides.in_relative_clause(found.head) else 0.0
            eid = event_id(article_id, type_, actor, recipient, t_start)
            if trigger.kind == "noun":
                ctx.nominal.add(eid)  # "les interpellations": named, not told (see fold)
            elif sides.qualifies_noun(found.head):
                ctx.qualifying.add(eid)  # "les personnes interpellées": a time near is not its
            events.append(
                Event(
                    id=eid,
                    type=type_,
                    mode=mode,
                    actor=actor,
                    recipient=recipient,
                    evidence=evidence,
                    contexts=contexts,
                    aux_mode=aux,
                    negated=denied,
                    cameo=cameo,
                    goldstein=goldstein,
                    quad_class=quad,
                    confidence=round(max(confidence, 0.1), 2),
                )
            )
        return events


def _other_side(side: Actor, actors: list[Actor]) -> bool:
    """Whether ``side`` is none of ``actors``, though maybe of their country: another sector
    ("a promis de travailler avec les républicains": the president's party's rivals)."""
    return all(side.sectors[:1] != a.sectors[:1] and not _same_side(a, side) for a in actors)


def _within(inner: Actor, outer: Actor) -> bool:
    """Whether ``inner`` is named by words inside ``outer``'s own phrase (not the same one)."""
    if inner.end <= inner.start or (inner.start, inner.end) == (outer.start, outer.end):
        return False
    return outer.start <= inner.start and inner.end <= outer.end


def _same_side(a: Actor, b: Actor) -> bool:
    if a.start == b.start and a.end == b.end:
        return True
    return a.name is not None and a.name == b.name


def event_id(
    article_id: str, type_: str, actor: Actor | None, recipient: Actor | None, at: int
) -> str:
    """A stable id: the same article coded twice gives the same ids."""
    parts = [article_id, type_, str(at)]
    for side in (actor, recipient):
        parts.append("" if side is None else f"{side.code}/{side.name}/{side.start}")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def _against_unknown(found: Found, named: Actor | None, unknown: frozenset[str]) -> bool:
    """Whether the act is aimed at the law's unknown party (class ``unknown_party``: ``une
    plainte contre X``, ``contre inconnu``): named so, or a recipient complement of the trigger
    or of its fixed noun so worded."""
    if named is not None:
        return named.text.rstrip(".").lower() in unknown
    slots = [s for s in found.trigger.recipient if s not in {"obj", "subject"}]
    return any(
        c.text.rstrip(".").lower() in unknown
        for head in {found.head, found.anchor}
        for slot in slots
        for c in args.in_subtree(head, slot, depth=1)
    )
