"""English trigger rules on the real parse: obligations, conditions and ultimatums, as
(sentence, expected (type, actor, recipient)) pairs."""

from __future__ import annotations

import pytest

from wirecoder.pipeline import Coder

from conftest import coded_triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya said on Monday that Uganda must reopen the border crossing at once.",
            ("REQUEST", "KEN", "UGA"),
        ),
        (
            "The Peruvian foreign minister insisted that Chile must hand over the two suspects.",
            ("REQUEST", "PER", "CHL"),
        ),
        (
            "Brazil sent a firm reminder to Paraguay that it must respect the river treaty.",
            ("REQUEST", "BRA", "PRY"),
        ),
    ],
)
def test_events_triggers_obligation_is_a_request(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    triples = coded_triples(english, text, negated=False)
    assert expected in triples
    assert {t[0] for t in triples} == {"REQUEST"}  # what must be done is no event of its own


@pytest.mark.parametrize(
    "text",
    [
        "Norway will defend Denmark if it is attacked by Sweden.",
        "The Malian government would accept the plan if Niger withdrew its troops first.",
    ],
)
def test_events_triggers_conditions_are_not_events(english: Coder, text: str) -> None:
    triples = coded_triples(english, text, negated=False)
    assert not any(t[0] in {"ASSAULT", "RETREAT"} or t[1] in {"SWE", "NER"} for t in triples)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ghana said it will withdraw its troops from Togo unless the junta holds elections.",
            ("THREATEN", "GHA", "TGO"),
        ),
        (
            "Chile will recall its ambassador from Bolivia unless the arrested sailors are freed.",
            ("THREATEN", "CHL", "BOL"),
        ),
    ],
)
def test_events_triggers_ultimatum_is_a_threat(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    triples = coded_triples(english, text, negated=False)
    assert expected in triples
    assert not any(t[0] in {"RETREAT", "CONCEDE", "SANCTION"} for t in triples)


@pytest.mark.parametrize(
    ("text", "expected", "named"),
    [
        (
            "Chadian rebels rejected an appeal from the Nigerian president to disarm.",
            "REJECT",
            "REQUEST",
        ),
        ("Ecuador complained to the OAS about the Peruvian raids.", "ACCUSE", "COERCE"),
    ],
)
def test_events_triggers_noun_a_trigger_verb_answers_is_no_event(
    english: Coder, text: str, expected: str, named: str
) -> None:
    types = {t[0] for t in coded_triples(english, text, negated=False)}
    assert expected in types
    assert named not in types


@pytest.mark.parametrize(
    ("text", "main", "adjunct"),
    [
        (
            "Thousands of Kurds demonstrated in Diyarbakir on Sunday, demanding the release "
            "of their leader.",
            "PROTEST",
            "REQUEST",
        ),
        (
            "Romania rejected the Hungarian proposal, urging Budapest to withdraw it.",
            "REJECT",
            "REQUEST",
        ),
    ],
)
def test_events_triggers_participle_adjunct_tells_how_the_act_was_done(
    english: Coder, text: str, main: str, adjunct: str
) -> None:
    types = {t[0] for t in coded_triples(english, text, negated=False)}
    assert main in types
    assert adjunct not in types


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Kenyan teachers continued their hunger strike.", "hunger"),
        ("Turkish opposition parties continued their general strike.", "strike"),
    ],
)
def test_events_triggers_compound_noun_wins_over_its_head(
    english: Coder, text: str, mode: str
) -> None:
    events = english.code(text).events
    assert [(e.type, e.mode) for e in events] == [("PROTEST", mode)]


