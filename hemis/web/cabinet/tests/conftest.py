"""The student cabinet's world: the grading world (KT-21 and KT-22 with Mathematics and Physics in the
current spring semester) with two students of KT-21 who log in, ``ali`` and ``vali``; helpers that write
absences and re-study enrolments straight to the tables are in ``cabinet_data``."""

import pytest
from django.utils import translation

from hemis.academics.models import Semester
from hemis.testing import factories as f
from hemis.testing.grading import grading, world  # noqa: F401 - the shared fixtures
from hemis.testing.schedule import with_login


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def pair(grading):  # noqa: F811 - the shared fixture
    """Ali and Vali, the first two students of KT-21, each with a student login; the world's spring
    semester made the current one."""
    Semester.objects.filter(pk=grading.world.semester.pk).update(is_current=True)
    ali, vali = grading.students()[:2]
    for student, name in ((ali, "ali"), (vali, "vali")):
        f.grant(with_login(student, name), "student")
    return ali, vali
