"""PostgreSQL connections: checking a `postgresql://` URL and turning a failed connection into one clear line.

Only the store package imports psycopg. Every failure to reach the database (a malformed
URL, a refused connection, wrong credentials, a missing database) is a `StoreError` whose
message is one line naming the URL without its password, so a command prints it and exits 1
without having written anything anywhere.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from raadslens.search_api.store.base import StoreError

CONNECT_TIMEOUT_S = 5  # a host that does not answer is reported after this long, not after minutes

# SQLSTATE codes of the failures a user can fix, with what to do about them
_CAUSES = {
    "28P01": "wrong user name or password",
    "28000": "the server refused this user (pg_hba.conf)",
    "3D000": "the database does not exist (create it first: createdb NAME)",
    "42501": "this user may not connect to the database",
    "57P03": "the server is starting up or shutting down; try again",
    "53300": "the server has too many connections",
}


def redact(url: str) -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{netloc[1]}").geturl()


def check_url(url: str) -> None:
    """Refuse a URL that cannot name one PostgreSQL database, before trying to connect."""
    shown = redact(url)
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError for a port that is not a number or out of range
    except ValueError as e:
        raise StoreError(f"{shown}: not a valid PostgreSQL URL ({e}); "
                         "expected postgresql://user:password@host:port/dbname") from None
    if parts.scheme.lower() not in ("postgresql", "postgres"):
        raise StoreError(f"{shown}: not a PostgreSQL URL; expected postgresql://user:password@host:port/dbname")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise StoreError(f"{shown}: the URL names no database; expected postgresql://user:password@host:port/dbname")
    if port == 0:
        raise StoreError(f"{shown}: port 0 is not a port")
    from psycopg import conninfo

    try:
        conninfo.conninfo_to_dict(url)
    except Exception as e:  # noqa: BLE001 - psycopg.ProgrammingError; any parse failure is the user's URL
        raise StoreError(f"{shown}: not a valid PostgreSQL URL ({first_line(str(e))})") from None


def connect_error(url: str, e: Exception) -> StoreError:
    """One line for a connection that failed: what went wrong and what to do."""
    shown = redact(url)
    sqlstate = getattr(e, "sqlstate", None)
    if sqlstate in _CAUSES:
        return StoreError(f"cannot open {shown}: {_CAUSES[sqlstate]}")
    text = str(e)
    low = text.lower()
    if "connection refused" in low:
        cause = "connection refused (is PostgreSQL running on that host and port?)"
    elif "password authentication failed" in low or "no password supplied" in low:
        cause = "wrong user name or password"
    elif "does not exist" in low and "database" in low:
        cause = "the database does not exist (create it first: createdb NAME)"
    elif "timeout" in low or "timed out" in low:
        cause = f"no answer within {CONNECT_TIMEOUT_S} s (wrong host, or a firewall?)"
    elif "could not translate host name" in low or "name or service not known" in low:
        cause = "unknown host name"
    elif "no such file or directory" in low:
        cause = "no server listens on that socket (is PostgreSQL running?)"
    else:
        cause = first_line(text) or type(e).__name__
    return StoreError(f"cannot open {shown}: {cause}")


def first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("connection failed: ")
    return ""