@pytest.mark.parametrize(
    ("text", "main", "background"),
    [
        (
            "Chile lifted the curfew in the province, where 20 people were killed in riots.",
            "CONCEDE",
            "ASSAULT",
        ),
        (
            "Italy recalled its ambassador from Libya after two Italian ships were attacked by "
            "gunboats.",
            "SANCTION",
            "ASSAULT",
        ),
        (
            "The Malian president resigned on Friday as rebels threatened to storm the capital.",
            "RETREAT",
            "THREATEN",
        ),
    ],
)
def test_events_triggers_background_of_another_act_is_no_event(
    english: Coder, text: str, main: str, background: str
) -> None:
    types = {t[0] for t in coded_triples(english, text, negated=False)}
    assert main in types
    assert background not in types


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The World Bank renewed its demand that Kenya lift restrictions on maize imports.",
            ("REQUEST", "WB", "KEN"),
        ),
        (
            "The African Union renewed its request that Sudan allow observers into Darfur.",
            ("REQUEST", "AU", "SDN"),
        ),
        (
            "Peru demanded on Monday that Ecuador refuse to recognize the rebel government.",
            ("REQUEST", "PER", "ECU"),
        ),
    ],
)
def test_events_triggers_noun_that_clause_is_the_content_of_the_demand(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    # what is demanded is no event of its own
    assert coded_triples(english, text, negated=False) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya complained to the United Nations on Monday about two Somali border raids.",
            ("ACCUSE", "KEN", "SOM"),
        ),
        ("Kenya complained to the African Union on Monday.", ("ACCUSE", "KEN", "AU")),
    ],
)
def test_events_triggers_complaint_aims_at_what_it_is_about(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert coded_triples(english, text, negated=False) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norway launched a mediation effort between Colombia and Venezuela on Saturday.",
            {("CONSULT", "NOR", "COL"), ("CONSULT", "NOR", "VEN")},
        ),
    ],
)
def test_events_triggers_compound_noun_takes_the_complements_of_its_head(
    english: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert coded_triples(english, text, negated=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bolivian miners stopped work on Monday over a new mining law.", "PROTEST"),
        ("Tunisian teachers went on strike on Monday.", "PROTEST"),
        ("Chilean truckers blocked traffic into the capital.", "PROTEST"),
        ("Argentine Kurds rioted in Buenos Aires on Monday.", "PROTEST"),
        ("Kenyan troops remained on alert along the border.", "MOBILIZE"),
        ("The Kyrgyz government received a team of observers from the OSCE.", "RETREAT"),
        ("The Indian army lifted its blockade of the Nepalese border town.", "RETREAT"),
        ("The Angolan government accepted demands from the rebels for new elections.", "CONCEDE"),
        ("The Sudanese president shortened the curfew in Khartoum by one hour.", "CONCEDE"),
        ("Iranian officials have been pressuring Iraq to close the camp.", "REQUEST"),
        ("Jordanian officials have shared evidence with Egypt about the plot.", "COOPERATE"),
        ("The World Food Programme halted food deliveries to the Somali camp.", "SANCTION"),
        (
            "Norwegian diplomats ended their mediation efforts between Colombia and Venezuela.",
            "SANCTION",
        ),
        ("Somali militias have sworn to fight the Ethiopian troops.", "THREATEN"),
        ("An American journalist has been put under investigation in Italy.", "ACCUSE"),
        ("Three opposition leaders were placed under arrest in Harare.", "COERCE"),
        (
            "The Arab League envoy undertook a mediation mission between Lebanon and Syria.",
            "CONSULT",
        ),
        ("President Macron gave a warm welcome on Thursday to the Nigerian president.", "CONSULT"),
        ("Kenya's high court opened a hearing into the killings.", "ACCUSE"),
        ("Archbishop Tutu called for sanctions against Zimbabwe on Sunday.", "ACCUSE"),
        ("Hungary plans to impose restrictions on imports from Ukraine.", "THREATEN"),
        ("The Kenyan president plans to visit Uganda next week.", "AGREE"),
    ],
)
def test_events_triggers_lexicon_classes_in_english(
    english: Coder, text: str, expected: str
) -> None:
    assert expected in {t[0] for t in coded_triples(english, text, negated=False)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya suspended its aid programme to Somalia.", ("SANCTION", "KEN", "SOM")),
        ("Ghana signed a trade agreement with Togo.", ("SUPPORT", "GHA", "TGO")),
    ],
)
def test_events_triggers_phrase_object_may_be_a_compound(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(english, text, negated=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # one attack, told by two verbs
            "Sudanese rebels killed three Chadian soldiers and wounded five others on Monday.",
            {("ASSAULT", "SDN", "TCD")},
        ),
        (  # two attacks on two targets
            "Israeli jets bombed Gaza and shelled southern Lebanon.",
            {("ASSAULT", "ISR", "PSE"), ("ASSAULT", "ISR", "LBN")},
        ),
    ],
)
def test_events_triggers_conjunct_of_the_same_act_is_one_event(
    english: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert coded_triples(english, text, negated=False) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan helicopters flew the wounded to Nairobi on Friday.",
        "Red Cross teams buried the dead near the border town.",
    ],
)
def test_events_triggers_participle_used_as_a_noun_is_no_act(english: Coder, text: str) -> None:
    assert "ASSAULT" not in {t[0] for t in coded_triples(english, text, negated=False)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Swiss doctors handed over medicine to a hospital in Bam, Iran, according to the "
            "Swiss Agency for Development.",
            {("AID", "CHE", "IRN")},
        ),
    ],
)
def test_events_triggers_according_to_names_no_recipient(
    english: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert coded_triples(english, text, negated=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya agreed to Norwegian mediation in the border talks with Somalia.",
            {("AGREE", "KEN", "NOR")},
        ),
        ("Kenya and Somalia held talks in Nairobi on Monday.", {("CONSULT", "KEN", "SOM")}),
    ],
)
def test_events_triggers_noun_telling_where_another_act_happened_is_no_event(
    english: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert coded_triples(english, text, negated=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ghana is investigating alleged crimes by Togolese soldiers in the north.",
            ("ACCUSE", "GHA", "TGO"),
        ),
        (
            "Kenya condemned the attack by Somali militants on the border town.",
            ("ACCUSE", "KEN", "SOM"),
        ),
    ],
)
def test_events_triggers_a_thing_stands_for_its_agent(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(english, text, negated=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Germany rejected calls by Belarus for economic aid, saying it was withholding it "
            "until elections are held.",
            {("REJECT", "DEU", "BLR")},
        ),
    ],
)
def test_events_triggers_what_the_actor_says_of_its_act_is_no_event(
    english: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert coded_triples(english, text, negated=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syria says it will not accept the Turkish proposal.", ("REJECT", "SYR", "TUR")),
        ("Kenya accepted the Ugandan proposal for talks.", ("AGREE", "KEN", "UGA")),
        ("The Zambian government met the miners' demands on Friday.", ("CONCEDE", "ZMB", "ZMB")),
    ],
)
def test_events_triggers_accepting_refused_is_a_rejection(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert coded_triples(english, text, negated=False) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ecuador demanded a truce with Peruvian forces along the border.",
            ("REQUEST", "ECU", "PER"),
        )
    ],
)
def test_events_triggers_demand_aims_at_whom_it_wants_a_truce_with(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert coded_triples(english, text, negated=False) == {expected}


@pytest.mark.parametrize("text", ["Kenya plans to build a new dam near the coast."])
def test_events_triggers_a_plan_of_nothing_coded_is_no_event(english: Coder, text: str) -> None:
    assert coded_triples(english, text, negated=False) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ethiopian troops engaged in the shelling of Eritrean positions.",
            ("ASSAULT", "ETH", "ERI"),
        ),
        (
            "Zimbabwean police participated in the arrests of opposition activists.",
            ("COERCE", "ZWE", "ZWE"),
        ),
    ],
)
def test_events_triggers_support_verb_with_a_preposition_names_the_actor(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(english, text, negated=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le président tchadien a décrit le chef rebelle Abakar Idriss comme « un petit "
            "seigneur de guerre ».",
            ("ACCUSE", "TCD", "TCD"),
        ),
        (
            "Le ministre kényan Daniel Otieno avait appelé le sénateur Paul Kamau « le roi des "
            "promesses ».",
            ("ACCUSE", "KEN", "KEN"),
        ),
    ],
)
def test_events_triggers_an_epithet_in_quotes_is_an_accusation(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text, negated=False)


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre tchadien a décrit la situation à Abéché comme « très préoccupante ».",
        "Le ministre kényan a qualifié son homologue ougandais de « partenaire précieux ».",
        "Le président tchadien a appelé les deux camps « à la retenue ».",
    ],
)
def test_events_triggers_no_epithet_for_a_thing_a_praise_or_a_call(coder: Coder, text: str) -> None:
    assert not any(t[0] == "ACCUSE" for t in coded_triples(coder, text, negated=False))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le gouvernement polonais a jugé la décision de Berlin inacceptable.",
            ("ACCUSE", "POL", "DEU"),
        ),
        (
            "Le ministre kényan trouve les propos du président ougandais choquants.",
            ("ACCUSE", "KEN", "UGA"),
        ),
        (
            "Le ministre kényan a jugé les résultats de l'Ouganda excellents.",
            ("SUPPORT", "KEN", "UGA"),
        ),
    ],
)
def test_events_triggers_a_verdict_on_the_object_of_a_deeming_verb(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert coded_triples(coder, text, negated=False) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement polonais n'a pas jugé la décision de Berlin inacceptable.",
        "Le gouvernement polonais jugerait une telle décision de Berlin inacceptable.",
        "Le ministre kényan a estimé la facture de l'Ouganda excessive.",
    ],
)
def test_events_triggers_no_verdict_negated_conditional_or_without_a_judgement_word(
    coder: Coder, text: str
) -> None:
    assert coded_triples(coder, text, negated=False) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pour le ministre kényan, la décision de l'Ouganda est inacceptable.",
            {("ACCUSE", "KEN", "UGA")},
        ),
        # no view of a side, no word of blame, the conditional: no verdict
        ("Pour la première fois, la décision de l'Ouganda est jugée inacceptable.", set()),
        ("Pour le ministre kényan, la décision de l'Ouganda est importante.", set()),
        ("Pour le ministre kényan, la décision de l'Ouganda serait inacceptable.", set()),
    ],
)
def test_events_triggers_a_verdict_given_as_a_sides_view(
    coder: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert coded_triples(coder, text, negated=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The Kenyan president described his Ugandan counterpart as "a puppet of foreign '
            'powers".',
            {("ACCUSE", "KEN", "UGA")},
        ),
        # a thing is no side; a call in quotes is a request, no epithet
        ('The Kenyan minister described the situation as "very worrying".', set()),
        ('The Kenyan president called on Uganda to "show restraint".', {("REQUEST", "KEN", "UGA")}),
    ],
)
def test_events_triggers_english_epithet_in_quotes_is_an_accusation(
    english: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert coded_triples(english, text, negated=False) == expected
