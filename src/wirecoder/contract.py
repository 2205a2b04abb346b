"""The output contract: one JSON object per article, as ``contract/article.schema.json`` says.

``result_to_contract`` and ``result_from_contract`` convert between an ``ArticleResult`` and
that object; ``dumps_line`` writes it as one JSONL line. The contract carries no article text
and no mention offsets, so reading a line back gives ``Article(id, text="")``,
``Dateline.body_start == 0`` and ``Actor.start == Actor.end == 0``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from wirecoder.records import (
    AUX_MODES,
    EVENT_TYPES,
    PRECISIONS,
    Actor,
    Article,
    ArticleResult,
    Dateline,
    Event,
    Evidence,
    Place,
)

__all__ = ["ContractError", "dumps_line", "result_from_contract", "result_to_contract"]

# Characters json.dumps(ensure_ascii=False) leaves raw but str.splitlines() breaks on.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class ContractError(ValueError):
    """A record or JSON object that does not fit the output contract (message names its id)."""


def result_to_contract(result: ArticleResult) -> dict[str, object]:
    """The contract object for one coded article."""
    dateline = result.dateline
    return {
        "id": result.article.id,
        "language": result.language,
        "dateline": {
            "place": dateline.place,
            "date": dateline.date,
            "agency": dateline.agency,
            "location": _place_out(dateline.location),
        },
        "events": [_event_out(event) for event in result.events],
    }


def dumps_line(result: ArticleResult) -> str:
    """One compact JSONL line (no trailing newline), non-ASCII characters kept as they are."""
    try:
        line = json.dumps(
            result_to_contract(result),
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
        )
    except ValueError as exc:
        raise ContractError(
            f"{result.article.id}: {exc}; NaN and infinity have no JSON form, use null"
        ) from exc
    for char, escape in _LINE_BREAKS.items():
        line = line.replace(char, escape)
    return line


def _place_out(place: Place | None) -> dict[str, object] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geonames_id": place.geonames_id,
    }


def _side_out(actor: Actor | None) -> dict[str, object] | None:
    if actor is None:
        return None
    return {
        "text": actor.text,
        "name": actor.name,
        "country": actor.country,
        "igo": actor.igo,
        "sectors": list(actor.sectors),
        "role": actor.role,
    }


def _event_out(event: Event) -> dict[str, object]:
    evidence = event.evidence
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "aux_mode": event.aux_mode,
        "negated": event.negated,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "actor": _side_out(event.actor),
        "recipient": _side_out(event.recipient),
        "date": event.date,
        "date_precision": event.date_precision,
        "location": _place_out(event.location),
        "evidence": {
            "sentence": evidence.sentence,
            "start": evidence.start,
            "end": evidence.end,
            "trigger": evidence.trigger,
        },
        "confidence": event.confidence,
    }


def result_from_contract(obj: Mapping[str, object]) -> ArticleResult:
    """Rebuild an ``ArticleResult`` from a contract object; ``ContractError`` if malformed."""
    if not isinstance(obj, Mapping):
        raise ContractError(f"<no id>: expected a JSON object, got {type(obj).__name__}")
    raw_id = obj.get("id")
    if not isinstance(raw_id, str) or not raw_id:
        raise ContractError(f"<no id>: 'id' must be a non-empty string, got {raw_id!r}")
    return _Reader(raw_id).result(obj)


class _Reader:
    """Typed access to one contract object; every error names the record id and the path."""

    def __init__(self, record_id: str) -> None:
        self.id = record_id

    def fail(self, path: str, expected: str, value: object) -> ContractError:
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return ContractError(f"{self.id}: '{path}' must be {expected}, got {shown}")

    def get(self, obj: Mapping[str, object], key: str, path: str) -> object:
        if key not in obj:
            raise ContractError(f"{self.id}: '{path}{key}' is missing")
        return obj[key]

    def mapping(self, obj: Mapping[str, object], key: str, path: str) -> Mapping[str, object]:
        value = self.get(obj, key, path)
        if not isinstance(value, Mapping):
            raise self.fail(path + key, "an object", value)
        return value

    def opt_mapping(
        self, obj: Mapping[str, object], key: str, path: str, *, required: bool = True
    ) -> Mapping[str, object] | None:
        value = self.get(obj, key, path) if required else obj.get(key)
        if value is not None and not isinstance(value, Mapping):
            raise self.fail(path + key, "an object or null", value)
        return value

    def text(self, obj: Mapping[str, object], key: str, path: str) -> str:
        value = self.get(obj, key, path)
        if not isinstance(value, str):
            raise self.fail(path + key, "a string", value)
        return value

    def opt_text(
        self, obj: Mapping[str, object], key: str, path: str, choices: tuple[str, ...] = ()
    ) -> str | None:
        value = self.get(obj, key, path)
        if value is None:
            return None
        if not isinstance(value, str) or (choices and value not in choices):
            expected = f"one of {', '.join(choices)} or null" if choices else "a string or null"
            raise self.fail(path + key, expected, value)
        return value

    def opt_int(self, obj: Mapping[str, object], key: str, path: str) -> int | None:
        value = self.get(obj, key, path)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.fail(path + key, "an integer or null", value)
        return value

    def integer(self, obj: Mapping[str, object], key: str, path: str) -> int:
        value = self.opt_int(obj, key, path)
        if value is None:
            raise self.fail(path + key, "an integer", value)
        return value

    def opt_number(self, obj: Mapping[str, object], key: str, path: str) -> float | None:
        value = self.get(obj, key, path)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path + key, "a number or null", value)
        return float(value)

    def strings(self, obj: Mapping[str, object], key: str, path: str) -> tuple[str, ...]:
        value = self.get(obj, key, path)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(path + key, "a list of strings", value)
        return tuple(value)

    def result(self, obj: Mapping[str, object]) -> ArticleResult:
        language = self.text(obj, "language", "")
        raw_dateline = self.mapping(obj, "dateline", "")
        dateline = Dateline(
            place=self.opt_text(raw_dateline, "place", "dateline."),
            date=self.opt_text(raw_dateline, "date", "dateline."),
            agency=self.opt_text(raw_dateline, "agency", "dateline."),
            location=self.place(
                self.opt_mapping(raw_dateline, "location", "dateline.", required=False),
                "dateline.location.",
            ),
        )
        raw_events = self.get(obj, "events", "")
        if not isinstance(raw_events, list):
            raise self.fail("events", "a list", raw_events)
        events = []
        for n, raw in enumerate(raw_events):
            if not isinstance(raw, Mapping):
                raise self.fail(f"events[{n}]", "an object", raw)
            events.append(self.event(raw, f"events[{n}]."))
        return ArticleResult(
            article=Article(id=self.id, text=""),
            language=language,
            dateline=dateline,
            events=tuple(events),
        )

    def place(self, raw: Mapping[str, object] | None, path: str) -> Place | None:
        if raw is None:
            return None
        return Place(
            name=self.text(raw, "name", path),
            country=self.opt_text(raw, "country", path),
            lat=self.opt_number(raw, "lat", path),
            lon=self.opt_number(raw, "lon", path),
            geonames_id=self.opt_int(raw, "geonames_id", path),
        )

    def side(self, raw: Mapping[str, object] | None, path: str) -> Actor | None:
        if raw is None:
            return None
        return Actor(
            text=self.text(raw, "text", path),
            name=self.opt_text(raw, "name", path),
            country=self.opt_text(raw, "country", path),
            igo=self.opt_text(raw, "igo", path),
            sectors=self.strings(raw, "sectors", path),
            role=self.opt_text(raw, "role", path),
        )

    def event(self, raw: Mapping[str, object], path: str) -> Event:
        event_type = self.text(raw, "type", path)
        if event_type not in EVENT_TYPES:
            raise self.fail(path + "type", "a PLOVER event type", event_type)
        negated = self.get(raw, "negated", path)
        if not isinstance(negated, bool):
            raise self.fail(path + "negated", "true or false", negated)
        confidence = self.opt_number(raw, "confidence", path)
        if confidence is None:
            raise self.fail(path + "confidence", "a number", confidence)
        evidence = self.mapping(raw, "evidence", path)
        evidence_path = path + "evidence."
        return Event(
            id=self.text(raw, "id", path),
            type=event_type,
            actor=self.side(self.opt_mapping(raw, "actor", path), path + "actor."),
            recipient=self.side(self.opt_mapping(raw, "recipient", path), path + "recipient."),
            evidence=Evidence(
                sentence=self.text(evidence, "sentence", evidence_path),
                start=self.integer(evidence, "start", evidence_path),
                end=self.integer(evidence, "end", evidence_path),
                trigger=self.text(evidence, "trigger", evidence_path),
            ),
            mode=self.opt_text(raw, "mode", path),
            contexts=self.strings(raw, "contexts", path),
            aux_mode=self.opt_text(raw, "aux_mode", path, AUX_MODES),
            negated=negated,
            cameo=self.opt_text(raw, "cameo", path),
            goldstein=self.opt_number(raw, "goldstein", path),
            quad_class=self.opt_int(raw, "quad_class", path),
            date=self.opt_text(raw, "date", path),
            date_precision=self.opt_text(raw, "date_precision", path, PRECISIONS),
            location=self.place(self.opt_mapping(raw, "location", path), path + "location."),
            confidence=confidence,
        )
