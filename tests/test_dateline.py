from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirecoder.actors.lexicon import LexiconError
from wirecoder.dateline import DatelineLexicon, parse_dateline
from wirecoder.ingest import read_paths
from wirecoder.records import Article, Dateline

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "examples" / "azertac-2021-02-10-islamabad.txt"
WIKINEWS = SHARED / "data" / "wikinews-fr-2012"

# Invented copy: Bordurie, Syldavie and Klow are fictional.
BODY = "Le ministre bordure s'est entretenu avec son homologue syldave."


@pytest.fixture(scope="module")
def lexicon() -> DatelineLexicon:
    return DatelineLexicon.load("fr")


def _parse(text: str, lexicon: DatelineLexicon, **meta: str) -> Dateline:
    return parse_dateline(Article(id="t", text=text, **meta), lexicon)


def _shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data sits beside the checkout in ../shared")
    return path


@pytest.mark.parametrize(
    ("header", "meta", "expected"),
    [
        (" date 2021-02 Klow, 10 février, AZERTAC\n\n", {}, ("Klow", "2021-02-10", "AZERTAC")),
        ("Bakou, 3 mars, AZERTAC\n", {"date": "2022-03-03"}, ("Bakou", "2022-03-03", "AZERTAC")),
        ("Bakou, 3 mars 2019, Trend\n\n", {}, ("Bakou", "2019-03-03", "Trend")),
        (" date 2021-01 Klow, 31 décembre, AZERTAC\n", {}, ("Klow", "2020-12-31", "AZERTAC")),
        (" date 2021-02\nKlow, 9 fév., azertac\n", {}, ("Klow", "2021-02-09", "AZERTAC")),
        ("Klow, 10 février, AZERTAC\n\n", {}, ("Klow", None, "AZERTAC")),  # no year known
    ],
)
def test_dateline_agency_closing_its_line(
    lexicon: DatelineLexicon, header: str, meta: dict[str, str], expected: tuple[str, ...]
) -> None:
    dateline = _parse(header + BODY, lexicon, **meta)
    assert (dateline.place, dateline.date, dateline.agency) == expected
    assert dateline.body_start == len(header)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("PARIS (AFP) - ", ("PARIS", "2021-03-05", "AFP")),
        ("PARIS (AFP) — ", ("PARIS", "2021-03-05", "AFP")),
        ("KLOW (Reuters) – ", ("KLOW", "2021-03-05", "Reuters")),
        ("Paris, 3 mars (AFP) -", ("Paris", "2021-03-03", "AFP")),
        ("Moscou, 3 mars (Reuters) - ", ("Moscou", "2021-03-03", "Reuters")),
        ("Klow, 28 février 2020 (afp) - ", ("Klow", "2020-02-28", "AFP")),
        ("Rio de Janeiro (EFE) - ", ("Rio de Janeiro", "2021-03-05", "EFE")),
        (
            "Saint-Denis, La Réunion, 2 mars (AFP) - ",
            ("Saint-Denis, La Réunion", "2021-03-02", "AFP"),
        ),
        ("KLOW (BTK) - ", ("KLOW", "2021-03-05", "BTK")),  # an unknown acronym is an agency
    ],
)
def test_dateline_agency_in_brackets(
    lexicon: DatelineLexicon, header: str, expected: tuple[str, ...]
) -> None:
    dateline = _parse(header + BODY, lexicon, date="2021-03-05")
    assert (dateline.place, dateline.date, dateline.agency) == expected
    assert dateline.body_start == len(header)


# Invented English copy; the headers follow each agency's house style.
EN_BODY = "The Bordurian foreign minister met his Syldavian counterpart."


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("KLOW, May 8 (Reuters) - ", ("KLOW", "2023-05-08", "Reuters")),
        ("KLOW, March 3. /TASS/. ", ("KLOW", "2023-03-03", "TASS")),
        ("KLOW, May 8 Kyodo - ", ("KLOW", "2023-05-08", "Kyodo")),
        ("KLOW, May 8 Kyodo News - ", ("KLOW", "2023-05-08", "Kyodo News")),
        ("Xinhua, KLOW, May 8 -- ", ("KLOW", "2023-05-08", "Xinhua")),
        ("Klow. March 3. INTERFAX - ", ("Klow", "2023-03-03", "Interfax")),
        ("NEW KLOW, May 8 (IANS) ", ("NEW KLOW", "2023-05-08", "IANS")),
        ("KLOW, Syldavia, Thursday (AP) — ", ("KLOW, Syldavia", "2023-05-04", "AP")),
        ("ST. KLOW, Sept. 2, 2021 (AP) — ", ("ST. KLOW", "2021-09-02", "AP")),
        ("(Bloomberg) -- ", (None, "2023-05-10", "Bloomberg")),
    ],
)
def test_dateline_english_wire_styles(header: str, expected: tuple[str | None, ...]) -> None:
    text = header + EN_BODY
    dateline = parse_dateline(Article(id="t", text=text, date="2023-05-10", lang="en"))
    assert (dateline.place, dateline.date, dateline.agency) == expected
    assert text[dateline.body_start :] == EN_BODY


