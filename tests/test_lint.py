"""Every golden Dockerfile passes hadolint with zero findings and parses with BuildKit's own parser.

The rules we disable are disabled in one place, /.hadolint.yaml, each with its reason.
"""

from __future__ import annotations

import dockerfile
import pytest

from tests.conftest import EXAMPLE_LIST, GOLDEN, Example, assert_lint_clean, one_per_language_fast


@pytest.mark.parametrize("example", one_per_language_fast(EXAMPLE_LIST))
def test_hadolint_finds_nothing(example: Example) -> None:
    assert_lint_clean(GOLDEN / example.name / "Dockerfile")


@pytest.mark.parametrize("example", one_per_language_fast(EXAMPLE_LIST))
def test_buildkit_parser_accepts_it_and_it_is_multi_stage(example: Example) -> None:
    path = GOLDEN / example.name / "Dockerfile"
    commands = dockerfile.parse_file(str(path))
    stages = [c for c in commands if c.cmd == "FROM"]
    assert len(stages) >= 2, "the Dockerfile must build in one stage and run in another"
    text = path.read_text(encoding="utf-8")
    # Offline engines cannot fetch a frontend image, and the built-in frontend lacks these features.
    assert not text.startswith("# syntax="), "no syntax line by default"
    assert "<<" not in text, "no heredocs"
    assert "--link" not in text, "no COPY --link"
    final = [c for c in commands if c.cmd in ("ENTRYPOINT", "CMD")]
    assert final and all(c.json for c in final), "ENTRYPOINT/CMD must be exec form"
    users = [c for c in commands if c.cmd == "USER"]
    assert users or "nonroot" in stages[-1].value[0], "the final stage must run as a non-root user"
