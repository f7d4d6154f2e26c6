"""Grading pages: the academic record, rating and summary statements, the GPA (issue 13)."""

from django.urls import path

from hemis.web.grading import records

urlpatterns = [
    path("grading/students/<int:pk>/record/", records.student_record, name="grading_student_record"),
    path("grading/my-record/", records.my_record, name="grading_my_record"),
    path("grading/rating/", records.rating_statement, name="grading_rating"),
    path("grading/summary/", records.summary_statement, name="grading_summary"),
    path("grading/gpa/", records.gpa_list, name="grading_gpa"),
    path("grading/gpa/recompute/", records.gpa_recompute, name="grading_gpa_recompute"),
]
