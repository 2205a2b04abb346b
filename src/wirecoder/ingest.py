"""Readers: files, folders, JSONL and stdin in; :class:`Article` or :class:`Quarantined` out.

:func:`read_paths` never raises for one bad record: a file it cannot read, decode or use ends
as a :class:`Quarantined` record whose one-line reason says what to do. What it reads:

- ``.txt``: one article, its id the file stem, its date the ISO date the name holds, if any
  (``reuters-2023-05-08-nairobi.txt`` → 2023-05-08), as the record's own date would;
- ``.jsonl``: one article per line (``id``, ``text``; optional ``title``, ``date``, ``url``,
  ``source``, ``lang``), streamed, so ``max_bytes`` bounds each line, not the file;
- ``.html``/``.htm``: the main text (trafilatura), one paragraph per block, blank lines between;
  the page's date from its metadata, else from the file name as for ``.txt``;
- a folder: its ``.txt``/``.jsonl``/``.html``/``.htm`` files, recursively, in sorted order
  (other and hidden files are skipped);
- ``-``: stdin, as JSONL when its first non-blank character is ``{``, else one article "stdin".

Bytes are read as UTF-8 (BOM stripped), else as Windows-1252 when that reads as Western text,
else as charset-normalizer guesses. Line ends become ``\\n``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import charset_normalizer
import trafilatura
from trafilatura.utils import load_html

from wirecoder.records import Article, Quarantined

__all__ = ["MAX_BYTES", "SUFFIXES", "content_hash", "date_in_name", "decode", "read_paths"]

MAX_BYTES = 5_000_000
SUFFIXES = frozenset({".txt", ".jsonl", ".html", ".htm"})
_NAME_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<s>[-_.])(?P<m>\d\d)(?P=s)(?P<d>\d\d)(?!\d)"
)
_FIELDS = ("title", "date", "url", "source", "lang")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
# characters Western European text holds beyond ASCII, in Windows-1252
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ"
    "«»‹›‘’‚“”„–—…•·°§€£¥¢©®™ªº¡¿\u00a0\u00ad´¨¸"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc, less \t \n \v \f \r
_BLOCKS = ("p", "ul", "ol", "dl", "h2", "h3", "h4", "h5", "h6", "blockquote", "table")


class Unreadable(ValueError):
    """Bytes that are not text this reader can use; the message says why and what to do."""


def content_hash(text: str) -> str:
    """A stable id for ``text``: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode(data: bytes) -> str:
    """Text of ``data`` with ``\\n`` line ends; :class:`Unreadable` if it is not text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _text(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise Unreadable("broken UTF-16: re-save the file as UTF-8") from None
    if b"\x00" in data:
        raise Unreadable("binary file (NUL bytes): give a text, JSONL or HTML file instead")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return _text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    if western and _reads_western(western):
        return _text(western)
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Unreadable("unknown text encoding: re-save the file as UTF-8")
    return _text(str(best))


def read_paths(
    paths: Sequence[str | Path],
    *,
    lang: str | None = None,
    stdin: TextIO | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | Quarantined]:
    """Every article in ``paths`` (files, folders, ``-`` for stdin), in order.

    ``lang`` is given to articles whose record names no language; ``max_bytes`` caps a file
    (a line, for JSONL).
    """
    for entry in paths:
        if str(entry) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, lang, max_bytes)
            continue
        path = Path(entry)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, lang, max_bytes)
        elif path.is_file():
            yield from _read_file(path, lang, max_bytes)
        elif path.exists():
            yield Quarantined(str(path), "not a regular file: give a file or a folder", str(path))
        else:
            yield Quarantined(str(path), "no such file or folder: check the path", str(path))


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` with a known suffix, by sorted path; hidden ones skipped."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(folder) / name
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES
        )
    yield from sorted(found, key=lambda file: file.relative_to(root).parts)


def _read_file(path: Path, lang: str | None, max_bytes: int) -> Iterator[Article | Quarantined]:
    where, suffix = str(path), path.suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        yield Quarantined(where, f"unsupported file type {suffix!r}: use one of {known}", where)
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as stream:
                yield from _jsonl(_byte_lines(stream, max_bytes), where, lang, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            reason = f"{size} bytes, over max_bytes={max_bytes}: split the file or raise the cap"
            yield Quarantined(where, reason, where)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Quarantined(where, f"cannot read ({exc.strerror}): check the permissions", where)
        return
    try:
        text = decode(data)
    except Unreadable as exc:
        yield Quarantined(where, str(exc), where)
        return
    if suffix in (".html", ".htm"):
        found = _html_article(text, path.stem, where, lang)
    else:
        found = _article(path.stem, text, where, lang)
    if isinstance(found, Article) and found.date is None:
        found = replace(found, date=date_in_name(path.stem))
    yield found


def date_in_name(name: str) -> str | None:
    """The ISO date a file name holds (``afp-2023-03-20-paris``, ``2023_03_20``), or None."""
    for m in _NAME_DATE.finditer(name):
        try:
            day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        return day.isoformat()
    return None


def _article(id: str, text: str, where: str, lang: str | None) -> Article | Quarantined:
    if not text.strip():
        return Quarantined(where, "empty or only whitespace: remove it or give it text", where)
    if not _encodable(text):
        return Quarantined(where, "undecodable bytes in the text: re-save it as UTF-8", where)
    return Article(id=id, text=text, source=where, lang=lang)


def _html_article(html: str, id: str, where: str, lang: str | None) -> Article | Quarantined:
    """The main text of a page, title and date from its metadata."""
    if not html.strip():
        return Quarantined(where, "empty or only whitespace: remove it or give it text", where)
    try:
        tree = load_html(html)
        if tree is None:
            return Quarantined(where, "not parseable as HTML: check the file", where)
        page_lang = _primary_language(tree.get("lang"))
        doc: Any = trafilatura.bare_extraction(
            _wrap_bare_body(tree),
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a third-party parser: one bad page must not stop the batch
        reason = f"HTML extraction failed ({type(exc).__name__}: {exc}): check the page"
        return Quarantined(where, " ".join(reason.split()), where)
    raw = (doc.text or "") if doc is not None else ""
    title = (doc.title or None) if doc is not None else None
    paragraphs = [" ".join(line.split()) for line in raw.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0] == " ".join(title.split()):
        paragraphs = paragraphs[1:]  # the page's <h1>: it is the title, not the story
    if not paragraphs:
        return Quarantined(
            where, "no main text found in the page: check it holds an article", where
        )
    date = doc.date if isinstance(doc.date, str) and _ISO_DATE.fullmatch(doc.date) else None
    return Article(
        id=id,
        text="\n\n".join(paragraphs),
        title=title,
        date=date[:10] if date else None,
        url=doc.url or None,
        source=where,
        lang=page_lang or lang,
    )


def _wrap_bare_body(tree: Any) -> Any:
    """Put the blocks of a page whose paragraphs sit right in ``<body>`` into an ``<article>``.

    trafilatura only finds lists and subtitles inside a content container; without one it
    keeps the bare ``<p>`` and drops the rest (Wikinews pages are built that way).
    """
    if tree.xpath("//article|//main"):
        return tree
    body = tree.find("body")
    if body is None or not any(child.tag in _BLOCKS for child in body):
        return tree
    article = tree.makeelement("article", {})
    for child in list(body):
        article.append(child)
    body.append(article)
    return tree


def _byte_lines(stream: BinaryIO, max_bytes: int) -> Iterator[str | Quarantined]:
    """Decoded lines of a JSONL file; a line over ``max_bytes`` or not text is a reason."""
    while raw := stream.readline(max_bytes + 1):
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield Quarantined("", f"line over max_bytes={max_bytes}: split the record")
            continue
        try:
            yield decode(raw)
        except Unreadable as exc:
            yield Quarantined("", str(exc))


def _jsonl(
    lines: Iterable[str | Quarantined], where: str, lang: str | None, max_bytes: int
) -> Iterator[Article | Quarantined]:
    for lineno, line in enumerate(lines, 1):
        record = f"{where}:{lineno}"
        if isinstance(line, Quarantined):
            yield Quarantined(record, line.reason, where)
        elif len(line) > max_bytes:
            yield Quarantined(record, f"line over max_bytes={max_bytes}: split the record", where)
        elif line.strip():
            yield _json_record(line, record, where, lang)


def _json_record(line: str, record: str, where: str, lang: str | None) -> Article | Quarantined:
    """One JSONL line as an Article, or why it is not one."""
    try:
        obj = json.loads(line.lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError) as exc:
        if isinstance(exc, json.JSONDecodeError):
            detail = f"{exc.msg} at column {exc.colno}"
        else:
            detail = "nested too deep"
        return Quarantined(record, f"not valid JSON ({detail}): fix or remove the line", where)
    if not isinstance(obj, dict):
        return Quarantined(record, "not a JSON object: write one {...} record per line", where)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Quarantined(record, 'no "text": give each record its text as a string', where)
    if not _encodable(text):
        return Quarantined(record, 'a lone surrogate escape in "text": fix its encoding', where)
    fields: dict[str, str | None] = {}
    for name in _FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            return Quarantined(record, f'"{name}" must be a string: fix the record', where)
        fields[name] = value or None
    if not all(_encodable(value) for value in fields.values() if value):
        return Quarantined(record, "a lone surrogate escape in a field: fix its encoding", where)
    date = fields["date"]
    if date is not None and not _ISO_DATE.fullmatch(date.strip()):
        reason = f'"date" {date[:40]!r} is not ISO 8601: write YYYY-MM-DD or drop the field'
        return Quarantined(record, reason, where)
    raw_id = obj.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return Quarantined(record, '"id" must be a string or a number: fix the record', where)
    return Article(
        id=str(raw_id) if raw_id not in (None, "") else content_hash(text),
        text=text,
        title=fields["title"],
        date=date.strip()[:10] if date else None,
        url=fields["url"],
        source=fields["source"] or record,
        lang=fields["lang"] or lang,
    )


def _read_stdin(
    stream: TextIO, lang: str | None, max_bytes: int
) -> Iterator[Article | Quarantined]:
    where = "<stdin>"
    try:
        head: list[str] = []
        for line in stream:
            head.append(line)
            if line.strip("\ufeff \t\r\n"):
                break
        if "".join(head).lstrip("\ufeff \t\r\n").startswith("{"):
            yield from _jsonl(chain(head, stream), where, lang, max_bytes)
            return
        text = "".join(head) + stream.read(max_bytes + 1)
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"stdin unreadable ({type(exc).__name__}): save it to a UTF-8 file, pass the path"
        yield Quarantined(where, reason, where)
        return
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        yield Quarantined(where, f"over max_bytes={max_bytes}: split the input", where)
        return
    try:
        text = _text(text.lstrip("\ufeff"))
    except Unreadable as exc:
        yield Quarantined(where, str(exc), where)
        return
    yield _article("stdin", text, where, lang)


def _text(text: str) -> str:
    """``text`` with ``\\n`` line ends; :class:`Unreadable` if it is mostly control codes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 20):
        raise Unreadable("binary content (control codes): give a text, JSONL or HTML file")
    return text


def _encodable(text: str) -> bool:
    """Whether ``text`` is valid Unicode (no lone surrogates from escapes or stdin bytes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _primary_language(tag: Any) -> str | None:
    """``"fr"`` of ``"fr-FR"``; None for anything that is not a language tag."""
    if not isinstance(tag, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", tag):
        return None
    return tag[:3].split("-")[0].split("_")[0].lower()


def _reads_western(text: str) -> bool:
    """Whether Windows-1252 text reads as a Western European language (French, English…)."""
    letters = sum(1 for ch in text if ch.isalpha())
    foreign = [ch for ch in text if ord(ch) > 127]
    if any(ch not in _WESTERN for ch in foreign):
        return False
    return sum(1 for ch in foreign if ch.isalpha()) * 2 <= letters
