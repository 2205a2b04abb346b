"""Sentence → the triggers of its events: verbs, phrasal verbs, verb + fixed-object phrases,
prepositional phrases, nominal triggers and compounds, judgements in reported speech; and
which of them are only the content of another (``accuse X de soutenir Y`` is one accusation).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wirecoder.actors.resolve import ActorResolver
from wirecoder.events import arguments as args
from wirecoder.events import nonevents, readings, sides, speech
from wirecoder.events.lexicon import Trigger, TriggerLexicon
from wirecoder.events.qualify import negated
from wirecoder.language import grammar_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Found", "TriggerFinder"]

# acts done to another side: told reflexively of one side, done to oneself (nonevents)
_MATERIAL = frozenset({"ASSAULT", "COERCE"})


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
            if token.i in verbal and not nonevents.nominal(token) and not self._quality(token):
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
        found.extend(self._epithets(sentence, found))
        found = self._obligations(sentence, found)
        found = nonevents.ultimatums(
            nonevents.without_background(nonevents.without_conditions(found))
        )
        found = nonevents.without_natural_causes(
            found, lex.word_class("nature"), lex.word_class("mishap")
        )
        found = nonevents.without_self_inflicted(found, _MATERIAL)
        found = nonevents.without_protest_demands(found, lex.word_class("protest_scene"))
        found = nonevents.without_wishes(found, lex.word_class("wish"))
        kept = nonevents.without_restated(
            nonevents.without_nominal_contents(nonevents.without_clause_contents(found))
        )
        kept = nonevents.without_settings(nonevents.without_repeated_conjuncts(kept))
        kept = self._without_glosses(kept)
        return self._imperatives(nonevents.without_contents(self._with_contents(kept)))

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

    def _quality(self, token: Token) -> bool:
        """A present participle a speaker predicates of something (``a jugé choquant le
        comportement de X``): a quality the judgement names, not an act."""
        return (
            token.dep_ == "xcomp"
            and args.morph(token, "VerbForm") == ["Part"]
            and args.morph(token, "Tense") == ["Pres"]
            and token.head.lemma_.lower() in self._saying
        )

    def is_trigger_verb(self, verb: Token | None) -> bool:
        return (
            verb is not None
            and self.triggers.verb_lemma(verb.lemma_.lower()) in self.triggers.verbs
        )

    def judgement(self, predicate: Token) -> tuple[Token, Token] | None:
        """(verb of saying, speaker) of a verdict (:func:`speech.judgement`)."""
        classes = (self.triggers.word_class(c) for c in ("copular", "deeming", "opinion"))
        return speech.judgement(predicate, self.saying(), *classes)

    def saying(self) -> frozenset[str]:
        """Verbs of saying, with the lemmas the lemmatizer gives them (``juge``)."""
        return self._saying

    def _judgements(self, sentence: Span) -> list[Found]:
        """``« Ces actes sont inadmissibles », juge le ministère``: a speaker's verdict."""
        found: list[Found] = []
        if not self.judged:
            return found
        copular = self.triggers.word_class("copular")
        deeming = self.triggers.word_class("deeming")
        for token in self.resolver.tokens(sentence):
            for trigger in self.judged.get(token.lemma_.lower(), ()):
                predicate = speech.predicate_of(token)  # "c'est un exemple d'ingérence"
                said = self.judgement(predicate)
                linked = speech.is_linked(predicate, copular)
                holder = predicate.head if linked else predicate
                if said is not None and speech.deemed(predicate, deeming) is not None:
                    holder = said[0]  # "n'a pas jugé la décision inacceptable"
                if said is not None and not negated(holder):
                    verb, _speaker = said
                    found.append(Found(trigger, verb, verb.i, verb.i, predicate))
        return found

    def _epithets(self, sentence: Span, found: list[Found]) -> list[Found]:
        """``a décrit X comme « petite-bourgeoise »``, ``l'avait appelé la « châtelaine »``: a
        verb of naming (class ``naming``) that gives a side a name in quotes is the speaker's
        epithet for it (the lexicon's ``epithet``), unless the verb is already a trigger."""
        trigger = self.triggers.epithet
        naming = self.triggers.word_class("naming")
        if trigger is None or not naming:
            return []
        taken = {f.head.i for f in found}
        praise = self.triggers.word_class("praise")
        cases = self.triggers.word_class("naming_cases")
        epithets: list[Found] = []
        for verb in self.resolver.tokens(sentence):
            if verb.pos_ != "VERB" or verb.i in taken or verb.lemma_.lower() not in naming:
                continue
            named = speech.epithet(verb, praise, cases)
            if named is None:
                continue
            first = min([verb.i, *[c.i for c in verb.children if c.dep_.startswith("aux")]])
            epithets.append(Found(trigger, verb, first, verb.i, named[1]))
        return epithets

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

    def _imperatives(self, found: list[Found]) -> list[Found]:
        """``« Libérez les otages ! », a lancé X``: an act a speaker orders in the imperative
        is the speaker's demand of it (the lexicon's ``imperative``), the act only its
        content."""
        trigger = self.triggers.imperative
        if trigger is None:
            return found
        return [
            replace(f, trigger=trigger, content=f)
            if f.trigger.kind != "noun" and speech.is_imperative(f.head)
            else f
            for f in found
        ]

    def _without_glosses(self, found: list[Found]) -> list[Found]:
        """Drop what an act's actor says of it in a participle adjunct: ``rejected calls for
        aid, saying it was withholding it until …`` is one rejection."""
        speech = self.triggers.word_class("speech")
        inside: set[int] = set()
        for f in found:
            for adjunct in f.head.children:
                if nonevents.participle_adjunct(adjunct) and adjunct.lemma_.lower() in speech:
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
        direct = args.objects(verb) or [c for c in verb.children if c.dep_ == "obj"]
        # an object the parse hung under a date ("respectent depuis mercredi un cessez-le-feu")
        for obj in direct or sides.stray_objects(verb):
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
