"""Noun phrase → actor on the real parse: (context, sentence, subject) → expected codes."""

from __future__ import annotations

import pytest

from wirecoder.actors.reference import ArticleContext, group_members
from wirecoder.actors.resolve import ActorResolver
from wirecoder.pipeline import Coder
from wirecoder.records import Actor


def _subject(coder: Coder, text: str) -> list[Actor]:
    """Resolve the subject of the last sentence of ``text``, reading the earlier ones first."""
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text)
    resolver = coder.extractor.resolver
    sentences = list(doc.sents)
    for sentence in sentences:
        resolver.register(sentence, ctx)
    root = sentences[-1].root
    subject = next(c for c in root.children if c.dep_.startswith("nsubj"))
    return resolver.resolve(subject, ctx)


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("La CGT a protesté.", "FRA", "SOC"),
        ("Le Medef a protesté.", "FRA", "BUS"),
        ("L'UMP a protesté.", "FRA", "PTY"),
        ("Le PSOE a protesté.", "ESP", "PTY"),
        ("Force ouvrière a protesté.", "FRA", "SOC"),
        ("Les Vingt-Sept ont protesté.", "EU", "GOV"),  # the Union by its member count
        ("Les Européens ont protesté.", "EU", "GOV"),
    ],
)
def test_actors_resolve_parties_unions_and_agencies(
    coder: Coder, text: str, code: str, sector: str
) -> None:
    actor = _subject(coder, text)[0]
    assert (actor.code, actor.sectors[:1]) == (code, (sector,))


