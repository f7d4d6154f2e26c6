from hemis.students.models import Student


def student_of(user) -> Student | None:
    return Student.objects.filter(user=user).select_related("group__programme", "group__faculty").first()
