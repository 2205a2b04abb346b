"""The triggers of a sentence that are no act of their own: conditions (``if``, ``unless``),
background (``after``, ``because of``), natural causes, contents of another act (``accuse X de
soutenir Y``, ``demanded that X refuse``), settings, repeated conjuncts and restatements; and
an act announced ``unless`` … read as a threat. Plain functions over the triggers
(:class:`~wirecoder.events.triggers.Found`) that
:class:`~wirecoder.events.triggers.TriggerFinder` finds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from wirecoder.events import arguments as args
from wirecoder.events.qualify import aux_mode
from wirecoder.language import grammar_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from wirecoder.events.triggers import Found

__all__ = [
    "nominal",
    "participle_adjunct",
    "ultimatums",
    "without_background",
    "without_clause_contents",
    "without_conditions",
    "without_contents",
    "without_natural_causes",
    "without_nominal_contents",
    "without_protest_demands",
    "without_repeated_conjuncts",
    "without_restated",
    "without_self_inflicted",
    "without_settings",
    "without_wishes",
]


def _condition(clause: Token, words: frozenset[str], own: bool = False) -> bool:
    """Whether a clause is an adverbial clause opened by one of ``words`` (``if``, ``unless``);
    ``own``: the act's own clause, which counts whatever the parse hangs it on (``s'il refuse,
    l'hébergeur devra…`` read with ``refuse`` as the root)."""
    return (own or clause.dep_ == "advcl") and any(
        c.dep_ == "mark" and c.pos_ != "PRON" and c.lower_ in words  # not the reflexive "s'"
        for c in clause.children
    )


def without_conditions(found: list[Found]) -> list[Found]:
    """Drop acts told only as a condition (``will withdraw if it is attacked``, ``unless
    Baghdad accepted its terms``): they did not happen."""
    kept = []
    for f in found:
        words = grammar_of(f.head).hypothetical
        if words and (
            _condition(f.head, words, own=True)
            or any(_condition(t, words) for t in f.head.ancestors)
        ):
            continue
        kept.append(f)
    return kept


def _background(token: Token, words: frozenset[str]) -> bool:
    """Whether a clause or phrase is background to the act it hangs on: opened by one of
    ``words`` (``after``, ``because of``), or a relative clause of place (``where``)."""
    if token.dep_ == "advcl" or token.dep_.startswith(("obl", "nmod")):
        return any(c.dep_ in {"mark", "case"} and c.lower_ in words for c in token.children)
    if token.dep_ == "acl:relcl":
        return any(c.lower_ in words and c.dep_ in {"advmod", "obl"} for c in token.children)
    return False


def without_background(found: list[Found]) -> list[Found]:
    """Drop acts told as the background of another act of the sentence: ``suspended air
    links one day after a jet shot down a helicopter``, ``lifted the curfew in the province,
    where 28 people were killed`` (the grammar's ``background`` words)."""
    kept = []
    for f in found:
        words = grammar_of(f.head).background
        chain = [f.head, *f.head.ancestors]
        below = next((t for t in chain if words and _background(t, words)), None)
        if below is not None and any(g.head.i not in {t.i for t in below.subtree} for g in found):
            continue
        kept.append(f)
    return kept


def without_natural_causes(
    found: list[Found], nature: frozenset[str], mishaps: frozenset[str] = frozenset()
) -> list[Found]:
    """Drop acts whose doer is a force of nature (``trois ponts détruits par le cyclone``,
    ``le séisme a tué 40 personnes``), or told as happening in one or in an accident
    (``blessées dans un accident``, ``tués lors d'une avalanche``): a disaster is no act
    between sides."""
    kept = []
    for f in found:
        # a reflexive verb's means is no doer ("s'est immolé par le feu")
        if f.trigger.kind != "noun" and not f.trigger.reflexive:
            doers = [d for d in [args.subject(f.head), *args.agents(f.head)] if d is not None]
            if any(d.lemma_.lower() in nature for d in doers):
                continue
            if any(c.lemma_.lower() in nature | mishaps for c in _circumstances(f.head)):
                continue
        kept.append(f)
    return kept


