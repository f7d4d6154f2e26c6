"""Demo data of the domain issues, loaded after the core university (structure, staff, students).

Each entry is ``seed(*, rng) -> dict[str, int]``: it reads what the core load created and adds its own
records (with realistic order numbers and dates), returning counts for the load's journal event.
Add one import and one list entry per domain, in dependency order.
"""

from collections.abc import Callable
from random import Random

Seeder = Callable[..., dict[str, int]]

SEEDERS: list[Seeder] = [
    # -- seeders of the domain issues, in dependency order --
]


def run_all(*, seed: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for index, seeder in enumerate(SEEDERS):
        counts.update(seeder(rng=Random(f"{seed}-{index}")))
    return counts
