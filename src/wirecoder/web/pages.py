"""The dashboard's pages: each route calls one ``wirecoder.query`` function and renders a template.

Templates live in ``templates/`` and are rendered with autoescaping on, so every string from
an article is escaped; the pages load nothing but ``/static`` files and run no script (their
Content-Security-Policy says so).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined

from wirecoder import query
from wirecoder.query import EventPage, SortKey
from wirecoder.records import EVENT_TYPES, EventFilter
from wirecoder.schemas import Order, Period
from wirecoder.store import Store
from wirecoder.web.charts import QUAD_NAMES, dyad_chart, world_map
from wirecoder.web.highlight import evidence_pieces

__all__ = ["error_page", "router"]

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'none'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PAGE_SIZES = (25, 50, 100, 250)


def link(path: str, **params: object) -> str:
    """``path`` with the given query parameters, leaving out empty ones."""
    kept = {k: v for k, v in params.items() if v is not None and v != ""}
    return f"{path}?{urlencode(kept)}" if kept else path


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("wirecoder.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.globals.update(link=link, event_types=EVENT_TYPES, quad_names=QUAD_NAMES)
    return env


templates = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(_store)]
Filter = Annotated[str | None, Query(max_length=200)]


def form_filter(
    actor: Filter = None,
    recipient: Filter = None,
    type: Filter = None,
    since: Filter = None,
    until: Filter = None,
    q: Filter = None,
) -> EventFilter:
    """The event filters of a page's form (a FastAPI dependency): a blank field filters nothing."""
    return EventFilter.of_form(
        actor=actor, recipient=recipient, type=type, since=since, until=until, q=q
    )


FormFilters = Annotated[EventFilter, Depends(form_filter)]
PageNumber = Annotated[int, Query(ge=1, le=10**6)]
Size = Annotated[int, Query(ge=1, le=1000)]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered as a page, with the dashboard's security headers."""
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML answer for an error: its status and the one-line message."""
    return render(request, "error.html", status, status=status, message=message)


def _filters(**given: str | None) -> dict[str, str | None]:
    """Form values with blanks as ``None`` (an empty field filters nothing)."""
    return {k: (v.strip() or None) if v is not None else None for k, v in given.items()}


@router.get("/", response_class=HTMLResponse)
def explorer(
    request: Request,
    store: StoreDep,
    filters: FormFilters,
    sort: SortKey = SortKey.date,
    order: Order = Order.asc,
    page: PageNumber = 1,
    size: Size = 50,
) -> HTMLResponse:
    """The events explorer: filters, a table sortable by column, and pages."""
    error = None
    try:
        found = query.search_events(
            store,
            filters,
            limit=size,
            offset=(page - 1) * size,
            sort=sort.value,
            descending=order is Order.desc,
        )
    except query.QueryError as exc:
        error, found = str(exc), EventPage((), 0, size, 0)
    return render(
        request,
        "explorer.html",
        400 if error else 200,
        filters=filters.fields(),
        found=found,
        error=error,
        sort=sort.value,
        order=order.value,
        page=page,
        size=size,
        sizes=PAGE_SIZES,
        pages=max(1, -(-found.total // size)),
        stats=query.stats(store),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: str) -> HTMLResponse:
    """One event: its evidence sentence highlighted, its fields, the article's other events."""
    detail = query.event_detail(store, event_id)
    return render(
        request,
        "event.html",
        detail=detail,
        event=detail.event,
        pieces=evidence_pieces(detail.event),
    )


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(
    request: Request,
    store: StoreDep,
    a: Filter = None,
    b: Filter = None,
    by: Period = Period.month,
) -> Response:
    """Pick two sides (or one of the busiest pairs); with both given, go to their page."""
    chosen = _filters(a=a, b=b)
    if chosen["a"] and chosen["b"]:
        target = f"/dyads/{quote(chosen['a'], safe='')}/{quote(chosen['b'], safe='')}"
        return RedirectResponse(link(target, by=by.value), status_code=303)
    return render(request, "dyads.html", top=query.top_dyads(store, limit=30), by=by.value)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(
    request: Request, store: StoreDep, a: str, b: str, by: Period = Period.month
) -> HTMLResponse:
    """Two sides' events per period: QuadClass bars, the mean Goldstein line, the table."""
    series = query.dyad(store, a, b, by=by.value)
    return render(request, "dyad.html", series=series, chart=dyad_chart(series), bys=query.BYS)


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    store: StoreDep,
    filters: FormFilters,
) -> HTMLResponse:
    """Where the matching events happened: a dot per place, sized by its events."""
    error, points = None, tuple[query.MapPoint, ...]()
    try:
        points = query.map_points(store, filters, limit=query.MAX_LIMIT)
    except query.QueryError as exc:
        error = str(exc)
    return render(
        request,
        "map.html",
        400 if error else 200,
        filters=filters.fields(),
        error=error,
        points=points,
        world=world_map(points),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, store: StoreDep, q: Filter = None, page: PageNumber = 1, size: Size = 50
) -> HTMLResponse:
    """Names and codes seen as event sides, most events first."""
    text = _filters(q=q)["q"]
    found = query.actors(store, text, limit=size, offset=(page - 1) * size)
    return render(
        request,
        "actors.html",
        q=text,
        found=found,
        page=page,
        size=size,
        pages=max(1, -(-found.total // size)),
    )


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    """An actor's roles over time, partners, and events as actor and as recipient."""
    profile = query.actor(store, name)
    summary = profile.summary
    code = summary.name if summary.kind == "code" else (summary.country or summary.igo)
    return render(request, "actor.html", profile=profile, summary=summary, code=code)
