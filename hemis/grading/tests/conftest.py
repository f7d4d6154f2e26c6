from hemis.testing.grading import grading, world  # noqa: F401 - the shared fixtures
