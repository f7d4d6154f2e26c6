"""The worlds the Student API's lesson and task tests share."""

import pytest

from hemis.academics.models import Semester
from hemis.testing import factories as f
from hemis.testing.grading import build_grading
from hemis.testing.schedule import build_world, with_login


@pytest.fixture
def media(settings, tmp_path):
    """Uploads of the test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def school(uni):
    """The grading world (``hemis.testing.grading``): KT-21 and KT-22 with Mathematics and Physics in
    the spring semester, Karimov and Rahimova teaching them."""
    return build_grading(build_world(uni))


@pytest.fixture
def pair(school):
    """Ali and Vali, the first two students of KT-21 (both of subgroup 1), each with a login; the
    world's spring semester made the current one."""
    Semester.objects.filter(pk=school.world.semester.pk).update(is_current=True)
    ali, vali = school.students()[:2]
    for student, name in ((ali, "ali"), (vali, "vali")):
        f.grant(with_login(student, name), "student")
    return ali, vali
