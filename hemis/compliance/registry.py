"""The registry of every process of the regulation (annexes 1–13 and the controlling roles).

Ids are ``annex<N>.p<M>`` after the annex tables; annex 6 (no table in the source) lists the duties
of chapter 3.1.6 as ``annex6.p1``–``p4``; the controlling roles of chapter 3.1.14 are
``controlling.management``, ``controlling.library`` and ``controlling.dormitory``. The data is in
``hemis.compliance.annexes``; how each process is measured is in ``hemis.compliance.evaluators``.
"""

from hemis.compliance.annexes import annex_1_to_5, annex_6_to_13
from hemis.compliance.process import Process

PROCESSES: tuple[Process, ...] = annex_1_to_5.PROCESSES + annex_6_to_13.PROCESSES
BY_ID: dict[str, Process] = {process.id: process for process in PROCESSES}

if len(BY_ID) != len(PROCESSES):  # pragma: no cover - a typo in the data must fail at import
    raise ImportError("duplicate process id in the compliance registry")


def get(process_id: str) -> Process | None:
    return BY_ID.get(process_id)


def for_role(role: str) -> tuple[Process, ...]:
    return tuple(process for process in PROCESSES if process.role == role)


def roles() -> list[str]:
    """The roles that have processes, in registry order."""
    return list(dict.fromkeys(process.role for process in PROCESSES))
