"""Sentence → events on the real parse, as (sentence, expected (type, actor, recipient)) pairs."""

from __future__ import annotations

import pytest

from wirecoder.actors.reference import ArticleContext
from wirecoder.pipeline import Coder
from wirecoder.records import Event

from conftest import coded_triples


def _events(coder: Coder, text: str) -> list[Event]:
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text)
    found: list[Event] = []
    for sentence in doc.sents:
        found.extend(coder.extractor.sentence_events(sentence, text, ctx, "t"))
    return found


def _triples(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.type, e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le ministre turc des Affaires étrangères s'est entretenu avec son homologue géorgien.",
            ("CONSULT", "TUR", "GEO"),
        ),
        (
            # PLOVER's visit mode: the visitor acts, the host receives
            "Le président géorgien a été reçu par le Premier ministre arménien.",
            ("CONSULT", "GEO", "ARM"),
        ),
        ("Le gouvernement iranien a condamné la Turquie.", ("ACCUSE", "IRN", "TUR")),
        (
            "Le gouvernement tunisien a fait part de son étonnement face à la décision "
            "de l'Algérie.",
            ("ACCUSE", "TUN", "DZA"),
        ),
        (
            "Le parti d'opposition marocain a accueilli avec scepticisme l'offre de l'Espagne.",
            ("ACCUSE", "MAR", "ESP"),
        ),
        (  # the manner hung on a noun of the object's phrase, and a quantity of it
            "Le parti d'opposition marocain a accueilli l'offre du gouvernement espagnol avec "
            "beaucoup de scepticisme.",
            ("ACCUSE", "MAR", "ESP"),
        ),
        ("Le ministre russe a félicité le gouvernement kazakh.", ("SUPPORT", "RUS", "KAZ")),
        (
            "Le ministre azerbaïdjanais a dénoncé les provocations de l'Arménie.",
            ("ACCUSE", "AZE", "ARM"),
        ),
        (
            "Le ministre turc a présenté ses félicitations au gouvernement géorgien.",
            ("SUPPORT", "TUR", "GEO"),
        ),
    ],
)
def test_events_extract_type_and_sides(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(_events(coder, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Premier ministre hongrois a taclé la Commission européenne.", ("ACCUSE", "HUN", "EU")),
        ("Le président tchadien a recadré le gouvernement soudanais.", ("ACCUSE", "TCD", "SDN")),
        (
            "« C'est une honte », a lancé le ministre kényan à propos de la décision ougandaise.",
            ("ACCUSE", "KEN", "UGA"),
        ),
        (
            "Le chef de l'opposition togolaise a qualifié l'élection de « mascarade ».",
            ("ACCUSE", "TGO", None),  # the election: no side named, no home country here
        ),
    ],
)
def test_events_extract_blame_verbs_and_words(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(_events(coder, text))


@pytest.mark.parametrize(
    "text",
    [
        "L'Azerbaïdjan et le Pakistan entretiennent des relations amicales.",
        "Le ministre turc a souligné l'importance de la région.",
        "Les habitants de Niamey sont accablés par la chaleur.",  # no side: not a blame
    ],
)
def test_events_extract_no_event(coder: Coder, text: str) -> None:
    assert _events(coder, text) == []


@pytest.mark.parametrize(
    ("text", "aux_mode", "negated"),
    [
        ("Le gouvernement russe avait toujours soutenu la Serbie.", "historical", False),
        ("Le gouvernement russe n'a pas soutenu la Serbie.", None, True),
    ],
)
def test_events_extract_aux_mode_and_negation(
    coder: Coder, text: str, aux_mode: str | None, negated: bool
) -> None:
    [event] = _events(coder, text)
    assert (event.type, event.aux_mode, event.negated) == ("SUPPORT", aux_mode, negated)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Le ministre a quitté Moscou sans rencontrer son homologue russe.", True),
        ("Le ministre n'a pas réussi à rencontrer son homologue russe.", True),
        ("Le ministre a réussi à rencontrer son homologue russe.", False),
        ("Le ministre a pu rencontrer son homologue russe à Moscou.", False),
    ],
)
def test_events_extract_an_act_not_done_under_sans_or_a_negated_implicative(
    coder: Coder, text: str, negated: bool
) -> None:
    [event] = _events(coder, text)
    assert (event.type, event.negated) == ("CONSULT", negated)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Le gouvernement russe soutiendra la Serbie dans ce dossier.", "AGREE"),
        ("Le ministre turc se rendra à Bakou la semaine prochaine.", "AGREE"),
    ],
)
def test_events_extract_future_acts_are_promises(coder: Coder, text: str, type_: str) -> None:
    [event] = _events(coder, text)
    assert (event.type, event.aux_mode) == (type_, "future")


@pytest.mark.parametrize(
    ("text", "types"),
    [("Le gouvernement congolais accuse le Rwanda de soutenir les rebelles.", ["ACCUSE"])],
)
def test_events_extract_infinitive_content_is_not_an_event(
    coder: Coder, text: str, types: list[str]
) -> None:
    assert [e.type for e in _events(coder, text)] == types


@pytest.mark.parametrize(
    ("text", "actors"),
    [("La Russie et la Chine ont condamné la Turquie.", {"RUS", "CHN"})],
)
def test_events_extract_coordinated_subjects(coder: Coder, text: str, actors: set[str]) -> None:
    events = _events(coder, text)
    assert {e.actor.code for e in events if e.actor} == actors


@pytest.mark.parametrize("text", ["Le ministre turc a félicité le gouvernement géorgien."])
def test_events_extract_scores_and_evidence(coder: Coder, text: str) -> None:
    [event] = _events(coder, text)
    assert (event.cameo, event.quad_class) == ("050", 1)
    assert event.goldstein is not None and event.goldstein > 0
    assert text[event.evidence.start : event.evidence.end].strip() == event.evidence.sentence
    assert event.evidence.trigger == "a félicité"
    assert 0 < event.confidence <= 1


# -- rules added for issue 3 (sentences written for these tests) ------------------------------


def _coded(coder: Coder, text: str, home: str | None) -> set[tuple[str, str | None, str | None]]:
    """(type, actor, recipient) of a text coded as one article whose country is ``home``."""
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text)
    ctx.home = home
    ctx.mentions = coder.extractor.resolver.country_counts(doc)
    found: list[Event] = []
    for sentence in doc.sents:
        found.extend(coder.extractor.sentence_events(sentence, text, ctx, "t"))
    return _triples(found)


def _coded_list(coder: Coder, text: str, home: str | None) -> list[tuple[str, ...]]:
    """(type, actor, recipient) of every event (one per mention, unfolded), as ``_coded``."""
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text, home=home)
    ctx.mentions = coder.extractor.resolver.country_counts(doc)
    return [
        (e.type, str(e.actor.code if e.actor else None), str(e.recipient and e.recipient.code))
        for sentence in doc.sents
        for e in coder.extractor.sentence_events(sentence, text, ctx, "t")
    ]


