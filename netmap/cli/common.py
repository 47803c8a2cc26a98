"""What every command shares: the help that speaks the user's language, the shared options, small helpers.

Help texts are catalogue keys (``netmap/texts/cli.yaml``), looked up when help is
drawn, in the language of ``--lang`` / ``NETMAP_LANG``. Click runs the group's
callback before a subcommand parses ``--help``, and ``--lang`` is eager, so
``netmap --lang en run --help`` is English.
"""
from __future__ import annotations

import inspect
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from netmap import schema
from netmap.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

if TYPE_CHECKING:
    from netmap.analysis import Settings
    from netmap.model import Dataset

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_OUT = Path("exports")
DEFAULT_RUNS = DEFAULT_OUT / "runs"
LANG_ENVVAR = "NETMAP_LANG"
_LANG_KEY = "netmap.lang"


# --- language -------------------------------------------------------------------------------------


def current_lang(ctx: click.Context | None = None) -> str:
    """The language of this invocation: the last ``--lang`` given, else NETMAP_LANG, else Dutch."""
    ctx = ctx or click.get_current_context(silent=True)
    chosen = ctx.meta.get(_LANG_KEY) if ctx is not None else None
    if chosen is None:
        chosen = os.environ.get(LANG_ENVVAR)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        ctx.meta[_LANG_KEY] = value
    return value


def cli_text(key: str, lang: str, /, **params: object) -> str:
    """A text of the command line (``netmap/texts/cli.yaml``)."""
    return t(f"cli.{key}", lang, **params)


# --- help in the user's language ------------------------------------------------------------------


class TextOption(click.Option):
    """An option whose ``help`` is a key under ``cli.option.``, drawn in the current language."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        if self.hidden:
            return None
        lang = current_lang(ctx)
        text = cli_text(f"option.{self.help}", lang) if self.help else ""
        extra = self.get_help_extra(ctx)
        items = []
        if "default" in extra:
            items.append(cli_text("help.default", lang, default=extra["default"]))
        if "range" in extra:
            items.append(extra["range"])
        if "required" in extra:
            items.append(cli_text("help.required", lang))
        if items:
            text = f"{text}  [{'; '.join(items)}]" if text else f"[{'; '.join(items)}]"
        return self.get_help_spec(ctx), text


#: click's reasons for refusing a value (its own words, in English), each with the catalogue key that says it in
#: the user's language; a reason not listed here is shown as click wrote it
_REASONS = (
    (re.compile(r"(?P<value>.+) is not a valid (?:float|float range)\.?"), "usage.not_a_number"),
    (re.compile(r"(?P<value>.+) is not a valid (?:integer|integer range)\.?"), "usage.not_a_whole_number"),
    (re.compile(r"(?P<value>.+) is not one of (?P<choices>.+?)\.?"), "usage.not_a_choice"),
    (re.compile(r"(?P<value>.+) is not in the range (?P<range>.+?)\.?"), "usage.out_of_range"),
    (re.compile(r"(?:File|Directory|Path) (?P<value>.+) does not exist\.?"), "usage.path_missing"),
)
_NO_SUCH_COMMAND = re.compile(r"No such command (?P<name>.+?)\.?")
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra arguments? \((?P<args>.*)\)")


class TextUsageError(click.UsageError):
    """A usage error said in the user's language: the frame (usage line, the hint to ask for help) and the
    message for the mistakes a user makes (an unknown option or command, a missing argument, a value that is
    not a number, not a choice or out of range). The ``Error:`` label stays as it is for every error netmap
    prints.
    """

    def __init__(self, err: click.UsageError):
        super().__init__(err.message, err.ctx)
        self.original = err

    def format_message(self) -> str:
        return self.message_in(current_lang(self.ctx))

    def message_in(self, lang: str) -> str:
        """The message in ``lang``; click's own words when netmap has none for this mistake."""
        err = self.original
        if isinstance(err, click.NoSuchOption):
            text = cli_text("usage.no_such_option", lang, option=repr(err.option_name))
            if err.possibilities:
                text += " " + cli_text("usage.did_you_mean", lang, options=", ".join(map(repr, err.possibilities)))
            return text
        hint = self._hint(err)
        if isinstance(err, click.MissingParameter) and hint:
            kind = err.param_type or (err.param.param_type_name if err.param is not None else "")
            return cli_text("usage.missing_option" if kind == "option" else "usage.missing", lang, param=hint)
        if isinstance(err, click.BadParameter) and not isinstance(err, click.MissingParameter):
            reason = err.message
            for pattern, key in _REASONS:
                if found := pattern.fullmatch(reason):
                    reason = cli_text(key, lang, **found.groupdict())
                    break
            return cli_text("usage.bad_value", lang, param=hint, reason=reason) if hint else reason
        if found := _NO_SUCH_COMMAND.fullmatch(err.message):
            return cli_text("usage.no_such_command", lang, name=found["name"])
        if found := _EXTRA_ARGUMENTS.fullmatch(err.message):
            return cli_text("usage.extra_arguments", lang, args=found["args"])
        return err.format_message()

    @staticmethod
    def _hint(err: click.UsageError) -> str:
        """The parameter a usage error is about, as click names it ('--scale', 'PATH')."""
        hint = getattr(err, "param_hint", None)
        param = getattr(err, "param", None)
        if hint is None and param is not None:
            hint = param.get_error_hint(err.ctx)
        if isinstance(hint, (list, tuple)):
            return " / ".join(f"'{h}'" for h in hint)
        return str(hint or "")

    def show(self, file: Any = None) -> None:
        file = file or sys.stderr
        ctx = self.ctx
        if ctx is not None:
            lang = current_lang(ctx)
            names = ctx.command.get_help_option_names(ctx)
            hint = cli_text("help.try", lang, command=ctx.command_path, option=max(names, key=len)) if names else ""
            click.echo(f"{ctx.get_usage()}\n{hint}\n", file=file, color=ctx.color)
        click.echo(f"{cli_text('error', current_lang(ctx))} {self.format_message()}", file=file,
                   color=ctx.color if ctx else None)


