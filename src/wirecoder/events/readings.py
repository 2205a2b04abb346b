"""Readings of a trigger that depend on its complement (the lexicon's ``complements``,
prepositional ``phrases`` and ``intents``).

- ``condamner X à cinq ans`` / ``à verser`` is a sentence (SANCTION), ``condamner X`` a
  verbal condemnation (ACCUSE): a verb may read differently with a complement headed by a
  given preposition;
- ``placer en état d'alerte``, ``prendre en otage``: a fixed noun that the parse attaches as a
  prepositional complement (``obl``), not as an object;
- ``promettre de frapper`` is a threat, ``promettre de retirer ses troupes`` a concession: an
  intent verb takes its type from the trigger it governs;
- ``des opposants ont brûlé des bulletins``: destruction by protesters is vandalism (PROTEST),
  not an attack: the act reads differently with its doers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from wirecoder.events import arguments as args

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token

    from wirecoder.events.lexicon import Trigger, TriggerLexicon
    from wirecoder.records import Actor

_COMPLEMENT_DEPS = {"obl", "obl:arg", "obl:mod", "iobj", "xcomp", "advcl", "ccomp", "nmod"}
# not "à Paris" (obl:mod): a place is no complement; an "obj" with a preposition is one the
# parse misread ("a qualifié d'« inacceptables » les propos de X")
_ARGUMENTS = {"obl:arg", "iobj", "xcomp", "obj"}
_PLACES = {"obl", "obl:mod"}  # unless the reading asks for one ("se rendre à Caracas")


def _complements(head: Token, preposition: str, place: bool = False) -> list[Token]:
    """Argument complements headed by ``preposition`` (of a noun: its ``nmod``); also an
    attribute of the object that the parse hangs on it (``qualifier ces sanctions d'illégales``)."""
    forms = args.preposition_forms(preposition, head)
    deps = {"nmod"} if head.pos_ == "NOUN" else _ARGUMENTS | (_PLACES if place else set())
    found = [c for c in head.children if c.dep_ in deps and args.case_of(c) in forms]
    for obj in (c for c in head.children if c.dep_ == "obj"):
        # and "a appelé les belligérants à respecter…" hung on the object, or on a noun of
        # its phrase ("a accueilli l'annonce du gouvernement avec scepticisme")
        nouns = [obj, *(c for c in obj.children if c.dep_ == "nmod")]
        found.extend(
            c
            for noun in nouns
            for c in noun.children
            if c.dep_ in {"amod", "nmod", "acl", "xcomp"} and args.case_of(c) in forms
        )
    for other in (c for c in head.children if c.dep_ in _COMPLEMENT_DEPS and c.pos_ == "NOUN"):
        found.extend(  # "ont appelé dans un communiqué les autorités à libérer…"
            c for c in other.children if c.dep_ in {"acl", "xcomp"} and args.case_of(c) in forms
        )
    return found


def complement_reading(verb: Token, lemma: str, lex: TriggerLexicon) -> Trigger | None:
    """The reading a verb takes with one of its complements (``condamner X à``), if any."""
    kind = "noun" if verb.pos_ == "NOUN" else "verb"
    for (word, preposition, _), trigger in lex.complements.items():
        if word != lemma or trigger.kind != kind:
            continue
        if trigger.passive and not (args.is_passive(verb) or "Pass" in args.morph(verb, "Voice")):
            continue  # "les résultats sont attendus à…", not "le chef attend à la gare"
        heads = _complements(verb, preposition, trigger.place)
        if trigger.complement:
            words = lex.word_class(trigger.complement)
            heads = [h for h in _counted(heads, lex) if h.lemma_.lower() in words]
        if heads:
            return trigger
    return None


def _counted(heads: list[Token], lex: TriggerLexicon) -> list[Token]:
    """A quantity stands for what it counts: "avec beaucoup de scepticisme"."""
    quantity = lex.word_class("quantity")
    return [
        next((c for c in h.children if c.dep_ == "nmod"), h) if h.lemma_.lower() in quantity else h
        for h in heads
    ]


def prepositional_phrase(
    verb: Token, lemma: str, lex: TriggerLexicon
) -> tuple[Trigger, Token] | None:
    """A phrase whose fixed noun is a prepositional complement: ``mettre en état d'alerte``."""
    for child in verb.children:
        if child.dep_ not in _COMPLEMENT_DEPS or child.pos_ != "NOUN":
            continue
        nouns = [child, *(c for c in child.children if c.dep_ == "nmod")]
        for noun in nouns:
            trigger = lex.phrases.get((lemma, noun.lemma_.lower()))
            if trigger is not None and trigger.preposition == args.case_of(child):
                return trigger, child
    return None


def intent_reading(intent: Trigger, lemma: str, content: Trigger, lex: TriggerLexicon) -> Trigger:
    """``promettre`` + a trigger: the type the promise takes from what it promises."""
    table = lex.intents.get(lemma, {})
    new_type = table.get(content.type)
    if new_type is None or new_type == intent.type:
        return intent
    mode = content.mode if new_type == content.type else None
    return replace(intent, type=new_type, mode=mode)


def governs_content(verb: Token, content: Token) -> bool:
    """Whether ``content`` is an infinitive complement of ``verb`` (``menacer de fermer``), or
    of its object where the parse hangs it there (``a invité son homologue à se rendre``)."""
    if content.i == verb.i or "Inf" not in args.morph(content, "VerbForm"):
        return False
    if content.head.i == verb.i:
        return True
    above = args.governing_verb(content)
    return content.head.pos_ not in {"VERB", "AUX"} and above is not None and above.i == verb.i


# who vandalizes when they destroy (manual: "destruction of property by protesters" is PROTEST
# vandalize): civilians, activists, unions and the opposition, not forces or gunmen
_PROTESTERS = frozenset({"CVL", "OPP", "SOC"})


def by_doers(type_: str, mode: str | None, actors: Sequence[Actor]) -> tuple[str, str | None]:
    """The type and mode of an act as its doers make it: a destruction whose every doer is a
    civilian, an activist or the opposition is vandalism (``des opposants ont incendié des
    bulletins``, ``des manifestants ont saccagé la mairie``)."""
    if (type_, mode) != ("ASSAULT", "destroy") or not actors:
        return type_, mode
    if all(a.sectors[:1] and a.sectors[0] in _PROTESTERS for a in actors):
        return "PROTEST", "vandalize"
    return type_, mode