def _check(coder: Coder, text: str, home: str | None, expected: set[tuple[str, ...]]) -> None:
    coded = _coded(coder, text, home)
    for triple in expected:
        assert triple in coded, coded


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le tribunal de Kaboul a condamné deux journalistes britanniques à cinq ans de prison.",
            "AFG",
            {("SANCTION", "AFG", "GBR")},
        ),
        (
            "La cour suprême a condamné l'État ghanéen à verser une indemnité aux familles.",
            "GHA",
            {("SANCTION", "GHA", "GHA")},
        ),
        (
            "Le ministre serbe a qualifié ces sanctions d'illégales.",
            "SRB",
            {("ACCUSE", "SRB", "SRB")},
        ),
        (  # "d'" before a guillemet is parsed as "d" + "'"
            "Le ministre serbe a qualifié ces sanctions d'« inacceptables ».",
            "SRB",
            {("ACCUSE", "SRB", "SRB")},
        ),
        ("Un militant marocain a été expulsé vers l'Espagne.", "DZA", {("COERCE", "DZA", "MAR")}),
        (
            "Le ministère péruvien a violemment réagi contre la décision chilienne.",
            "PER",
            {("ACCUSE", "PER", "CHL")},
        ),
    ],
)
def test_events_extract_complement_readings(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    "text", ["Le gouvernement ghanéen a condamné l'attaque contre le poste frontière."]
)
def test_events_extract_condemnation_without_sentence_stays_accuse(coder: Coder, text: str) -> None:
    assert {t[0] for t in _coded(coder, text, "GHA")} == {"ACCUSE"}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le gouvernement malien a promis de poursuivre la guerre contre les rebelles touareg.",
            "MLI",
            {("THREATEN", "MLI", "MLI")},
        ),
        (
            "La junte a promis de remettre le pouvoir aux civils avant la fin de l'année.",
            "GIN",
            {("CONCEDE", "GIN", "GIN")},
        ),
        (
            "Le ministre turc a menacé de fermer la frontière aux camions iraniens.",
            "TUR",
            {("THREATEN", "TUR", "IRN")},
        ),
    ],
)
def test_events_extract_intent_verbs_take_their_content_type(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Les rebelles ont mené une attaque contre une caserne de l'armée nigérienne.",
            "NER",
            {("ASSAULT", "NER", "NER")},
        ),
        (
            "La police tunisienne a procédé à des dizaines d'arrestations.",
            "TUN",
            {("COERCE", "TUN", "TUN")},
        ),
        (
            "L'armée nord-coréenne a procédé au tir de deux missiles balistiques.",
            "KOR",
            {("MOBILIZE", "PRK", None)},
        ),
    ],
)
def test_events_extract_support_verb_subject_acts(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Les marines chilienne et péruvienne ont entamé des exercices conjoints.", {"CHL", "PER"}),
        (
            "Les armées malienne et nigérienne mènent des patrouilles mixtes à la frontière.",
            {"MLI", "NER"},
        ),
    ],
)
def test_events_extract_joint_acts_cooperate(coder: Coder, text: str, pair: set[str]) -> None:
    coded = _coded(coder, text, None)
    assert {(t[0], frozenset(t[1:])) for t in coded} == {("COOPERATE", frozenset(pair))}


@pytest.mark.parametrize(
    "text",
    [
        "L'armée chilienne a entamé des exercices dans le désert.",
        "Les deux ministres sont convenus d'organiser des exercices conjoints à l'automne.",
    ],
)
def test_events_extract_not_joint_or_promised_is_no_cooperation(coder: Coder, text: str) -> None:
    assert "COOPERATE" not in {t[0] for t in _coded(coder, text, "CHL")}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le gouvernement tchadien a déployé plusieurs centaines de policiers dans la capitale.",
            "TCD",
            {("MOBILIZE", "TCD", None)},
        ),
        ("Le parti au pouvoir a exclu trois de ses députés.", "SEN", {("SANCTION", "SEN", "SEN")}),
    ],
)
def test_events_extract_quantities_stand_for_what_they_count(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "La Commission européenne, qui regrette la décision de Moscou, a convoqué une réunion.",
            "BEL",
            {("ACCUSE", "EU", "RUS")},
        ),
        (
            "Le ministre, qui dénonce les provocations de l'Arménie, a quitté la salle.",
            "AZE",
            {("ACCUSE", "AZE", "ARM")},
        ),
    ],
)
def test_events_extract_relative_pronoun_is_its_antecedent(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Des milliers de personnes se sont rassemblées devant le Parlement.", "ARM"),
        (
            "Des centaines d'étudiants se sont rassemblés à Tunis pour dénoncer la réforme.",
            "TUN",
        ),
    ],
)
def test_events_extract_reflexive_read_as_passive_protest(
    coder: Coder, text: str, home: str
) -> None:
    assert ("PROTEST", home, home) in _coded(coder, text, home)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le ministre arménien a rejeté la proposition de l'Azerbaïdjan.",
            "ARM",
            {("REJECT", "ARM", "AZE")},
        ),
        (
            "Le ministère kirghiz a salué la décision de Douchanbé.",
            "KGZ",
            {("SUPPORT", "KGZ", "TJK")},
        ),
        (
            "Le gouvernement algérien a rejeté la proposition d'une médiation marocaine.",
            "DZA",
            {("REJECT", "DZA", "MAR")},
        ),
    ],
)
def test_events_extract_side_behind_a_thing(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    coded = _coded(coder, text, home)
    _check(coder, text, home, expected)
    assert "CONSULT" not in {t[0] for t in coded}  # the médiation is only proposed


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "L'armée sud-coréenne a placé ses unités en état d'alerte.",
            "KOR",
            {("MOBILIZE", "KOR", None)},
        ),
        (
            "Des hommes armés ont pris en otage trois employés d'une ONG locale.",
            "MLI",
            {("ASSAULT", "MLI", "MLI")},
        ),
        (  # "pointer du doigt X": the parse hangs X on "doigt"
            "Les syndicats nigériens pointent du doigt la responsabilité du gouvernement tchadien.",
            "NER",
            {("ACCUSE", "NER", "TCD")},
        ),
        (
            "Les députés tchadiens pointent du doigt le ministre nigérien.",
            "TCD",
            {("ACCUSE", "TCD", "NER")},
        ),
        (
            "Les opposants kényans pointent du doigt le président ougandais.",
            "KEN",
            {("ACCUSE", "KEN", "UGA")},
        ),
    ],
)
def test_events_extract_prepositional_phrases(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le ministre azerbaïdjanais a remercié Tachkent pour son soutien.",
            "AZE",
            {("SUPPORT", "AZE", "UZB")},
        ),
        (
            "La police ougandaise a arrêté mercredi à Kampala quatre ressortissants kényans.",
            "UGA",
            {("COERCE", "UGA", "KEN")},
        ),
    ],
)
def test_events_extract_objects_the_parse_misplaces(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Pyongyang a procédé à un tir de missile balistique. "
            "Le ministère sud-coréen de la Défense a dénoncé une provocation grave.",
            "KOR",
            {("ACCUSE", "KOR", "PRK")},
        ),
        (
            "L'armée russe a bombardé un village. Le ministère géorgien a dénoncé un crime.",
            "GEO",
            {("ACCUSE", "GEO", "RUS")},
        ),
    ],
)
def test_events_extract_reaction_answers_the_last_doer(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (  # the attack's doer is unknown: the condemnation blames no one named
            "Une journaliste tchadienne affirme avoir été agressée dans la rue. Ses collègues "
            "vont porter plainte. Le gouvernement tchadien a condamné les agressions contre "
            "les journalistes.",
            "TCD",
            ("ACCUSE", "TCD", None),
        ),
        ("Le gouvernement nigérien a dénoncé un acte lâche.", "NER", ("ACCUSE", "NER", None)),
        (  # a doer named for the last attack is the one blamed
            "Des soldats soudanais ont attaqué un village. Le porte-parole des rebelles a "
            "démissionné. Le gouvernement tchadien a condamné les attaques à répétition.",
            "TCD",
            ("ACCUSE", "TCD", "SDN"),
        ),
    ],
)
def test_events_extract_a_condemned_deed_blames_its_doer(
    coder: Coder, text: str, home: str, expected: tuple[str, ...]
) -> None:
    coded = _coded(coder, text, home)
    assert expected in coded
    assert not {t for t in coded if t[0] == "ACCUSE" and t != expected}, coded


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Des miliciens ont incendié un marché. Le commissaire de l'Union africaine a fait "
            "savoir qu'il pourrait s'agir d'un crime. Les ONG, dont Amnesty International, "
            "ont condamné ces violences.",
            "TCD",
            {("ACCUSE", "AI", "TCD")},
        ),
    ],
)
def test_events_extract_reaction_never_answers_who_only_spoke(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "« Ces violences sont inadmissibles », juge le ministère tunisien de l'Intérieur.",
            {("ACCUSE", "TUN", "TUN")},
        ),
        (
            "Le ministre turc a estimé que la décision de Berlin était inacceptable.",
            {("ACCUSE", "TUR", "DEU")},
        ),
        (
            # the parse takes the quotation for the subject and the speaker for an object
            "« C'est un exemple d'ingérence étrangère », a déclaré Ahmed Karimov, chef de la "
            "diplomatie ouzbèke.",
            {("ACCUSE", "UZB", "UZB")},
        ),
        (  # the object of a linking verb is a predicate
            "Le ministère russe a estimé que ces frappes américaines constituaient une violation "
            "flagrante du droit international.",
            {("ACCUSE", "RUS", "USA")},
        ),
        (  # a quotation running on into a sentence of its own: its speaker says the verdict
            "Le ministre algérien a déclaré : « Nous avons reçu la lettre. Ces accusations sont "
            "inacceptables. »",
            {("ACCUSE", "DZA", "DZA")},
        ),
        (  # approval told as a feeling
            "Le ministre portugais s'est dit « très rassuré » par la décision de l'Espagne.",
            {("SUPPORT", "PRT", "ESP")},
        ),
        (  # what "il s'agit de" identifies is a predicate
            "Le ministre turc a estimé qu'il s'agit d'une provocation de la Syrie.",
            {("ACCUSE", "TUR", "SYR")},
        ),
        (  # a claim in the conditional, said through "faire savoir"
            "Des soldats soudanais ont incendié un village. Le commissaire tchadien a fait "
            "savoir qu'il pourrait s'agir de crimes de guerre.",
            {("ACCUSE", "TCD", "SDN")},
        ),
    ],
)
def test_events_extract_verdicts_in_reported_speech(
    coder: Coder, text: str, expected: set[tuple[str, ...]]
) -> None:
    home = next(iter(expected))[1]
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Le ministre turc a estimé que toute nouvelle frappe serait inacceptable.", "TUR"),
        ("Le Figaro accuse une baisse de ses ventes.", "FRA"),
        ("Le président a reçu une décoration.", "FRA"),
        # a thing whose complement names a state is no guest ("un cadeau du Japon")
        ("Le président sénégalais a reçu une statue sculptée du Mali.", "SEN"),
        ("Le président sénégalais a accueilli un tableau du Mali dans son palais.", "SEN"),
        # a thing stopped, a right violated, a seat won: another sense than an act on people
        ("L'exploitant a arrêté deux réacteurs de la centrale.", "JPN"),
        ("Deux réacteurs ont dû être arrêtés après la panne.", "JPN"),
        ("Le décret a violé la liberté de la presse, selon le syndicat.", "SEN"),
        ("Le candidat républicain espère enlever trois États clés.", "USA"),
        # a portfolio handed out is no meeting, nor is the next clause's subject its name
        ("Paul Durand reçoit la Culture, Marc Petit récupère l'Intérieur.", "FRA"),
        ("Les soldats se sont rendus après trois jours de combat.", "SYR"),
    ],
)
def test_events_extract_other_senses_are_no_event(coder: Coder, text: str, home: str) -> None:
    assert _coded(coder, text, home) == set()


