from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirecoder.ingest import MAX_BYTES, content_hash, read_paths
from wirecoder.records import Article, Quarantined

SHARED = Path(__file__).resolve().parents[2] / "shared"
WIKINEWS = SHARED / "data" / "wikinews-fr-2012"

# Invented copy: Bordurie, Syldavie and Klow are fictional.
SENTENCE = "Le général bordure a été reçu à Klow, où l'on fête l'été avec « élan » à Noël."
LEAD = (
    "Le ministre des Affaires étrangères de la Bordurie a reçu mardi son homologue syldave "
    "pour des entretiens sur la frontière commune et les échanges entre les deux pays."
)
SECOND = (
    "Les deux ministres ont signé un accord sur la réouverture de trois postes frontaliers, "
    "fermés depuis le printemps dernier, selon un communiqué publié après la rencontre."
)
ITEM = "la reprise des liaisons ferroviaires entre les deux capitales avant la fin de l'année ;"
SUBTITLE = "Une commission mixte"
NAV = (
    '<header><div class="logo">Le Quotidien de Klow</div><nav><ul>'
    '<li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>'
    '<li><a href="/sport">Sport</a></li></ul></nav></header>'
)
FOOTER = (
    "<footer><p>© 2024 Le Quotidien de Klow. Tous droits réservés.</p><ul>"
    '<li><a href="/mentions">Mentions légales</a></li></ul></footer>'
)
TITLE = "Bordurie et Syldavie rouvrent leur frontière"
STORY = f"<h1>{TITLE}</h1><p>{LEAD}</p><h2>{SUBTITLE}</h2><p>{SECOND}</p><ul><li>{ITEM}</li></ul>"


def _page(body: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="fr-FR"><head><meta charset="utf-8">'
        f"<title>{TITLE}</title>{head}</head><body>{body}</body></html>"
    )


def _read(
    path: Path, *, lang: str | None = None, max_bytes: int = MAX_BYTES
) -> list[Article | Quarantined]:
    return list(read_paths([path], lang=lang, max_bytes=max_bytes))


