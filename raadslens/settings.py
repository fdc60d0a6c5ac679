"""The one list of settings: each with its environment variable, default and a line of documentation.

Every command and the server read them through `Settings.from_env`; a command-line
option given explicitly wins over the environment. `tests/test_settings.py`
checks that the README documents each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def default_db() -> Path:
    """An absolute path in the per-user data directory (XDG), so every folder sees the same database."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser().resolve() / "raadslens" / "raadslens.db"


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    doc: str


SETTINGS = [
    Setting("db", "RAADSLENS_DB",
            "the database: a SQLite file path or sqlite:///path, or a PostgreSQL 15+ URL postgresql://user@host/db (default: $XDG_DATA_HOME/raadslens/raadslens.db,"
            " i.e. ~/.local/share/raadslens/raadslens.db)"),
    Setting("spacy_model", "RAADSLENS_SPACY_MODEL",
            "the spaCy pipeline to build on: a package name or a folder saved with nlp.to_disk()"
            " (default: nl_core_news_lg when installed, else a blank Dutch pipeline)"),
    Setting("shared", "RAADSLENS_SHARED",
            "the folder with realworld/ and seeds/ for `raadslens eval` and the tests (default: ../shared)"),
    Setting("timeout", "RAADSLENS_TIMEOUT", "seconds one document may take in `ingest` (default: 600)"),
    Setting("max_memory", "RAADSLENS_MAX_MEMORY", "memory limit (address space) per ingest worker in MB; a document that needs more fails as too large (default: 1024)"),
    Setting("workers", "RAADSLENS_WORKERS", "ingest worker processes; 0 = one per core, at most 2 (default: 0)"),
    Setting("allowed_hosts", "RAADSLENS_ALLOWED_HOSTS",
            "host names `serve` answers besides the loopback names, comma-separated, e.g. raadslens.example.nl"
            " (default: none; a request with another Host header gets a 400)"),
    Setting("token", "RAADSLENS_TOKEN",
            "the bearer token the API's write endpoints (POST/DELETE /alerts) require; unset: writing through"
            " the API is off (403)"),
    Setting("smtp_host", "RAADSLENS_SMTP_HOST", "mail server for alert e-mail, host or host:port; it must offer"
            " STARTTLS (default: none, e-mail deliveries wait)"),
    Setting("smtp_from", "RAADSLENS_SMTP_FROM", "sender address of alert e-mail (default: raadslens@localhost)"),
    Setting("smtp_user", "RAADSLENS_SMTP_USER", "login on the mail server, after STARTTLS (default: none)"),
    Setting("smtp_password", "RAADSLENS_SMTP_PASSWORD", "password for RAADSLENS_SMTP_USER"),
    Setting("webhook_secret", "RAADSLENS_WEBHOOK_SECRET",
            "key of the X-Raadslens-Signature header (HMAC-SHA256 of the body) on alert webhooks"
            " (default: none, unsigned)"),
    Setting("base_url", "RAADSLENS_BASE_URL",
            "the server's address that page links in alerts start with, e.g. https://raadslens.example.nl"
            " (default: http://127.0.0.1:8000)"),
]


@dataclass(frozen=True)
class Settings:
    db: str
    spacy_model: str | None = None
    shared: str | None = None
    timeout: float = 600.0
    max_memory: int = 1024
    workers: int = 0
    allowed_hosts: str = ""
    token: str = ""
    smtp_host: str = ""
    smtp_from: str = "raadslens@localhost"
    smtp_user: str = ""
    smtp_password: str = ""
    webhook_secret: str = ""
    base_url: str = "http://127.0.0.1:8000"

    @classmethod
    def from_env(cls, **given: object) -> Settings:
        """The environment's settings, overridden by the values given (None means not given)."""
        env = {s.name: os.environ[s.env] for s in SETTINGS if os.environ.get(s.env)}
        values: dict[str, object] = {"db": str(default_db())}
        for name, raw in env.items():
            field_type = cls.__dataclass_fields__[name].type
            values[name] = float(raw) if field_type == "float" else int(raw) if field_type == "int" else raw
        values.update({k: v for k, v in given.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
