"""`mapper standin`: a stand-in Zoho on 127.0.0.1 for offline runs and CI."""

from __future__ import annotations

import click

from mapper.cli.common import fail
from mapper.zohoapi.standin import FAULTS, HOST, make_server, parse_fault, standin_environment


def _fault_help() -> str:
    rows = "\n".join(
        f"  {name:<14} {what} (default endpoint: {endpoint})"
        for name, (_, endpoint, what) in FAULTS.items()
    )
    return rows


@click.command(
    "standin",
    epilog="\b\nFaults (--fault NAME[=VALUE][@ENDPOINT][*TIMES], each fires once by default;\n"
    "ENDPOINT: token, org, upload, create, details, download, or crm for any CRM call;\n"
    'also POST /__standin/faults with {"faults": [...]} on a running stand-in):\n' + _fault_help(),
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port, printed).",
)
@click.option(
    "--fault",
    "faults",
    multiple=True,
    metavar="FAULT",
    help="Inject a fault (repeatable); see below.",
)
@click.option(
    "--token-ttl",
    type=click.IntRange(1),
    default=3600,
    show_default=True,
    help="Lifetime of the access tokens it issues, in seconds.",
)
@click.option(
    "--polls-per-step",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Polls a job spends in ADDED and in IN PROGRESS.",
)
@click.option("--quiet", is_flag=True, help="Do not log each request on stderr.")
@click.option(
    "--print-env",
    is_flag=True,
    help="Only print the export lines for a stand-in on --port, for eval; start nothing.",
)
def command(
    port: int,
    faults: tuple[str, ...],
    token_ttl: int,
    polls_per_step: int,
    quiet: bool,
    print_env: bool,
) -> None:
    """Run a stand-in Zoho CRM on 127.0.0.1: OAuth token, org, upload, bulk-write job,
    job details and result download, with faults on request. Ctrl-C stops it.

    Point mapper at it with the environment it prints (its own client id, secret and
    refresh token; none of them is a real secret).
    """
    if print_env:
        for name, value in standin_environment(f"http://{HOST}:{port}").items():
            click.echo(f"export {name}={value}")
        return
    for text in faults:
        try:
            parse_fault(text)
        except ValueError as error:
            fail(str(error))

    def log(method: str, path: str, status: int) -> None:
        click.echo(f"{method} {path} -> {status}", err=True)

    try:
        server = make_server(
            port,
            faults,
            token_ttl=token_ttl,
            polls_per_step=polls_per_step,
            on_request=None if quiet else log,
        )
    except OSError as error:
        fail(
            f"cannot listen on 127.0.0.1:{port}: {error.strerror or error}",
            "choose another --port, or 0 for any free one",
        )
    url = server.state.url
    click.echo(f"Zoho stand-in listening on {url} (Ctrl-C stops it)")
    for name, value in standin_environment(url).items():
        click.echo(f"export {name}={value}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stand-in stopped", err=True)
    finally:
        server.server_close()