@pytest.mark.parametrize("name", ["dispatch-2024-03-05.txt"])
def test_ingest_txt_id_is_the_file_stem(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(SENTENCE, encoding="utf-8")
    [article] = _read(path, lang="fr")
    assert article == Article(
        id=Path(name).stem, text=SENTENCE, source=str(path), lang="fr", date="2024-03-05"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"])
def test_ingest_decodes_the_usual_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(SENTENCE.encode(encoding))
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text == SENTENCE


@pytest.mark.parametrize("encoding", ["cp1252"])
def test_ingest_decodes_windows_1252_punctuation(tmp_path: Path, encoding: str) -> None:
    text = "Grève à Klow — les manifestants ont réclamé 5 € de plus… « Assez ! », à cœur."
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text == text


@pytest.mark.parametrize(("raw", "expected"), [(b"Ligne un.\r\nLigne deux.\r\n", "Ligne un.\n")])
def test_ingest_line_ends_become_newlines(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(raw)
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text.startswith(expected)
    assert "\r" not in article.text


@pytest.mark.parametrize(
    ("data", "max_bytes", "reason"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary", 5_000_000, "binary"),
        (b"", 5_000_000, "empty"),
        (b" \n\t\r\n  ", 5_000_000, "empty"),
        (SENTENCE.encode(), 10, "max_bytes=10"),
    ],
    ids=["binary", "empty", "whitespace", "oversize"],
)
def test_ingest_quarantines_unusable_files(
    tmp_path: Path, data: bytes, max_bytes: int, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [item] = _read(path, max_bytes=max_bytes)
    assert isinstance(item, Quarantined)
    assert item.record == str(path)
    assert reason in item.reason
    assert "\n" not in item.reason and ":" in item.reason  # one line, then what to do


@pytest.mark.parametrize("missing", ["nowhere/at-all.txt"])
def test_ingest_quarantines_a_missing_path(tmp_path: Path, missing: str) -> None:
    [item] = _read(tmp_path / missing)
    assert isinstance(item, Quarantined)
    assert "check the path" in item.reason


@pytest.mark.parametrize("suffix", [".pdf"])
def test_ingest_quarantines_an_unsupported_file_named_explicitly(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"%PDF-1.4")
    [item] = _read(path)
    assert isinstance(item, Quarantined)
    assert "unsupported file type" in item.reason


@pytest.mark.parametrize(
    "lines",
    [
        [
            json.dumps({"id": "ok-1", "text": SENTENCE, "date": "2024-03-05", "lang": "fr"}),
            '{"id": "broken", "text": "Pas de fin',
            json.dumps({"id": "no-text", "title": "Un titre sans texte"}),
        ]
    ],
)
def test_ingest_jsonl_good_broken_and_textless_lines(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, broken, textless = _read(path)
    assert isinstance(good, Article)
    assert (good.id, good.text, good.date, good.lang) == ("ok-1", SENTENCE, "2024-03-05", "fr")
    assert good.source == f"{path}:1"
    assert isinstance(broken, Quarantined)
    assert broken.record == f"{path}:2"
    assert "not valid JSON" in broken.reason
    assert isinstance(textless, Quarantined)
    assert textless.record == f"{path}:3"
    assert 'no "text"' in textless.reason


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"text": SENTENCE, "date": "le 5 mars"}, "not ISO 8601"),
        ({"text": SENTENCE, "title": 12}, '"title" must be a string'),
        ({"text": SENTENCE, "id": True}, '"id" must be'),
        ({"text": "\ud800 bizarre"}, "surrogate"),
        (["une", "liste"], "not a JSON object"),
        ({"text": "   "}, 'no "text"'),
    ],
)
def test_ingest_jsonl_quarantines_bad_records(tmp_path: Path, record: object, reason: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, Quarantined)
    assert reason in item.reason
    assert item.record == f"{path}:1"


@pytest.mark.parametrize("flag", ["fr"])
def test_ingest_jsonl_fields_and_defaults(tmp_path: Path, flag: str) -> None:
    path = tmp_path / "batch.jsonl"
    full = {
        "id": 7,
        "text": SENTENCE,
        "title": "Un titre",
        "date": "2024-03-05T08:30:00Z",
        "url": "https://example.org/a",
        "source": "Le Quotidien de Klow",
        "lang": "en",
    }
    path.write_text(json.dumps(full) + "\n\n" + json.dumps({"text": LEAD}) + "\n", encoding="utf-8")
    first, second = _read(path, lang=flag)
    assert first == Article(
        id="7",
        text=SENTENCE,
        title="Un titre",
        date="2024-03-05",
        url="https://example.org/a",
        source="Le Quotidien de Klow",
        lang="en",  # the record's own language wins over --lang
    )
    assert isinstance(second, Article)
    assert second.id == content_hash(LEAD)
    assert second.lang == flag
    assert second.source == f"{path}:3"  # blank lines are skipped but still counted


@pytest.mark.parametrize("max_bytes", [100])
def test_ingest_jsonl_caps_each_line_not_the_file(tmp_path: Path, max_bytes: int) -> None:
    path = tmp_path / "batch.jsonl"
    short = json.dumps({"text": "Court."})
    path.write_text("\n".join([short] * 20 + [json.dumps({"text": "x" * 500}), short]) + "\n")
    items = _read(path, max_bytes=max_bytes)
    assert len(items) == 22
    [bad] = [i for i in items if isinstance(i, Quarantined)]
    assert bad.record == f"{path}:21"
    assert f"max_bytes={max_bytes}" in bad.reason


@pytest.mark.parametrize(
    "body",
    [f"{NAV}<main><article>{STORY}</article></main>{FOOTER}", f"{NAV}{STORY}{FOOTER}"],
    ids=["article-container", "bare-body"],
)
def test_ingest_html_keeps_the_story_and_drops_boilerplate(tmp_path: Path, body: str) -> None:
    path = tmp_path / "page.html"
    meta = '<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">'
    path.write_text(_page(body, meta), encoding="utf-8")
    [article] = _read(path, lang="en")
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == [LEAD, SUBTITLE, SECOND, f"- {ITEM}"]
    assert (article.id, article.title, article.date) == ("page", TITLE, "2024-03-05")
    assert article.lang == "fr"  # the page's own <html lang> wins over --lang
    for boilerplate in ("Accueil", "Quotidien de Klow", "Mentions légales"):
        assert boilerplate not in article.text


@pytest.mark.parametrize("encoding", ["cp1252"])
def test_ingest_html_in_windows_1252(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "page.htm"
    html = _page(f"<article>{STORY}</article>").replace("utf-8", "windows-1252")
    path.write_bytes(html.encode(encoding))
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text.startswith(LEAD)


@pytest.mark.parametrize(
    ("html", "reason"),
    [("juste du texte, sans balises", "not parseable as HTML"), ("  \n ", "empty")],
)
def test_ingest_html_without_a_story_is_quarantined(tmp_path: Path, html: str, reason: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, Quarantined)
    assert reason in item.reason


@pytest.mark.parametrize(
    "tree",
    [
        {
            "b/deux.txt": "Deuxième dépêche.",
            "a/un.txt": "Première dépêche.",
            "a/z/trois.jsonl": json.dumps({"id": "trois", "text": "Troisième."}),
            "notes.md": "# pas une dépêche",
            "image.png": "\x89PNG",
            ".cache/cachee.txt": "Cachée.",
            "zero.TXT": "Majuscules.",
        }
    ],
)
def test_ingest_folder_is_read_recursively_in_order(tmp_path: Path, tree: dict[str, str]) -> None:
    for name, text in tree.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    items = _read(tmp_path)
    assert [i.id for i in items if isinstance(i, Article)] == [
        "un",
        "trois",
        "deux",
        "zero",
    ]  # a/, a/z/, b/, then zero.TXT
    assert not [i for i in items if isinstance(i, Quarantined)]


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (SENTENCE + "\n", [("stdin", SENTENCE + "\n")]),
        (
            "\n" + json.dumps({"id": "x", "text": "Un."}) + "\n" + json.dumps({"text": "Deux."}),
            [("x", "Un."), (content_hash("Deux."), "Deux.")],
        ),
    ],
    ids=["text", "jsonl"],
)
def test_ingest_stdin_text_or_jsonl(stdin: str, expected: list[tuple[str, str]]) -> None:
    items = list(read_paths(["-"], lang="fr", stdin=io.StringIO(stdin)))
    assert [(a.id, a.text) for a in items if isinstance(a, Article)] == expected
    assert all(isinstance(a, Article) and a.lang == "fr" for a in items)


