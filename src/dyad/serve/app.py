"""The ASGI app: the REST API under ``/api/v1``, the dashboard at ``/``, docs at ``/docs``.

Each route parses its parameters, then calls the library (``dyad.analysis.relations``,
``dyad.store.events``, ``dyad.scenarios.find``, ``dyad.api``) on the server's read-only store. Errors
are JSON ``{"status", "error", "field"}``, never a traceback (see :mod:`dyad.serve.errors`).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from dyad import api as lib
from dyad.analysis.dyads import dyads as rank_dyads
from dyad.analysis.dyads import network as net_matrix
from dyad.analysis.relations import RelationOptions
from dyad.analysis.relations import relations as dyad_relations
from dyad.records import MODALITIES
from dyad.serve import auth, errors, queries, tables
from dyad.serve.errors import bad
from dyad.serve.store import Cached, ServeStore
from dyad.serve.tables import csv_response
from dyad.store.reads import EventFilter, check_date, normalize_actor

log = logging.getLogger(__name__)

API = "/api/v1"
STATIC = Path(str(resources.files("dyad.serve") / "static"))
MAX_BODY = 2 * 1024 * 1024
Modality = Literal["asserted", "negated", "hypothetical", "future", "desired"]
Format = Literal["json", "csv"]
STATUSES = {
    "open": "open",
    "partly-met": "conditions partly met",
    "met": "conditions met",
    "observed": "consequence observed",
    "contradicted": "contradicted",
}
assert set(Modality.__args__) == set(MODALITIES)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ServeOptions:
    """How the server runs; ``dyad serve``'s options."""

    db: str = "dyad.duckdb"
    host: str = "127.0.0.1"
    port: int = 8000
    token_file: str | None = None  # None: the default (dyad.serve.auth.default_token_path)
    max_body: int = MAX_BODY
    cache_size: int = 256


def _actor(value: str, field: str) -> str:
    try:
        return normalize_actor(value)
    except ValueError as exc:
        raise bad(field, str(exc)) from None


def _date(value: str | None, field: str) -> str | None:
    try:
        check_date(value, field)
    except ValueError as exc:
        raise bad(field, str(exc)) from None
    return value


