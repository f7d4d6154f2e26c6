"""Public API (``/rest/v1/public/*``, no token): this university's name, code and API address, its
profile from the requisites, and statistics — counts only, never a person's data.

The statistics have the shape live HEMIS instances answer (the document draws them as bare
objects): names in the request's language as keys, counts as values, e.g.
``stat-student.education_type = {"Jami": {"Erkak": 10, "Ayol": 12}, "Bakalavriat": {...}}``.
Students counted are those studying; employees, the teaching staff not dismissed."""

import datetime as dt
from collections import defaultdict

from django.db.models import Case, CharField, Count, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.models import Programme
from hemis.api.rest_v1.core import option, text
from hemis.api.rest_v1.data_structure import specialty_meta
from hemis.api.rest_v1.endpoint import operation
from hemis.core.models import UniversitySettings, localized
from hemis.org import selectors as org
from hemis.org.models import OrgUnit, Room
from hemis.staff.enums import EmployeeStatus
from hemis.staff.models import Appointment, Employee, EmployeeType
from hemis.staff.selectors import current_q
from hemis.students.models import Group, Student, StudentStatus

GENDERS = ("11", "12")  # the two every count shows, zero or not (an unknown one only when counted)


def name(key: str, code) -> str:
    """The name of classifier ``key``'s ``code`` in the request's language."""
    return option(key, code)["name"]


# --- the university ----------------------------------------------------------------------------


def _university() -> dict:
    """Name, HEMIS code and TIN: the university settings first, then the requisites."""
    settings, requisites = UniversitySettings.current(), org.requisites()
    full_name = localized(settings, "name") or (requisites.full_name if requisites else "")
    return {
        "name": text(full_name),
        "code": settings.hemis_code or (requisites.hemis_code if requisites else ""),
        "tin": requisites.tin if requisites else "",
        "requisites": requisites,
    }


def api_url(request) -> str:
    return request.build_absolute_uri("/rest/")


@operation(access="public")
def university_list(request):
    """Every university this instance serves: itself."""
    u = _university()
    return [{"name": u["name"], "code": u["code"], "tin": u["tin"], "api_url": api_url(request)}]


@operation(access="public")
def university_api_urls(request):
    """The API address of this university, as the host the request came to sees it."""
    u = _university()
    return [{"name": u["name"], "code": u["code"], "api_url": api_url(request)}]


def _contact(r) -> str:
    return ", ".join(part for part in (r.phone, r.email, r.website) if part) if r else ""


def _bank(r) -> str:
    if r is None:
        return ""
    return _("%(bank)s, MFO %(mfo)s, account %(account)s") % {
        "bank": r.bank_name,
        "mfo": r.mfo,
        "account": r.bank_account,
    }


@operation(access="public")
def university_profile(request):
    """``UniversityProfile`` from the requisites (annex 3 item 1) and the active programmes."""
    u = _university()
    r = u["requisites"]
    programmes = Programme.objects.filter(is_active=True).select_related("faculty").order_by("code", "pk")
    return {
        "name": u["name"],
        "code": u["code"],
        "tin": u["tin"],
        # no logo is kept
        "logo": "",
        "address": text(r.address) if r else "",
        "contact": _contact(r),
        "bank_details": _bank(r),
        # one address is kept: it is the mailing address too
        "mailing_address": text(r.address) if r else "",
        "configs": {},
        # the SOATO region, the university type and the HEMIS version type are not kept
        "soato": None,
        "ownership": option("h_ownership", r.ownership) if r else None,
        "universityForm": option("h_university_form", r.university_form) if r else None,
        "universityType": None,
        "versionType": None,
        "specialties": [specialty_meta(p) for p in programmes],
    }


# --- statistics --------------------------------------------------------------------------------


def _stats(rows: list[dict], key: str, code_field: str) -> list[dict]:
    """``GenericStat`` ``[{name, count}]`` of ``rows`` grouped by ``code_field`` (classifier ``key``)."""
    return [{"name": name(key, row[code_field]), "count": row["n"]} for row in rows]


