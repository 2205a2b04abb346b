"""Actor knowledge for one language, read from ``lexicons/<lang>/``.

``countries.tsv`` gives each state's names, demonyms (all genders and numbers) and capitals or
seats of power; ``actors.yaml`` gives titles (offices held by a person), institutions, group
nouns and international organisations; the optional ``people.tsv`` gives the state of leaders
wire names without their office (``Putin said``). Keys are compared lower-cased, with typographic
apostrophes already normalised by :func:`wirecoder.nlp.normalise` — except forms written with
a leading ``=`` (``=US``, ``=UN``), which match only in exactly that case: acronyms that are
ordinary words once lower-cased ("us", "un", "au").
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file and the entry."""


@functools.lru_cache(maxsize=1 << 16)  # the same words and phrases come back all the time
def _key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


@dataclass(frozen=True, slots=True)
class Office:
    """A title or an institution: the sectors it acts in."""

    text: str
    sectors: tuple[str, ...]
    country: str | None = None  # bodies that belong to one state (Milli Majlis, Knesset)


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """Everything needed to turn a noun phrase into an actor code, for one language."""

    lang: str
    country_names: dict[str, str]  # key → ISO3 ("azerbaïdjan" → "AZE")
    demonyms: dict[str, str]  # "pakistanaises" → "PAK"
    capitals: dict[str, str]  # "moscou", "kremlin" → "RUS"
    titles: dict[str, Office]  # "ambassadeur" → GOV
    institutions: dict[str, Office]  # "forces armées" → MIL
    groups: frozenset[str]  # "les parties", "les deux pays"
    igos: dict[str, str]  # "onu", "nations unies" → "UN"
    igo_sectors: dict[str, tuple[str, ...]]  # "otan" → ("MIL",), "parlement européen" → LEG
    max_words: int
    entries: dict[str, tuple[str, str | Office]]  # every key → (kind, value), first kind wins
    first_words: frozenset[str]  # the first word of every key: a cheap gate before matching
    prefixes: frozenset[str]  # every key's leading characters: a longer text cannot match
    exact: dict[str, str]  # key → the only spelling it matches in ("us" → "US")
    people: dict[str, str]  # a leader's name, or surname alone → ISO3 ("putin" → "RUS")
    # names two states share ("congolais"), each with its states, the lexicon's first
    shared: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = ()
    # an international force of no state ("forces internationales"): the alliance named
    coalitions: frozenset[str] = frozenset()

    def find(self, text: str) -> tuple[str, str | Office] | None:
        """The entry ``text`` names (kind, value), or None; exact-case forms checked."""
        k = _key(text)
        found = self.entries.get(k)
        if found is not None and k in self.exact and " ".join(text.split()) != self.exact[k]:
            return None
        return found

    @classmethod
    @functools.cache
    def load(cls, lang: str = "fr") -> ActorLexicon:
        """Read the lexicon of ``lang`` from the package data."""
        folder = resources.files("wirecoder") / "lexicons" / lang
        try:
            tsv = (folder / "countries.tsv").read_text(encoding="utf-8")
            raw: Any = yaml.safe_load((folder / "actors.yaml").read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise LexiconError(f"no actor lexicon for language {lang!r}: {exc}") from exc
        columns: dict[str, dict[str, str]] = {"names": {}, "demonyms": {}, "capitals": {}}
        exact: dict[str, str] = {}
        for row in csv.DictReader(io.StringIO(tsv), delimiter="\t"):
            for column, table in columns.items():
                for form in filter(None, (row.get(column) or "").split("|")):
                    table.setdefault(_key(_exact(form, exact)), row["iso3"])
        names, demonyms, capitals = columns["names"], columns["demonyms"], columns["capitals"]
        titles = _offices(raw.get("titles", []), "titles", lang)
        institutions = _offices(raw.get("institutions", []), "institutions", lang)
        igos: dict[str, str] = {}
        igo_sectors: dict[str, tuple[str, ...]] = {}
        for entry in raw.get("igos", []):
            for form in entry["names"]:
                igo_sectors.setdefault(_key(_exact(form, exact)), tuple(entry.get("sectors", ())))
            for form in entry["names"]:
                igos.setdefault(_key(_exact(form, exact)), entry["code"])
        groups = frozenset(_key(g) for g in raw.get("groups", []))
        entries: dict[str, tuple[str, str | Office]] = {}
        tables: tuple[tuple[str, dict[str, str] | dict[str, Office]], ...] = (
            ("title", titles),
            ("institution", institutions),
            ("igo", igos),
            ("country", names),
            ("capital", capitals),
            ("demonym", demonyms),
        )
        for kind, forms in tables:
            for form, entry in forms.items():
                entries.setdefault(form, (kind, entry))
        every = [*entries, *groups]
        people_tsv = folder / "people.tsv"
        people = _people(people_tsv.read_text(encoding="utf-8")) if people_tsv.is_file() else {}
        return cls(
            lang=lang,
            country_names=names,
            demonyms=demonyms,
            capitals=capitals,
            titles=titles,
            institutions=institutions,
            groups=groups,
            igos=igos,
            igo_sectors=igo_sectors,
            max_words=max(len(k.replace("'", "' ").replace("-", " - ").split()) for k in every),
            entries=entries,
            first_words=frozenset(_first_word(k) for k in entries),
            prefixes=frozenset(k[:n] for k in entries for n in range(1, len(k) + 1)),
            exact=exact,
            people=people,
            shared=tuple(
                (frozenset(_key(f) for f in entry["forms"]), tuple(entry["states"]))
                for entry in raw.get("shared", [])
            ),
            coalitions=frozenset(_key(c) for c in raw.get("coalitions", [])),
        )

    def shared_states(self, text: str) -> dict[str, str]:
        """The states a text's shared names stand for, when not the lexicon's first: ``{A: B}``
        when ``text`` uses a name A and B share, names B by a name or capital of B's own
        (``RDC``, ``Kinshasa``) and A by none of A's own (``Congo-Brazzaville``)."""
        lowered = _key(text)
        swaps: dict[str, str] = {}
        for forms, states in self.shared:
            if not any(_names(lowered, f) for f in forms):
                continue
            own = {state: self._own_forms(state, forms) for state in states}
            if any(_names(lowered, f) for f in own[states[0]]):
                continue
            other = next((s for s in states[1:] if any(_names(lowered, f) for f in own[s])), None)
            if other is not None:
                swaps[states[0]] = other
        return swaps

    def _own_forms(self, state: str, shared: frozenset[str]) -> list[str]:
        tables = (self.country_names, self.capitals, self.demonyms)
        return [f for t in tables for f, iso in t.items() if iso == state and f not in shared]


def _names(text: str, form: str) -> bool:
    """Whether ``form`` (a key) stands as whole words in ``text`` (a key too)."""
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


def _offices(entries: list[dict[str, Any]], section: str, lang: str) -> dict[str, Office]:
    table: dict[str, Office] = {}
    for entry in entries:
        try:
            office = Office(
                text=_key(entry["text"]),
                sectors=tuple(entry["sectors"]),
                country=entry.get("country"),
            )
        except (KeyError, TypeError) as exc:
            raise LexiconError(
                f"lexicons/{lang}/actors.yaml: {section} entry {entry!r} needs text and sectors"
            ) from exc
        table.setdefault(office.text, office)
        plural = entry.get("plural")
        if plural:
            table.setdefault(_key(plural), office)
    return table


def _people(tsv: str) -> dict[str, str]:
    """``people.tsv`` (``#`` lines are comments) → each form of a name → ISO3."""
    rows = [line for line in tsv.splitlines() if line.strip() and not line.startswith("#")]
    return {
        _key(form): row["iso3"]
        for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter="\t")
        for form in (row.get("names") or "").split("|")
        if form
    }


def _exact(form: str, exact: dict[str, str]) -> str:
    """``=US`` → ``US``, remembered as matching in that case only; other forms unchanged."""
    if form.startswith("="):
        form = form[1:]
        exact[_key(form)] = " ".join(form.split())
    return form


def _first_word(text: str) -> str:
    """The first token of a key as the tokenizer cuts it: ``chef d'état`` → ``chef``,
    ``l'onu`` → ``l'``."""
    word = text.split(" ", 1)[0]
    return word[: word.index("'") + 1] if "'" in word[:-1] else word


def key(text: str) -> str:
    """The form lexicon keys are compared in."""
    return _key(text)
