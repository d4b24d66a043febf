"""Every error as JSON, ``{"status": 400, "error": "what went wrong", "field": "limit"}``:

====  ===========================================================================
400   a parameter or the body is wrong (``field`` names it: ``limit``, ``since``, ``a``…)
401   ``POST /api/v1/ingest`` without ``Authorization: Bearer <token>``
403   a wrong token, or a server started without one (writes disabled)
404   no such event, article, route
413   a request body over the server's limit (2 MiB by default)
503   the store is busy (an ingest is writing) or locked by another process; retry
500   a bug: the message names the exception only; the traceback goes to the server's log
====  ===========================================================================
"""

from __future__ import annotations

import logging
from typing import Any

import duckdb
from fastapi import FastAPI, HTTPException, Request  # a starlette HTTPException whose detail is any JSON
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad.errors import StoreError
from dyad.serve.store import Busy

log = logging.getLogger(__name__)

# the dashboard runs only its own files; data reaches the page as text, never as markup
DASHBOARD_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
RETRY_AFTER_S = 5
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def body(status: int, message: str, field: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"status": status, "error": message}
    if field:
        out["field"] = field
    return out


def bad(field: str, message: str) -> HTTPException:
    """A 400 naming the offending parameter."""
    return HTTPException(400, detail=body(400, f"{field}: {message}", field))


def not_found(message: str) -> HTTPException:
    return HTTPException(404, detail=body(404, message))


def _json(status: int, content: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(content, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, dict) else body(exc.status_code, str(exc.detail))
    return _json(exc.status_code, detail, getattr(exc, "headers", None))


def _field(loc: tuple) -> str:
    names = [str(x) for x in loc[1:] if not isinstance(x, int)] or [str(x) for x in loc]
    return names[-1] if names else "request"


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": ("request",), "msg": "invalid request"}
    field = _field(tuple(first.get("loc", ("request",))))
    return _json(400, body(400, f"{field}: {first.get('msg', 'invalid')}", field))


async def _busy(request: Request, exc: Exception) -> JSONResponse:
    return _json(503, body(503, str(exc)), {"Retry-After": str(RETRY_AFTER_S)})


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    text = str(exc)
    if "lock" in text.lower():
        return _json(
            503, body(503, f"the store is locked by another process: {text}"), {"Retry-After": str(RETRY_AFTER_S)}
        )
    log.error("store error on %s: %s", request.url.path, text)
    return _json(500, body(500, f"store error: {text}"))


async def _bug(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path)
    return _json(500, body(500, f"internal error ({type(exc).__name__}); see the server's log"))


class TooLarge(HTTPException):
    def __init__(self, limit: int):
        self.body = body(413, f"request body over the limit of {limit} bytes")  # the detail, typed
        super().__init__(413, detail=self.body)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes: by their Content-Length before reading, and
    while reading when they come without one (chunked)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            response = _json(413, TooLarge(self.limit).body)
            return await response(scope, receive, send)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


class LoopbackHosts:
    """A server bound to loopback answers only requests addressed to a loopback name: a web
    page the user opens cannot reach it through DNS rebinding (its Host header is its own)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            name = raw.rsplit(":", 1)[0] if raw.count(":") == 1 or raw.startswith("[") else raw
            if name not in LOOPBACK:
                response = _json(
                    400, body(400, f"Host: this server answers only 127.0.0.1 or localhost, not {raw!r}", "Host")
                )
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


def install(app: FastAPI, max_body: int, host: str) -> None:
    """The handlers and middleware above; a loopback server answers only loopback host names
    (no DNS rebinding from a web page the user happens to open)."""
    app.add_exception_handler(StarletteHTTPException, _http_error)  # ours, and starlette's own 404 and 405
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(duckdb.Error, _store_error)
    app.add_exception_handler(Exception, _bug)
    app.add_middleware(BodyLimit, limit=max_body)
    if host in LOOPBACK:
        app.add_middleware(LoopbackHosts)
