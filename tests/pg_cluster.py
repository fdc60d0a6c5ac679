"""A throw-away PostgreSQL 15 cluster for the tests: initdb in a temporary folder, a free port,
its unix socket in that folder, stopped (and the folder removed) at the end of the session.

PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs to
`nobody` (runuser). The superuser `raadslens` logs in with a password over TCP
(scram-sha-256), so wrong credentials can be tested for real.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("RAADSLENS_PG_BIN", "/usr/lib/postgresql/15/bin"))
USER = "raadslens"
PASSWORD = "raadslens-test"


def unavailable() -> str | None:
    """Why no cluster can be started here, or None when it can."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (PG_BIN / tool).exists():
            return (f"PostgreSQL 15 is not installed ({PG_BIN / tool} missing) and could not be installed: "
                    "run `make pg-deps` (Debian package postgresql-15)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: PostgreSQL cannot be started as an unprivileged user"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, dbname: str = "postgres", *, password: str = PASSWORD, user: str = USER) -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=self.folder)

    def start(self) -> None:
        pwfile = self.folder / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            os.chown(self.folder, 65534, 65534)
            os.chown(pwfile, 65534, 65534)
        self._run("initdb", "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}", "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, "-w", "start")

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    folder = Path(tempfile.mkdtemp(prefix="raadslens-pg-"))
    cluster = Cluster(folder, _free_port())
    try:
        cluster.start()
    except BaseException:
        log = folder / "log"
        detail = log.read_text()[-2000:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        if detail:
            raise RuntimeError(f"the test PostgreSQL cluster did not start:\n{detail}") from None
        raise
    return cluster
