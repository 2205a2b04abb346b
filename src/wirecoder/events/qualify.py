"""What qualifies an event besides its sides: negation, auxiliary mode, contexts."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from wirecoder.actors.lexicon import LexiconError, key
from wirecoder.events.arguments import morph
from wirecoder.language import grammar_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True, slots=True)
class ContextLexicon:
    """Keywords that put an event in a PLOVER context (military, diplomatic, …)."""

    keywords: dict[str, str]  # keyword (lower-cased lemma or phrase) → context code
    max_words: int
    first_words: frozenset[str]  # first words of multiword keywords

    @classmethod
    @functools.cache
    def load(cls, lang: str = "fr") -> ContextLexicon:
        path = resources.files("wirecoder") / "lexicons" / lang / "contexts.yaml"
        try:
            raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise LexiconError(f"no context lexicon for language {lang!r}: {exc}") from exc
        keywords: dict[str, str] = {}
        for context, words in raw["contexts"].items():
            for word in words:
                keywords.setdefault(key(word), context)
        longest = max((len(k.split()) for k in keywords), default=1)
        firsts = frozenset(k.replace("'", "' ").split()[0] for k in keywords if " " in k)
        return cls(keywords=keywords, max_words=longest, first_words=firsts)

    def contexts(self, sentence: Span) -> tuple[str, ...]:
        """Context codes whose keywords occur in the sentence, in order of first mention."""
        found: list[str] = []
        tokens = list(sentence)
        lowers = [t.lower_ for t in tokens]
        for i, token in enumerate(tokens):
            candidates = [token.lemma_.lower(), lowers[i]]
            if lowers[i] in self.first_words:
                text = lowers[i] + token.whitespace_
                for j in range(i + 1, min(i + self.max_words, len(tokens))):
                    text += lowers[j]
                    candidates.append(key(text))
                    text += tokens[j].whitespace_
            for candidate in candidates:
                context = self.keywords.get(candidate)
                if context and context not in found:
                    found.append(context)
        return tuple(found)


def negated(verb: Token) -> bool:
    """``ne … pas/jamais``, ``did not``, ``never``: a negation on the verb itself; an
    infinitive under ``sans``/``without``; the infinitive of a denial (``a démenti avoir
    rappelé``), of a failure (``failed to reach``) or of a negated implicative verb (``n'a pas
    réussi à rencontrer``)."""
    grammar = grammar_of(verb)
    children = list(verb.children)
    # and on its auxiliary, where the parse may hang it ("n'ayant pas ratifié")
    auxiliaries = [g for c in children if c.dep_.startswith("aux") for g in c.children]
    if any(c.lower_ in grammar.negators for c in [*children, *auxiliaries]):
        return True
    if any(c.dep_ == "mark" and c.lower_ in grammar.privatives for c in children):
        return True
    if verb.dep_ not in {"ccomp", "xcomp"} or verb.head == verb:
        return False
    above = verb.head.lemma_.lower()
    if above in grammar.denials or (verb.dep_ == "xcomp" and above in grammar.failures):
        return True
    return verb.dep_ == "xcomp" and above in grammar.implicatives and negated(verb.head)


def _offered(verb: Token, willingness: frozenset[str]) -> bool:
    """``is willing to send troops``, ``is ready to host talks``, ``stands ready to help``: an
    act a side says it is willing to do (the grammar's ``willingness`` words) is not done yet."""
    token = verb
    for _ in range(3):
        if token.dep_ not in {"xcomp", "advcl"} or token.head == token:
            return False
        token = token.head
        if token.pos_ == "ADJ" and token.lemma_.lower() in willingness:
            return True
    return False


def aux_mode(verb: Token) -> str | None:
    """historical (past perfect: ``avait soutenu``, ``had backed``), future (``se rendra``,
    ``va signer``, ``will visit``), or hypothetical (conditional, ``si``/``if``)."""
    grammar = grammar_of(verb)
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    finite = next((a for a in auxes if "Fin" in morph(a, "VerbForm")), None)
    carrier = finite if finite is not None else verb
    tense, mood = morph(carrier, "Tense"), morph(carrier, "Mood")
    lemmas = {a.lemma_.lower() for a in auxes} | {a.lower_ for a in auxes}
    if any(c.dep_ == "mark" and c.lower_ in grammar.hypothetical for c in verb.children):
        return "hypothetical"
    if _offered(verb, grammar.willingness):
        return "future"
    if lemmas & grammar.conditional_aux or _conditional_form(carrier):
        # "said it would withdraw": a future told in reported speech, not a condition
        return "future" if verb.dep_ == "ccomp" else "hypothetical"
    if (
        finite is not None
        and grammar.historical_tense in tense
        and (not grammar.historical_aux or finite.lemma_.lower() in grammar.historical_aux)
        and (grammar.historical_aux == frozenset() or "Part" in morph(verb, "VerbForm"))
    ):
        return "historical"
    if "Fut" in tense or any(
        a.lemma_.lower() in grammar.future_aux
        and ("Fin" in morph(a, "VerbForm") or a.lower_ in grammar.future_aux)
        for a in auxes
    ):
        return "future"
    if "Cnd" in mood:
        return "hypothetical"
    return None


def _conditional_form(verb: Token) -> bool:
    """A conditional the tagger reads as an imperfect (``rappellerait``, ``retirerait``): the
    language's conditional ending on a stem longer than the infinitive's (the imperfect
    ``déclarait`` has the infinitive's stem, the conditional ``déclarerait`` more)."""
    grammar = grammar_of(verb)
    text, lemma = verb.lower_, verb.lemma_.lower()
    if "Imp" not in morph(verb, "Tense") or not grammar.conditional_endings:
        return False
    for ending in grammar.conditional_endings:
        if text.endswith(ending):
            stem = text[: len(text) - len(ending)]  # "rappeller-", "déclarer-"
            return any(
                lemma.endswith(e) and len(stem) > len(lemma) - len(e)
                for e in grammar.infinitive_endings
            )
    return False


def planned(noun: Token) -> bool:
    """Whether the act a noun names is a future one (``tenir la prochaine réunion``, ``the
    next summit``): the grammar's ``planned`` adjectives."""
    words = grammar_of(noun).planned
    return any(c.dep_ == "amod" and c.lemma_.lower() in words for c in noun.children)


def narrated(verb: Token) -> bool:
    """An act told in the language's narrative tense (the passé simple: ``fut enlevée``,
    ``furent détruites``): history told as a story, which news does not report as its own."""
    tense = grammar_of(verb).narrative_tense
    if not tense:
        return False
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    carrier = next((a for a in auxes if "Fin" in morph(a, "VerbForm")), verb)
    return (
        tense in morph(carrier, "Tense")
        and "Fin" in morph(carrier, "VerbForm")
        and "Ind" in morph(carrier, "Mood")
    )