@pytest.mark.parametrize("stdin", ["", "  \n\n"])
def test_ingest_empty_stdin_is_quarantined(stdin: str) -> None:
    [item] = read_paths(["-"], stdin=io.StringIO(stdin))
    assert isinstance(item, Quarantined)
    assert item.record == "<stdin>"


@pytest.mark.parametrize(("a", "b"), [(SENTENCE, LEAD)])
def test_ingest_content_hash_is_stable(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(a)
    assert content_hash(a) != content_hash(b)
    assert re.fullmatch(r"[0-9a-f]{16}", content_hash(a))


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2048))
def test_ingest_random_bytes_give_exactly_one_record(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("random") / "random.txt"
    path.write_bytes(data)
    items = _read(path)
    assert len(items) == 1
    assert isinstance(items[0], Article | Quarantined)


@pytest.mark.parametrize("folder", [WIKINEWS])
def test_ingest_wikinews_pages_keep_every_block(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the shared data sits beside the checkout in ../shared")
    for path in sorted(folder.glob("*.html")):
        [article] = _read(path)
        assert isinstance(article, Article), path
        blocks = len(re.findall(r"<(?:p|li|h2)>", path.read_text(encoding="utf-8")))
        assert len(article.text.split("\n\n")) == blocks, path
        assert article.title and article.title not in article.text.split("\n\n")[0], path


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
json_records = st.dictionaries(
    st.sampled_from(["id", "text", "title", "date", "url", "source", "lang", "other"]),
    json_values,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(json_values | json_records, min_size=1, max_size=5))
def test_ingest_random_json_lines_give_one_record_each(
    tmp_path_factory: pytest.TempPathFactory, lines: list[object]
) -> None:
    path = tmp_path_factory.mktemp("random") / "random.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    items = _read(path)
    assert len(items) == len(lines)
    assert all(isinstance(item, Article | Quarantined) for item in items)


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("reuters-2023-05-08-nairobi-talks.txt", "2023-05-08"),
        ("2021_02_10_islamabad.txt", "2021-02-10"),
        ("dispatch-2023-02-30.txt", None),  # no such day
        ("note-12023-05-08.txt", None),  # part of a longer number
        ("dispatch-2023-05_08.txt", None),  # two separators: no date
        ("plain.txt", None),
    ],
)
def test_ingest_txt_date_from_the_file_name(tmp_path: Path, name: str, date: str | None) -> None:
    (tmp_path / name).write_text("Le ministre a parlé.", encoding="utf-8")
    [article] = read_paths([tmp_path / name])
    assert isinstance(article, Article)
    assert article.date == date


def test_ingest_jsonl_date_wins_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "feed-2023-05-08.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Le ministre a parlé."})
        + "\n"
        + json.dumps({"id": "b", "text": "Le ministre a parlé.", "date": "2022-01-02"})
        + "\n",
        encoding="utf-8",
    )
    assert [a.date for a in read_paths([path]) if isinstance(a, Article)] == [None, "2022-01-02"]