@pytest.mark.parametrize(
    "text",
    [
        "The United Nations (UN) said the talks would resume.",
        "The ministry told Reuters - in a statement - that it would respond.",
        "Reuters - the agency - reported the talks.",
        "Officials (who asked not to be named) - said the talks failed.",
    ],
)
def test_dateline_english_story_openings_are_no_header(text: str) -> None:
    dateline = parse_dateline(Article(id="t", text=text, date="2023-05-10", lang="en"))
    assert (dateline.place, dateline.agency, dateline.body_start) == (None, None, 0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("Klow, jeudi (AFP) - ", ("Klow", "2023-05-04", "AFP"))],
)
def test_dateline_weekday_alone_is_the_last_such_day(
    lexicon: DatelineLexicon, header: str, expected: tuple[str, ...]
) -> None:
    dateline = _parse(header + BODY, lexicon, date="2023-05-10")
    assert (dateline.place, dateline.date, dateline.agency) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("16 juin 2012. – ", (None, "2012-06-16")),
        ("16 juin 2012. - ", (None, "2012-06-16")),
        ("samedi 16 juin 2012. - ", (None, "2012-06-16")),
        ("1er août 2012. - ", (None, "2012-08-01")),
        ("22 août 2012, Syldavie. - ", ("Syldavie", "2012-08-22")),
        ("2 juillet 2012. - Klow - ", ("Klow", "2012-07-02")),
        ("3 DÉCEMBRE 2012. - ", (None, "2012-12-03")),
    ],
)
def test_dateline_date_before_a_dash(
    lexicon: DatelineLexicon, header: str, expected: tuple[str | None, str]
) -> None:
    dateline = _parse(header + BODY, lexicon, date="1999-01-01")
    assert (dateline.place, dateline.date, dateline.agency) == (*expected, None)
    assert dateline.body_start == len(header)


@pytest.mark.parametrize(
    ("text", "body"),
    [("2 juillet 2012. - Le maire - qui hésitait - a parlé.", "Le maire - qui")],
)
def test_dateline_a_dash_in_the_story_is_not_a_place(
    lexicon: DatelineLexicon, text: str, body: str
) -> None:
    dateline = _parse(text, lexicon)
    assert dateline.place is None
    assert text[dateline.body_start :].startswith(body)


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "Le 3 mars, le ministre a parlé - puis il est parti.",
        "Paris (capitale) - une ville.",
        "Bonjour, le monde\nSuite.",
        "",
        "   \n  ",
    ],
)
def test_dateline_no_header(lexicon: DatelineLexicon, text: str) -> None:
    dateline = _parse(text, lexicon, date="2021-03-05")
    assert dateline == Dateline(place=None, date="2021-03-05", agency=None, body_start=0)


@pytest.mark.parametrize(
    "month", ["février", "fevrier", "FÉVRIER", "Février", "févr.", "fév.", "fev", "Fév."]
)
def test_dateline_month_spellings(lexicon: DatelineLexicon, month: str) -> None:
    dateline = _parse(f"Klow, 9 {month} 2021 (AFP) - {BODY}", lexicon)
    assert dateline.date == "2021-02-09"


@pytest.mark.parametrize("header", ["Klow, 31 février 2021 (AFP) - ", "30 février 2012. - "])
def test_dateline_impossible_date_is_none(lexicon: DatelineLexicon, header: str) -> None:
    dateline = _parse(header + BODY, lexicon)
    assert dateline.date is None
    assert dateline.body_start == len(header)


@pytest.mark.parametrize(
    ("header", "reference", "expected"),
    [
        ("Klow, 31 décembre (AFP) - ", "2021-01-02", "2020-12-31"),
        ("Klow, 2 janvier (AFP) - ", "2020-12-30", "2021-01-02"),
        ("Klow, 2 janvier (AFP) - ", "2020-12-30T23:00:00Z", "2021-01-02"),
        ("Klow, 2 janvier (AFP) - ", "not a date", None),
    ],
)
def test_dateline_year_nearest_the_reference(
    lexicon: DatelineLexicon, header: str, reference: str, expected: str | None
) -> None:
    assert _parse(header + BODY, lexicon, date=reference).date == expected