@pytest.mark.parametrize(
    ("text", "code", "sectors", "role", "name"),
    [
        ("La Russie a protesté.", "RUS", ("GOV",), None, None),
        ("Le gouvernement pakistanais a protesté.", "PAK", ("GOV",), None, None),
        ("Les forces armées arméniennes ont tiré.", "ARM", ("MIL",), None, None),
        (
            "L'ambassadeur d'Azerbaïdjan en Turquie, Ilkin Rasoulov, a parlé.",
            "AZE",
            ("GOV",),
            "ambassadeur",
            "Ilkin Rasoulov",
        ),
        ("Le général Tariq Mahmood a parlé.", None, ("MIL",), "général", "Tariq Mahmood"),
        ("Le Kremlin a protesté.", "RUS", ("GOV",), None, None),
        ("Moody's a critiqué la Grèce.", "USA", ("BUS",), None, None),
        ("L'agence Moody's a critiqué la Grèce.", "USA", ("BUS",), None, None),
        ("Le parti UMP a critiqué le gouvernement.", "FRA", ("PTY",), None, None),
        ("L'OTAN a protesté.", "NATO", ("MIL",), None, None),
        ("La droite a protesté.", None, ("PTY",), None, None),
        ("Le chef du Conseil national syrien a protesté.", "SYR", ("GOV",), "chef", None),
        ("Une base de l'armée kényane a été visée.", "KEN", ("MIL",), None, None),
    ],
)
def test_actors_resolve_phrase(
    coder: Coder,
    text: str,
    code: str | None,
    sectors: tuple[str, ...],
    role: str | None,
    name: str | None,
) -> None:
    actor = _subject(coder, text)[0]
    assert (actor.code, actor.sectors[: len(sectors)], actor.role, actor.name) == (
        code,
        sectors,
        role,
        name,
    )


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        (
            "Le ministre kazakh des Affaires étrangères, Aslan Nourmagambetov, a reçu "
            "l'ambassadeur. Aslan Nourmagambetov a ensuite parlé aux journalistes.",
            "KAZ",
            "Aslan Nourmagambetov",
        ),
        (
            "Le ministre kazakh des Affaires étrangères, Aslan Nourmagambetov, a reçu "
            "l'ambassadeur. Nourmagambetov a ensuite parlé aux journalistes.",
            "KAZ",
            "Aslan Nourmagambetov",
        ),
        (
            "Le ministre kazakh des Affaires étrangères, Aslan Nourmagambetov, a reçu "
            "l'ambassadeur. Il a ensuite parlé aux journalistes.",
            "KAZ",
            "Aslan Nourmagambetov",
        ),
        (
            "L'ambassadeur de Turquie, Mehmet Demir, a reçu les journalistes. "
            "Le diplomate a ensuite parlé de la coopération.",
            "TUR",
            "Mehmet Demir",
        ),
    ],
)
def test_actors_resolve_reference_within_the_article(
    coder: Coder, text: str, code: str, name: str
) -> None:
    actor = _subject(coder, text)[0]
    assert (actor.code, actor.name) == (code, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Le parti sénégalais a exclu trois de ses députés. L'un d'eux, Mamadou Sarr, a "
            "dénoncé une décision « arbitraire » et a refusé de rendre son mandat.",
            "Mamadou Sarr",
        ),
        ("Le parti sénégalais a exclu trois de ses députés. L'un d'eux a protesté.", None),
    ],
)
def test_actors_resolve_a_pronoun_is_the_name_in_apposition_to_it(
    coder: Coder, text: str, name: str | None
) -> None:
    actors = _subject(coder, text)
    assert [a.name for a in actors] == ([name] if name else [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (  # a relative: the same surname, another first name, is another person
            "Le ministre kényan Daniel Otieno a parlé aux journalistes. "
            "Grace Otieno a ensuite répondu.",
            "Grace Otieno",
        ),
        (  # a civility is no first name: one person
            "Le ministre kényan Daniel Otieno a parlé aux journalistes. "
            "Mme Otieno a ensuite répondu.",
            "Daniel Otieno",
        ),
        (  # an initial is the first name's: one person
            "Le ministre kényan Daniel Otieno a parlé aux journalistes. "
            "D. Otieno a ensuite répondu.",
            "Daniel Otieno",
        ),
    ],
)
def test_actors_resolve_a_shared_surname_is_a_relative_only_with_another_first_name(
    coder: Coder, text: str, name: str
) -> None:
    actor = _subject(coder, text)[0]
    assert (actor.code, actor.name) == ("KEN", name)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Amnesty International a publié un rapport sur les prisons du Tchad. "
            "L'ONG dénonce des détentions arbitraires.",
            "AI",
        ),
        (
            # the Court is named last, but an NGO noun takes up the last NGO
            "Human Rights Watch cite un avis de la Cour pénale internationale. "
            "L'ONG réclame une enquête.",
            "HRW",
        ),
        (
            "L'Organisation mondiale de la santé a alerté le Niger. "
            "L'organisation demande des fonds.",
            "WHO",
        ),
    ],
)
def test_actors_resolve_organisation_noun_takes_up_the_last_body(
    coder: Coder, text: str, code: str
) -> None:
    assert [a.code for a in _subject(coder, text)] == [code]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Plusieurs ONG, dont Amnesty International, ont protesté.", ["AI"]),
        ("Les pays voisins, dont le Niger et le Tchad, ont protesté.", ["NER", "TCD"]),
        ("Les grandes puissances, dont la France, ont protesté.", ["FRA"]),
    ],
)
def test_actors_resolve_group_given_by_its_members(
    coder: Coder, text: str, codes: list[str]
) -> None:
    assert [a.code for a in _subject(coder, text)] == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [("Le peuple et le gouvernement géorgiens ont protesté.", ["GEO", "GEO"])],
)
def test_actors_resolve_coordination_shares_the_country(
    coder: Coder, text: str, codes: list[str]
) -> None:
    assert [a.code for a in _subject(coder, text)] == codes


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("La police a arrêté des militants à Tbilissi. La Géorgie et la Géorgie.", "GEO"),
        ("Rien ici.", None),
        ("La Géorgie a protesté.", None),
    ],
)
def test_actors_home_country_is_the_most_named(coder: Coder, text: str, home: str | None) -> None:
    resolver = coder.extractor.resolver
    assert resolver.home_country(resolver.country_counts(coder.parser.parse(text))) == home


@pytest.mark.parametrize("preferred", ["PAK"])
def test_actors_home_country_prefers_the_dateline(coder: Coder, preferred: str) -> None:
    resolver = coder.extractor.resolver
    counts = resolver.country_counts(coder.parser.parse("La Géorgie a protesté."))
    assert resolver.home_country(counts, preferred) == preferred


@pytest.mark.parametrize("phrase", ["les parties", "les deux pays"])
def test_actors_groups_are_the_last_pair(coder: Coder, phrase: str) -> None:
    ctx = ArticleContext()
    first, second = Actor(text="a", country="AZE"), Actor(text="b", country="PAK")
    ctx.remember_pair(first, second)
    assert group_members(phrase, coder.actors, ctx) == [first, second]


