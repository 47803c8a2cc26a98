"""`netmap users` (accounts of the service) and `netmap backup` / `netmap restore` (a workspace as a zip)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from netmap.cli.common import NetmapGroup, cli_text, command, current_lang, lang_option, option
from netmap.cli.serve import DEFAULT_WORKSPACE

workspace_option = option("--workspace", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_WORKSPACE,
                          show_default=True, help="serve_workspace")
password_stdin = option("--password-stdin", is_flag=True, help="users_password_stdin")


def _store(workspace: Path):
    from netmap.web.workspace import Workspace

    ws = Workspace(workspace)
    ws.open(seed_example=False)
    return ws.team


def _password(from_stdin: bool, lang: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(cli_text("users_password_prompt", lang), hide_input=True,
                        confirmation_prompt=cli_text("users_password_again", lang))


def _account_error(err, lang: str) -> click.ClickException:
    from netmap.i18n import t

    return click.ClickException(t(f"web.team_{err.key}", lang, **err.params))


@click.group("users", cls=NetmapGroup)
def users() -> None:
    """Manage the accounts of netmap serve."""


@users.command("add", help_key="users_add")
@click.argument("name")
@option("--role", type=click.Choice(("beheerder", "werkorganisatie", "lezer")), required=True, help="users_role")
@password_stdin
@workspace_option
@lang_option()
def users_add(name: str, role: str, password_stdin: bool, workspace: Path, lang: str | None) -> None:
    from netmap.web.team import AccountError

    lang = current_lang()
    try:
        _store(workspace).add_user(name, role, _password(password_stdin, lang))
    except AccountError as err:
        raise _account_error(err, lang) from err
    click.echo(cli_text("users_added", lang, name=name, role=role))


@users.command("list", help_key="users_list")
@workspace_option
@lang_option()
def users_list(workspace: Path, lang: str | None) -> None:
    lang = current_lang()
    found = _store(workspace).users()
    if not found:
        click.echo(cli_text("users_none", lang))
    for user in found:
        click.echo(f"{user.name}\t{user.role}\t{user.created}")


@users.command("remove", help_key="users_remove")
@click.argument("name")
@workspace_option
@lang_option()
def users_remove(name: str, workspace: Path, lang: str | None) -> None:
    from netmap.web.team import AccountError

    lang = current_lang()
    try:
        _store(workspace).remove_user(name)
    except AccountError as err:
        raise _account_error(err, lang) from err
    click.echo(cli_text("users_removed", lang, name=name))


@users.command("reset-password", help_key="users_reset-password")
@click.argument("name")
@password_stdin
@workspace_option
@lang_option()
def users_reset(name: str, password_stdin: bool, workspace: Path, lang: str | None) -> None:
    from netmap.web.team import AccountError

    lang = current_lang()
    try:
        _store(workspace).reset_password(name, _password(password_stdin, lang))
    except AccountError as err:
        raise _account_error(err, lang) from err
    click.echo(cli_text("users_reset_done", lang, name=name))


@command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@workspace_option
@lang_option()
def backup(target: Path, workspace: Path, lang: str | None) -> None:
    """Write the workspace to one zip file."""
    from netmap.web.backup import backup as run

    lang = current_lang()
    counts = run(workspace, target, lang)
    click.echo(cli_text("backup_done", lang, path=target, snapshots=counts["snapshots"], users=counts["users"]))


@command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@workspace_option
@lang_option()
def restore(archive: Path, workspace: Path, lang: str | None) -> None:
    """Restore a backup into a new or empty workspace folder."""
    from netmap.web.backup import restore as run

    lang = current_lang()
    counts = run(archive, workspace, lang)
    click.echo(cli_text("restore_done", lang, path=workspace, snapshots=counts.get("snapshots", 0),
                        users=counts.get("users", 0)))