@operation(access="public")
def stat_structure(request):
    """Active groups per education type and course; active rooms per type, active programmes per
    education type, active units per structure type."""
    groups: dict = defaultdict(dict)
    rows = (
        Group.objects.filter(is_active=True)
        .values("programme__education_type", "course")
        .annotate(n=Count("pk"))
        .order_by("programme__education_type", "course")
    )
    for row in rows:
        kind = name("h_education_type", row["programme__education_type"])
        groups[kind][name("h_course", str(10 + row["course"]))] = row["n"]

    def by(qs, field):
        return list(qs.values(field).annotate(n=Count("pk")).order_by(field))

    return {
        "groups": dict(groups),
        "auditoriums": _stats(
            by(Room.objects.filter(active=True), "room_type"), "h_auditorium_type", "room_type"
        ),
        "specialities": _stats(
            by(Programme.objects.filter(is_active=True), "education_type"),
            "h_education_type",
            "education_type",
        ),
        "departments": _stats(
            by(OrgUnit.objects.filter(active=True), "structure_type"), "h_structure_type", "structure_type"
        ),
    }


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _age_band(bands: list[tuple[int, str]]):
    """A ``Case`` naming the age band of ``birth_date`` today: ``bands`` are (lowest age, label),
    youngest first; the unknown birth dates are ``""``."""
    today = timezone.localdate()
    whens = [
        When(birth_date__lte=_years_ago(today, low), then=Value(label)) for low, label in reversed(bands[1:])
    ]
    whens.append(When(birth_date__isnull=False, then=Value(bands[0][1])))
    return Case(*whens, default=Value(""), output_field=CharField())


def _student_bands() -> list[tuple[int, str]]:
    return [(0, text(_("under 20"))), (20, "20–24"), (25, "25–29"), (30, text(_("30 and over")))]


def _employee_bands() -> list[tuple[int, str]]:
    return [
        (0, text(_("under 30"))),
        (30, "30–39"),
        (40, "40–49"),
        (50, "50–59"),
        (60, text(_("60 and over"))),
    ]


def _genders(counts: dict) -> dict:
    """``{gender name: count}`` with both genders always present."""
    codes = list(GENDERS) + sorted(c for c in counts if c not in GENDERS)
    return {name("h_gender", c): counts.get(c, 0) for c in codes}


def _unknown() -> str:
    return text(_("unknown"))