@pytest.mark.parametrize(
    ("counts", "dateline", "home"),
    [
        ({"PAK": 3, "AZE": 1}, "PAK", "PAK"),  # the dateline's country, named
        ({"AZE": 1}, "PAK", "PAK"),  # another named once: not enough to overrule
        ({"BLR": 2}, "CHE", "BLR"),  # never named, another named twice: a reporter's hub
        ({}, "CHE", "CHE"),  # nothing named at all
        ({"BLR": 2, "POL": 3}, None, "POL"),  # no dateline: the most named
        ({"MMR": 1}, None, None),  # named once ("une junte birmane"): no evidence
        ({"BLR": 2, "POL": 2}, None, None),  # a tie: none is the story's
        ({}, None, None),
    ],
)
def test_actors_home_country_a_dateline_the_story_never_names(
    counts: dict[str, int], dateline: str | None, home: str | None
) -> None:
    assert ActorResolver.home_country(counts, dateline) == home


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Democratic People's Republic of Korea fired a missile.", "PRK"),
        ("Israel's Defence Ministry issued a statement.", "ISR"),
    ],
)
def test_actors_resolve_english_name_with_a_possessive(
    english: Coder, text: str, code: str
) -> None:
    assert _subject(english, text)[0].code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vladimir Poutine a mis en garde les Occidentaux.", "RUS"),  # a French spelling
        ("Le cofondateur du site, Julian Assange, a protesté.", "AUS"),  # no office, a state
        ("Le président Barack Obama a protesté.", "USA"),
        # a name after a title that the tagger reads as an adjective ("Obama" ADJ amod)
        ("Le président Obama a mis sa campagne entre parenthèses.", "USA"),
        ("Jean Dupont a protesté.", None),  # a name the list does not hold
    ],
)
def test_actors_resolve_french_people_take_their_state(
    coder: Coder, text: str, code: str | None
) -> None:
    assert _subject(coder, text)[0].code == code


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Le Parti socialiste tunisien a protesté.", "TUN", "PTY"),
        ("Le Parti socialiste sénégalais a protesté.", "SEN", "PTY"),
        ("Le Parti socialiste français a protesté.", "FRA", "PTY"),
        ("Le Parti socialiste a protesté.", "FRA", "PTY"),
    ],
)
def test_actors_resolve_a_party_name_with_another_states_adjective_is_of_that_state(
    coder: Coder, text: str, code: str, sector: str
) -> None:
    actor = _subject(coder, text)[0]
    assert (actor.code, actor.sectors[:1]) == (code, (sector,))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Putin warned the West on Friday.", "RUS"),  # a surname alone
        ("President Emmanuel Macron flew to Dakar.", "FRA"),  # a title with no country
        ("The Merkel government approved the budget.", "DEU"),  # a leader as a modifier
        ("Erdogan's spokesman denied the report.", "TUR"),  # a leader's possessive
        ("Sheikh Hamad bin Khalifa al-Thani met the envoy.", "QAT"),  # a full name after a title
        ("Laura Abbas criticised the plan.", None),  # a surname alone ends no other name
        ("John Smith criticised the plan.", None),  # a name the list does not hold
    ],
)
def test_actors_resolve_english_leader_takes_the_state(
    english: Coder, text: str, code: str | None
) -> None:
    assert _subject(english, text)[0].code == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("U.S. and Russian negotiators met in Geneva.", ["USA", "RUS"]),
        ("French and Spanish police arrested ten suspects.", ["FRA", "ESP"]),
        ("The Liberation Tigers of Tamil Eelam rejected the offer.", ["LKA"]),
    ],
)
def test_actors_resolve_english_coordinated_modifiers_are_several_sides(
    english: Coder, text: str, codes: list[str]
) -> None:
    assert [a.code for a in _subject(english, text)] == codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the hyphenated title is tagged PROPN; "unies" hangs on it, cutting the name in two
        (
            "Mardi, Amara Diallo, haute-commissaire des Nations unies aux droits de l'homme, "
            "a protesté.",
            "UN",
        ),
        ("La haute-commissaire des Nations unies aux réfugiés a protesté.", "UN"),
    ],
)
def test_actors_resolve_a_title_the_parse_reads_as_a_name(
    coder: Coder, text: str, code: str
) -> None:
    assert [a.code for a in _subject(coder, text)] == [code]


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        # a part, most or a number of a group stand for the group
        ("La plupart des députés maliens ont protesté.", "MLI", "LEG"),
        ("Une partie des policiers tunisiens a protesté.", "TUN", "COP"),
        # not a side of talks named by its demonym
        ("La partie azerbaïdjanaise a protesté.", "AZE", "GOV"),
    ],
)
def test_actors_resolve_parts_of_a_group_stand_for_it(
    coder: Coder, text: str, code: str, sector: str
) -> None:
    actor = _subject(coder, text)[0]
    assert (actor.code, actor.sectors[:1]) == (code, (sector,))


