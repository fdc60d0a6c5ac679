from raadslens.cli import app

app()
