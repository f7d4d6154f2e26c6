"""Forms of the timetable pages: they parse input; the schedule services check every rule and name
the clash."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hemis.academics.models import LessonPair, Semester
from hemis.core.models import WEEKDAYS
from hemis.org.models import OrgUnit, Room
from hemis.schedule.enums import Weeks
from hemis.schedule.models import TeachingLoad, TimetableEntry
from hemis.schedule.services.placement import Attendee
from hemis.staff.models import Employee
from hemis.students.models import Group, Subgroup
from hemis.web.forms import DateInput, UnitChoiceField

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
STUDY_DAYS = WEEKDAYS[:6]  # Monday to Saturday
WEEK_LIST = re.compile(r"^\s*\d+(\s*-\s*\d+)?(\s*[,;\s]\s*\d+(\s*-\s*\d+)?)*\s*$")


def parse_weeks(text: str) -> list[int]:
    """ "2, 3, 5-7" -> [2, 3, 5, 6, 7]."""
    numbers: set[int] = set()
    for part in re.split(r"[,;\s]+", re.sub(r"\s*-\s*", "-", text.strip())):
        if "-" in part:
            first, last = (int(n) for n in part.split("-"))
            numbers.update(range(first, last + 1))
        elif part:
            numbers.add(int(part))
    return sorted(numbers)


class WeekListField(forms.CharField):
    """Week numbers of a semester as "2, 3, 5-8"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", _("Week numbers, e.g. 2, 3, 5-8."))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return []
        if not WEEK_LIST.match(text):
            raise forms.ValidationError(_("Enter week numbers like 2, 3, 5-8."))
        weeks = parse_weeks(text)
        if len(weeks) > 60:
            raise forms.ValidationError(_("Enter week numbers like 2, 3, 5-8."))
        return weeks

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(n) for n in value)
        return value


class LoadChoiceField(forms.ModelChoiceField):
    """A teaching load shown as "Subject · lesson type · teacher"."""

    def label_from_instance(self, obj: TeachingLoad) -> str:
        subject = obj.group_subject.curriculum_subject.subject
        return f"{subject.name} · {obj.get_training_type_display()} · {obj.teacher.short_name}"


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Room) -> str:
        return gettext("%(number)s · %(building)s · %(seats)s seats") % {
            "number": obj.number,
            "building": obj.building.name,
            "seats": obj.capacity,
        }


class TeacherChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Employee) -> str:
        return obj.full_name


class GroupsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Group) -> str:
        return obj.name


def pair_choices(semester: Semester | None) -> list[tuple[int, str]]:
    if semester is None:
        return []
    pairs = LessonPair.objects.filter(academic_year_id=semester.academic_year_id).order_by("number")
    return [(p.number, f"{p.number} · {p.start_time:%H:%M}–{p.end_time:%H:%M}") for p in pairs]


def loads_of(group: Group, semester: Semester | None):
    """The teaching loads of ``group`` in ``semester``: what an entry of its timetable may be."""
    if semester is None:
        return TeachingLoad.objects.none()
    return (
        TeachingLoad.objects.filter(group_subject__group=group, group_subject__semester=semester)
        .select_related("group_subject__curriculum_subject__subject", "teacher")
        .order_by("group_subject__curriculum_subject__subject__code", "training_type", "teacher__last_name")
    )


def room_queryset(rooms):
    return rooms.filter(active=True).select_related("building").order_by("number")


class EntryForm(forms.Form):
    """A weekly entry of a group's timetable; other groups of the faculty make it a stream."""

    load = LoadChoiceField(label=_("Subject, lesson type and teacher"), queryset=TeachingLoad.objects.none())
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none())
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=STUDY_DAYS, coerce=int)
    pair = forms.TypedChoiceField(label=_("Pair"), choices=[], coerce=int)
    weeks = forms.ChoiceField(label=_("Weeks"), choices=Weeks.choices, initial=Weeks.ALL)
    week_numbers = WeekListField(label=_("Listed weeks"), required=False)
    subgroup = forms.ModelChoiceField(
        label=_("Subgroup"), queryset=Subgroup.objects.none(), required=False, empty_label=_("Whole group")
    )
    streams = GroupsField(
        label=_("Stream with groups"),
        queryset=Group.objects.none(),
        required=False,
        help_text=_("Other groups of the faculty that attend the same lesson."),
    )

    def __init__(self, *args, group: Group, semester: Semester | None, rooms, stream_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.semester = semester
        self.fields["load"].queryset = loads_of(group, semester)
        self.fields["room"].queryset = room_queryset(rooms)
        self.fields["pair"].choices = pair_choices(semester)
        subgroups = Subgroup.objects.filter(group=group).select_related("group")  # labelled "group / name"
        self.fields["subgroup"].queryset = subgroups.order_by("name")
        self.fields["streams"].queryset = stream_groups.exclude(pk=group.pk).order_by("name")
        self.fields["streams"].widget.attrs["size"] = 5

    def entry_fields(self) -> dict:
        """The cleaned data as the fields of ``entries.create_entry``."""
        data = self.cleaned_data
        load = data["load"]
        attendees = [Attendee(self.group, data["subgroup"])]
        attendees += [Attendee(g) for g in data["streams"]]
        return {
            "semester": self.semester,
            "subject": load.group_subject.curriculum_subject.subject,
            "training_type": load.training_type,
            "teacher": load.teacher,
            "room": data["room"],
            "weekday": data["weekday"],
            "pair": data["pair"],
            "weeks": data["weeks"],
            "week_numbers": data["week_numbers"],
            "attendees": attendees,
        }


# The service's names of an entry's fields onto the entry form's.
ENTRY_RENAME = {"teacher": "load", "subject": "load", "training_type": "load"}


class MoveLessonForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=DateInput(), input_formats=DATE_FORMATS)
    pair = forms.TypedChoiceField(label=_("Pair"), choices=[], coerce=int)
    room = RoomChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("The same room")
    )

    def __init__(self, *args, semester: Semester, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].choices = pair_choices(semester)
        self.fields["room"].queryset = room_queryset(rooms)