class TextError(click.ClickException):
    """A ClickException shown after the word for "error" in the user's language ("Fout:" / "Error:"),
    chosen when it is raised (click shows it after the command's context is gone)."""

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(message)
        self.lang = lang

    def show(self, file: Any = None) -> None:
        click.echo(f"{cli_text('error', self.lang)} {self.format_message()}", file=file or sys.stderr)


class _TextHelp:
    """Mixin for commands and groups: help text, headings and the help option in the current language."""

    help_key: str

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]
        except click.UsageError as err:
            raise err if isinstance(err, TextUsageError) else TextUsageError(err) from err

    def _help_text(self, ctx: click.Context | None = None) -> str:
        return inspect.cleandoc(cli_text(f"command.{self.help_key}", current_lang(ctx)))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(self._help_text(ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        command = cast(click.Command, self)
        command.help = self._help_text()  # drawn now, in the current language
        return click.Command.get_short_help_str(command, limit)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        prefix = cli_text("help.usage", current_lang(ctx)) + " "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [record for param in self.get_params(ctx)  # type: ignore[attr-defined]
                if not isinstance(param, click.Argument) and (record := param.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section(cli_text("help.options", current_lang(ctx))):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = cli_text("option.help", current_lang(ctx))
        return option


class NetmapCommand(_TextHelp, click.Command):
    """A command whose help is ``cli.command.<help_key>`` (default: its name)."""

    def __init__(self, name: str | None, *, help_key: str | None = None, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.help_key = help_key or str(name)


class NetmapGroup(_TextHelp, click.Group):
    """A group like :class:`NetmapCommand` whose commands turn NetmapError into a clean message."""

    command_class = NetmapCommand
    group_class = type

    def __init__(self, name: str | None = None, *, help_key: str | None = None, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.help_key = help_key or str(name)

    def invoke(self, ctx: click.Context) -> Any:
        from netmap.errors import NetmapError

        try:
            return super().invoke(ctx)
        except NetmapError as err:
            raise TextError(str(err), current_lang(ctx)) from err
        except (PermissionError, FileExistsError, NotADirectoryError, IsADirectoryError) as err:
            # a path netmap was asked to use that the system refuses: one line, never a traceback
            lang = current_lang(ctx)
            raise TextError(t("output.os_error", lang, path=err.filename or "",
                              reason=err.strerror or type(err).__name__), lang) from err
        except click.UsageError as err:
            raise err if isinstance(err, TextUsageError) else TextUsageError(err) from err
        except click.ClickException as err:  # a command's own (click's word "Error:" is not the reader's)
            raise err if isinstance(err, TextError) else TextError(err.format_message(), current_lang(ctx)) from err

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [(name, cmd) for name in self.list_commands(ctx)
                    if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section(cli_text("help.commands", current_lang(ctx))):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])


def command(name: str, **kwargs: Any) -> Callable[[Callable[..., Any]], NetmapCommand]:
    """``@command("run")``: a :class:`NetmapCommand` (help from ``cli.command.run``)."""
    return click.command(name, cls=NetmapCommand, **kwargs)


def option(*decls: str, **kwargs: Any) -> Callable[[F], F]:
    """``click.option`` with ``help`` a key under ``cli.option.``."""
    return click.option(*decls, cls=TextOption, **kwargs)


# --- shared options -------------------------------------------------------------------------------


def combine(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several decorators as one, applied in the order written."""
    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func
    return apply


def lang_option(default: str | None = None) -> Callable[[F], F]:
    """``--lang``: eager, so the help drawn after it speaks that language."""
    return option("--lang", type=click.Choice(LANGUAGES), default=default, envvar=LANG_ENVVAR,
                  show_default=default is not None, is_eager=True, callback=_remember_lang, help="lang")


path_argument = click.argument("path", type=click.Path(path_type=str), required=False)
roles_option = option("--roles-only", is_flag=True, help="roles_only")
settings_option = option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
                         default=None, help="settings")
as_of_option = option("--as-of", "as_of", metavar="YYYY-MM-DD", default=None, help="as_of")
runs_dir_option = option("--runs-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_RUNS,
                         show_default=True, help="runs_dir")
force_option = option("--force", is_flag=True, help="force")


def out_dir_option(func: F) -> F:
    """``-o/--out``: the output folder (default exports/)."""
    return option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
                  show_default=True, help="out_dir")(func)


# --- helpers --------------------------------------------------------------------------------------


def input_path(path: str | None) -> Path:
    """The path a command reads: ``path``, or the shipped KBL example without one."""
    from netmap.dataset import example_path

    return Path(path) if path else example_path()


def read_input(path: str | None, lang: str) -> Dataset:
    """The dataset at ``path``, or the shipped KBL example without one."""
    from netmap.dataset import example_path, read_dataset

    return read_dataset(Path(path) if path else example_path(), lang=lang)


def read_settings(settings_file: Path | None, as_of: str | None = None) -> Settings:
    """Settings from a YAML file, or the defaults; ``as_of`` (``--as-of``) wins over the file's."""
    from netmap.analysis import Settings

    settings = Settings.from_file(settings_file) if settings_file else Settings()
    return settings.replace(as_of=as_of)


def refuse_existing(output: Path, force: bool, lang: str) -> None:
    """Refuse to replace an existing file or folder unless ``--force`` was given."""
    if output.exists() and not force:
        raise click.ClickException(cli_text("exists", lang, path=output))


def status(key: str, lang: str, *, tty_only: bool = False, **params: object) -> None:
    """A status line on stderr (with ``tty_only``: only on a terminal, quiet when piped)."""
    if not tty_only or sys.stderr.isatty():
        click.echo(cli_text(key, lang, **params), err=True)


def echo_paths(paths: Iterable[Path | str]) -> None:
    """The files written, one a line on stdout (for scripts)."""
    for path in paths:
        click.echo(str(path))


def format_counts(counts: dict[str, int], lang: str) -> str:
    """``53 organisaties, 31 netwerken, ...``: how many records each input table holds, in the user's words."""
    return schema.describe_counts(counts, lang)
