"""The HTTP API and the dashboard: one FastAPI app over a store opened read-only.

``create_app(db_path)`` serves the JSON API under ``/api`` (schema at ``/openapi.json``), the
dashboard pages (``wirecoder.web.pages``) and their static files. Every route calls one
``wirecoder.query`` function; the library's errors become JSON (or an HTML page) with a status:

    QueryError → 400, NotFound → 404, request validation → 422, StoreError → 503
"""

from __future__ import annotations

from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from wirecoder import query
from wirecoder.query import SortKey
from wirecoder.records import EventFilter
from wirecoder.schemas import (
    ActorListOut,
    ActorProfileOut,
    CountUnit,
    DyadOut,
    ErrorOut,
    EventDetailOut,
    EventPageOut,
    EventType,
    MapOut,
    Order,
    Period,
    StatsOut,
)
from wirecoder.store import Store, StoreError
from wirecoder.web import pages

__all__ = ["create_app", "get_store"]

ISO_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_MAX_INT = 10**9  # bigger offsets and limits would overflow DuckDB's integers


def get_store(request: Request) -> Store:
    """The app's read-only store (a FastAPI dependency)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
Code = Annotated[
    str | None, Query(max_length=32, description="A country (ISO alpha-3) or IGO code")
]
Day = Annotated[str | None, Query(pattern=ISO_DATE, description="ISO date, year-month or year")]
Text = Annotated[str | None, Query(max_length=200, description="Words to find, ignoring case")]
Limit = Annotated[int, Query(ge=0, le=_MAX_INT, description="Page size, capped at 1000")]
Offset = Annotated[int, Query(ge=0, le=_MAX_INT)]
Counted = Annotated[
    CountUnit,
    Query(description="Count real-world events (clusters, the default) or every mention"),
]


def event_filter(
    actor: Code = None,
    recipient: Code = None,
    type: Annotated[EventType | None, Query(description="PLOVER event type")] = None,
    since: Day = None,
    until: Day = None,
    q: Text = None,
) -> EventFilter:
    """The event filters of a request's query string (a FastAPI dependency)."""
    kind = type.value if type else None
    return EventFilter(actor, recipient, kind, since, until, q)


Filters = Annotated[EventFilter, Depends(event_filter)]

router = APIRouter(
    prefix="/api",
    responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}, 503: {"model": ErrorOut}},
)


@router.get("/events", response_model=EventPageOut)
def list_events(
    store: StoreDep,
    filters: Filters,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: SortKey = SortKey.date,
    order: Order = Order.asc,
) -> EventPageOut:
    """Events matching every filter given, one page of them, and how many match in all."""
    found = query.search_events(
        store,
        filters,
        limit=limit,
        offset=offset,
        sort=sort.value,
        descending=order is Order.desc,
    )
    return EventPageOut.model_validate(found)


@router.get("/events/{event_id}", response_model=EventDetailOut)
def get_event(store: StoreDep, event_id: str) -> EventDetailOut:
    """One event, the article it was coded from, and that article's other events."""
    return EventDetailOut.model_validate(query.event_detail(store, event_id))


@router.get("/dyads/{a}/{b}", response_model=DyadOut)
def get_dyad(
    store: StoreDep, a: str, b: str, by: Period = Period.month, unit: Counted = CountUnit.clusters
) -> DyadOut:
    """Events between two sides per period, both directions: types, QuadClass, Goldstein."""
    return DyadOut.model_validate(query.dyad(store, a, b, by=by.value, unit=unit.value))


@router.get("/actors", response_model=ActorListOut)
def list_actors(
    store: StoreDep,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
    unit: Counted = CountUnit.clusters,
) -> ActorListOut:
    """Names and codes of event sides containing ``q``, most events first."""
    found = query.actors(store, q, limit=limit, offset=offset, unit=unit.value)
    return ActorListOut.model_validate(found)


@router.get("/actors/{name:path}", response_model=ActorProfileOut)
def get_actor(
    store: StoreDep, name: str, limit: Limit = 50, unit: Counted = CountUnit.clusters
) -> ActorProfileOut:
    """An actor's roles over time, partners, and latest events as actor and as recipient."""
    return ActorProfileOut.model_validate(query.actor(store, name, limit=limit, unit=unit.value))


@router.get("/stats", response_model=StatsOut)
def get_stats(store: StoreDep, unit: Counted = CountUnit.clusters) -> StatsOut:
    """What the store holds: counts, date range, events by type and QuadClass."""
    return StatsOut.model_validate(query.stats(store, unit=unit.value))


@router.get("/map", response_model=MapOut)
def get_map(
    store: StoreDep,
    filters: Filters,
    limit: Limit = 1000,
    unit: Counted = CountUnit.clusters,
) -> MapOut:
    """Places of the matching events that have coordinates, with event counts."""
    points = query.map_points(store, filters, limit=limit, unit=unit.value)
    return MapOut.model_validate({"points": points})


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, detail: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": jsonable_encoder(detail)}, status_code=status)
    return pages.error_page(request, status, detail if isinstance(detail, str) else _first(detail))


def _first(errors: Any) -> str:
    """One line from FastAPI's list of validation errors."""
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        where = ".".join(str(part) for part in errors[0].get("loc", ())[1:])
        return f"{where}: {errors[0].get('msg', 'invalid')}"
    return str(errors)


def _install_errors(app: FastAPI) -> None:
    async def on_query(request: Request, exc: Exception) -> Response:
        return _error(request, 404 if isinstance(exc, query.NotFound) else 400, str(exc))

    async def on_store(request: Request, exc: Exception) -> Response:
        return _error(request, 503, str(exc))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{k: v for k, v in e.items() if k != "ctx"} for e in exc.errors()]
        return _error(request, 422, errors)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(request, exc.status_code, exc.detail)

    app.add_exception_handler(query.QueryError, on_query)
    app.add_exception_handler(StoreError, on_store)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)


def create_app(db_path: str | Path) -> FastAPI:
    """The API and dashboard over the store at ``db_path``, opened read-only.

    ``StoreError`` if there is no Wirecoder store there. The store stays open for the app's
    life (``app.state.store``; close it with ``app.state.store.close()``), so the app can be
    started and stopped more than once, as test clients do.
    """
    store = Store(db_path, read_only=True)
    app = FastAPI(
        title="Wirecoder",
        version=version("wirecoder"),
        summary="PLOVER political events coded from news wire, with their evidence sentences.",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN: not offline
        redoc_url=None,
    )
    app.state.store = store
    app.include_router(router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("wirecoder.web") / "static")), "static")
    _install_errors(app)
    return app