@pytest.mark.parametrize(
    ("text", "post"),
    [
        # the city an embassy is posted in is part of the actor's phrase, not the recipient
        (
            "Le quotidien fait tout, avec le soutien de l'ambassade du Canada à Tunis, pour "
            "rapatrier sa photographe.",
            "Tunis",
        ),
        (
            "Le quotidien fait tout, avec l'aide de l'ambassade du Canada au Caire, pour "
            "rapatrier sa photographe.",
            "Caire",
        ),
    ],
)
def test_events_extract_the_actors_own_words_are_no_recipient(
    coder: Coder, text: str, post: str
) -> None:
    events = _events(coder, text)
    assert events and all(e.recipient is None or e.recipient.text != post for e in events)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # a trip's destination hung on the traveller is still the recipient
        (
            "La visite du ministre turc de l'Économie, Ali Demir, en Géorgie s'est achevée mardi.",
            "GEO",
            ("CONSULT", "TUR", "GEO"),
        ),
        # a recipient outside the actor's phrase stays
        (
            "L'ambassade de France à Dakar a apporté son soutien au gouvernement malien.",
            "SEN",
            ("SUPPORT", "FRA", "MLI"),
        ),
    ],
)
def test_events_extract_recipients_beside_the_actors_phrase_stay(
    coder: Coder, text: str, home: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _coded(coder, text, home)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # people, not things: the act on them stands
        ("La police a arrêté deux trafiquants de drogue.", "JPN", ("COERCE", "JPN", "JPN")),
        (
            "Deux militants ont dû être arrêtés après la manifestation.",
            "JPN",
            ("COERCE", "JPN", "JPN"),
        ),
        (
            "Des hommes armés ont enlevé trois touristes allemands.",
            "MLI",
            ("ASSAULT", "MLI", "DEU"),
        ),
    ],
)
def test_events_extract_acts_on_people_keep_their_sense(
    coder: Coder, text: str, home: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _coded(coder, text, home)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # a passive infinitive with no subject of its own: the speaker above is its patient
        (
            "Le journaliste américain dit avoir été arrêté par la police turque.",
            "TUR",
            ("COERCE", "TUR", "USA"),
        ),
        (
            "Le diplomate japonais affirme avoir été menacé par des militants chinois.",
            "CHN",
            ("THREATEN", "CHN", "JPN"),
        ),
    ],
)
def test_events_extract_a_controlled_passive_is_done_to_the_subject_above(
    coder: Coder, text: str, home: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _coded(coder, text, home)


@pytest.mark.parametrize(
    "text",
    [
        # a clause with its own subject: the speaker is no patient
        "Le journaliste américain affirme que trois militants turcs ont été arrêtés par la police.",
        "Le journaliste américain affirme que la police a arrêté trois militants turcs.",
    ],
)
def test_events_extract_a_speaker_is_no_patient_of_a_clause(coder: Coder, text: str) -> None:
    coded = _coded(coder, text, "TUR")
    assert coded and all(recipient != "USA" for _, _, recipient in coded)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # a body or a group of people is a guest, named by its own head
        (
            "Le président sénégalais a reçu une délégation du Mali.",
            "SEN",
            ("CONSULT", "MLI", "SEN"),
        ),
        (
            "Le président sénégalais a reçu des dizaines de députés maliens.",
            "SEN",
            ("CONSULT", "MLI", "SEN"),
        ),
    ],
)
def test_events_extract_a_guest_named_by_its_head_is_received(
    coder: Coder, text: str, home: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _coded(coder, text, home)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("Un journaliste a été abattu devant son domicile.", "MEX", {("ASSAULT", "MEX", "MEX")}),
        (
            "Trois humanitaires ont été enlevés dans le nord du pays.",
            "MLI",
            {("ASSAULT", "MLI", "MLI")},
        ),
        (
            "Le Japon s'est engagé à financer la reconstruction de trois ponts.",
            "BGD",
            {("AGREE", "JPN", "BGD")},
        ),
    ],
)
def test_events_extract_unnamed_sides(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Selon l'ONG, les soldats tchadiens auraient arrêté une centaine d'opposants.",
            "TCD",
            {("ACCUSE", "TCD", "TCD")},
        ),
        (
            "Le gouvernement malien affirme que des militaires français auraient tué des civils.",
            "MLI",
            {("ACCUSE", "MLI", "FRA")},
        ),
    ],
)
def test_events_extract_unconfirmed_acts_are_allegations(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    coded = _coded(coder, text, home)
    _check(coder, text, home, expected)
    assert not {"ASSAULT", "COERCE"} & {t[0] for t in coded}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La Banque africaine de développement a accordé à cette occasion un prêt de 45 "
            "millions de dollars à la Mauritanie.",
            ("AID", "AFDB", "MRT"),
        ),
        (
            "Le Japon a accordé à cette occasion un don de vingt millions au Bangladesh.",
            ("AID", "JPN", "BGD"),
        ),
    ],
)
def test_events_extract_recipient_inside_the_phrase_object(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(_events(coder, text))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le gouvernement géorgien n'a pas commenté les arrestations de manifestants."),
        ("fr", "Le ministère russe commentera les sanctions de l'UE contre la Biélorussie."),
        ("en", "The Georgian government did not comment on the police's arrests of protesters."),
        ("en", "The Russian ministry will comment on the arrests of protesters by the police."),
    ],
)
def test_events_extract_a_verb_of_saying_does_not_qualify_the_act_it_names(
    coder: Coder, english: Coder, lang: str, text: str
) -> None:
    [result] = (coder if lang == "fr" else english).code_many([text])
    events = result.events
    assert events
    assert all(not e.negated and e.aux_mode is None for e in events)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le parti d'opposition marocain a accueilli avec scepticisme l'offre de l'Espagne.",
            "MAR",
            [("ACCUSE", "MAR", "ESP")],
        ),
        (
            "Le ministre kényan a remercié la Norvège pour son soutien constant.",
            "KEN",
            [("SUPPORT", "KEN", "NOR")],
        ),
    ],
)
def test_events_extract_noun_restating_its_verb_is_one_act(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    events = _coded_list(coder, text, home)
    assert sorted(events) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le ministre ouzbek a invité son homologue azerbaïdjanais à se rendre en Ouzbékistan.",
            "UZB",
            [("AGREE", "UZB", "AZE")],
        ),
        (
            "Le ministre ouzbek a invité les autorités afghanes à cesser les combats.",
            "UZB",
            [("REQUEST", "UZB", "AFG")],
        ),
    ],
)
def test_events_extract_invitation_to_visit_is_a_promise(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Les gendarmes maliens ont été alertés et ont réussi à évacuer les habitants du "
            "village.",
            "MLI",
            {("AID", "MLI", "MLI")},
        ),
    ],
)
def test_events_extract_active_verb_shares_a_passive_subject(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le gouvernement sénégalais n'accepte pas le plan de la Gambie.",
            "SEN",
            [("REJECT", "SEN", "GMB", False)],
        ),
        (
            "Le gouvernement sénégalais accepte le plan de la Gambie.",
            "SEN",
            [("AGREE", "SEN", "GMB", False)],
        ),
    ],
)
def test_events_extract_refusing_to_accept_is_a_rejection(
    coder: Coder, text: str, home: str, expected: list[tuple[object, ...]]
) -> None:
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text, home=home)
    events = [
        (e.type, e.actor and e.actor.code, e.recipient and e.recipient.code, e.negated)
        for sentence in doc.sents
        for e in coder.extractor.sentence_events(sentence, text, ctx, "t")
    ]
    assert events == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("Le candidat a promis le changement aux électeurs.", "FRA", []),
        (
            "Le ministre japonais s'est engagé à financer la reconstruction des ponts.",
            "BGD",
            [("AGREE", "JPN", "BGD")],
        ),
        ("Le Maroc a promis une aide à la Mauritanie.", "MAR", [("AGREE", "MAR", "MRT")]),
    ],
)
def test_events_extract_pledge_to_no_side_is_no_agreement(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            # no "à": it names, it asks nothing; a name in quotes is an epithet (speech.epithet)
            "Le député avait appelé la ministre « la châtelaine de Neuilly ».",
            "FRA",
            [("ACCUSE", "FRA", "FRA")],
        ),
        (
            "Le CICR a appelé les autorités soudanaises à respecter les civils.",
            "SDN",
            [("REQUEST", "ICRC", "SDN")],
        ),
        ("Le ministre tchadien a appelé au calme.", "TCD", [("REQUEST", "TCD", "TCD")]),
        # no addressee and an act named with its object, no side in them: asked of no one
        (
            "Le porte-parole tchadien a appelé à la création d'un comité indépendant.",
            "TCD",
            [("REQUEST", "TCD", "None")],
        ),
        (
            "Le syndicat tchadien a appelé à la suspension des négociations.",
            "TCD",
            [("REQUEST", "TCD", "None")],
        ),
        # a side inside what is asked: the story's fallback as before
        (
            "Le syndicat tchadien a appelé à la démission du ministre de la Justice.",
            "TCD",
            [("REQUEST", "TCD", "TCD")],
        ),
        (
            # the parse hangs "à libérer" on the statement
            "L'Union européenne a appelé dans un communiqué les autorités géorgiennes à libérer "
            "les manifestants.",
            "GEO",
            [("REQUEST", "EU", "GEO")],
        ),
    ],
)
def test_events_extract_appeler_asks_only_with_a(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile and Peru have upgraded their diplomatic ties to ambassadorial level.",
            {("SUPPORT", "CHL", None), ("SUPPORT", "PER", None)},
        ),
        (
            "Ghana and Togo signed a treaty of friendship on Monday.",
            {("SUPPORT", "GHA", None), ("SUPPORT", "TGO", None)},
        ),
    ],
)
def test_events_extract_coordinated_actors_aim_at_no_one_of_themselves(
    english: Coder, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert coded_triples(english, text, negated=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "sont convenus": être as the auxiliary of an active verb, parsed aux:pass
            "La ministre kényane s'est entretenue avec son homologue somalien. "
            "Les deux ministres sont convenus de créer une commission conjointe.",
            ("AGREE", "KEN", "SOM"),
        ),
    ],
)
def test_events_extract_compound_tense_with_etre_is_active(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Les rebelles enlevèrent deux soldats maliens près de Gao.", False),  # passé simple
        ("La princesse fut enlevée par des pirates.", False),
        ("Les rebelles ont enlevé deux soldats maliens près de Gao.", True),
    ],
)
def test_events_extract_history_told_as_a_story_is_no_event(
    coder: Coder, text: str, coded: bool
) -> None:
    assert bool(coded_triples(coder, text)) == coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenyan doctors donated and personally delivered medicine to a hospital in Mogadishu.",
            ("AID", "KEN", "SOM"),
        ),
        (
            "Iran condemned and rejected the Security Council resolution.",
            ("ACCUSE", "IRN", "UN"),
        ),
    ],
)
def test_events_extract_coordinated_verbs_share_the_last_ones_complements(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(english, text, negated=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "demande" tagged as the noun, with a subject of its own
            "Le secrétaire général du syndicat, encore en fonction jusqu'en mars, demande au "
            "gouvernement des mesures contre les licenciements.",
            ("REQUEST", "FRA", "FRA"),
        ),
    ],
)
def test_events_extract_verb_read_as_its_noun_homograph(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Le séisme a tué quarante personnes dans le nord du Népal.", False),
        ("Trois ponts ont été détruits par le cyclone au Bangladesh.", False),
        ("Trois ponts ont été détruits par l'armée israélienne à Gaza.", True),
    ],
)
def test_events_extract_a_force_of_nature_is_no_side(coder: Coder, text: str, coded: bool) -> None:
    assert any(t[0] == "ASSAULT" for t in coded_triples(coder, text)) == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Quatre randonneurs ont été blessés dans un accident près de Grenoble.", False),
        ("Trois alpinistes ont été tués lors d'une avalanche dans les Alpes.", False),
        ("Deux soldats ont été tués lors d'une embuscade dans le nord du pays.", True),
    ],
)
def test_events_extract_a_mishap_is_no_act(coder: Coder, text: str, coded: bool) -> None:
    assert any(t[0] == "ASSAULT" for t in coded_triples(coder, text)) == coded


