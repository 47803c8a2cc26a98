"""The command line: thin commands over the library. The only package that imports click.

Each command parses options, calls a few library functions and prints. A
:class:`~netmap.errors.NetmapError` becomes one ``Fout: ...`` (``Error: ...``) block and exit
code 1; a user never sees a traceback for bad input. Everything it prints, help
included, is Dutch by default and English with ``--lang en`` / ``NETMAP_LANG=en``
(texts in ``netmap/texts/cli.yaml``).

- :mod:`~netmap.cli.common`: the help in the user's language, shared options, helpers
- :mod:`~netmap.cli.core`: validate, run, analyse, map
- :mod:`~netmap.cli.monitoring`: diff, runs
- :mod:`~netmap.cli.exchange`: export, import, template
- :mod:`~netmap.cli.neo4j`: load and the connection options
- :mod:`~netmap.cli.synth`: synth
- :mod:`~netmap.cli.serve`: serve (the service is :mod:`netmap.web`)
- :mod:`~netmap.cli.team`: users, backup, restore
"""
from __future__ import annotations

import os
import sys

import click

from netmap.cli import core, exchange, monitoring, neo4j, serve, synth, team
from netmap.cli.common import NetmapGroup, TextOption, lang_option

__all__ = ["main", "run_cli"]


@click.group("netmap", cls=NetmapGroup, help_key="main", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netmap", message="%(prog)s %(version)s", cls=TextOption, help="version")
@lang_option(default="nl")
def main(lang: str) -> None:
    """netmap: map the learning network of Dutch youth care (KBL)."""


COMMANDS = (core.validate, core.run, neo4j.load, synth.synth, monitoring.diff, exchange.export, exchange.import_,
            exchange.template, monitoring.runs, core.map_command, core.analyse, serve.serve, team.users,
            team.backup, team.restore)
for _command in COMMANDS:
    main.add_command(_command)


def run_cli() -> None:
    """Entry point of the ``netmap`` console script and ``python -m netmap``.

    After a finished ``netmap run`` the process exits without freeing the run's data
    (:class:`netmap.cli.core._Exit`): every file is written and moved into place by then."""
    core.EXIT.at_end = True
    try:
        main(prog_name="netmap")
    except SystemExit as end:
        if core.EXIT.done and end.code in (0, None):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        raise
