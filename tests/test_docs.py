"""The README is the manual: every command and every API route is documented there."""

from __future__ import annotations

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    from typer.main import get_command

    from raadslens.cli import app

    commands = get_command(app).commands
    missing = [name for name in commands if f"raadslens {name}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_documented_command_exists():
    """The other way round: a command in the README (or `make bench`) that was lost fails here."""
    import re

    from typer.main import get_command

    from raadslens.cli import app

    commands = get_command(app).commands
    documented = set(re.findall(r"`raadslens (\w+)", README))
    documented |= set(re.findall(r"raadslens (\w+)", (REPO / "Makefile").read_text()))
    gone = sorted(documented - set(commands))
    assert not gone, f"documented but missing: {gone}"


def test_every_api_route_is_documented():
    from raadslens.search_api.web.app import create_app

    paths = create_app(":memory:").openapi()["paths"]
    missing = [p for p in paths if f"GET {p.split('{')[0].rstrip('/')}" not in README]
    assert not missing, f"undocumented routes: {missing}"


def test_the_two_commands_are_given():
    assert "make demo" in README and "make test" in README
