"""A mixed folder of French and English articles, coded in one run with one engine."""

from __future__ import annotations

import shutil
from pathlib import Path

from wirecoder.pipeline import Coder, Polyglot
from wirecoder.records import Article
from wirecoder.run import local_engine, run
from wirecoder.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FRENCH = SAMPLES / "fr" / "azertac-2023-05-12-bakou-kazakhstan.txt"
ENGLISH = SAMPLES / "en" / "afp-2023-09-02-geneva-sanctions.txt"
GERMAN = (
    "Die Regierung hat am Montag neue Sanktionen gegen mehrere Unternehmen verhängt, teilte "
    "das Ministerium in Berlin mit. Die Opposition kritisierte die Entscheidung scharf."
)


def _mixed(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(FRENCH, folder / FRENCH.name)
    shutil.copy(ENGLISH, folder / ENGLISH.name)
    (folder / "berlin.txt").write_text(GERMAN, encoding="utf-8")
    return folder


def test_languages_mixed_folder_codes_both_and_quarantines_the_third(
    tmp_path: Path, coder: Coder, english: Coder
) -> None:
    folder = _mixed(tmp_path / "in")
    polyglot = Polyglot()
    polyglot.coders.update({"fr": coder, "en": english})  # the session's loaded pipelines
    with Store(tmp_path / "mixed.duckdb") as store:
        summary = run([folder], store, local_engine(polyglot))
        results = {r.article.id: r for r in store.results()}
        quarantined = store.quarantined()
    assert (summary.read, summary.coded, summary.quarantined) == (3, 2, 1)
    assert results[FRENCH.stem].language == "fr"
    assert results[ENGLISH.stem].language == "en"
    assert [q.record for q in quarantined] == ["berlin"]
    assert "'de' has no model" in quarantined[0].reason
    english_types = {e.type for e in results[ENGLISH.stem].events}
    assert "SANCTION" in english_types
    assert {e.actor.igo for e in results[ENGLISH.stem].events if e.type == "SANCTION"} == {"EU"}


def test_languages_french_unchanged_in_a_mixed_run(
    tmp_path: Path, coder: Coder, english: Coder
) -> None:
    """French coded beside English gives exactly what the French coder gives alone."""
    alone = coder.code_many([Article(id=FRENCH.stem, text=FRENCH.read_text(encoding="utf-8"))])
    polyglot = Polyglot()
    polyglot.coders.update({"fr": coder, "en": english})
    folder = _mixed(tmp_path / "in")
    with Store(tmp_path / "mixed.duckdb") as store:
        run([folder], store, local_engine(polyglot))
        [stored] = list(store.results(ids=[FRENCH.stem]))
    [expected] = list(alone)
    assert [(e.type, e.actor, e.recipient, e.evidence) for e in stored.events] == [
        (e.type, e.actor, e.recipient, e.evidence) for e in expected.events
    ]
    assert stored.events  # the French dispatch has events to compare


def test_languages_polyglot_codes_each_article_in_its_language(
    coder: Coder, english: Coder
) -> None:
    """Results come back in input order, each coded by its own language's coder."""
    from wirecoder import Polyglot as Exported

    polyglot = Exported()
    polyglot.coders.update({"fr": coder, "en": english})
    articles = [
        Article(id="en-1", text=ENGLISH.read_text(encoding="utf-8"), lang="en"),
        Article(id="fr-1", text=FRENCH.read_text(encoding="utf-8"), lang="fr"),
        Article(id="en-2", text="Kenya accused Uganda of arming rebels on Monday.", lang="en"),
    ]
    results = list(polyglot.code_many(articles))
    assert [(r.article.id, r.language) for r in results] == [
        ("en-1", "en"),
        ("fr-1", "fr"),
        ("en-2", "en"),
    ]
    assert {e.type for e in results[2].events} == {"ACCUSE"}