def _listed(values: list[str]) -> list[str]:
    """Repeated parameters and comma-separated ones alike (``actor=USA&actor=PAK`` or ``actor=USA,PAK``)."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@dataclass(frozen=True)
class Window:
    """The filters most reads share: modality and a date range."""

    since: str | None = None
    until: str | None = None
    modality: tuple[str, ...] = ()


# The dependencies are ``async``: FastAPI runs a plain ``def`` dependency in its threadpool,
# a hop that costs more than a cached answer does.
async def _window(
    since: Annotated[str | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="last day, YYYY-MM-DD")] = None,
    modality: Annotated[list[Modality] | None, Query(description="repeat for several")] = None,
) -> Window:
    return Window(_date(since, "since"), _date(until, "until"), tuple(modality or ()))


async def _store(request: Request) -> ServeStore:
    return request.app.state.store


Store = Annotated[ServeStore, Depends(_store)]
Filters = Annotated[Window, Depends(_window)]


async def _cached(store: ServeStore, key: tuple, compute: Callable[[Any], Any]) -> Cached:
    """The answer under ``key``: straight from the cache on the event loop when it is there,
    else computed (and remembered) in the threadpool, away from the event loop."""
    found = store.peek(key)
    if found is not None:
        return found
    return await run_in_threadpool(store.cached, key, compute)


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description="the article's text")
    date: str | None = Field(default=None, description="its publication date, YYYY-MM-DD")
    title: str | None = None


def _one(store: ServeStore, read: Callable[[Any, str], dict[str, Any] | None], ref: str, what: str) -> dict[str, Any]:
    """``read(store, ref)``, or a 404 naming ``what`` was not found."""
    with store.read() as s:
        found = read(s, ref)
    if found is None:
        raise errors.not_found(f"no {what} {ref!r}")
    return found


router = APIRouter(prefix=API)


@router.get("/health", summary="The store's event and article counts")
def health(store: Store) -> dict[str, Any]:
    with store.read() as s:
        return queries.health(s)


@router.get("/events", summary="Merged events, a page at a time")
def events(
    store: Store,
    window: Filters,
    actor: Annotated[list[str], Query(description="1: involving it; 2: between them; more: among them")] = [],  # noqa: B006
    root: Annotated[list[str], Query(description="CAMEO root codes, e.g. 04")] = [],  # noqa: B006
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(description="`next` of the previous page")] = None,
    order: Literal["asc", "desc"] = "asc",
    format: Format = "json",
) -> Any:
    actors = tuple(_actor(a, "actor") for a in _listed(actor))
    roots = tuple(_listed(root))
    if any(not (r.isdigit() and len(r) == 2) for r in roots):
        raise bad("root", "a CAMEO root is two digits, such as 04 or 19")
    where = EventFilter(
        involving=actors if len(actors) == 1 else (),
        dyad=actors if len(actors) == 2 else None,
        actors=actors if len(actors) > 2 else (),
        modality=window.modality,
        since=window.since,
        until=window.until,
    )
    q = queries.EventQuery(where, roots, limit, order == "desc", cursor)
    with store.read() as s:
        try:
            items, nxt = queries.events_page(s, q)
        except queries.BadCursor as exc:
            raise bad("cursor", str(exc)) from None
    if format == "csv":
        return csv_response("events", [tables.flat_event(e) for e in items], next_cursor=nxt)
    return JSONResponse({"items": items, "next": nxt})  # plain JSON types: FastAPI's encoder pass adds nothing


@router.get(
    "/events/{event_key}", summary="One event with every mention and its evidence", response_model=dict[str, Any]
)
def event(store: Store, event_key: str) -> Any:
    return JSONResponse(_one(store, queries.event_detail, event_key, "event"))


@router.get("/relations/{a}/{b}", summary="A dyad per period and direction, with its index, band and change points")
async def relations(
    request: Request,
    store: Store,
    a: str,
    b: str,
    window: Filters,
    period: Literal["day", "week", "month", "year"] = "month",
    bootstrap: Annotated[int, Query(ge=0, le=2000, description="article resamples for the band")] = 500,
    format: Format = "json",
) -> Any:
    a, b = _actor(a, "a"), _actor(b, "b")
    if a == b:
        raise bad("b", "a dyad needs two different actors")
    opts = RelationOptions(
        period=period,
        modality=window.modality or ("asserted",),
        since=window.since,
        until=window.until,
        bootstrap=bootstrap,
    )
    out = await _cached(store, ("relations", a, b, opts), lambda s: dyad_relations(s, a, b, opts).as_dict())
    if format == "csv":
        return csv_response(f"relations-{a}-{b}", [tables.flat_period(r) for r in out.value["rows"]])
    return out.response(request.headers)


@router.get("/dyads", summary="Dyads ranked by volume or by recent change")
async def dyads(
    request: Request,
    store: Store,
    window: Filters,
    sort: Literal["volume", "change", "recent"] = "volume",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    recent_months: Annotated[int, Query(ge=1, le=120)] = 12,
    format: Format = "json",
) -> Any:
    mods = window.modality or ("asserted",)
    key = ("dyads", mods, window.since, window.until, recent_months, sort, limit)
    rows = await _cached(
        store,
        key,
        lambda s: {
            "items": [d.as_dict() for d in rank_dyads(s, mods, window.since, window.until, recent_months, sort, limit)]
        },
    )
    if format == "csv":
        return csv_response("dyads", rows.value["items"])
    return rows.response(request.headers)


@router.get("/network", summary="Net cooperation between every ordered pair of actors")
def network(
    store: Store,
    window: Filters,
    actor: Annotated[list[str], Query(description="at least two, at most 40")] = [],  # noqa: B006
    directed: bool = True,
    format: Format = "json",
) -> Any:
    actors = tuple(dict.fromkeys(_actor(a, "actor") for a in _listed(actor)))
    if not 2 <= len(actors) <= 40:
        raise bad("actor", "a network needs between 2 and 40 different actors")
    mods = window.modality or ("asserted",)
    with store.read() as s:
        net = net_matrix(s, actors, mods, window.since, window.until, directed)
    if format == "csv":
        return csv_response("network", net.cells())
    return {**net.as_dict(), "cells": net.cells()}


@router.get("/scenarios", summary="Conditional scenarios with their status and the events that moved them")
def scenarios(
    store: Store,
    dyad: Annotated[str | None, Query(description="two actors, A,B")] = None,
    status: Annotated[list[str], Query(description=f"any of {', '.join(STATUSES)}")] = [],  # noqa: B006
    format: Format = "json",
) -> Any:
    pair = None
    if dyad is not None:
        parts = _listed([dyad])
        if len(parts) != 2:
            raise bad("dyad", "a dyad is two actors, as A,B")
        pair = (_actor(parts[0], "dyad"), _actor(parts[1], "dyad"))
    wanted = set()
    for s_ in _listed(status):
        if s_ not in STATUSES and s_ not in STATUSES.values():
            raise bad("status", f"unknown status {s_!r}; one of {', '.join(STATUSES)}")
        wanted.add(STATUSES.get(s_, s_))
    items = store.cached(("scenarios", pair), lambda s: queries.scenario_board(s, pair), serialize=False)
    items = [x for x in items if not wanted or x["status"] in wanted]
    if format == "csv":
        return csv_response("scenarios", [tables.flat_scenario(x) for x in items])
    return {"items": items}


@router.get("/articles/{article_id}", summary="One article with its numbered sentences")
def article(store: Store, article_id: str) -> dict[str, Any]:
    return _one(store, lib.article_in, article_id, "article")


@router.post("/code", summary="Code a text into events; nothing is stored")
def code(body: CodeRequest) -> dict[str, Any]:
    _date(body.date, "date")
    doc = {"id": "request", "text": body.text, "date": body.date, "title": body.title}
    events = list(lib.code(["-"], stdin=io.BytesIO((json.dumps(doc) + "\n").encode())))
    return {"items": [e.as_dict() for e in events]}


@router.post(
    "/ingest",
    summary="Code documents (JSONL, or one JSON article) into the store; needs the token",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "object"}},
            },
        }
    },
)
async def ingest(
    request: Request, store: Store, authorization: Annotated[str | None, Header(description="Bearer <token>")] = None
) -> Any:
    auth.check(request.app.state.token_file, authorization)
    body = await request.body()
    if not body.strip():
        raise bad("body", "send JSONL documents (one JSON object a line) or one JSON article")
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            doc = json.loads(body)
        except ValueError as exc:
            raise bad("body", f"not JSON: {exc}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise bad("text", "one article is a JSON object with a string `text`")
        body = (json.dumps(doc) + "\n").encode()
    return await run_in_threadpool(_ingest, store, body)


def _ingest(store: ServeStore, body: bytes) -> dict[str, Any]:
    from dyad.pipeline import CodeRun

    run = CodeRun()
    with store.write() as path:
        events = sum(1 for _ in lib.code(["-"], db=path, stdin=io.BytesIO(body), run=run))
    return {"ingest": run.ingest.as_dict() if run.ingest else None, "coded": run.coded.as_dict(), "events": events}


def create_app(options: ServeOptions = ServeOptions()) -> FastAPI:
    """The app over ``options.db`` (opened read-only now: a missing or older store fails here)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.store.close()

    app = FastAPI(
        title="dyad",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        description="Evidence-backed political events and dyads over a dyad store. Read-only, "
        "except `POST /api/v1/ingest`, which needs the server's token.",
    )
    app.state.store = ServeStore(options.db, cache_size=options.cache_size)
    app.state.token_file = options.token_file or str(auth.default_token_path())
    app.include_router(router)
    errors.install(app, options.max_body, options.host)
    from swagger_ui_bundle import swagger_ui_path  # Swagger UI's files, so /docs needs no CDN

    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": errors.DASHBOARD_CSP})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(Path(swagger_ui_path) / "favicon-32x32.png")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="dyad API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )  # no badge from swagger.io

    return app
