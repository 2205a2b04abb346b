"""What the coder needs to know of a language besides its lexicons: the spaCy pipeline that
parses it, and the function words its syntax rules read (``lexicons/<lang>/language.yaml``).

A language is a folder: adding one is adding ``lexicons/<lang>/`` with this file and the
lexicons (docs/adding-a-language.md); no code names a language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from wirecoder.actors.lexicon import LexiconError

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Grammar:
    """Function words of one language, as the syntax rules use them (see language.yaml)."""

    prepositions: dict[str, frozenset[str]]
    agent: frozenset[str]
    possessor: frozenset[str]
    posting: frozenset[str]
    locative: frozenset[str]
    dative: frozenset[str]
    quantities: frozenset[str]
    country_joiners: tuple[str, ...]
    negators: frozenset[str]
    reflexives: frozenset[str]
    hypothetical: frozenset[str]
    ultimatum: frozenset[str]
    willingness: frozenset[str]
    place_nouns: frozenset[str]
    minority: frozenset[str]
    background: frozenset[str]
    leading: frozenset[str]
    support_cases: frozenset[str]
    between: frozenset[str]
    partner: frozenset[str]
    identity: frozenset[str]
    future_aux: frozenset[str]
    conditional_aux: frozenset[str]
    obligation_aux: frozenset[str]
    historical_tense: str
    historical_aux: frozenset[str]
    narrative_tense: str  # the tense of history told as a story (French passé simple: Past)
    personal_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    denials: frozenset[str]
    privatives: frozenset[str]
    implicatives: frozenset[str]
    failures: frozenset[str]
    imperative_endings: frozenset[str]  # a subjectless verb form ending so is an order
    plural_pronouns: frozenset[str]
    counterparts: frozenset[str]
    portfolio_titles: frozenset[str]
    generic_roles: frozenset[str]
    organisation_nouns: frozenset[str]
    members: frozenset[str]
    same_office: dict[str, frozenset[str]]
    time_nouns: frozenset[str]  # days the parse may take for an object ("a exclu lundi X")
    conditional_endings: frozenset[str]  # after the future stem: "retirer-ait"
    planned: frozenset[str]  # what makes an act's noun a future one ("la prochaine réunion")
    impersonal: frozenset[str]  # verbs whose subject pronoun stands for no one ("il faut")
    infinitive_endings: frozenset[str]  # "-er", "-ir", "-re": the infinitive's own stem
    civilities: frozenset[str] = frozenset()  # "Mme", "Mr": before a surname, no first name

    def forms(self, preposition: str) -> frozenset[str]:
        """Every spelling of ``preposition`` (``à`` → à, au, aux)."""
        return self.prepositions.get(preposition, frozenset({preposition}))


@dataclass(frozen=True, slots=True)
class Language:
    """One language's entry in the registry: its pipeline and its grammar."""

    code: str
    model: str
    labels: str  # "ud" or "clear"
    join_hyphens: bool
    detect: str  # the detector's code for the language
    grammar: Grammar
    locative: re.Pattern[str] | None  # what puts a name where something happens ("à", "in")
    default_home: str | None = None  # the country of a text that names no state and no place

    @classmethod
    @functools.cache
    def load(cls, code: str) -> Language:
        """Read ``lexicons/<code>/language.yaml`` (once per process)."""
        where = f"lexicons/{code}/language.yaml"
        try:
            text = (resources.files("wirecoder") / "lexicons" / code / "language.yaml").read_text(
                encoding="utf-8"
            )
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise LexiconError(
                f"language {code!r} is not installed: add src/wirecoder/{where} "
                f"(docs/adding-a-language.md); installed: {', '.join(installed())}"
            ) from exc
        raw: Any = yaml.safe_load(text)
        try:
            labels = str(raw.get("labels", "ud"))
            if labels not in {"ud", "clear"}:
                raise ValueError(f"labels must be ud or clear, not {labels!r}")
            return cls(
                code=code,
                model=str(raw["model"]),
                labels=labels,
                join_hyphens=bool(raw.get("join_hyphens", False)),
                detect=str(raw.get("detect", code)),
                grammar=_grammar(raw.get("grammar") or {}),
                locative=_pattern(raw.get("locative")),
                default_home=str(raw["default_home"]) if raw.get("default_home") else None,
            )
        except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
            raise LexiconError(
                f"{where}: {exc!r}; see the header of lexicons/fr/language.yaml"
            ) from exc


def installed() -> tuple[str, ...]:
    """The languages that have a folder with a ``language.yaml``, in code order."""
    root = resources.files("wirecoder") / "lexicons"
    return tuple(
        sorted(d.name for d in root.iterdir() if d.is_dir() and (d / "language.yaml").is_file())
    )


def grammar_of(token: Token) -> Grammar:
    """The grammar of the language ``token``'s document was parsed in."""
    return Language.load(token.doc.lang_).grammar


def _pattern(raw: Any) -> re.Pattern[str] | None:
    """The locative pattern: it must end the text before a place name (``$``)."""
    if raw is None:
        return None
    pattern = re.compile(r"(?:^|\s)" + str(raw).strip() + "$", re.IGNORECASE)
    if "cue" not in pattern.groupindex:
        raise ValueError("the locative pattern needs a group named cue: (?P<cue>...)")
    return pattern


def _words(raw: Any) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if not isinstance(raw, list):
        raise TypeError(f"expected a list of words, got {raw!r}")
    return frozenset(str(w).lower() for w in raw)


def _grammar(raw: dict[str, Any]) -> Grammar:
    """Every field of :class:`Grammar` from its key; a missing list is empty."""
    values: dict[str, Any] = {}
    for name in Grammar.__dataclass_fields__:
        value = raw.get(name)
        if name in {"prepositions", "same_office"}:
            values[name] = {str(k): _words(v) for k, v in (value or {}).items()}
        elif name == "country_joiners":
            values[name] = tuple(str(w) for w in value or ())
        elif name in {"historical_tense", "narrative_tense"}:
            values[name] = str(value or "")
        else:
            values[name] = _words(value)
    return Grammar(**values)
