from hemis.graduation.tests.fixtures import (  # noqa: F401 - the shared fixtures
    accountant,
    alice,
    bob,
    charlie,
    dilnoza,
    diploma_clerk,
    final_group,
    librarian,
    librarian2,
    units,
    warden,
)
