"""`mapper rules [CODE]`: list the check codes, or explain one."""

from __future__ import annotations

import inspect

import click

from mapper.cli.common import fail
from mapper.codes import known_codes
from mapper.diagnostics import Code
from mapper.rules import Rule
from mapper.suggest import closest


@click.command(name="rules")
@click.argument("code", required=False)
def command(code: str | None) -> None:
    """List every code mapper reports, or explain CODE (e.g. BW101)."""
    codes = known_codes()
    if code is None:
        for known in codes:
            click.echo(_row(known))
        return
    by_code = {known.code: known for known in codes}
    wanted = code.strip().upper()
    if wanted not in by_code:
        close = _same_family(wanted, by_code)
        hint = f"did you mean {close}?" if close else "list every code with `mapper rules`"
        fail(f"unknown rule code {code!r}", hint)
    click.echo(explain(by_code[wanted]))


def _same_family(wanted: str, known: dict[str, Code]) -> str | None:
    """The closest known code of the same family (BW5xx for BW5..), so a typo finds its
    code while an unknown number is not matched to an unrelated one."""
    close = closest(wanted, known)
    return close if close and close[:3] == wanted[:3] else None


def _row(code: Code) -> str:
    zoho = code.zoho_code or "-"
    return f"{code.code}  {code.severity.value:<7}  {code.name:<26}  {zoho:<28}  {code.doc}"


def explain(code: Code) -> str:
    lines = [
        f"{code.code} {code.name}",
        f"  severity:  {code.severity.value}",
        f"  zoho code: {code.zoho_code or '-'}",
        f"  family:    {code.family}",
        "",
        f"  {code.doc}",
    ]
    details = inspect.getdoc(code.fn) if isinstance(code, Rule) else None
    if details:
        lines += ["", *(f"  {line}" if line else "" for line in details.splitlines())]
    return "\n".join(lines)