class CancelLessonForm(forms.Form):
    # Not required here: the service refuses an empty reason with its own message.
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class MoveEntryForm(forms.Form):
    """Move an entry from a date on: the lessons before stay, the later ones follow the new weekday,
    pair and room."""

    from_date = forms.DateField(label=_("From"), widget=DateInput(), input_formats=DATE_FORMATS)
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=STUDY_DAYS, coerce=int)
    pair = forms.TypedChoiceField(label=_("Pair"), choices=[], coerce=int)
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none())

    def __init__(self, *args, entry: TimetableEntry, rooms, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "from_date": max(timezone.localdate(), entry.semester.start_date),
                "weekday": entry.weekday,
                "pair": entry.pair,
                "room": entry.room_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["pair"].choices = pair_choices(entry.semester)
        self.fields["room"].queryset = room_queryset(rooms)


class BulkRoomForm(forms.Form):
    # Not required here: the service refuses an empty choice with its own message.
    entries = forms.ModelMultipleChoiceField(
        label=_("Entries"), queryset=TimetableEntry.objects.none(), required=False
    )
    room = RoomChoiceField(label=_("Room for the chosen entries"), queryset=Room.objects.none())

    def __init__(self, *args, entries, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries
        self.fields["room"].queryset = room_queryset(rooms)
        # The entries' checkboxes sit in the table of entries; the page joins them by the form's id.
        self.fields["room"].widget.attrs["form"] = "bulk-room"


class SemesterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Semester) -> str:
        return f"{obj} ({obj.start_date:%d.%m.%Y} – {obj.end_date:%d.%m.%Y})"


class CopyTimetableForm(forms.Form):
    source = SemesterChoiceField(label=_("Copy from the semester"), queryset=Semester.objects.none())

    def __init__(self, *args, target: Semester, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = (
            Semester.objects.exclude(pk=target.pk)
            .filter(start_date__lt=target.start_date)
            .select_related("academic_year")
            .order_by("-start_date")
        )
        self.fields["source"].queryset = earlier
        previous = earlier.first() if not self.is_bound else None
        if previous is not None:
            self.initial.setdefault("source", previous.pk)


class CopyWeekForm(forms.Form):
    from_week = forms.IntegerField(label=_("Copy week number"), min_value=1, max_value=60)
    to_weeks = WeekListField(label=_("Into the weeks"), required=False)


class LoadForm(forms.Form):
    """A teacher put on one lesson type of one of the group's subjects."""

    what = forms.ChoiceField(label=_("Subject and lesson type"), choices=[])
    teacher = TeacherChoiceField(label=_("Teacher"), queryset=Employee.objects.none())
    assigned_on = forms.DateField(label=_("Assigned on"), widget=DateInput(), input_formats=DATE_FORMATS)

    def __init__(self, *args, rows, teachers, **kwargs):
        """``rows``: (binding, training type, label) the active role may give a teacher."""
        kwargs.setdefault("initial", {"assigned_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.bindings = {f"{b.pk}-{t}": (b, t) for b, t, _label in rows}
        self.fields["what"].choices = [(f"{b.pk}-{t}", label) for b, t, label in rows]
        self.fields["teacher"].queryset = teachers

    def load_fields(self) -> dict:
        binding, training_type = self.bindings[self.cleaned_data["what"]]
        return {
            "group_subject": binding,
            "training_type": training_type,
            "teacher": self.cleaned_data["teacher"],
            "assigned_on": self.cleaned_data["assigned_on"],
        }


class PickForm(forms.Form):
    """The timetable home: a group, a teacher or a room to open."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)
    teacher = TeacherChoiceField(label=_("Teacher"), queryset=Employee.objects.none(), required=False)
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)

    def __init__(self, *args, groups, teachers, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups.order_by("name")
        self.fields["teacher"].queryset = teachers.order_by("last_name", "first_name", "pk")
        self.fields["room"].queryset = rooms.select_related("building").order_by("number")


class DayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS, required=False)
    faculty = UnitChoiceField(label=_("Faculty"), queryset=OrgUnit.objects.none(), required=False)

    def __init__(self, *args, faculties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties.order_by("code")
