"""``python -m netmap`` runs the command line."""
from netmap.cli import run_cli

run_cli()
