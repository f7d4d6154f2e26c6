"""Kept for the compliance app (its annex 5 evaluator and tests import from here) until it imports
from ``hemis.students.services.achievements`` and ``hemis.students.selectors``; delete this module then."""

from hemis.students.selectors import achievements_for_compliance
from hemis.students.services.achievements import add_achievement

__all__ = ["achievements_for_compliance", "add_achievement"]
