from click.testing import CliRunner

from greet.cli import main


def test_greets() -> None:
    assert CliRunner().invoke(main, ["--name", "tests"]).output == "Hello from tests!\n"
