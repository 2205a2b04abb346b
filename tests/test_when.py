"""Dates: time expressions and their ISO-TimeML values, event dates, the ``dates`` command.

Every sentence here is invented for these tests. 10 February 2021 (the base of most cases) is a
Wednesday.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirecoder.actors.lexicon import LexiconError
from wirecoder.cli import app
from wirecoder.records import Dateline, Event, Evidence, Quarantined
from wirecoder.when import DateRules, date_lines, event_date, find_dates

from conftest import SHARED

BASE = "2021-02-10"

EXPRESSIONS = [
    # explicit dates
    (
        "Le traité a été signé le 10 novembre 2020 à Moscou.",
        BASE,
        [("le 10 novembre 2020", "2020-11-10")],
    ),
    ("Les pourparlers ont commencé le 1er février.", BASE, [("le 1er février", "2021-02-01")]),
    ("Il reviendra le 15 mars.", BASE, [("le 15 mars", "2021-03-15")]),
    ("Une rencontre est prévue 10 février à Bakou.", "2021-02-08", [("10 février", "2021-02-10")]),
    ("La visite du 28 décembre a été saluée.", BASE, [("28 décembre", "2020-12-28")]),
    ("Il est arrivé le 3 à Bakou.", BASE, [("le 3", "2021-02-03")]),
    ("Le vote aura lieu le 25, selon la commission.", BASE, [("le 25", "2021-02-25")]),
    ("Le vote a eu lieu le 28, selon la commission.", BASE, [("le 28", "2021-01-28")]),
    ("Le sommet s'est tenu le 6 mai dernier.", "2021-05-04", [("le 6 mai dernier", "2020-05-06")]),
    (
        "Les élections se tiendront le 4 avril prochain.",
        BASE,
        [("le 4 avril prochain", "2021-04-04")],
    ),
    ("La réunion du mardi 9 mars a été annulée.", BASE, [("mardi 9 mars", "2021-03-09")]),
    ("Le texte date du 10/11/2020.", BASE, [("10/11/2020", "2020-11-10")]),
    ("Mise à jour 2021-01-30.", BASE, [("2021-01-30", "2021-01-30")]),
    ("Le décret du 3 juillet 98, toujours en vigueur.", BASE, [("3 juillet 98", "1998-07-03")]),
    # weekdays
    ("Le ministre s'est rendu ce vendredi à Ankara.", BASE, [("ce vendredi", "2021-02-12")]),
    ("Il l'a annoncé ce lundi.", BASE, [("ce lundi", "2021-02-08")]),
    ("Il a démissionné mardi dernier.", BASE, [("mardi dernier", "2021-02-09")]),
    ("Il a démissionné mercredi dernier.", BASE, [("mercredi dernier", "2021-02-03")]),
    ("Le vote aura lieu mardi prochain.", BASE, [("mardi prochain", "2021-02-16")]),
    ("Le vote a eu lieu mercredi prochain.", BASE, [("mercredi prochain", "2021-02-17")]),
    (
        "Le président a déclaré vendredi que rien n'était décidé.",
        BASE,
        [("vendredi", "2021-02-05")],
    ),
    ("Le ministre a déclaré mercredi que tout allait bien.", BASE, [("mercredi", "2021-02-10")]),
    ("La conférence aura lieu jeudi à Genève.", BASE, [("jeudi", "2021-02-11")]),
    ("Les bureaux ferment le mardi.", BASE, []),
    # counted from the base
    ("Il est rentré hier de Pékin.", BASE, [("hier", "2021-02-09")]),
    ("Le texte a été adopté avant-hier.", BASE, [("avant-hier", "2021-02-08")]),
    ("Le ministre se rend aujourd'hui à Paris.", BASE, [("aujourd'hui", "2021-02-10")]),
    ("Le ministre se rend aujourd\u2019hui à Paris.", BASE, [("aujourd\u2019hui", "2021-02-10")]),
    ("Il partira demain pour Tachkent.", BASE, [("demain", "2021-02-11")]),
    ("Les combats ont repris hier soir.", BASE, [("hier soir", "2021-02-09")]),
    ("Le convoi est parti ce matin.", BASE, [("ce matin", "2021-02-10")]),
    ("Ils se sont vus la semaine dernière.", BASE, [("la semaine dernière", "2021-W05")]),
    ("Ils se verront la semaine prochaine.", BASE, [("la semaine prochaine", "2021-W07")]),
    ("Le rapport paraîtra cette semaine.", BASE, [("cette semaine", "2021-W06")]),
    ("Les prix ont monté le mois dernier.", BASE, [("le mois dernier", "2021-01")]),
    ("La croissance a reculé l'an dernier.", BASE, [("l'an dernier", "2020")]),
    ("La croissance reprendra l'année prochaine.", BASE, [("l'année prochaine", "2022")]),
    ("Le budget de cette année est voté.", BASE, [("cette année", "2021")]),
    ("Il est arrivé il y a trois jours.", BASE, [("il y a trois jours", "2021-02-07")]),
    ("Le cessez-le-feu a été signé il y a 2 mois.", BASE, [("il y a 2 mois", "2020-12")]),
    # a vague count is a few
    ("Il y a quelques années, le pays avait refusé.", BASE, [("Il y a quelques années", "2018")]),
    ("Ils se sont vus il y a plusieurs mois.", BASE, [("il y a plusieurs mois", "2020-11")]),
    ("Le pays votera dans deux semaines.", BASE, [("dans deux semaines", "2021-W08")]),
    ("Les troupes partiront dans un an.", BASE, [("dans un an", "2022")]),
    ("La délégation a voyagé ce week-end.", "2021-02-08", [("ce week-end", "2021-W05-WE")]),
    ("Le chantier s'achèvera en fin d'année.", BASE, [("fin d'année", "2021")]),
    # counted from the last day named
    (
        "Il est mort le 13 février 2020. La veille, il avait reçu le ministre.",
        BASE,
        [("le 13 février 2020", "2020-02-13"), ("La veille", "2020-02-12")],
    ),
    ("Ils se sont vus à la veille des élections.", BASE, []),
    # months, years, seasons, decades
    ("Le sommet se tiendra en juin.", BASE, [("en juin", "2021-06")]),
    ("L'accord a été conclu en décembre.", BASE, [("en décembre", "2020-12")]),
    ("Le projet a été lancé en octobre 2019.", BASE, [("en octobre 2019", "2019-10")]),
    ("Il a été élu en septembre dernier.", BASE, [("en septembre dernier", "2020-09")]),
    ("Le retrait est prévu mi-juillet.", BASE, [("mi-juillet", "2021-07")]),
    ("Le conflit a éclaté en 1992.", BASE, [("en 1992", "1992")]),
    ("Les réformes lancées depuis 2005, puis abandonnées.", BASE, [("depuis 2005", "2005")]),
    ("Le pays a connu la guerre dans les années 90.", BASE, [("les années 90", "199")]),
    ("Le tourisme reprend en été.", BASE, [("en été", "XXXX-SU")]),
    ("Les travaux auront lieu cet été.", BASE, [("cet été", "2021-SU")]),
    (
        "Les combats de l'hiver dernier ont marqué la région.",
        BASE,
        [("l'hiver dernier", "2019-WI")],
    ),
    ("Les routes seront coupées cet hiver.", "2021-11-10", [("cet hiver", "2021-WI")]),
    ("2000 manifestants ont défilé.", BASE, []),
    ("Les Jeux d'hiver ont été un succès.", BASE, []),
    ("Il a été reçu par le président.", BASE, []),
    ("Une explosion devant le 10, rue de la Paix.", BASE, []),
    # ranges: one expression per day
    (
        "La foire aura lieu du 3 au 5 mars.",
        BASE,
        [("du 3", "2021-03-03"), ("5 mars", "2021-03-05")],
    ),
    (
        "Les élections auront lieu les 6 et 13 avril prochains.",
        BASE,
        [("les 6", "2021-04-06"), ("13 avril prochains", "2021-04-13")],
    ),
    (
        "Fermé du 28 février au 2 mars 2021.",
        BASE,
        [("28 février", "2021-02-28"), ("2 mars 2021", "2021-03-02")],
    ),
]


@pytest.mark.parametrize(("text", "base", "expected"), EXPRESSIONS)
def test_when_find_dates_values(text: str, base: str, expected: list[tuple[str, str]]) -> None:
    found = find_dates(text, base, "fr")
    assert [(e.text, e.value) for e in found] == expected
    for e in found:
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("base", "text", "expected"),
    [
        ("2021-02", "Il est arrivé hier.", [("hier", "2021-02", "month")]),
        ("2021-02", "Ils se sont vus la semaine dernière.", []),
        ("2021", "Il est arrivé hier.", [("hier", "2021", "year")]),
        (None, "Il est arrivé hier, le 3 mars 2020.", [("le 3 mars 2020", "2020-03-03", "day")]),
        (None, "Le conflit a éclaté en 1992.", [("en 1992", "1992", "year")]),
        ("not a date", "Il est arrivé hier.", []),
    ],
)
def test_when_find_dates_cut_to_what_the_base_knows(
    base: str | None, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(e.text, e.value, e.precision) for e in find_dates(text, base)] == expected


@pytest.mark.parametrize("lang", ["fr"])
def test_when_date_rules_load_once(lang: str) -> None:
    assert DateRules.load(lang) is DateRules.load(lang)


@pytest.mark.parametrize("lang", ["xx"])
def test_when_date_rules_missing_language_says_what_to_add(lang: str) -> None:
    with pytest.raises(LexiconError, match=f"add src/wirecoder/lexicons/{lang}/dates.yaml"):
        DateRules.load(lang)


@pytest.mark.parametrize("section", ["months", "weekdays", "clause_breaks"])
def test_when_date_rules_malformed_lexicon_names_the_section(section: str) -> None:
    import yaml

    path = Path(__file__).resolve().parents[1] / "src/wirecoder/lexicons/fr/dates.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    del raw[section]
    with pytest.raises(LexiconError, match=section):
        DateRules("fr", raw)


def _event(sentence: str, trigger: str, aux_mode: str | None = None, at: int = 0) -> Event:
    evidence = Evidence(sentence=sentence, start=at, end=at + len(sentence), trigger=trigger)
    return Event(id="e", type="CONSULT", actor=None, recipient=None, evidence=evidence,
                 aux_mode=aux_mode)  # fmt: skip


DATELINE = Dateline(place="Bakou", date=BASE)


@pytest.mark.parametrize(
    ("sentence", "trigger", "aux_mode", "expected"),
    [
        ("Le ministre a rencontré mardi dernier son homologue.", "a rencontré", None,
         ("2021-02-09", "day")),
        ("Le ministre a rencontré son homologue.", "a rencontré", None, ("2021-02-10", "day")),
        ("Le ministre a déclaré hier que l'armée avait attaqué mardi.", "a déclaré", None,
         ("2021-02-09", "day")),
        ("Le ministre a déclaré hier que l'armée avait attaqué mardi.", "avait attaqué", None,
         ("2021-02-09", "day")),
        ("Le ministre, qui était arrivé lundi, a rencontré son homologue.", "a rencontré", None,
         ("2021-02-10", "day")),
        ("Le pays avait toujours soutenu son voisin.", "avait toujours soutenu", "historical",
         (None, None)),
        ("Le pays avait soutenu son voisin en 1994.", "avait soutenu", "historical",
         ("1994", "year")),
        ("Les deux pays ont signé la semaine dernière un accord.", "ont signé", None,
         ("2021-02", "month")),
        ("Il a évoqué la déclaration du 10 novembre 2020.", "a évoqué", None,
         ("2021-02-10", "day")),
        ("Les élections du 13 juin 2020 ont été annulées.", "élections", None,
         ("2020-06-13", "day")),
        ("Le tourisme recule en été.", "recule", None, ("2021-02-10", "day")),
        ("Ils ont convenu d'organiser en septembre des exercices.", "ont convenu", None,
         ("2021-02-10", "day")),
        ("Elle a annulé la visite qu'elle devait effectuer jeudi.", "a annulé", None,
         ("2021-02-10", "day")),
        ("Il a rencontré le ministre. Le lendemain, hier, il est parti.", "a rencontré", None,
         ("2021-02-10", "day")),
    ],
)  # fmt: skip
def test_when_event_date_in_its_clause_else_the_dateline(
    sentence: str, trigger: str, aux_mode: str | None, expected: tuple[str | None, str | None]
) -> None:
    text = "Bakou, 10 février, AZERTAC\n" + sentence
    at = text.index(sentence)
    expressions = find_dates(text, BASE)
    assert event_date(_event(sentence, trigger, aux_mode, at), DATELINE, expressions) == expected


@pytest.mark.parametrize(
    ("date", "precision"), [("2021-02", "month"), ("2021", "year"), (None, None)]
)
def test_when_event_date_falls_back_with_the_dateline_precision(
    date: str | None, precision: str | None
) -> None:
    event = _event("Le ministre a rencontré son homologue.", "a rencontré")
    assert event_date(event, Dateline(date=date), []) == (date, precision)


def test_when_date_lines_quarantines_what_it_cannot_read() -> None:
    lines = [
        json.dumps({"id": "a", "lang": "fr", "base": BASE, "text": "Il est arrivé hier."}),
        "{not json",
        json.dumps({"id": "b", "base": BASE}),
        json.dumps({"id": "c", "lang": "xx", "base": BASE, "text": "hier"}),
        json.dumps({"id": "d", "base": 2021, "text": "hier"}),
        "",
    ]
    out = list(date_lines(lines, source="in.jsonl"))
    assert out[0] == {
        "id": "a",
        "dates": [{"text": "hier", "start": 14, "end": 18, "value": "2021-02-09"}],
    }
    skipped = [q.record for q in out[1:] if isinstance(q, Quarantined)]
    assert skipped == ["in.jsonl:2", "in.jsonl:3", "c", "d"]


def test_when_cli_dates_writes_values_and_offsets(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = [
        {
            "id": "1",
            "lang": "fr",
            "base": BASE,
            "text": "Il l'a reçu mardi dernier, puis le 3 mars.",
        },
        {"id": "2", "lang": "fr", "base": None, "text": "En 1998, rien."},
    ]
    source.write_text("".join(json.dumps(t) + "\n" for t in texts) + "oops\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["dates", str(source), "--out", str(target)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {"id": "1", "dates": [
            {"text": "mardi dernier", "start": 12, "end": 25, "value": "2021-02-09"},
            {"text": "le 3 mars", "start": 32, "end": 41, "value": "2021-03-03"},
        ]},
        {"id": "2", "dates": [{"text": "En 1998", "start": 0, "end": 7, "value": "1998"}]},
    ]  # fmt: skip
    assert "skipped" in result.output and "dated 2, skipped 1" in result.output


def test_when_cli_dates_unreadable_input_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["dates", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot read")


def test_when_french_timebank_dev_meets_its_targets() -> None:
    data = SHARED / "data" / "fr-timebank-dev"
    if not data.is_dir():
        pytest.skip(f"{data} is absent: the French TimeBank sits beside the checkout in ../shared")
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "timebank.py"
    spec = importlib.util.spec_from_file_location("timebank", path)
    assert spec is not None and spec.loader is not None
    timebank = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = timebank  # its dataclasses look their module up
    spec.loader.exec_module(timebank)
    docs = [timebank.read_tml(p) for p in sorted(data.glob("*.tml"))]
    score = timebank.score(docs, timebank.ours)
    assert score.recall >= 0.85
    assert score.precision >= 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister arrived on Monday, May 8, and leaves next week.",
            ["2023-05-08", "2023-W20"],
        ),
        ("Talks began two days ago and resumed last Friday.", ["2023-05-08", "2023-05-05"]),
        ("On Sept. 2, 2023 the bloc acted; it had warned last year.", ["2023-09-02", "2022"]),
        ("The truce may last, officials said.", []),
    ],
)
def test_when_english_word_orders(text: str, expected: list[str]) -> None:
    """English puts the month before the day, the direction before the unit, "ago" after."""
    assert [e.value for e in find_dates(text, "2023-05-10", "en")] == expected
