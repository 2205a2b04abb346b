"""The actor knowledge base: its rules on plain records, its CSV, and bare names resolved across
articles by the real pipeline (model, run loop, DuckDB)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirecoder.actors.knowledge import (
    KnowledgeBase,
    KnowledgeError,
    Sighting,
    learn,
    read_csv,
    write_csv,
)
from wirecoder.actors.knowledge_db import entries
from wirecoder.actors.lexicon import key
from wirecoder.ontology import Ontology
from wirecoder.pipeline import Coder
from wirecoder.records import KNOWLEDGE_SOURCES, KnownActor
from wirecoder.run import local_engine, run
from wirecoder.store import Store

SECTORS = frozenset(Ontology.load().sectors)
MINISTER = "ministre de la défense"
PRIME = "premier ministre"


def seen(article: str, date: str | None, role: str, country: str = "AZE", **kw: str) -> Sighting:
    name = kw.get("name", "Rauf Guliyev")
    return Sighting(name, role, country, None, ("GOV",), (article,), date, date)


def entry(role: str, first: str | None, **kw: Any) -> KnownActor:
    fields: dict[str, Any] = {"name": "Rauf Guliyev", "country": "AZE", "sectors": ("GOV",)}
    fields.update({"role": role, "first_seen": first, "last_seen": first, **kw})
    return KnownActor(**fields)


# -- learning and the office in force ---------------------------------------------------------


@pytest.mark.parametrize("spelling", ["rauf  GULIYEV"])
def test_actors_knowledge_learn_one_entry_per_office(spelling: str) -> None:
    learned = learn(
        [
            seen("a", "2020-03-03", MINISTER),
            Sighting("Rauf Guliyev", MINISTER, "AZE", None, ("GOV",), ("a", "b"), "2020-03-03"),
            seen("b", "2020-06-01", MINISTER, name=spelling),
            seen("c", "2020-04-01", MINISTER, country="FRA"),  # a wrong guess, outvoted
            seen("d", "2021-05-10", PRIME),
            seen("e", None, PRIME),
            seen("f", "2022-01-01", "homologue"),  # names no office
        ]
    )
    assert learned == [
        KnownActor("Rauf Guliyev", "AZE", None, ("GOV",), MINISTER, "2020-03-03", "2020-06-01", 3),
        KnownActor("Rauf Guliyev", "AZE", None, ("GOV",), PRIME, "2021-05-10", "2021-05-10", 2),
    ]


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]])
def test_actors_knowledge_learn_does_not_depend_on_order(order: list[int]) -> None:
    sightings = [
        seen("a", "2020-03-03", MINISTER),
        seen("b", "2020-04-01", MINISTER, country="FRA"),
        seen("c", "2021-05-10", PRIME, name="Rauf GULIYEV"),
        seen("d", "2021-06-10", PRIME),
    ]
    assert learn(sightings[i] for i in order) == learn(sightings)


@pytest.mark.parametrize(
    ("at", "role"),
    [
        ("2019-01-01", MINISTER),  # before anything: the earliest office
        ("2020-03-03", MINISTER),
        ("2020-11-20", MINISTER),
        ("2021-05-10", PRIME),  # the day the new office is first seen
        ("2021-06", PRIME),  # month precision
        ("2023-01-01", PRIME),
        (None, PRIME),  # no date: the latest office
    ],
)
def test_actors_knowledge_office_in_force_at_the_date(at: str | None, role: str) -> None:
    base = KnowledgeBase([entry(MINISTER, "2020-03-03"), entry(PRIME, "2021-05-10")])
    found = base.in_force("rauf guliyev", at)
    assert found is not None and found.role == role


@pytest.mark.parametrize("at", ["2021-09-14"])
def test_actors_knowledge_a_later_mention_of_the_old_office_does_not_win(at: str) -> None:
    old = entry(MINISTER, "2020-03-03", last_seen="2021-08-01", articles=9)
    base = KnowledgeBase([old, entry(PRIME, "2021-05-10")])
    found = base.in_force("Rauf Guliyev", at)
    assert found is not None and found.role == PRIME


@pytest.mark.parametrize("at", ["2022-01-01"])
def test_actors_knowledge_user_entries_override_learned(at: str) -> None:
    learned = entry(PRIME, "2021-05-10", articles=12)
    user = entry("vice-premier ministre", "2020-09-01", source="user")
    base = KnowledgeBase([learned, user, entry(MINISTER, "2019-01-01", name="Ali Karimov")])
    found = base.in_force("Rauf Guliyev", at)
    assert found == user
    assert base.entries("RAUF GULIYEV") == [user]
    assert [e.role for e in base.entries("Ali Karimov")] == [MINISTER]


@pytest.mark.parametrize(("country", "expected"), [("EGY", "EGY"), ("PAK", "EGY"), (None, "EGY")])
def test_actors_knowledge_namesakes_prefer_the_side_country(
    country: str | None, expected: str
) -> None:
    base = KnowledgeBase(
        [
            entry("ambassadeur", "2020-01-01", name="Mohamed Ali", country="EGY", articles=4),
            entry("ministre", "2019-01-01", name="Mohamed Ali", country="TUN", articles=1),
        ]
    )
    found = base.in_force("Mohamed Ali", "2021-01-01", country)
    assert found is not None and found.country == expected
    tunisian = base.in_force("Mohamed Ali", "2021-01-01", "TUN")
    assert tunisian is not None and tunisian.role == "ministre"


@pytest.mark.parametrize("name", ["Guliyev", "Rauf"])
def test_actors_knowledge_a_bare_surname_is_not_looked_up(name: str) -> None:
    assert KnowledgeBase([entry(PRIME, "2021-05-10")]).in_force(name, "2022-01-01") is None


# -- CSV ------------------------------------------------------------------------------------

_TEXT = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"))
_NAMES = st.text(_TEXT, min_size=1, max_size=20).map(lambda s: " ".join(s.split())).filter(bool)
_ROLES = st.none() | st.text(_TEXT, min_size=1, max_size=20).map(key).filter(bool)
_DAYS = st.dates().map(lambda d: d.isoformat())
_DATES = st.none() | _DAYS | _DAYS.map(lambda d: d[:7])


@st.composite
def known_actors(draw: st.DrawFn) -> KnownActor:
    country = draw(st.none() | st.from_regex(r"[A-Z]{3}", fullmatch=True))
    igo = draw(st.from_regex(r"[A-Z][A-Z0-9_-]{1,15}", fullmatch=True))
    first, last = sorted([draw(_DATES), draw(_DATES)], key=lambda d: (d is not None, d or ""))
    return KnownActor(
        name=draw(_NAMES),
        country=country,
        igo=draw(st.sampled_from([igo, None])) if country else igo,
        sectors=tuple(draw(st.lists(st.sampled_from(sorted(SECTORS)), max_size=3))),
        role=draw(_ROLES),
        first_seen=first if first and last and first <= last else None,
        last_seen=last,
        articles=draw(st.integers(min_value=0, max_value=10**6)),
        source=draw(st.sampled_from(KNOWLEDGE_SOURCES)),
    )


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # the first draw
@given(st.lists(known_actors(), max_size=6))  # builds the character tables: seconds, once
def test_actors_knowledge_csv_round_trip(found: list[KnownActor]) -> None:
    out = io.StringIO()
    assert write_csv(found, out) == len(found)
    back, errors = read_csv(io.StringIO(out.getvalue()), SECTORS)
    assert errors == []
    assert back == found


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",AZE,,GOV,ministre", "the name is empty"),
        ("Rauf Guliyev,Azerbaïdjan,,GOV,ministre", "country 'Azerbaïdjan' is not an ISO 3166-1"),
        ("Rauf Guliyev,,,GOV,ministre", "has no country and no igo"),
        ("Rauf Guliyev,AZE,,GOUV,ministre", "unknown sector 'GOUV'"),
        ("Rauf Guliyev,AZE,,GOV,ministre,10/05/2021", "first_seen '10/05/2021' is not an ISO date"),
        ("Rauf Guliyev,AZE,,GOV,ministre,2021-02-30", "is not an ISO date"),
        ("Rauf Guliyev,AZE,,GOV,ministre,2022-01-01,2021-01-01", "is after last_seen"),
        ("Rauf Guliyev,AZE,,GOV,ministre,,,beaucoup", "articles 'beaucoup' is not a count"),
        ("Rauf Guliyev,AZE,,GOV,ministre,,,,devine", "source 'devine' is not one of"),
    ],
)
def test_actors_knowledge_csv_bad_row_is_one_line_and_the_others_load(
    row: str, message: str
) -> None:
    text = (
        "name,country,igo,sectors,role,first_seen,last_seen,articles,source\n"
        "Ali Karimov,aze,,gov;mil,Ministre de la Défense,2020-01-01,,,\n"
        f"{row}\n"
        "Anna Berg,,IGO:NATO,,porte-parole,,,,\n"
    )
    found, errors = read_csv(io.StringIO(text), SECTORS, where="people.csv")
    assert [e.name for e in found] == ["Ali Karimov", "Anna Berg"]
    assert found[0] == KnownActor(
        "Ali Karimov", "AZE", None, ("GOV", "MIL"), MINISTER, "2020-01-01", None, 0, "user"
    )
    assert found[1].igo == "NATO"
    [error] = errors
    assert error.startswith("people.csv row 3: ") and message in error
    assert "\n" not in error and "fix it" in error


@pytest.mark.parametrize("header", ["nom,pays", ""])
def test_actors_knowledge_csv_without_name_column_fails(header: str) -> None:
    with pytest.raises(KnowledgeError, match="no 'name' column"):
        read_csv(io.StringIO(f"{header}\nRauf Guliyev,AZE\n"), SECTORS, where="people.csv")


# -- bare names across articles, with the real pipeline --------------------------------------

# Dispatches written for these tests: the office is given in articles 1 and 3 only.
ARTICLES = {
    "1-bakou-2020-03-03": (
        " date 2020-03 Bakou, 3 mars, AZERTAC\n\nLe ministre azerbaïdjanais de la Défense, "
        "Rauf Guliyev, s'est entretenu avec l'ambassadeur du Pakistan à Bakou."
    ),
    "2-paris-2020-11-20": "PARIS, 20 novembre 2020 (AFP) - Rauf Guliyev a critiqué la France.",
    "3-bakou-2021-05-10": (
        " date 2021-05 Bakou, 10 mai, AZERTAC\n\nLe Premier ministre azerbaïdjanais, Rauf "
        "Guliyev, a rencontré l'ambassadeur de Turquie à Bakou."
    ),
    "4-moscou-2021-09-14": (
        "MOSCOU, 14 septembre 2021 (AFP) - Rauf Guliyev a rencontré le ministre russe des "
        "Affaires étrangères."
    ),
}


def code_runs(coder: Coder, folder: Path, db: Path, runs: list[list[str]]) -> Path:
    """Code the articles of each run in its own ``run`` (as ``wirecoder code`` does)."""
    with Store(db) as store:
        for n, ids in enumerate(runs):
            batch = folder / f"run-{n}"
            batch.mkdir(parents=True)
            for id in ids:
                (batch / f"{id}.txt").write_text(ARTICLES[id], encoding="utf-8")
            run([batch], store, local_engine(coder), lang="fr", batch_size=1)
    return db


def known(db: Path, name: str | None = None) -> list[KnownActor]:
    with Store(db, read_only=True) as store:
        return entries(store, name=name)


def sides_by_article(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT article_id, actor_name, actor_country, actor_sectors, actor_role, "
            "recipient_name, recipient_country, recipient_sectors, recipient_role "
            "FROM events ORDER BY article_id, seq"
        ).fetchall()
    found: dict[str, list[tuple[object, ...]]] = {}
    for row in rows:
        found.setdefault(str(row[0]), []).append(row[1:])
    return found


@pytest.mark.parametrize("order", ["one run", "one run per article, newest first"])
def test_actors_knowledge_bare_name_resolves_across_articles_with_a_role_change(
    coder: Coder, tmp_path: Path, order: str
) -> None:
    ids = list(ARTICLES)
    runs = [ids] if order == "one run" else [[i] for i in reversed(ids)]
    db = code_runs(coder, tmp_path / "in", tmp_path / "kb.duckdb", runs)
    sides = sides_by_article(db)
    bare_2020 = [s for s in sides["2-paris-2020-11-20"] if s[0] == "Rauf Guliyev"]
    bare_2021 = [s for s in sides["4-moscou-2021-09-14"] if s[0] == "Rauf Guliyev"]
    # The Paris dispatch names him bare: minister then (not French, as the dateline guessed).
    assert bare_2020 and all(s[1:4] == ("AZE", ["GOV"], MINISTER) for s in bare_2020)
    # The Moscow dispatch comes after he became Prime Minister.
    assert bare_2021 and all(s[1:4] == ("AZE", ["GOV"], PRIME) for s in bare_2021)
    learned = known(db, name="guliyev")
    assert [(e.role, e.first_seen, e.last_seen, e.articles, e.source) for e in learned] == [
        (MINISTER, "2020-03-03", "2020-03-03", 1, "learned"),
        (PRIME, "2021-05-10", "2021-05-10", 1, "learned"),
    ]


@pytest.mark.parametrize("runs", [2])
def test_actors_knowledge_result_does_not_depend_on_coding_order(
    coder: Coder, tmp_path: Path, runs: int
) -> None:
    ids = list(ARTICLES)
    whole = code_runs(coder, tmp_path / "a", tmp_path / "whole.duckdb", [ids])
    split = [ids[1::2], ids[0::2]][:runs]  # the bare names are coded before the titles
    pieces = code_runs(coder, tmp_path / "b", tmp_path / "pieces.duckdb", split)
    assert sides_by_article(pieces) == sides_by_article(whole)
    assert known(pieces) == known(whole)
