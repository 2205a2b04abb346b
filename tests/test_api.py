"""The HTTP API in-process (TestClient), on the real analysis store, plus schemathesis."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import schemathesis
from analysis import HOSTILE_ID, HOSTILE_NAME, SCRIPT, analysis_store
from fastapi import FastAPI
from hypothesis import given, settings
from jsonschema import Draft202012Validator
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from typer.testing import CliRunner

from wirecoder import query
from wirecoder.api import create_app
from wirecoder.cli import app as cli_app
from wirecoder.store import Store, StoreError

from conftest import SHARED, shared_file

with warnings.catch_warnings():
    # Starlette 1.x deprecates httpx (pinned at 0.28.1) in its TestClient in favour of httpx2;
    # the warning fires once, on import, and ``-W error`` on the command line beats any ini filter.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient


ROUTES = (
    "/api/events",
    "/api/events/{event_id}",
    "/api/dyads/{a}/{b}",
    "/api/actors",
    "/api/actors/{name}",
    "/api/stats",
    "/api/map",
)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Path:
    return analysis_store(tmp_path_factory, coder)


@pytest.fixture(scope="module")
def app(store_path: Path) -> Iterator[FastAPI]:
    application = create_app(store_path)
    yield application
    application.state.store.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as opened:
        yield opened


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[Store]:
    with Store(store_path, read_only=True) as opened:
        yield opened


def hostile_event_id(client: TestClient) -> str:
    found = client.get("/api/events", params={"q": "s'est entretenu", "actor": "AZE"}).json()
    return str(found["events"][0]["id"])


@pytest.mark.parametrize(
    "url",
    [
        "/api/events",
        "/api/events?actor=AZE&recipient=PAK&type=CONSULT&since=2021&until=2021-02-10&q=raza",
        "/api/events?sort=goldstein&order=desc&limit=3&offset=2",
        "/api/dyads/AZE/PAK",
        "/api/dyads/AZE/PAK?by=week",
        "/api/dyads/NATO/SRB?by=year",
        "/api/actors",
        "/api/actors?q=ali&limit=5",
        "/api/actors/AZE",
        "/api/stats",
        "/api/map",
        "/api/map?actor=AZE",
        "/openapi.json",
    ],
)
def test_api_route_answers_json(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"


def test_api_event_and_its_article(client: TestClient, store: Store) -> None:
    event_id = hostile_event_id(client)
    response = client.get(f"/api/events/{event_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["event"]["id"] == event_id
    assert body["article"]["id"] == HOSTILE_ID
    assert {e["id"] for e in body["others"]} == {
        e.id for e in store.events(article_id=HOSTILE_ID) if e.id != event_id
    }


def test_api_actor_by_name_with_script(client: TestClient) -> None:
    response = client.get(f"/api/actors/{HOSTILE_NAME}")
    assert response.status_code == 200
    assert response.json()["summary"]["name"] == HOSTILE_NAME
    assert SCRIPT in response.text  # JSON carries the text as it is; pages escape it


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"actor": "AZE"},
        {"recipient": "PAK", "type": "SUPPORT"},
        {"since": "2023-01", "until": "2023-12-31"},
        {"q": "ministre"},
        {"sort": "actor", "order": "desc"},
    ],
)
def test_api_events_same_as_query(client: TestClient, store: Store, params: dict[str, str]) -> None:
    body = client.get("/api/events", params={**params, "limit": 1000}).json()
    sort = params.get("sort", "date")
    expected = query.search_events(
        store,
        query.EventFilter(**{k: v for k, v in params.items() if k not in ("sort", "order")}),
        limit=1000,
        sort=sort,  # type: ignore[arg-type]
        descending=params.get("order") == "desc",
    )
    assert body["total"] == expected.total
    assert [e["id"] for e in body["events"]] == [e.id for e in expected.events]


@pytest.mark.parametrize(("limit", "expected"), [(5000, 1000), (1000, 1000), (2, 2), (0, 0)])
def test_api_events_limit_capped(client: TestClient, limit: int, expected: int) -> None:
    body = client.get("/api/events", params={"limit": limit}).json()
    assert body["limit"] == expected
    assert len(body["events"]) == min(expected, body["total"])


@pytest.fixture(scope="module")
def contract() -> Draft202012Validator:
    path = shared_file(SHARED / "contract" / "article.schema.json")
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def test_api_events_fit_the_output_contract(
    client: TestClient, contract: Draft202012Validator
) -> None:
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["events"]
    article = {
        "id": "x",
        "language": "fr",
        "dateline": {"place": None, "date": None, "agency": None},
        "events": body["events"],
    }
    errors = [e.message for e in contract.iter_errors(article)]
    assert errors == []


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/events?since=2021-13", 422, "since"),
        ("/api/events?until=hier", 422, "until"),
        ("/api/events?type=MEET", 422, "type"),
        ("/api/events?limit=-1", 422, "limit"),
        ("/api/events?limit=abc", 422, "limit"),
        ("/api/events?offset=-5", 422, "offset"),
        ("/api/events?offset=99999999999999999999", 422, "offset"),
        ("/api/events?sort=sentence", 422, "sort"),
        ("/api/events?actor=" + "A" * 33, 422, "actor"),
        ("/api/events?q=" + "x" * 201, 422, "q"),
        ("/api/events?q=a%00b", 400, "q must be"),
        ("/api/events/nope", 404, "no event"),
        ("/api/dyads/AZE/PAK?by=day", 422, "by"),
        ("/api/dyads/%20/PAK", 400, "a must be"),
        ("/api/actors/Nobody", 404, "no actor"),
        ("/api/actors/%00", 400, "name must be"),
        ("/api/nothing", 404, "Not Found"),
    ],
)
def test_api_bad_request_is_4xx_json(
    client: TestClient, url: str, status: int, message: str
) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert message in json.dumps(response.json()["detail"])


def test_api_method_not_allowed(client: TestClient) -> None:
    response = client.post("/api/events", json={})
    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}


def test_api_store_is_read_only(app: FastAPI, client: TestClient) -> None:
    store: Store = app.state.store
    assert store.read_only
    cursor = store.cursor()
    for statement in (
        "DELETE FROM events",
        "INSERT INTO quarantine VALUES ('x', 'y', NULL, now())",
        "CREATE TABLE t (x INTEGER)",
    ):
        with pytest.raises(duckdb.Error, match="read-only"):
            cursor.execute(statement)
    with pytest.raises(StoreError, match="read-only"):
        store.write([])
        store.add_quarantined([])
    assert client.get("/api/stats").json()["events"] == store.stats()["events"]


def test_api_openapi_lists_every_route(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == set(ROUTES)
    event = schema["components"]["schemas"]["EventOut"]["properties"]
    assert {"actor", "recipient", "evidence", "quad_class", "goldstein"} <= set(event)


@pytest.mark.parametrize("url", ["/docs", "/redoc"])
def test_api_no_cdn_documentation_pages(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404  # Swagger UI and ReDoc would load a CDN


def test_api_create_app_without_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "missing.duckdb")


@pytest.mark.parametrize(
    ("args", "message"),
    [(["serve", "--db", "missing.duckdb"], "no store at"), (["serve", "--help"], "127.0.0.1")],
)
def test_cli_serve_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli_app, args)
    assert message in result.output


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize(
    ("path", "mode"),
    [
        *((path, GenerationMode.POSITIVE) for path in ROUTES),
        # invalid requests, where the schema constrains something (not a bare id, not /stats)
        *(
            (path, GenerationMode.NEGATIVE)
            for path in ROUTES
            if path not in ("/api/events/{event_id}", "/api/stats")
        ),
    ],
)
def test_api_schemathesis_no_server_error(api_schema: Any, path: str, mode: GenerationMode) -> None:
    """Schema-made requests, valid and invalid, never get a 5xx (in-process, bounded)."""
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=40, deadline=None, database=None, derandomize=True)
    def check(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    check()