@pytest.mark.parametrize(
    ("text", "type_", "coded"),
    [
        ("Le satellite se détruit lors de sa rentrée dans l'atmosphère.", "ASSAULT", False),
        ("Le conducteur refusait de s'arrêter au poste de contrôle.", "COERCE", False),
        ("Les policiers ont arrêté dix manifestants devant le parlement.", "COERCE", True),
    ],
)
def test_events_extract_a_material_act_done_to_oneself_is_no_act(
    coder: Coder, text: str, type_: str, coded: bool
) -> None:
    assert any(t[0] == type_ for t in coded_triples(coder, text)) == coded


@pytest.mark.parametrize(
    ("text", "home"),
    [("Deux moines se sont immolés par le feu dans la province du Sichuan.", "CHN")],
)
def test_events_extract_self_immolation_by_fire_is_a_protest(
    coder: Coder, text: str, home: str
) -> None:
    """A reflexive verb's "par" complement is its means, not a force of nature acting."""
    assert _coded_list(coder, text, home) == [("PROTEST", home, home)]


@pytest.mark.parametrize(
    "text",
    [
        "Le président malien a appelé à la libération des otages.",
        "Le rapporteur du Parlement européen a appelé au rejet du projet.",
    ],
)
def test_events_extract_what_a_call_asks_for_is_its_content(coder: Coder, text: str) -> None:
    assert {t[0] for t in coded_triples(coder, text)} == {"REQUEST"}


