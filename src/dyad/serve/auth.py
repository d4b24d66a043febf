"""The write token: made by ``dyad serve --new-token``, kept in a file only its owner can read,
checked on every write (``Authorization: Bearer <token>``)."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from fastapi import HTTPException

from dyad.serve.errors import body


def default_token_path() -> Path:
    """``$XDG_CONFIG_HOME/dyad/serve.token`` (``~/.config/dyad/serve.token``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "dyad" / "serve.token"


def new_token(path: str | Path | None = None) -> Path:
    """Write a fresh random token to ``path`` (mode 0600, replacing any old one); its path."""
    path = Path(path) if path else default_token_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_urlsafe(32) + "\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def read_token(path: str | Path) -> str | None:
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return token or None


def check(token_file: str, authorization: str | None) -> None:
    """Raise 401 without a bearer token, 403 with a wrong one or when the server has none."""
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401,
            detail=body(401, "writes need `Authorization: Bearer <token>`; make one with `dyad serve --new-token`"),
            headers={"WWW-Authenticate": "Bearer"},
        )
    expected = read_token(token_file)
    if expected is None:
        raise HTTPException(
            403,
            detail=body(403, "writes are disabled: this server has no token (start it after `dyad serve --new-token`)"),
        )
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, detail=body(403, "wrong token"))
