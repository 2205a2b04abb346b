"""Event triggers for one language, read from ``lexicons/<lang>/triggers.yaml``."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from wirecoder.actors.lexicon import LexiconError


@dataclass(frozen=True, slots=True)
class Trigger:
    """One way of saying an event: its type and mode, and where its two sides stand."""

    lemma: str
    type: str
    kind: str  # "verb", "phrase" or "noun"
    mode: str | None = None
    actor: tuple[str, ...] = ("subject",)
    recipient: tuple[str, ...] = ("obj",)
    reflexive: bool = False
    object: str | None = None  # phrases: the verb's fixed object noun
    complement: str | None = None  # phrases: the lexical class its complement must be in
    implicit: tuple[str, ...] = ()  # sectors of the unnamed actor ("ont été arrêtés": COP)
    preposition: str | None = None  # phrases: the object is a complement with this preposition
    joint: bool = False  # fires only on a joint act ("des exercices conjoints", "X et Y ont…")
    place: bool = False  # complements: a place complement counts ("se rendre à Caracas")
    needs_side: bool = False  # an object that is no side undoes it ("accuser une baisse")
    other_sense: str | None = (
        None  # a class of objects that make it another sense ("arrêter un réacteur")
    )
    when_negated: str | None = None  # the type a negated use is ("n'accepte pas": REJECT)
    needs_recipient: bool = False  # coded only with a recipient ("a promis le changement": no)
    only_negated: bool = False  # the act is the negated use ("ne satisfait pas X"), done
    passive: bool = False  # complements: only in the passive ("est attendu à Alger": a visit)
    mutual: bool = False  # coordinated sides do it to each other ("X et Y ont signé un accord")
    # with no addressee and a noun for what it asks, asked of no one ("appelle à la formation
    # d'une commission"): no recipient, not the story's country
    open_call: bool = False


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    lang: str
    verbs: dict[str, Trigger]
    phrases: dict[tuple[str, str], Trigger]  # (verb lemma, object lemma)
    nouns: dict[str, Trigger]
    classes: dict[str, frozenset[str]]
    aliases: dict[str, str]  # lemmas the lemmatizer gives verbs that look like nouns → verb
    phrase_verbs: frozenset[str] = frozenset()  # verbs of the phrases ("carry out")
    # (verb, preposition, class) → the reading a verb takes with that complement ("condamner X à")
    complements: dict[tuple[str, str, str | None], Trigger] = field(default_factory=dict)
    # the type an intent verb takes from the type of what it promises ("promettre de frapper")
    intents: dict[str, dict[str, str]] = field(default_factory=dict)
    # word class → the event a speaker's judgement in that class is ("c'est inacceptable")
    judgements: dict[str, Trigger] = field(default_factory=dict)
    # what a speaker's "Y must do Z" is ("said that Iraq must comply": a demand on Iraq)
    obligation: Trigger | None = None
    # what a speaker's order is ("« Libérez les otages ! », a lancé X": a demand of the act)
    imperative: Trigger | None = None
    # what a side's quoted name for another is ("a décrit X comme « petite-bourgeoise »")
    epithet: Trigger | None = None

    def word_class(self, name: str) -> frozenset[str]:
        """The words of one lexical class (``quantity``, ``support``…), empty if undefined."""
        return self.classes.get(name, frozenset())

    def verb_lemma(self, lemma: str) -> str:
        """``demande`` (a present-tense verb lemmatised as the noun) → ``demander``."""
        return self.aliases.get(lemma, lemma)

    @classmethod
    @functools.cache
    def load(cls, lang: str = "fr") -> TriggerLexicon:
        path = resources.files("wirecoder") / "lexicons" / lang / "triggers.yaml"
        try:
            raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise LexiconError(f"no trigger lexicon for language {lang!r}: {exc}") from exc
        except yaml.YAMLError as exc:
            raise LexiconError(f"lexicons/{lang}/triggers.yaml is not valid YAML: {exc}") from exc
        where = f"lexicons/{lang}/triggers.yaml"
        try:
            return cls._from_data(lang, raw, where)
        except (KeyError, TypeError, AttributeError) as exc:
            raise LexiconError(
                f"{where}: {exc!r} is missing or malformed; see the file's header"
            ) from exc

    @classmethod
    def _from_data(cls, lang: str, raw: Any, where: str) -> TriggerLexicon:
        verbs = {
            lemma: _trigger(lemma, "verb", entry, where) for lemma, entry in raw["verbs"].items()
        }
        phrases = {}
        for entry in raw.get("phrases", []):
            trigger = _trigger(entry["verb"], "phrase", entry, where)
            key = (entry["verb"], entry["object"])
            if key in phrases:  # the later entry would silently replace the earlier one
                raise LexiconError(
                    f"{where}: the phrase {entry['verb']!r} + {entry['object']!r} is listed "
                    "twice; keep one entry (one reading per verb and object)"
                )
            phrases[key] = trigger
        nouns = {
            lemma: _trigger(lemma, "noun", entry, where)
            for lemma, entry in raw.get("nouns", {}).items()
        }
        classes = {name: frozenset(words) for name, words in raw.get("classes", {}).items()}
        aliases = {str(k): str(v) for k, v in (raw.get("lemma_aliases") or {}).items()}
        complements = {}
        for entry in raw.get("complements", []):
            kind = "noun" if "noun" in entry else "verb"
            word = entry[kind]
            trigger = _trigger(word, kind, entry, where)
            complements[(word, entry["preposition"], entry.get("complement"))] = trigger
        intents = {
            str(verb): {str(k): str(v) for k, v in table.items()}
            for verb, table in (raw.get("intents") or {}).items()
        }
        judgements = {
            name: _trigger(
                name, "verb", {"actor": ["judge"], "recipient": ["topic"], **entry}, where
            )
            for name, entry in (raw.get("judgements") or {}).items()
        }
        obligation = raw.get("obligation")
        imperative = raw.get("imperative")
        epithet = raw.get("epithet")
        return cls(
            lang=lang,
            verbs=verbs,
            phrases=phrases,
            nouns=nouns,
            classes=classes,
            aliases=aliases,
            phrase_verbs=frozenset(verb for verb, _ in phrases),
            complements=complements,
            intents=intents,
            judgements=judgements,
            obligation=_trigger("obligation", "verb", obligation, where) if obligation else None,
            imperative=_trigger("imperative", "verb", imperative, where) if imperative else None,
            epithet=_trigger("epithet", "verb", epithet, where) if epithet else None,
        )


def _trigger(lemma: str, kind: str, entry: dict[str, Any], where: str) -> Trigger:
    try:
        default_actor = ("speaker",) if kind == "noun" else ("subject",)
        return Trigger(
            lemma=lemma,
            type=entry["type"],
            kind=kind,
            mode=entry.get("mode"),
            actor=tuple(entry.get("actor", default_actor)),
            recipient=tuple(entry.get("recipient", ("obj",))),
            reflexive=bool(entry.get("reflexive", False)),
            object=entry.get("object"),
            complement=entry.get("complement"),
            implicit=tuple(entry.get("implicit", ())),
            preposition=entry.get("preposition"),
            joint=bool(entry.get("joint", False)),
            place=bool(entry.get("place", False)),
            needs_side=bool(entry.get("needs_side", False)),
            other_sense=entry.get("other_sense"),
            when_negated=entry.get("when_negated"),
            needs_recipient=bool(entry.get("needs_recipient", False)),
            only_negated=bool(entry.get("only_negated", False)),
            passive=bool(entry.get("passive", False)),
            mutual=bool(entry.get("mutual", False)),
            open_call=bool(entry.get("open_call", False)),
        )
    except (KeyError, TypeError) as exc:
        raise LexiconError(f"{where}: entry {lemma!r} needs a type ({exc})") from exc
