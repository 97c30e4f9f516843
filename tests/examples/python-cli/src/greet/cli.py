"""The `greet` command."""

import click


@click.command()
@click.option("--name", default="Python", help="Who to greet.")
def main(name: str) -> None:
    """Print a greeting and exit 0."""
    click.echo(f"Hello from {name}!")