@operation(access="public")
def stat_student(request):
    """Studying students per education type and gender (and in total), age band, payment form,
    citizenship, accommodation, education form and course; the region is not kept (empty)."""
    rows = list(
        Student.objects.filter(status=StudentStatus.STUDYING)
        .annotate(age=_age_band(_student_bands()))
        .values(
            "education_type",
            "gender",
            "payment_form",
            "citizenship",
            "accommodation",
            "education_form",
            "course",
            "age",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    types = sorted({r["education_type"] for r in rows})
    total: dict = defaultdict(int)
    by_type: dict = defaultdict(lambda: defaultdict(int))
    ages: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    forms: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    levels: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    per_type = {k: defaultdict(lambda: defaultdict(int)) for k in ("payment", "citizenship", "accommodation")}
    for r in rows:
        t, g, n = r["education_type"], r["gender"], r["n"]
        total[g] += n
        by_type[t][g] += n
        ages[t][r["age"] or _unknown()][g] += n
        forms[t][r["education_form"]][g] += n
        levels[t][r["course"]][r["education_form"]] += n
        per_type["payment"][r["payment_form"]][t] += n
        per_type["citizenship"][r["citizenship"]][t] += n
        if r["accommodation"]:
            per_type["accommodation"][r["accommodation"]][t] += n
    type_name = {t: name("h_education_type", t) for t in types}

    def across_types(key: str, counts: dict) -> dict:
        return {name(key, code): {type_name[t]: by[t] for t in types} for code, by in sorted(counts.items())}

    # "Jami" in Uzbek: the key clients of live instances read the total from
    education_type = {text(_("Total")): _genders(total)}
    education_type.update({type_name[t]: _genders(by_type[t]) for t in types})
    return {
        "education_type": education_type,
        "age": {
            type_name[t]: {
                band: _genders(ages[t][band]) for band in _ordered_bands(ages[t], _student_bands())
            }
            for t in types
        },
        "payment": across_types("h_payment_form", per_type["payment"]),
        # the place of residence is kept as an address line only
        "region": {},
        "citizenship": across_types("h_citizenship_type", per_type["citizenship"]),
        "accommodation": across_types("h_accommodation", per_type["accommodation"]),
        "education_form": {
            type_name[t]: {name("h_education_form", f): _genders(forms[t][f]) for f in sorted(forms[t])}
            for t in types
        },
        "level": {
            type_name[t]: {
                name("h_course", str(10 + c)): {
                    name("h_education_form", f): levels[t][c][f] for f in sorted(levels[t][c])
                }
                for c in sorted(levels[t])
            }
            for t in types
        },
    }


def _ordered_bands(counts: dict, bands: list[tuple[int, str]]) -> list[str]:
    """The labels of ``bands`` that were counted, youngest first, then the unknown ages."""
    labels = [label for _low, label in bands if label in counts]
    return labels + ([_unknown()] if _unknown() in counts else [])


@operation(access="public")
def stat_employee(request):
    """Teaching staff not dismissed: current employments per position and employment form; people
    per gender, citizenship, academic degree and rank (by gender) and age band (by gender). Neither
    the direction nor the academic status of the document's statistics is kept (empty)."""
    teachers = Employee.objects.filter(employee_type=EmployeeType.TEACHING).exclude(
        status=EmployeeStatus.DISMISSED
    )
    people = list(
        teachers.annotate(age=_age_band(_employee_bands()))
        .values("gender", "citizenship", "academic_degree", "academic_rank", "age")
        .annotate(n=Count("pk"))
        .order_by()
    )
    jobs = list(
        Appointment.objects.filter(current_q(timezone.localdate()), employee__in=teachers)
        .values("position", "employment_form")
        .annotate(n=Count("pk"))
        .order_by()
    )
    count: dict = defaultdict(lambda: defaultdict(int))
    by_gender: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for r in people:
        g, n = r["gender"], r["n"]
        count["gender"][g] += n
        count["citizenship"][r["citizenship"]] += n
        by_gender["academic_degree"][r["academic_degree"]][g] += n
        by_gender["academic_rank"][r["academic_rank"]][g] += n
        by_gender["age"][r["age"] or _unknown()][g] += n
    for r in jobs:
        count["position"][r["position"]] += r["n"]
        count["employment_form"][r["employment_form"]] += r["n"]

    def named(key: str, counts: dict) -> dict:
        return {name(key, code): counts[code] for code in sorted(counts)}

    ages = by_gender["age"]
    return {
        "position": named("h_teacher_position_type", count["position"]),
        "gender": _genders(count["gender"]),
        "citizenship": named("h_citizenship_type", count["citizenship"]),
        "academic_degree": {
            name("h_academic_degree", c): _genders(v) for c, v in sorted(by_gender["academic_degree"].items())
        },
        "academic_rank": {
            name("h_academic_rank", c): _genders(v) for c, v in sorted(by_gender["academic_rank"].items())
        },
        "direction": {},
        "academic": {},
        "age": {band: _genders(ages[band]) for band in _ordered_bands(ages, _employee_bands())},
        "employment_form": named("h_employment_form", count["employment_form"]),
    }


ROUTES = [
    ("public/university-list", university_list),
    ("public/university-api-urls", university_api_urls),
    ("public/university-profile", university_profile),
    ("public/stat-structure", stat_structure),
    ("public/stat-student", stat_student),
    ("public/stat-employee", stat_employee),
]
