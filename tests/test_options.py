"""The one precedence chain: --set > prompt answers > recorded answers > team config > detected > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.errors import UsageError
from scaffold.options import Layer, parse_sets, resolve
from scaffold.template.render import read_variables

TEMPLATE = Path(__file__).parent / "fixtures" / "mini-template"


def values(*layers: Layer) -> dict[str, tuple[object, str]]:
    opts = resolve("go", read_variables(TEMPLATE), list(layers))
    return {k: (r.value, r.source) for k, r in opts.values.items()}


def test_defaults_render_in_order_and_derived_defaults_follow() -> None:
    assert values() == {
        "app_name": ("app", "default"),
        "version": ("1.24", "default"),
        "flavor": ("slim", "default"),
        "build_image": ("toolchain:1.24-slim", "default"),
        "debug": (False, "default"),
    }
    got = values(Layer.of("detected", {"version": "1.22"}, strict=False))
    assert got["build_image"] == ("toolchain:1.22-slim", "default")


def test_higher_layers_win_key_by_key() -> None:
    got = values(
        Layer.of("--set", {"app_name": "cli"}),
        Layer.of("team config", {"app_name": "team", "flavor": "full"}),
        Layer.of("detected", {"app_name": "det", "flavor": "slim", "version": "1.23"}, strict=False),
    )
    assert got["app_name"] == ("cli", "--set")
    assert got["flavor"] == ("full", "team config")
    assert got["version"] == ("1.23", "detected")
    assert got["build_image"] == ("toolchain:1.23-full", "default")


def test_an_explicit_image_beats_the_derived_default() -> None:
    got = values(Layer.of("--set", {"build_image": "mirror/toolchain:pinned"}))
    assert got["build_image"] == ("mirror/toolchain:pinned", "--set")


@pytest.mark.parametrize(("text", "expected"), [("yes", True), ("no", False), ("True", True), ("0", False)])
def test_bool_values_are_coerced(text: str, expected: bool) -> None:
    assert values(Layer.of("--set", {"debug": text}))["debug"] == (expected, "--set")


def test_bad_user_values_are_errors_that_name_the_source() -> None:
    with pytest.raises(UsageError, match=r"--set: flavor='huge': choose one of slim, full"):
        values(Layer.of("--set", {"flavor": "huge"}))
    with pytest.raises(UsageError, match=r"--set: debug='maybe': expected yes or no"):
        values(Layer.of("--set", {"debug": "maybe"}))
    with pytest.raises(UsageError, match=r"--set: unknown option .colour."):
        values(Layer.of("--set", {"colour": "red"}))


def test_bad_detected_values_fall_through_to_the_next_layer() -> None:
    got = values(Layer.of("detected", {"flavor": "huge", "unrelated": "x"}, strict=False))
    assert got["flavor"] == ("slim", "default")


def test_parse_sets() -> None:
    assert parse_sets(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(UsageError, match="expected key=value"):
        parse_sets(["novalue"])