@pytest.mark.parametrize(
    ("text", "itself"),
    [
        ("Le maire a accueilli une partie de la collection du musée japonais.", False),
        ("Le maire a accueilli une statue du Japon.", False),
        ("Le maire a accueilli une partie de la délégation japonaise.", True),
        ("Le maire a accueilli le ministre japonais.", True),
    ],
)
def test_actors_resolve_names_itself_only_by_its_head(
    coder: Coder, text: str, itself: bool
) -> None:
    doc = coder.parser.parse(text)
    obj = next(t for t in doc if t.dep_ == "obj")
    assert coder.extractor.resolver.names_itself(obj) is itself


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # an international force of no state is the military alliance the story names
        (
            "L'OTAN dirige la mission en Afghanistan. Les forces internationales ont riposté.",
            "NATO",
        ),
        (
            "Les forces de la coalition internationale ont riposté, selon l'Alliance atlantique.",
            "NATO",
        ),
        # no alliance named: no code of its own
        ("Le Mali a remercié la France. Les forces internationales ont riposté.", None),
        # a force of one state is that state's, whatever alliance is named
        ("L'OTAN a protesté. Les forces afghanes ont riposté.", "AFG"),
    ],
)
def test_actors_resolve_coalition_forces_are_the_named_alliance(
    coder: Coder, text: str, code: str | None
) -> None:
    actors = _subject(coder, text)
    assert (actors[0].code if actors else None) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a city below a thing or an event is where it was, not the side's state
        ("La médaillée des jeux de Tunis a protesté.", None),
        ("Le directeur du festival de Rabat a protesté.", None),
        # a city below a body, or right on the head, stands for its state
        ("Le porte-parole du gouvernement de Kiev a protesté.", "UKR"),
        ("Le gouvernement de Kiev a protesté.", "UKR"),
    ],
)
def test_actors_resolve_a_city_below_a_thing_is_a_place(
    coder: Coder, text: str, code: str | None
) -> None:
    actors = _subject(coder, text)
    assert (actors[0].code if actors else None) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a state announcing what it will do: the pronoun of the reported clause is the state
            "Le Kirghizistan a annoncé qu'il retirerait ses troupes de la frontière.",
            ("CONCEDE", "KGZ"),
        ),
        (
            "Le gouvernement libanais a déclaré qu'il retirerait ses soldats du sud.",
            ("CONCEDE", "LBN"),
        ),
    ],
)
def test_actors_resolve_a_reported_clause_pronoun_is_the_reporter(
    coder: Coder, text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(e.type, e.actor and e.actor.code) for e in coder.code(text).events}


def test_actors_resolve_a_reported_pronoun_of_another_gender_is_not_the_reporter(
    coder: Coder,
) -> None:
    # "elle" cannot be "le Kirghizistan": the last person of its gender is
    text = (
        "La ministre kazakhe a rencontré les journalistes. "
        "Le Kirghizistan a annoncé qu'elle retirerait ses troupes."
    )
    codes = {(e.type, e.actor and e.actor.code) for e in coder.code(text).events}
    assert ("CONCEDE", "KGZ") not in codes


@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        # a name the people list knows is still the person named before with their office
        ("Le président russe Vladimir Poutine est arrivé. Poutine a protesté.", "RUS", "président"),
        (
            "La chancelière allemande Angela Merkel est arrivée jeudi. Merkel a protesté.",
            "DEU",
            "chancelière",
        ),
    ],
)
def test_actors_resolve_a_listed_leader_takes_up_the_earlier_mention(
    coder: Coder, text: str, code: str, role: str
) -> None:
    actor = _subject(coder, text)[0]
    assert (actor.code, actor.role) == (code, role)
