"""The exchange with the ministry (annex 1 items 4 and 6): the super administrator runs the sync with
the central registry and the PINFL correction requests; the ICT department and management watch the
sync status. The PINFL requests carry personal data: only the super administrator reads them."""

from hemis.access.policy.engine import can
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "exchange.view": frozenset({R.SUPER_ADMIN, R.ICT, R.MANAGEMENT}),
    "exchange.manage": frozenset({R.SUPER_ADMIN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def visible_sync_items(principal: Principal):
    from hemis.exchange.models import SyncItem

    if not can(principal, "exchange.view"):
        return SyncItem.objects.none()
    return SyncItem.objects.all()


def managed_pinfl_requests(principal: Principal):
    from hemis.exchange.models import PinflCorrection

    if not can(principal, "exchange.manage"):
        return PinflCorrection.objects.none()
    return PinflCorrection.objects.all()


def managed_pinfl_lines(principal: Principal):
    from hemis.exchange.models import PinflCorrectionLine

    if not can(principal, "exchange.manage"):
        return PinflCorrectionLine.objects.none()
    return PinflCorrectionLine.objects.select_related("request")


def flaggable_students(principal: Principal):
    from hemis.students.models import Student

    if not can(principal, "exchange.manage"):
        return Student.objects.none()
    return Student.objects.all()


def flaggable_employees(principal: Principal):
    from hemis.staff.models import Employee

    if not can(principal, "exchange.manage"):
        return Employee.objects.none()
    return Employee.objects.all()
