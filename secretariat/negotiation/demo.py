"""Demo data of this capability (idempotent)."""


def load() -> None:
    return None
