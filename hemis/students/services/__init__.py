"""Writes of the students app: groups and subgroups, student data, group assignment, group subjects."""
