"""Writes on staff records; every one validates, writes and journals in one transaction."""

from hemis.staff.services.accounts import create_account, propose_username
from hemis.staff.services.employees import (
    add_appointment,
    create_employee,
    end_appointment,
    update_employee,
)
from hemis.staff.services.labour import (
    change_position,
    dismiss,
    record_absence,
    refresh_status,
    refresh_statuses,
)
from hemis.staff.services.staff_units import create_staff_unit, delete_staff_unit, update_staff_unit

__all__ = [
    "add_appointment",
    "change_position",
    "create_account",
    "create_employee",
    "create_staff_unit",
    "delete_staff_unit",
    "dismiss",
    "end_appointment",
    "propose_username",
    "record_absence",
    "refresh_status",
    "refresh_statuses",
    "update_employee",
    "update_staff_unit",
]
