from hemis.testing.schedule import world  # noqa: F401 - the shared fixture