@pytest.mark.parametrize(
    ("text", "protest"),
    [
        ("Des milliers d'étudiants ont participé à une manifestation contre la réforme.", True),
        ("Des militants kényans ont pris part à un rassemblement devant le parlement.", True),
        ("La manifestation culturelle a attiré des milliers de visiteurs à Lyon.", False),
    ],
)
def test_events_extract_who_takes_part_in_a_protest_protests(
    coder: Coder, text: str, protest: bool
) -> None:
    assert any(t[0] == "PROTEST" for t in coded_triples(coder, text)) == protest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the parse hangs the subject on "a", not on the participle
            "Le gouvernement algérien a de son côté dénoncé les propos du ministre marocain.",
            ("ACCUSE", "DZA", "MAR"),
        ),
        (
            "La Russie a quant à elle critiqué la décision de Washington.",
            ("ACCUSE", "RUS", "USA"),
        ),
        (  # the participle read as a modifier of "côté", the object left on "ont"
            "Les Serbes ont de leur côté rejeté le plan du gouvernement kosovar.",
            ("REJECT", "SRB", "XKX"),
        ),
    ],
)
def test_events_extract_compound_tense_split_by_an_inserted_phrase(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre tchadien a fermement condamné les attaques à répétition contre les "
        "journalistes.",
    ],
)
def test_events_extract_a_condemnation_with_a_but_no_penalty_stays_accuse(
    coder: Coder, text: str
) -> None:
    assert {t[0] for t in _coded(coder, text, "TCD")} == {"ACCUSE"}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("La décision de Washington a exaspéré Pékin.", "CHN", ("ACCUSE", "CHN", "USA")),
        (
            "Le plan du gouvernement grec n'a pas satisfait les syndicats.",
            "GRC",
            ("ACCUSE", "GRC", "GRC"),
        ),
        ("Paris a été choqué par la décision de Londres.", "FRA", ("ACCUSE", "FRA", "GBR")),
    ],
)
def test_events_extract_a_feeling_stirred_is_the_object_s_disapproval(
    coder: Coder, text: str, home: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _coded(coder, text, home)


@pytest.mark.parametrize(
    "text", ["Le plan du gouvernement grec satisfait les syndicats.", "Il faut satisfaire Athènes."]
)
def test_events_extract_satisfying_is_no_event(coder: Coder, text: str) -> None:
    assert not _coded(coder, text, "GRC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La Russie a voté contre la résolution présentée par la France.",
            ("REJECT", "RUS", "FRA"),
        ),
    ],
)
def test_events_extract_voting_against_is_a_rejection(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "s'" parsed as a mark
            "Le président tunisien s'en est pris violemment au gouvernement algérien.",
            ("ACCUSE", "TUN", "DZA"),
        ),
        (
            "Le gouvernement rwandais a attaqué en justice le journal français.",
            ("ACCUSE", "RWA", "FRA"),
        ),
        ("Le président vénézuélien a haussé le ton contre la Colombie.", ("ACCUSE", "VEN", "COL")),
        (
            "Le ministre iranien a tiré à boulets rouges sur les États-Unis.",
            ("ACCUSE", "IRN", "USA"),
        ),
        ("Le ministre turc a pointé la responsabilité de la Grèce.", ("ACCUSE", "TUR", "GRC")),
        (
            "Le Kremlin a opposé une fin de non-recevoir à la demande de Kiev.",
            ("REJECT", "RUS", "UKR"),
        ),
        ("Le président serbe a repoussé la proposition du Kosovo.", ("REJECT", "SRB", "XKX")),
        ("Le ministre marocain a écarté la proposition de l'Algérie.", ("REJECT", "MAR", "DZA")),
    ],
)
def test_events_extract_criticism_and_refusal_phrases(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


def test_events_extract_a_lawsuit_is_no_attack(coder: Coder) -> None:
    text = "Le gouvernement rwandais a attaqué en justice le journal français."
    assert "ASSAULT" not in {t[0] for t in coded_triples(coder, text)}


def test_events_extract_a_rejection_by_a_vote_is_the_country_s(coder: Coder) -> None:
    text = "L'amendement proposé par le parti socialiste a été rejeté par 178 voix contre 99."
    assert any(t[:2] == ("REJECT", "FRA") for t in _coded(coder, text, "FRA"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the agent is the shot; who fired it is the accused
            "Le quotidien français Le Figaro annonce que le journaliste aurait été tué par un "
            "tir d'obus lancé par les rebelles de Homs.",
            ("ACCUSE", "FRA", "SYR"),
        ),
        ("Le ministre français a critiqué les rebelles de Homs.", ("ACCUSE", "FRA", "SYR")),
    ],
)
def test_events_extract_a_side_placed_by_its_city_or_its_act(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


def test_events_extract_a_closed_quotation_lends_no_speaker(coder: Coder) -> None:
    text = "Le ministre a déclaré : « Nous avons reçu la lettre. » C'est inacceptable, dit-on."
    assert not any(t[0] == "ACCUSE" for t in _coded(coder, text, "FRA"))


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "La commission kényane des droits de l'homme a annoncé l'ouverture d'une enquête "
            "sur les violences policières.",
            "KEN",
            ("ACCUSE", "KEN", "KEN"),
        ),
        (
            "Le Défenseur des droits a ouvert une enquête sur le comportement des gendarmes.",
            "FRA",
            ("ACCUSE", "FRA", "FRA"),
        ),
    ],
)
def test_events_extract_an_inquiry_opened_is_an_investigation(
    coder: Coder, text: str, home: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _coded(coder, text, home)


@pytest.mark.parametrize(
    "text",
    [
        "Selon une enquête de l'institut national de la statistique, le chômage a augmenté.",
        "Le président a demandé l'ouverture d'une enquête administrative.",
    ],
)
def test_events_extract_a_survey_or_a_requested_inquiry_is_no_investigation(
    coder: Coder, text: str
) -> None:
    assert not any(t[0] == "ACCUSE" for t in _coded(coder, text, "FRA"))


def test_events_extract_a_judged_quality_is_no_act(coder: Coder) -> None:
    text = "Le ministre tunisien a jugé choquant le comportement de l'ambassadeur algérien."
    assert _coded(coder, text, "TUN") == {("ACCUSE", "TUN", "DZA")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "« Nous condamnons fermement cette attaque », a déclaré le ministre malien de la "
            "Défense.",
            ("ACCUSE", "MLI", "MLI"),
        ),
        (
            "« Je dénonce l'attitude de Paris », a lancé le président algérien.",
            ("ACCUSE", "DZA", "FRA"),
        ),
        (  # the quotation runs on into a sentence of its own
            "Le ministre ivoirien a déclaré : « La situation est grave. Nous condamnons l'attaque "
            "du Burkina Faso. »",
            ("ACCUSE", "CIV", "BFA"),
        ),
    ],
)
def test_events_extract_first_person_in_a_quotation_is_its_speaker(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


def test_events_extract_an_attribution_after_the_quotation_names_the_judge(coder: Coder) -> None:
    text = (
        "« Il y a là une volonté de pourrir le débat qui est absolument scandaleuse », a "
        "déclaré le ministre algérien."
    )
    assert ("ACCUSE", "DZA", "DZA") in _coded(coder, text, "DZA")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "d'« inacceptables »" read as the object, the real object as its apposition
            "Le gouvernement nigérien a qualifié d'« inacceptables » les propos du président "
            "français.",
            ("ACCUSE", "NER", "FRA"),
        ),
        (
            "Les syndicats grecs ont claqué la porte des négociations avec le gouvernement.",
            ("REJECT", "GRC", "GRC"),
        ),
        (
            "Le Hamas a rejeté la proposition de cessez-le-feu présentée par l'Égypte.",
            ("REJECT", "PSE", "EGY"),
        ),
    ],
)
def test_events_extract_more_criticism_and_refusals(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


def test_events_extract_a_denied_verdict_through_a_linking_verb_is_none(coder: Coder) -> None:
    text = "Le ministre a estimé que ces tirs ne constituaient pas une violation de la trêve."
    assert not any(t[0] == "ACCUSE" for t in _coded(coder, text, "FRA"))


@pytest.mark.parametrize(
    "text", ["Le propriétaire devra retirer la page ; s'il refuse, l'hébergeur sera sanctionné."]
)
def test_events_extract_a_refusal_under_if_is_no_event(coder: Coder, text: str) -> None:
    assert not any(t[0] == "REJECT" for t in _coded(coder, text, "RUS"))


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Le gouvernement malien ne partage pas la position de la France.", True),
        ("Le gouvernement malien partage la position de la France.", False),
        ("Le Maroc et l'Algérie ne partagent pas de frontière ouverte.", False),
    ],
)
def test_events_extract_a_negated_attitude_to_a_side_s_view_is_disapproval(
    coder: Coder, text: str, coded: bool
) -> None:
    assert any(t[0] == "ACCUSE" for t in coded_triples(coder, text)) == coded


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le ministre marocain des Affaires étrangères est attendu à Nouakchott la semaine "
            "prochaine.",
            "MAR",
            [("AGREE", "MAR", "MRT")],
        ),
        (
            "Le président malien est attendu en Côte d'Ivoire pour une visite de deux jours.",
            "MLI",
            [("AGREE", "MLI", "CIV")],
        ),
        ("Le ministre français est attendu jeudi à Marseille.", "FRA", []),  # a trip at home
        ("La ministre française se rendra demain en Bretagne.", "FRA", []),
        ("Les résultats du scrutin sont attendus à la fin de la semaine.", "FRA", []),
    ],
)
def test_events_extract_expected_abroad_is_a_planned_visit(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le président a promis de travailler avec l'opposition pour sortir de la crise.",
            "SEN",
            [("AGREE", "SEN", "SEN")],
        ),
        ("Le président a promis de travailler avec son gouvernement.", "SEN", []),
    ],
)
def test_events_extract_promise_to_work_with_a_side_at_home(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (  # people named only generically, said who they are in the next sentence
            "Trois personnes ont été interpellées à Lisbonne. Il s'agit de deux Marocains et "
            "d'un Algérien.",
            "PRT",
            {("COERCE", "PRT", "MAR"), ("COERCE", "PRT", "DZA")},
        ),
        (  # a bare participle shares the passive's auxiliary: the arrested are no actor
            "Deux Tunisiens ont été arrêtés et placés en détention à Lisbonne.",
            "PRT",
            {("COERCE", "PRT", "TUN")},
        ),
    ],
)
def test_events_extract_arrested_people_named_later(
    coder: Coder, text: str, home: str, expected: set[tuple[str, str, str]]
) -> None:
    assert set(_coded_list(coder, text, home)) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (  # members stand for the group they belong to
            "Deux membres du PKK ont été interpellés à Lyon.",
            "FRA",
            {("COERCE", "FRA", "TUR")},
        ),
        (  # who claims an attack made it
            "Plusieurs attaques contre des villageois, revendiquées par les shebab, ont eu lieu.",
            "SOM",
            {("ASSAULT", "SOM", "SOM")},
        ),
        (  # a sentence with no court named: the story's courts
            "Le ressortissant kényan a été condamné à cinq ans de prison.",
            "UGA",
            {("SANCTION", "UGA", "KEN")},
        ),
    ],
)
def test_events_extract_members_claims_and_unnamed_courts(
    coder: Coder, text: str, home: str, expected: set[tuple[str, str, str]]
) -> None:
    assert set(_coded_list(coder, text, home)) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Des affrontements ont éclaté entre l'armée malienne et les rebelles touareg.",
            "MLI",
            {("ASSAULT", "MLI", "MLI")},
        ),
        (
            "Des négociations ont eu lieu entre Washington et Téhéran.",
            "USA",
            {("CONSULT", "USA", "IRN")},
        ),
    ],
)
def test_events_extract_joint_sides_on_the_verb_of_the_act(
    coder: Coder, text: str, home: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= set(_coded_list(coder, text, home))


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("L'armée nigérienne a été mise en état d'alerte.", "NER", [("MOBILIZE", "NER", "None")]),
        (
            "Le gouvernement nigérien a placé l'armée en état d'alerte.",
            "NER",
            [("MOBILIZE", "NER", "None")],
        ),
    ],
)
def test_events_extract_force_placed_on_alert_mobilizes(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the order hangs on the verb of saying
            "Le ministre tchadien a déclaré : « Mon appel est simple : libérez les otages. »",
            ("REQUEST", "TCD", "TCD"),
        ),
        (  # the attribution follows the order
            "« Retirez vos soldats de la frontière ! », a lancé le président nigérien.",
            ("REQUEST", "NER", "NER"),
        ),
    ],
)
def test_events_extract_an_order_in_the_imperative_is_a_request(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    coded = _coded(coder, text, expected[2])
    assert expected in coded
    assert not {t for t in coded if t[0] in {"RETREAT", "COERCE"}}, coded


def test_events_extract_an_order_names_no_recipient_by_its_object(coder: Coder) -> None:
    # the hostages are what is asked for, not who is asked: the demand is made at home
    text = "« Libérez les otages ! », a lancé le président malien."
    assert _coded(coder, text, "MLI") == {("REQUEST", "MLI", "MLI")}


def test_events_extract_a_verb_with_a_subject_is_no_order(coder: Coder) -> None:
    text = "Le ministre tchadien a déclaré : « Vous libérez les otages demain. »"
    assert not {t for t in _coded(coder, text, "TCD") if t[0] == "REQUEST"}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # regret for one's own act is a concession; it answers who protested just before
        (
            "Lomé a protesté contre la saisie du navire. Accra a exprimé ses regrets.",
            "GHA",
            {("CONCEDE", "GHA", "TGO")},
        ),
        (
            "Le ministre béninois a présenté ses regrets au Niger.",
            "BEN",
            {("CONCEDE", "BEN", "NER")},
        ),
        # a freeze on prices is conceded to who protests them
        (
            "Le gouvernement gabonais a annoncé le gel des prix du pain.",
            "GAB",
            {("CONCEDE", "GAB", "GAB")},
        ),
        # relief goods delivered, a quantity standing for what it counts
        (
            "L'Unicef a livré 300 tonnes de nourriture aux autorités tchadiennes.",
            "TCD",
            {("AID", "UNICEF", "TCD")},
        ),
        (
            "Le Maroc a apporté des médicaments aux habitants de Derna.",
            "LBY",
            {("AID", "MAR", "LBY")},
        ),
        # forces called home; an authorised passage opens access
        ("Le Burundi a rappelé ses troupes de Somalie.", "BDI", {("RETREAT", "BDI", "SOM")}),
        (
            "Le Tchad a autorisé le passage des convois du HCR.",
            "TCD",
            {("RETREAT", "TCD", "UNHCR")},
        ),
    ],
)
def test_events_extract_concessions_relief_and_withdrawals(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # a second demonym of a coordinated pair, read as a second subject or as a noun
        (
            "Les douanes belge et néerlandaise ont saisi une tonne de cocaïne lors d'une "
            "opération conjointe.",
            "BEL",
            {("COOPERATE", "BEL", "NLD")},
        ),
        # a ceasefire is each side's to the other
        (
            "Les armées éthiopienne et érythréenne observent une trêve.",
            "ETH",
            {("RETREAT", "ETH", "ERI"), ("RETREAT", "ERI", "ETH")},
        ),
        ("Le Hamas et Israël respectent un cessez-le-feu.", "ISR", {("RETREAT", "ISR", "PSE")}),
        # data shared is cooperation, not a meeting
        ("Le Togo a échangé ses fichiers avec le Bénin.", "TGO", {("COOPERATE", "TGO", "BEN")}),
    ],
)
def test_events_extract_coordinated_demonyms_and_mutual_ceasefires(
    coder: Coder, text: str, home: str, expected: set[tuple[str, ...]]
) -> None:
    _check(coder, text, home, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # coordinated signatories sign with each other (annotation guide: two events)
            "Le Ghana et le Togo ont signé lundi un accord de coopération douanière.",
            {("SUPPORT", "GHA", "TGO"), ("SUPPORT", "TGO", "GHA")},
        ),
        (
            "Le Pérou et la Bolivie ont ratifié le traité frontalier.",
            {("SUPPORT", "PER", "BOL"), ("SUPPORT", "BOL", "PER")},
        ),
        (  # a partner named: only with it
            "Le Ghana a signé un accord avec le Togo.",
            {("SUPPORT", "GHA", "TGO")},
        ),
    ],
)
def test_events_extract_coordinated_signatories_sign_with_each_other(
    coder: Coder, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert coded_triples(coder, text, negated=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le Sénégal et la Gambie ont inauguré jeudi le pont de Farafenni sur le fleuve Gambie.",
            {("COOPERATE", "SEN", "GMB")},
        ),
        (
            "La Tanzanie et l'Ouganda ont mis en service mardi une ligne à haute tension.",
            {("COOPERATE", "TZA", "UGA")},
        ),
        ("Le Niger a mis en service avec le Bénin un oléoduc.", {("COOPERATE", "NER", "BEN")}),
        (
            "Le Ghana et le Togo ont lancé un projet de corridor routier.",
            {("COOPERATE", "GHA", "TGO")},
        ),
        # one side's work is no act between sides
        ("Le président sénégalais a inauguré jeudi un nouveau marché à Dakar.", set()),
        ("Le Mali a lancé un projet d'irrigation dans la région de Ségou.", set()),
    ],
)
def test_events_extract_a_joint_work_needs_two_sides(
    coder: Coder, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert coded_triples(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BAMAKO, 3 mai 2024 (AFP) - Une patrouille de l'armée malienne a essuyé des tirs "
            "près de Gao.",
            ("ASSAULT", "firearms", "MLI", "MLI", ("MIL",)),
        ),
        (
            "ABUJA, 3 mai 2024 (AFP) - Un convoi de la police nigériane a essuyé une attaque "
            "dans l'État de Borno.",
            ("ASSAULT", None, "NGA", "NGA", ("COP",)),
        ),
    ],
)
def test_events_extract_who_comes_under_fire_is_the_target(
    coder: Coder, text: str, expected: tuple[object, ...]
) -> None:
    [event] = coder.code(text).events
    assert event.actor is not None and event.recipient is not None
    assert event.actor.text == ""  # an unnamed armed side
    found = (event.type, event.mode, event.actor.code, event.recipient.code)
    assert (*found, event.recipient.sectors) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a tour at home meets no one
            "PARIS, 3 mai 2024 (AFP) - Le Premier ministre a visité lundi les zones sinistrées "
            "du Var.",
            set(),
        ),
        (
            "PARIS, 3 mai 2024 (AFP) - Le ministre français des Affaires étrangères a visité lundi "
            "le Sénégal.",
            {("CONSULT", "FRA", "SEN")},
        ),
    ],
)
def test_events_extract_a_visit_needs_a_host(
    coder: Coder, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert coded_triples(coder, text) == expected


def test_events_extract_one_signatory_is_one_act(coder: Coder) -> None:
    events = _events(coder, "Le ministre ghanéen a ratifié la convention sur le climat.")
    assert [(e.type, e.actor and e.actor.code) for e in events] == [("SUPPORT", "GHA")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the parse takes the day for the object, the numeral for a phrase of the verb
            "Le parti au pouvoir au Gabon a exclu lundi trois de ses députés qui avaient "
            "voté contre le budget.",
            ("SANCTION", "GAB", "GAB"),
        ),
        (  # the object hung under the day
            "À Sfax, une centaine de chauffeurs de taxi tunisiens ont bloqué jeudi le port.",
            ("PROTEST", "TUN", "TUN"),
        ),
    ],
)
def test_events_extract_a_day_before_the_object_is_no_object(
    coder: Coder, text: str, expected: tuple[str, str, str | None]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Les forces tchadiennes et soudanaises respectent depuis lundi un cessez-le-feu au "
            "point de passage d'Adré.",
            {("RETREAT", "TCD", "SDN"), ("RETREAT", "SDN", "TCD")},
        ),
        (
            "Les forces russes et géorgiennes respectent depuis lundi un cessez-le-feu au point "
            "de passage de Roki.",
            {("RETREAT", "RUS", "GEO"), ("RETREAT", "GEO", "RUS")},
        ),
    ],
)
def test_events_extract_an_object_hung_on_a_time_complement(
    coder: Coder, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    from wirecoder.events.arguments import objects

    doc = coder.parser.parse(text)
    verb = next(t for t in doc if t.lemma_ == "respecter")
    assert [t.lemma_ for t in objects(verb)] == ["cessez-le-feu"]
    assert expected <= coded_triples(coder, text)


def test_events_extract_a_day_with_nothing_below_is_no_side(coder: Coder) -> None:
    from wirecoder.events.arguments import objects

    doc = coder.parser.parse("Le parti au pouvoir au Gabon a exclu lundi trois de ses députés.")
    verb = next(t for t in doc if t.lemma_ == "exclure")
    assert [t.text for t in objects(verb)] == ["trois"]
    doc = coder.parser.parse("Le gouvernement a annoncé la nouvelle lundi.")
    verb = next(t for t in doc if t.lemma_ == "annoncer")
    assert "lundi" not in [t.text for t in objects(verb)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the people struck by a disaster are the side relief is brought to
            "Le Maroc a acheminé un convoi de médicaments destiné aux sinistrés de Nouakchott.",
            ("AID", "MAR", "MRT"),
        ),
        (  # pupils' parents are civilians who may protest
            "DAKAR, 2 mai 2024 (AFP) - Des centaines de parents d'élèves ont bloqué la route "
            "nationale.",
            ("PROTEST", "SEN", "SEN"),
        ),
    ],
)
def test_events_extract_people_struck_and_parents_are_sides(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # relief operations taken in hand at home: aid to the country's people
            "WASHINGTON, 2 mai 2024 (AFP) - Le gouverneur du Texas a pris en main les "
            "opérations de secours après les inondations.",
            ("AID", "USA", "USA"),
        ),
        (
            "WASHINGTON, 2 mai 2024 (AFP) - Le sénateur américain a collecté des vivres lors "
            "d'un meeting.",
            ("AID", "USA", "USA"),
        ),
    ],
)
def test_events_extract_relief_operations_and_collections_are_aid(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        # an operation that is no relief
        "WASHINGTON, 2 mai 2024 (AFP) - Le gouverneur du Texas a pris en main les opérations "
        "de police.",
        # aid by a foreign side with no recipient named is aimed at no one
        "WASHINGTON, 2 mai 2024 (AFP) - Le Japon a acheminé un convoi de médicaments.",
    ],
)
def test_events_extract_no_relief_or_no_home_recipient(coder: Coder, text: str) -> None:
    assert ("AID", "USA", "USA") not in coded_triples(coder, text)
    assert ("AID", "JPN", "USA") not in coded_triples(coder, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # destruction by protesters is vandalism (manual: PROTEST vandalize)
            "TUNIS, 2 mai 2024 (AFP) - Des manifestants ont saccagé mardi la mairie de Sfax.",
            ("PROTEST", "vandalize"),
        ),
        (
            "TUNIS, 2 mai 2024 (AFP) - Des opposants au scrutin ont brûlé des urnes à Sfax.",
            ("PROTEST", "vandalize"),
        ),
        (  # by armed men it stays an attack
            "TUNIS, 2 mai 2024 (AFP) - Des hommes armés ont incendié mardi une église à Sfax.",
            ("ASSAULT", "destroy"),
        ),
    ],
)
def test_events_extract_destruction_by_protesters_is_vandalism(
    coder: Coder, text: str, expected: tuple[str, str]
) -> None:
    events = coder.code(text).events
    assert [(e.type, e.mode) for e in events] == [expected]


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (
            "Le syndicat des enseignants a appelé ses adhérents à voter pour le candidat "
            "socialiste.",
            "FRA",
            [("SUPPORT", "FRA", "FRA")],
        ),
        (
            "Le maire de Chicago appelle ce matin à voter pour le président sortant.",
            "USA",
            [("SUPPORT", "USA", "USA")],
        ),
        (  # a call to vote against stays the call it was
            "Le syndicat a appelé à voter contre la réforme.",
            "FRA",
            [("REQUEST", "FRA", "FRA")],
        ),
    ],
)
def test_events_extract_call_to_vote_for_is_an_endorsement(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


def test_events_extract_call_to_vote_for_a_named_candidate(coder: Coder) -> None:
    # the parse hangs the candidate's name as an adjunct (obl:mod) of "voter"
    text = (
        "Le gouverneur de Californie, Jerry Brown, appelle ce soir à voter pour Hillary Clinton "
        "à la primaire de mardi."
    )
    assert _coded_list(coder, text, "USA") == [("SUPPORT", "USA", "USA")]


def test_events_extract_voting_a_budget_for_a_sector_is_no_endorsement(coder: Coder) -> None:
    text = "Le Sénat devait voter hier le budget de la santé pour les hôpitaux."
    assert _coded_list(coder, text, "FRA") == []


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        (  # a demand voiced inside a protest is the protest's content
            "Un rassemblement a lieu devant la préfecture, où des agriculteurs demandent la "
            "baisse des taxes.",
            "FRA",
            [],
        ),
        (
            "« Nous exigeons la démission du gouverneur », a lancé Paul Martin, l'un des "
            "organisateurs de la manifestation.",
            "FRA",
            [],
        ),
        (  # a call to a protest is a call
            "Le syndicat a appelé le gouvernement à autoriser la manifestation.",
            "FRA",
            [("REQUEST", "FRA", "FRA")],
        ),
    ],
)
def test_events_extract_demands_inside_a_protest_are_no_requests(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [e for e in _coded_list(coder, text, home) if e[0] == "REQUEST"] == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # the law's unknown party is no side: the complaint is aimed at no one known
        ("La famille du militant a porté plainte contre X.", "FRA", [("ACCUSE", "FRA", "None")]),
        (
            "Le maire de Lyon va déposer une plainte contre inconnu.",
            "FRA",
            [("ACCUSE", "FRA", "None")],
        ),
    ],
)
def test_events_extract_complaint_against_persons_unknown_has_no_recipient(
    coder: Coder, text: str, home: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _coded_list(coder, text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wish in the conditional is no act
        ("Le ministre de l'Intérieur souhaiterait expulser les militants kurdes.", set()),
        ("Le gouvernement polonais voudrait expulser le diplomate russe.", set()),
        # told as done, the act stays
        ("Le ministre de l'Intérieur a expulsé les militants kurdes.", {"SANCTION"}),
    ],
)
def test_events_extract_a_wish_in_the_conditional_is_no_act(
    coder: Coder, text: str, expected: set[str]
) -> None:
    assert {t[0] for t in _coded(coder, text, "FRA")} == expected
