"""`netmap synth`: a synthetic national youth-care field for the benchmark."""
from __future__ import annotations

from pathlib import Path

import click

from netmap.cli.common import (
    DEFAULT_OUT,
    cli_text,
    command,
    current_lang,
    force_option,
    format_counts,
    lang_option,
    option,
    refuse_existing,
    status,
)


@command("synth")
@option("--scale", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True, help="scale")
@option("--seed", type=int, default=1, show_default=True, help="seed")
@option("-o", "--output", type=click.Path(path_type=Path), default=None, help="synth_output")
@force_option
@lang_option()
def synth(scale: float, seed: int, output: Path | None, force: bool, lang: str | None) -> None:
    """Generate a synthetic national youth-care field in the normal input format."""
    from netmap.synth import generate, planted_path, write_synthetic

    lang = current_lang()
    output = output or DEFAULT_OUT / f"synth-{scale:g}-{seed}"
    refuse_existing(output, force, lang)
    field = generate(scale, seed, progress=lambda stage: status("synth_stage", lang, stage=stage))
    status("synth_writing", lang, path=output)
    written = write_synthetic(field, output)
    click.echo(cli_text("synth_done", lang, path=written, counts=format_counts(field.dataset.counts(), lang),
                        planted=planted_path(written)))
