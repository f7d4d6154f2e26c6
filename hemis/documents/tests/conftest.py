from hemis.testing.documents import docs  # noqa: F401 - the shared fixtures
from hemis.testing.grading import grading, world  # noqa: F401
