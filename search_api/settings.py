"""Configuration, read once from the environment (RAADSLENS_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("data/raadslens.db")


@dataclass(frozen=True)
class Settings:
    db_path: Path = DEFAULT_DB

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(db_path=Path(os.environ.get("RAADSLENS_DB", DEFAULT_DB)))
