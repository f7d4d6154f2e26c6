"""What an evaluation run gives: counts per status, classified rows, one result per process (the
engine computes them live, the snapshot selectors read them back)."""

from dataclasses import dataclass, field

from hemis.compliance.enums import Status
from hemis.compliance.process import Process
from hemis.compliance.protocol import Obligation


@dataclass
class Counts:
    on_time: int = 0
    late: int = 0
    pending: int = 0
    overdue: int = 0

    def add(self, status: Status) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.pending + self.overdue

    def as_dict(self) -> dict[str, int]:
        return {"on_time": self.on_time, "late": self.late, "pending": self.pending, "overdue": self.overdue}


@dataclass(frozen=True)
class Row:
    obligation: Obligation
    status: Status


@dataclass(frozen=True)
class ProcessResult:
    process: Process
    measured: bool
    rows: tuple[Row, ...] = ()
    counts: Counts | None = field(default=None)