@pytest.mark.parametrize(("title", "header"), [("Klow rouvre sa frontière", "PARIS (AFP) - ")])
def test_dateline_after_a_title_line(lexicon: DatelineLexicon, title: str, header: str) -> None:
    text = f"{title}\n{header}{BODY}"
    dateline = _parse(text, lexicon, title=title)
    assert dateline.agency == "AFP"
    assert text[dateline.body_start :] == BODY


@pytest.mark.parametrize(("lead", "header"), [("Une courte introduction.", "4 juillet 2012. - ")])
def test_dateline_after_a_lead_paragraph(lexicon: DatelineLexicon, lead: str, header: str) -> None:
    text = f"{lead}\n\n{header}{BODY}"
    dateline = _parse(text, lexicon)
    assert dateline.date == "2012-07-04"
    assert text[dateline.body_start :] == BODY


@pytest.mark.parametrize("lang", ["xx"])
def test_dateline_unknown_language_says_what_to_do(lang: str) -> None:
    with pytest.raises(LexiconError, match=f"add src/wirecoder/lexicons/{lang}/dateline.yaml"):
        DatelineLexicon.load(lang)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"months": {"janvier": 13}}, "month 'janvier'"),
        ({"months": {"janvier": 1}, "agencies": "AFP"}, "agencies must be a list"),
        ({"weekdays": ["lundi"]}, "no months"),
        ({"months": {"janvier": 1}, "weekdays": {"lundi": 0}}, "weekday 'lundi'"),
        ({"months": ["janvier"]}, "months must map"),
        (["janvier"], "expected a mapping"),
    ],
)
def test_dateline_malformed_lexicon_is_named(raw: object, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        DatelineLexicon.from_data(raw, lang="fr", where="test.yaml")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dateline_lexicon_data_is_complete(lang: str) -> None:
    lexicon = DatelineLexicon.load(lang)
    assert set(lexicon.months.values()) == set(range(1, 13))
    assert set(lexicon.weekday_numbers.values()) == set(range(1, 8))
    assert set(lexicon.weekdays) == set(lexicon.weekday_numbers)
    assert {"AFP", "Reuters", "AZERTAC", "TASS", "Xinhua", "dpa"} <= set(lexicon.agencies.values())
    assert DatelineLexicon.load(lang) is lexicon  # read once


@pytest.mark.parametrize("lang", [None])
def test_dateline_default_lexicon_is_french(lang: str | None) -> None:
    dateline = parse_dateline(Article(id="t", text=f"PARIS (AFP) - {BODY}", lang=lang))
    assert dateline.agency == "AFP"


HEADERS = st.sampled_from(
    [
        "",
        " date 2021-02 ",
        "Klow, 10 février, AZERTAC\n",
        "PARIS (AFP) - ",
        "Paris, 3 mars (",
        "16 juin 2012. - ",
        "22 août 2012, ",
        "Titre\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(prefix=HEADERS, text=st.text(), date=st.one_of(st.none(), st.text(max_size=12)))
def test_dateline_never_raises_on_any_text(prefix: str, text: str, date: str | None) -> None:
    lexicon = DatelineLexicon.load("fr")
    article = Article(id="t", text=prefix + text, date=date, title="Titre")
    dateline = parse_dateline(article, lexicon)
    assert 0 <= dateline.body_start <= len(article.text)


@pytest.mark.parametrize("path", [REFERENCE])
def test_dateline_reference_dispatch(lexicon: DatelineLexicon, path: Path) -> None:
    [article] = read_paths([_shared(path)], lang="fr")
    assert isinstance(article, Article)
    dateline = parse_dateline(article, lexicon)
    assert (dateline.place, dateline.date, dateline.agency) == (
        "Islamabad",
        "2021-02-10",
        "AZERTAC",
    )
    assert article.text[dateline.body_start :].startswith("L'ambassadeur")


@pytest.mark.parametrize("folder", [WIKINEWS])
def test_dateline_wikinews_matches_the_gold_datelines(
    lexicon: DatelineLexicon, folder: Path
) -> None:
    gold_file = _shared(folder / "gold.jsonl")
    gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines()]
    assert gold
    for record in gold:
        [article] = read_paths([folder / f"{record['id']}.html"], lang="fr")
        assert isinstance(article, Article)
        dateline = parse_dateline(article, lexicon)
        expected = record["dateline"]
        found = {"place": dateline.place, "date": dateline.date, "agency": dateline.agency}
        assert found == expected, record["id"]
        assert dateline.body_start > 0, record["id"]
