"""Writes of the timetable and the control schedule: loads, entries, single lessons, copies, controls,
drafts and calendar feeds — each a module; every write audited."""
