"""One test for every data file: columns, unique keys, and every link into the ontology."""

from __future__ import annotations

import csv
import re
from importlib import resources
from typing import Any

import pytest
import yaml

from wirecoder.actors.lexicon import ActorLexicon, LexiconError
from wirecoder.dateline import DatelineLexicon
from wirecoder.events.lexicon import TriggerLexicon
from wirecoder.events.qualify import ContextLexicon
from wirecoder.language import Language
from wirecoder.ontology import Ontology
from wirecoder.when import DateRules

LEXICONS = resources.files("wirecoder") / "lexicons"
LANGS = sorted(p.name for p in LEXICONS.iterdir() if p.is_dir())


def _yaml(lang: str, name: str) -> Any:
    return yaml.safe_load((LEXICONS / lang / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_every_file_is_known_and_loads(lang: str) -> None:
    known = {"actors.yaml", "countries.tsv", "contexts.yaml", "dateline.yaml", "triggers.yaml"}
    known |= {"dates.yaml", "language.yaml"}
    files = {p.name for p in (LEXICONS / lang).iterdir()} - {"people.tsv"}  # optional
    assert files <= known, f"unvalidated data files: {files - known}"
    assert files == known, f"a language needs every layer: {known - files} missing"
    Language.load(lang)
    DateRules.load(lang)
    ActorLexicon.load(lang)
    TriggerLexicon.load(lang)
    ContextLexicon.load(lang)
    DatelineLexicon.load(lang)


class _NoDuplicateKeys(yaml.SafeLoader):
    """A YAML loader that records every key a mapping repeats (PyYAML keeps the last)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.repeated: list[str] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if isinstance(key, str | int) and key in seen:
                self.repeated.append(f"{key!r} (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep)


def _repeated_keys(text: str) -> list[str]:
    loader = _NoDuplicateKeys(text)
    try:
        loader.get_single_data()
    finally:
        loader.dispose()  # type: ignore[no-untyped-call]
    return loader.repeated


@pytest.mark.parametrize("text", ["verbs:\n  huer: 1\n  conspuer: 2\n  huer: 3\n"])
def test_lexicons_repeated_keys_are_found(text: str) -> None:
    assert _repeated_keys(text) == ["'huer' (line 4)"]


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_no_entry_is_written_twice(lang: str) -> None:
    for path in (LEXICONS / lang).iterdir():
        if path.name.endswith(".yaml"):
            assert not _repeated_keys(path.read_text(encoding="utf-8")), path.name
    phrases = [(p["verb"], p["object"]) for p in _yaml(lang, "triggers.yaml").get("phrases", [])]
    assert len(phrases) == len(set(phrases))


@pytest.mark.parametrize("entry", [{"verb": "lancer", "object": "appel", "type": "REQUEST"}])
def test_lexicons_a_phrase_listed_twice_is_an_error(entry: dict[str, Any]) -> None:
    raw = {"verbs": {}, "phrases": [entry, {**entry, "type": "ACCUSE"}]}
    with pytest.raises(LexiconError, match="'lancer' \\+ 'appel' is listed twice"):
        TriggerLexicon._from_data("fr", raw, "triggers.yaml")


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_countries_rows_codes_and_unique_forms(lang: str) -> None:
    text = (LEXICONS / lang / "countries.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    assert rows and list(rows[0]) == ["iso3", "names", "demonyms", "capitals"]
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes))
    owner: dict[str, str] = {}
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]), row
        assert row["names"], f"{row['iso3']} has no name"
        for column in ("names", "demonyms", "capitals"):
            for form in filter(None, row[column].split("|")):
                form = form.casefold()
                assert owner.setdefault(form, row["iso3"]) == row["iso3"], (
                    f"{form!r} names both {owner[form]} and {row['iso3']}"
                )


@pytest.mark.parametrize(
    "lang", [lang for lang in LANGS if (LEXICONS / lang / "people.tsv").is_file()]
)
def test_lexicons_people_name_states_once(lang: str) -> None:
    text = (LEXICONS / lang / "people.tsv").read_text(encoding="utf-8")
    rows = list(
        csv.DictReader([t for t in text.splitlines() if not t.startswith("#")], delimiter="\t")
    )
    states = {
        r["iso3"]
        for r in csv.DictReader(
            (LEXICONS / lang / "countries.tsv").read_text(encoding="utf-8").splitlines(),
            delimiter="\t",
        )
    }
    assert rows and list(rows[0]) == ["iso3", "names"]
    owner: dict[str, str] = {}
    countries = ActorLexicon.load(lang).entries
    for row in rows:
        assert row["iso3"] in states, row["iso3"]
        for form in row["names"].split("|"):
            assert form and form.casefold() not in countries, f"{form!r} is already an entry"
            assert owner.setdefault(form.casefold(), row["iso3"]) == row["iso3"], form


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_actor_sectors_and_igo_codes(lang: str) -> None:
    sectors = set(Ontology.load().sectors)
    raw = _yaml(lang, "actors.yaml")
    for section in ("titles", "institutions"):
        texts = [e["text"].casefold() for e in raw[section]]
        assert len(texts) == len(set(texts)), f"{section}: duplicate entries"
        for entry in raw[section]:
            assert entry["sectors"] and set(entry["sectors"]) <= sectors, entry
            assert entry.get("country") in {None, *ActorLexicon.load(lang).country_names.values()}
    names: dict[str, str] = {}
    for entry in raw["igos"]:
        assert re.fullmatch(r"[A-Z][A-Z0-9]+", entry["code"]), entry
        assert entry.get("kind", "igo") in {"igo", "ngo"}, entry
        assert set(entry.get("sectors", [])) <= sectors, entry
        for name in entry["names"]:
            assert names.setdefault(name.casefold(), entry["code"]) == entry["code"], name
    assert raw["groups"]
    # coalitions: lower-case phrases without their article, each read as the alliance named
    for phrase in raw.get("coalitions", []):
        assert isinstance(phrase, str) and phrase == phrase.lower(), phrase
        assert phrase.split()[0] not in {"la", "le", "les", "l'", "the"}, phrase


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_triggers_resolve_in_the_ontology(lang: str) -> None:
    ontology = Ontology.load()
    lexicon = TriggerLexicon.load(lang)
    slots = {"subject", "obj", "speaker", "demonym", "clause"}
    triggers = [*lexicon.verbs.values(), *lexicon.phrases.values(), *lexicon.nouns.values()]
    assert triggers
    for trigger in triggers:
        assert trigger.mode is None or trigger.mode in ontology.modes(trigger.type), trigger
        for slot in (*trigger.actor, *trigger.recipient):
            assert slot in slots or re.fullmatch(r"[a-zàâçéèêëîïôûù']+", slot), trigger
        if trigger.complement:
            assert trigger.complement in lexicon.classes, trigger


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_contexts_are_plover_contexts(lang: str) -> None:
    known = set(Ontology.load().contexts)
    raw = _yaml(lang, "contexts.yaml")
    assert set(raw["contexts"]) <= known
    seen: dict[str, str] = {}
    for context, words in raw["contexts"].items():
        for word in words:
            assert seen.setdefault(word, context) == context, f"{word!r} in two contexts"


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_dateline_months(lang: str) -> None:
    raw = _yaml(lang, "dateline.yaml")
    assert set(raw["months"].values()) == set(range(1, 13))
    assert raw["agencies"]


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_language_entry(lang: str) -> None:
    """The registry entry: a pipeline, a known label scheme, a locative cue pattern."""
    entry = Language.load(lang)
    assert entry.model and entry.labels in {"ud", "clear"}
    assert entry.grammar.agent, "the passive agent's preposition is needed to swap the sides"
    assert entry.locative is not None and "cue" in entry.locative.groupindex
    for role, offices in entry.grammar.same_office.items():
        assert role and offices, role


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_trigger_readings_resolve(lang: str) -> None:
    """Complement readings, judgements and intents name real types, modes and classes."""
    ontology = Ontology.load()
    lexicon = TriggerLexicon.load(lang)
    for trigger in [*lexicon.complements.values(), *lexicon.judgements.values()]:
        assert trigger.mode is None or trigger.mode in ontology.modes(trigger.type), trigger
        assert trigger.complement is None or trigger.complement in lexicon.classes, trigger
    assert all(name in lexicon.classes for name in lexicon.judgements)
    for table in lexicon.intents.values():
        assert set(table) | set(table.values()) <= set(ontology.types)
    for trigger in lexicon.phrases.values():
        assert trigger.preposition is None or re.fullmatch(
            r"[a-zàâçéèêëîïôûù']+", trigger.preposition
        )
    every = [*lexicon.verbs.values(), *lexicon.phrases.values(), *lexicon.nouns.values()]
    for trigger in every:  # "arrêter la production": the class that makes it another sense
        assert trigger.other_sense is None or trigger.other_sense in lexicon.classes, trigger


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_shared_names_belong_to_their_first_state(lang: str) -> None:
    lexicon = ActorLexicon.load(lang)
    states = set(lexicon.country_names.values())
    for forms, shared in lexicon.shared:
        assert len(shared) >= 2 and set(shared) <= states, shared
        for form in forms:
            found = lexicon.find(form)
            assert found is not None and found[1] == shared[0], form
