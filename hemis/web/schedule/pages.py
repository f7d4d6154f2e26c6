"""The timetable pages ("schedule_…") under /schedule/: reading a week by group, teacher, room, day
and one's own week (``timetable``), the dean's office editing a group's timetable (``editing``) and
who teaches what (``loads``). Paths from the site root, in the "web" namespace."""

from django.urls import path

from hemis.web.schedule import editing, loads, timetable

urlpatterns = [
    path("schedule/", timetable.index, name="schedule_index"),
    path("schedule/my/", timetable.my_week, name="schedule_my_week"),
    path("schedule/day/", timetable.day, name="schedule_day"),
    path("schedule/teachers/<int:pk>/", timetable.teacher_week, name="schedule_teacher"),
    path("schedule/rooms/<int:pk>/", timetable.room_week, name="schedule_room"),
    path("schedule/groups/<int:pk>/", timetable.group_week, name="schedule_group"),
    path("schedule/groups/<int:pk>/entries/new/", editing.entry_add, name="schedule_entry_add"),
    path("schedule/groups/<int:pk>/entries/room/", editing.entries_room, name="schedule_entries_room"),
    path("schedule/groups/<int:pk>/copy/", editing.copy_timetable, name="schedule_copy"),
    path("schedule/groups/<int:pk>/copy-week/", editing.copy_week, name="schedule_copy_week"),
    path("schedule/groups/<int:pk>/loads/", loads.group_loads, name="schedule_loads"),
    path("schedule/loads/<int:pk>/remove/", loads.load_remove, name="schedule_load_remove"),
    path("schedule/entries/<int:pk>/delete/", editing.entry_delete, name="schedule_entry_delete"),
    path("schedule/entries/<int:pk>/move/", editing.entry_move, name="schedule_entry_move"),
    path("schedule/lessons/<int:pk>/move/", editing.lesson_move, name="schedule_lesson_move"),
    path("schedule/lessons/<int:pk>/cancel/", editing.lesson_cancel, name="schedule_lesson_cancel"),
]
