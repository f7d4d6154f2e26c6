"""Demo data of the domain issues, loaded after the core university (structure, staff, students).

Each entry is ``seed(*, rng) -> dict[str, int]``: it reads what the core load created and adds its own
records (with realistic order numbers and dates), returning counts for the load's journal event.
Add one import and one list entry per domain, in dependency order.
"""

from collections.abc import Callable
from random import Random

from hemis.demo import academics as academics_demo
from hemis.demo import achievements, catalogue, curricula, movements, org, programmes
from hemis.demo import careers as careers_demo
from hemis.demo import staff as staff_demo

Seeder = Callable[..., dict[str, int]]

SEEDERS: list[Seeder] = [
    # -- seeders of the domain issues, in dependency order --
    org.seed,
    staff_demo.seed,  # staff: staff tables, labour events (after org, before careers and academics)
    careers_demo.seed,  # careers: competitive selections, professional development (after staff)
    academics_demo.seed,  # academic set-up: years, semesters, lesson pairs, rating criteria (annex 4)
    # -- issue 5: programmes, catalogue, curricula, groups, orders, achievements --
    programmes.seed,  # programme details: qualifications, opening orders
    catalogue.seed,  # subject catalogue (annex 4 item 8)
    curricula.seed,  # approved curricula, groups' curricula, group subjects (after the academic calendar)
    movements.seed,  # student orders: admission, course transfers, leave, expulsion, reinstatement, graduation
    achievements.seed,  # scholarships, competitions, language certificates
]


def run_all(*, seed: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for index, seeder in enumerate(SEEDERS):
        counts.update(seeder(rng=Random(f"{seed}-{index}")))
    return counts
