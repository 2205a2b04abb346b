"""Language per article: --lang, the record's own, else detected; others quarantined."""

from __future__ import annotations

import pytest

from wirecoder.detect import LanguageDetector, assign_languages
from wirecoder.records import Article, Quarantined

FRENCH = (
    "Le ministre des Affaires étrangères a reçu mardi l'ambassadeur du Japon pour discuter "
    "de la coopération entre les deux pays et de la situation dans la région."
)
ENGLISH = (
    "The foreign minister received the Japanese ambassador on Tuesday to discuss cooperation "
    "between the two countries and the situation in the region."
)
GERMAN = (
    "Der Außenminister empfing am Dienstag den japanischen Botschafter, um über die "
    "Zusammenarbeit der beiden Länder und die Lage in der Region zu sprechen."
)


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(("text", "lang"), [(FRENCH, "fr"), (ENGLISH, "en"), (GERMAN, "de")])
def test_detect_language_of_a_paragraph(detector: LanguageDetector, text: str, lang: str) -> None:
    assert detector.detect(text) == lang


def test_detect_assigns_installed_and_quarantines_the_rest(detector: LanguageDetector) -> None:
    items = [
        Article(id="fr", text=FRENCH),
        Quarantined("empty", "empty file"),
        Article(id="en", text=ENGLISH),
        Article(id="de", text=GERMAN),
    ]
    out = list(assign_languages(items, detector))
    assert [type(i).__name__ for i in out] == ["Article", "Quarantined", "Article", "Quarantined"]
    assert [a.lang for a in out if isinstance(a, Article)] == ["fr", "en"]
    reason = out[3].reason  # type: ignore[union-attr]
    assert "'de' has no model" in reason and "--lang" in reason


def test_detect_record_language_wins_and_override_wins_over_it() -> None:
    declared = Article(id="x", text=ENGLISH, lang="fr")  # the record says French
    [kept] = assign_languages([declared], None)
    assert isinstance(kept, Article) and kept.lang == "fr"
    [forced] = assign_languages([declared], None, override="en")
    assert isinstance(forced, Article) and forced.lang == "en"


def test_detect_unknown_override_is_quarantined_not_raised() -> None:
    [item] = assign_languages([Article(id="x", text=FRENCH)], None, override="xx")
    assert isinstance(item, Quarantined) and "'xx' has no model" in item.reason
