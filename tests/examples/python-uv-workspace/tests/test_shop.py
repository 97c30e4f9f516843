from catalog import items


def test_items() -> None:
    assert items() == ["apples", "pears"]
