"""Teaching pages (issue 12): the journal of lessons held, attendance, excuses and the absence lists."""

from django.urls import path

from hemis.web.teaching import journal

urlpatterns = [
    path("teaching/loads/<int:pk>/journal/", journal.load_journal, name="teaching_journal"),
    path("teaching/lessons/<int:pk>/record/", journal.lesson_record, name="teaching_lesson_record"),
    path("teaching/lessons/<int:pk>/reopen/", journal.lesson_reopen, name="teaching_lesson_reopen"),
    path("teaching/excuses/", journal.excuses, name="teaching_excuses"),
    path("teaching/excuses/<int:pk>/withdraw/", journal.excuse_withdraw, name="teaching_excuse_withdraw"),
    path("teaching/absence-lists/", journal.absence_lists, name="teaching_absence_lists"),
    path("teaching/attendance-rules/", journal.attendance_rules, name="teaching_attendance_rules"),
]
