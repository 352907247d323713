"""`mapper schema`: print the bundled JSON Schema of a bulk-write job spec."""

from __future__ import annotations

import click

from mapper.schema import schema_text


@click.command(name="schema")
def command() -> None:
    """Print the JSON Schema (2020-12) that `mapper check` validates specs against.

    Point an editor at it for completion, e.g. VS Code's json.schemas setting.
    """
    click.echo(schema_text(), nl=False)