def _circumstances(verb: Token) -> list[Token]:
    """The adjuncts of a verb (``dans un accident``), also under an adverb (``lors d'une
    avalanche``, where the parser hangs the noun on ``lors``)."""
    found = [c for c in verb.children if c.dep_.startswith("obl")]
    for adverb in [c for c in verb.children if c.dep_ == "advmod"]:
        found.extend(c for c in adverb.children if c.dep_.startswith("obl"))
    return found


def without_protest_demands(found: list[Found], scenes: frozenset[str]) -> list[Found]:
    """Drop a demand voiced in a protest the sentence tells (``des perturbations ont lieu,
    où des militants demandent …``, ``« Nous demandons … » a déclaré l'un des responsables de
    la manifestation``): what protesters chant or claim is the protest's content, not a
    request of its own. The protest is a noun of ``scenes`` outside the demand's own phrase
    (``a appelé à une manifestation`` is a call); a verb of saying the parse hangs on the
    demand (``« … » a déclaré X``) is not its phrase."""
    kept = []
    for f in found:
        if f.trigger.type == "REQUEST":
            own = {t.i for c in f.head.children if c.dep_ != "parataxis" for t in c.subtree}
            if any(
                t.lemma_.lower() in scenes and t.pos_ == "NOUN" and t.i not in own
                for t in f.head.sent
            ):
                continue
        kept.append(f)
    return kept


def without_wishes(found: list[Found], wishes: frozenset[str]) -> list[Found]:
    """Drop an act told as what a side would wish to do (``désirerait interdire``,
    ``voudrait expulser``: an infinitive under a verb of ``wishes`` in the conditional): a
    wish held over, not an act nor a promise."""
    kept = []
    for f in found:
        above = f.head.head
        if (
            f.trigger.kind != "noun"
            and "Inf" in args.morph(f.head, "VerbForm")
            and above.i != f.head.i
            and above.lemma_.lower() in wishes
            and aux_mode(above) == "hypothetical"
        ):
            continue
        kept.append(f)
    return kept


def without_self_inflicted(found: list[Found], material: frozenset[str]) -> list[Found]:
    """Drop a material act told reflexively of one side (``l'engin se détruit``, ``il s'est
    tué dans un accident``, ``refusait de s'arrêter``): done to oneself, it is no act between
    sides. A plural subject may act on each other (``ils se sont battus``) and is kept, as is a
    verb the lexicon only knows reflexive."""
    kept = []
    for f in found:
        if f.trigger.kind == "verb" and f.trigger.type in material and not f.trigger.reflexive:
            doer = args.subject(f.head)
            plural = doer is not None and "Plur" in args.morph(doer, "Number")
            if args.is_reflexive(f.head) and not plural:
                continue
        kept.append(f)
    return kept


def ultimatums(found: list[Found]) -> list[Found]:
    """An act announced unless the other side does something (``will withdraw its force
    unless elections are held``, the grammar's ``ultimatum`` words) is a threat of that act."""
    kept = []
    for f in found:
        verb = f.head if f.head.pos_ != "NOUN" else args.governing_verb(f.head)
        words = grammar_of(f.head).ultimatum
        if verb is not None and any(_condition(c, words) for c in verb.children):
            f = replace(f, trigger=replace(f.trigger, type="THREATEN", mode=None))
        kept.append(f)
    return kept


