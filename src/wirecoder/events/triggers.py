"""Sentence → the triggers of its events: verbs, phrasal verbs, verb + fixed-object phrases,
prepositional phrases, nominal triggers and compounds, judgements in reported speech; and
which of them are only the content of another (``accuse X de soutenir Y`` is one accusation).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wirecoder.actors.resolve import ActorResolver
from wirecoder.events import arguments as args
from wirecoder.events import readings, sides
from wirecoder.events.lexicon import Trigger, TriggerLexicon
from wirecoder.events.qualify import negated
from wirecoder.language import grammar_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Found", "TriggerFinder"]


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger found in a sentence: the token it hangs on and the tokens it spans."""

    trigger: Trigger
    head: Token  # the verb (or the noun, for nominal triggers)
    first: int  # token range of the trigger text, for the evidence
    last: int
    anchor: Token  # where prepositional slots are looked for (the object noun of a phrase)
    content: Found | None = None  # what an intent verb promises or threatens ("menace de X")


class TriggerFinder:
    """Finds the triggers of one language's lexicon in a sentence."""

    def __init__(self, triggers: TriggerLexicon, resolver: ActorResolver) -> None:
        self.triggers = triggers
        self.resolver = resolver
        saying = triggers.word_class("saying")
        aliases = {a for a, verb in triggers.aliases.items() if verb in saying}
        self._saying = saying | aliases
        # the lemmas a verb or a noun trigger can start from: others are passed over at once
        self._verb_words = frozenset(
            word.split()[0]
            for word in [
                *triggers.verbs,
                *triggers.phrase_verbs,
                *(w for (w, _, _), t in triggers.complements.items() if t.kind == "verb"),
            ]
        )
        self._noun_words = frozenset(
            [
                *triggers.nouns,
                *(n.split()[-1] for n in triggers.nouns),
                *(w for (w, _, _), t in triggers.complements.items() if t.kind == "noun"),
            ]
        )
        self.judged: dict[str, list[Trigger]] = {}  # a judgement word → the verdicts it gives
        for name, trigger in triggers.judgements.items():
            for word in triggers.word_class(name):
                self.judged.setdefault(word, []).append(trigger)

    def find(self, sentence: Span) -> list[Found]:
        lex = self.triggers
        found: list[Found] = []
        phrase_objects: set[int] = set()
        grammar = grammar_of(sentence[0])
        tokens = self.resolver.tokens(sentence)
        lemmas = self.resolver.table(sentence.doc).lemma
        verbal = {t.i for t in tokens if t.pos_ == "VERB" or self._verb_as_noun(t)}
        for token in tokens:
            if token.i in verbal and not _nominal(token):
                if lex.verb_lemma(lemmas[token.i].lower()) not in self._verb_words:
                    continue
                lemma = self.lemma(token)
                phrase = self._phrase(token) or self._prepositional(token, lemma)
                if phrase is not None:
                    found.append(phrase)
                    phrase_objects.add(phrase.anchor.i)
                    continue
                trigger = readings.complement_reading(token, lemma, lex) or lex.verbs.get(lemma)
                if trigger is None or (trigger.reflexive and not args.is_reflexive(token)):
                    continue
                before = [c.i for c in token.children if c.dep_.startswith(("aux", "expl"))]
                clitics = grammar.reflexives | grammar.negators
                before += [c.i for c in token.children if c.lower_ in clitics]
                first = min([token.i, *[i for i in before if i < token.i]])
                found.append(Found(trigger, token, first, token.i, token))
        for token in tokens:
            if token.pos_ != "NOUN" or token.i in phrase_objects or token.i in verbal:
                continue
            lemma = lemmas[token.i].lower()
            if lemma not in self._noun_words:
                continue
            first = token.i
            trigger = readings.complement_reading(token, lemma, lex) or lex.nouns.get(lemma)
            prev = token.doc[token.i - 1] if token.i > sentence.start else None
            if prev is not None and prev.head == token and prev.dep_ in {"compound", "amod"}:
                compound = lex.nouns.get(f"{prev.lower_} {lemma}")
                if compound is not None:  # "air strike", "hunger strike", "martial law"
                    first, trigger = prev.i, compound
            if trigger is None:
                continue
            if trigger.joint and not sides.is_joint(token, lex.word_class("joint")):
                continue
            found.append(Found(trigger, token, first, token.i, token))
        found.extend(self._judgements(sentence))
        found = self._obligations(sentence, found)
        found = _ultimatums(_without_background(_without_conditions(found)))
        found = _without_natural_causes(found, lex.word_class("nature"))
        kept = _without_restated(_without_nominal_contents(_without_clause_contents(found)))
        kept = _without_settings(_without_repeated_conjuncts(kept))
        kept = self._without_glosses(kept)
        return _without_contents(self._with_contents(kept))

    def _verb_as_noun(self, token: Token) -> bool:
        """A present-tense verb the tagger read as its noun homograph (``Le secrétaire
        général demande au gouvernement…``): it has a subject, and no copula makes it a
        predicate noun (``c'est une demande``)."""
        return (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in self.triggers.aliases
            and any(c.dep_ == "nsubj" for c in token.children)
            and not any(c.dep_ == "cop" for c in token.children)
        )

    def is_trigger_verb(self, verb: Token | None) -> bool:
        return (
            verb is not None
            and self.triggers.verb_lemma(verb.lemma_.lower()) in self.triggers.verbs
        )

    def saying(self) -> frozenset[str]:
        """Verbs of saying, with the lemmas the lemmatizer gives them (``juge``)."""
        return self._saying

    def _judgements(self, sentence: Span) -> list[Found]:
        """``« Ces actes sont inadmissibles », juge le ministère``: a speaker's verdict."""
        found: list[Found] = []
        if not self.judged:
            return found
        saying = self.saying()
        for token in self.resolver.tokens(sentence):
            for trigger in self.judged.get(token.lemma_.lower(), ()):
                predicate = sides.predicate_of(token)  # "c'est un exemple d'ingérence"
                said = sides.judgement(predicate, saying)
                if said is not None and not negated(predicate):
                    verb, _speaker = said
                    found.append(Found(trigger, verb, verb.i, verb.i, predicate))
        return found

    def _obligations(self, sentence: Span, found: list[Found]) -> list[Found]:
        """``Russia said that Sudan must return the helicopter``, ``insisted that …``: the
        speaker demands of the clause's subject what it must do (the lexicon's
        ``obligation``); the act it must do is only the content of that demand."""
        trigger = self.triggers.obligation
        must = grammar_of(sentence[0]).obligation_aux
        if trigger is None or not must:
            return found
        for verb in self.resolver.tokens(sentence):
            if verb.pos_ != "VERB":
                continue
            nouns = [o for o in args.objects(verb) if o.pos_ == "NOUN"]  # "a reminder that"
            clauses = [c for h in [verb, *nouns] for c in args.that_clauses(h)]
            for clause in clauses:
                children = list(clause.children)
                if not any(c.dep_ == "aux" and c.lower_ in must for c in children):
                    continue
                if not any(c.dep_ in {"nsubj", "nsubj:pass"} for c in children):
                    continue
                inside = {t.i for t in clause.subtree}
                found = [f for f in found if f.head.i not in inside and f.head.i != verb.i]
                found.append(Found(trigger, verb, verb.i, verb.i, clause))
        return found

    def _without_glosses(self, found: list[Found]) -> list[Found]:
        """Drop what an act's actor says of it in a participle adjunct: ``rejected calls for
        aid, saying it was withholding it until …`` is one rejection."""
        speech = self.triggers.word_class("speech")
        inside: set[int] = set()
        for f in found:
            for adjunct in f.head.children:
                if _participle_adjunct(adjunct) and adjunct.lemma_.lower() in speech:
                    inside |= {t.i for t in adjunct.subtree if t.i != adjunct.i}
        return [f for f in found if f.head.i not in inside]

    def lemma(self, verb: Token) -> str:
        """The verb's lexicon key: its lemma, or lemma and particle for a phrasal verb the
        lexicon lists (``pull out``, ``call off``)."""
        lemma = self.triggers.verb_lemma(verb.lemma_.lower())
        for child in verb.children:
            if child.dep_ == "compound:prt" or (child.dep_ == "advmod" and child.i == verb.i + 1):
                phrasal = f"{lemma} {child.lower_}"
                if phrasal in self.triggers.verbs or phrasal in self.triggers.phrase_verbs:
                    return phrasal
        return lemma

    def _phrase(self, verb: Token) -> Found | None:
        lemma = self.lemma(verb)
        for obj in args.objects(verb) or [c for c in verb.children if c.dep_ == "obj"]:
            obj = sides.counted(obj, self.triggers.word_class("quantity"))
            # the object, or a noun compounded with it ("ended mediation efforts")
            nouns = [obj, *(c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN")]
            trigger = next(
                (t for n in nouns if (t := self.triggers.phrases.get((lemma, n.lemma_.lower())))),
                None,
            )
            if trigger is None:
                continue
            anchor = obj
            if trigger.complement:
                words = self.triggers.classes.get(trigger.complement, frozenset())
                complements = [
                    c
                    for c in [*args.complements(verb), *args.complements(obj)]
                    if c.lemma_.lower() in words
                ]
                if not complements:
                    continue
                anchor = complements[0]
            first = min([verb.i, *[c.i for c in verb.children if c.dep_.startswith("aux")]])
            return Found(trigger, verb, first, obj.i, anchor)
        return None

    def _prepositional(self, verb: Token, lemma: str) -> Found | None:
        match = readings.prepositional_phrase(verb, lemma, self.triggers)
        if match is None:
            return None
        trigger, noun = match
        first = min([verb.i, *[c.i for c in verb.children if c.dep_.startswith("aux")]])
        return Found(trigger, verb, first, max(noun.i, verb.i), verb)

    def _with_contents(self, found: list[Found]) -> list[Found]:
        """Attach to an intent or threat verb the trigger it governs, and retype it."""
        kept = []
        for f in found:
            content = next(
                (g for g in found if g is not f and readings.governs_content(f.head, g.head)),
                None,
            )
            lemma = self.triggers.verb_lemma(f.head.lemma_.lower())
            if content is not None and f.trigger.kind != "noun" and lemma in self.triggers.intents:
                trigger = readings.intent_reading(f.trigger, lemma, content.trigger, self.triggers)
                f = replace(f, trigger=trigger, content=content)
            kept.append(f)
        return kept


def _condition(clause: Token, words: frozenset[str]) -> bool:
    """Whether a clause is an adverbial clause opened by one of ``words`` (``if``, ``unless``)."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in words for c in clause.children
    )


def _without_conditions(found: list[Found]) -> list[Found]:
    """Drop acts told only as a condition (``will withdraw if it is attacked``, ``unless
    Baghdad accepted its terms``): they did not happen."""
    kept = []
    for f in found:
        words = grammar_of(f.head).hypothetical
        if words and any(_condition(t, words) for t in [f.head, *f.head.ancestors]):
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


def _without_background(found: list[Found]) -> list[Found]:
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


def _without_natural_causes(found: list[Found], nature: frozenset[str]) -> list[Found]:
    """Drop acts whose doer is a force of nature (``trois ponts détruits par le cyclone``,
    ``le séisme a tué 40 personnes``): a disaster is no act between sides."""
    return [
        f
        for f in found
        if f.trigger.kind == "noun"
        or not any(
            d.lemma_.lower() in nature
            for d in [args.subject(f.head), *args.agents(f.head)]
            if d is not None
        )
    ]


def _ultimatums(found: list[Found]) -> list[Found]:
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


def _participle_adjunct(verb: Token) -> bool:
    """``demonstrated in Kirkuk, calling for independence``, ``opened fire, killing one``: a
    participle with no subject or subordinator of its own, hung on the main act as an adjunct,
    tells how or why that act was done."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in {"VBG", "VBN"}
        and not any(c.dep_ in {"nsubj", "nsubj:pass", "mark"} for c in verb.children)
    )


def _without_contents(found: list[Found]) -> list[Found]:
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
        gerund = gerund or _participle_adjunct(f.head)
        if (infinitive or gerund) and f.head.head.i in heads and f.head.head.i != f.head.i:
            continue
        kept.append(f)
    return kept


def _without_nominal_contents(found: list[Found]) -> list[Found]:
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


def _without_clause_contents(found: list[Found]) -> list[Found]:
    """Drop acts told in the content clause of a trigger: ``its demand that Israel ease
    restrictions``, ``the accusation that the army shelled the town``, ``demanded that its
    partners refuse to recognize X`` are one demand, one accusation."""
    inside: set[int] = set()
    for f in found:
        for clause in args.that_clauses(f.anchor):
            inside |= {t.i for t in clause.subtree}
    return [f for f in found if f.head.i not in inside]


def _without_settings(found: list[Found]) -> list[Found]:
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


def _nominal(verb: Token) -> bool:
    """A participle used as a noun (``evacuated the wounded``): a side, not an act."""
    return verb.dep_ in {"obj", "nsubj", "obl"} and any(c.dep_ == "det" for c in verb.children)


def _without_repeated_conjuncts(found: list[Found]) -> list[Found]:
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


def _without_restated(found: list[Found]) -> list[Found]:
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
    while top.head.i != act.head.i and top.head is not top:
        top = top.head
    if top.dep_ in {"obj", "nsubj:pass"}:
        return True
    slots = {p for slot in act.trigger.recipient for p in args.preposition_forms(slot, top)}
    if act.trigger.kind == "verb" and act.trigger.preposition:  # a complement reading's own
        slots |= args.preposition_forms(act.trigger.preposition, top)  # "a appelé au rejet"
    return args.case_of(top) in slots
