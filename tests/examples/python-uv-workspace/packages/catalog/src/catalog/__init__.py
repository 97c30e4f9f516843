def items() -> list[str]:
    return ["apples", "pears"]