def participle_adjunct(verb: Token) -> bool:
    """``demonstrated in Kirkuk, calling for independence``, ``opened fire, killing one``: a
    participle with no subject or subordinator of its own, hung on the main act as an adjunct,
    tells how or why that act was done."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in {"VBG", "VBN"}
        and not any(c.dep_ in {"nsubj", "nsubj:pass", "mark"} for c in verb.children)
    )


def without_contents(found: list[Found]) -> list[Found]:
    """Drop triggers that are the content of another: ``accuse X de soutenir Y`` is one
    accusation, ``a appelé X à négocier`` one request, ``menace de frapper`` one threat."""
    heads = {f.head.i for f in found}
    contents = {f.content.head.i for f in found if f.content is not None}
    kept = []
    for f in found:
        if f.head.i in contents:
            continue  # "a invité X à se rendre à Y": the visit is what the invitation offers
        infinitive = "Inf" in args.morph(f.head, "VerbForm")
        gerund = f.head.dep_ == "advcl" and any(  # "accused Iran of supplying weapons"
            c.dep_ == "mark" and c.pos_ == "ADP" for c in f.head.children
        )
        gerund = gerund or participle_adjunct(f.head)
        if (infinitive or gerund) and f.head.head.i in heads and f.head.head.i != f.head.i:
            continue
        kept.append(f)
    return kept


def without_nominal_contents(found: list[Found]) -> list[Found]:
    """Drop nouns that are the content of another trigger's infinitive: ``sont convenus
    d'organiser des exercices conjoints`` is one agreement, not also joint exercises; and nouns
    that a trigger verb right above them is about: ``rejected an appeal to disarm``,
    ``accepted the rebels' demands``, ``complained about the raids`` answer those acts, which
    the sentence only names: its object, or a complement in one of its recipient slots (not
    ``à l'issue des pourparlers``, ``a remercié X pour ses félicitations``: acts of their own)."""
    heads = {f.head.i: f for f in found}
    kept = []
    for f in found:
        verb = args.governing_verb(f.head) if f.trigger.kind == "noun" else None
        infinitive = verb is not None and "Inf" in args.morph(verb, "VerbForm")
        if verb is not None and infinitive and verb.head.i in heads and verb.head.i != verb.i:
            continue
        if verb is not None and verb.i in heads and _answered(f.head, heads[verb.i]):
            continue
        kept.append(f)
    return kept


def without_clause_contents(found: list[Found]) -> list[Found]:
    """Drop acts told in the content clause of a trigger: ``its demand that Israel ease
    restrictions``, ``the accusation that the army shelled the town``, ``demanded that its
    partners refuse to recognize X`` are one demand, one accusation."""
    inside: set[int] = set()
    for f in found:
        for clause in args.that_clauses(f.anchor):
            inside |= {t.i for t in clause.subtree}
    return [f for f in found if f.head.i not in inside]


def without_settings(found: list[Found]) -> list[Found]:
    """Drop a noun trigger told as where another act took place: ``agreed to US mediation
    in the talks with X``, ``accused X of blackmail in the negotiations`` (a locative
    preposition of the grammar)."""
    heads = {f.head.i for f in found}
    return [
        f
        for f in found
        if f.trigger.kind != "noun"
        or args.case_of(f.head) not in grammar_of(f.head).locative
        or not any(a.i in heads for a in f.head.ancestors)
    ]


def nominal(verb: Token) -> bool:
    """A participle used as a noun (``evacuated the wounded``): a side, not an act."""
    return verb.dep_ in {"obj", "nsubj", "obl"} and any(c.dep_ == "det" for c in verb.children)


def without_repeated_conjuncts(found: list[Found]) -> list[Found]:
    """Drop a verb coordinated with a verb of the same type and mode that shares its subject:
    ``killed one soldier and wounded two others`` is one attack."""
    verbs = {f.head.i: (f.trigger.type, f.trigger.mode) for f in found if f.trigger.kind != "noun"}
    return [
        f
        for f in found
        if f.trigger.kind == "noun"
        or f.head.dep_ != "conj"
        or verbs.get(f.head.head.i) != (f.trigger.type, f.trigger.mode)
        or any(c.dep_.startswith("nsubj") for c in f.head.children)
        or args.is_passive(f.head.head) != args.is_passive(f.head)  # not the same subject
    ]


def without_restated(found: list[Found]) -> list[Found]:
    """Drop a noun that only restates the verb it hangs on, read as the same type (``a
    accueilli l'offre avec scepticisme``, ``a dénoncé avec indignation``): one act."""
    verbs = {f.head.i: f.trigger.type for f in found if f.trigger.kind != "noun"}
    return [
        f
        for f in found
        if f.trigger.kind != "noun"
        or verbs.get(f.head.head.i) != f.trigger.type
        or f.head.head.i == f.head.i
    ]


def _answered(noun: Token, act: Found) -> bool:
    """Whether ``noun`` is what the trigger verb above it answers: the verb's object, or a
    complement headed by one of the preposition slots of the verb's recipient."""
    top = noun
    while top.head.i != act.head.i and top.head != top:
        top = top.head
    if top.dep_ in {"obj", "nsubj:pass"}:
        return True
    slots = {p for slot in act.trigger.recipient for p in args.preposition_forms(slot, top)}
    if act.trigger.kind == "verb" and act.trigger.preposition:  # a complement reading's own
        slots |= args.preposition_forms(act.trigger.preposition, top)  # "a appelé au rejet"
    return args.case_of(top) in slots
