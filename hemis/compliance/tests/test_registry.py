"""The registry holds every process of annexes 1–13 with its rule, checked against a table typed
by hand from REGLAMENT.md (not generated from the registry)."""

import re

import pytest
from django.utils import translation

from hemis.access.roles import RoleCode
from hemis.compliance import registry
from hemis.compliance.rules import After, MonthlyBy
from hemis.core.models import UniversitySettings

# From REGLAMENT.md, one line per process: id, role, rule. Annex 6 (no table) lists the four duties
# of chapter 3.1.6; the controlling roles come from "### Controlling roles".
EXPECTED = """
annex1.p1 super_admin after(launch, 1)
annex1.p2 super_admin after(launch, 1)
annex1.p3 super_admin after(launch, 1)
annex1.p4 super_admin on_demand
annex1.p5 super_admin on_demand
annex1.p6 super_admin continuous
annex1.p7 super_admin after(council_decision, 1)
annex1.p8 super_admin on_demand
annex2.p1 ict before(integration, 5)
annex2.p2 ict after(instruction_approved, 5)
annex3.p1 hr after(launch, 2)
annex3.p2 hr after(launch, 2)
annex3.p3 hr after(order, 3)
annex3.p4 hr after(order, 2)
annex3.p5 hr after(order, 2)
annex3.p6 hr after(document, 2)
annex4.p1 academic after(launch, 2)
annex4.p2 academic before(semester_start, 1)
annex4.p3 academic continuous
annex4.p4 academic continuous
annex4.p5 academic after(launch, 2); continuous
annex4.p6 academic before(academic_year_start, 15)
annex4.p7 academic before(academic_year_start, 15); continuous
annex4.p8 academic after(curriculum_approved, 10)
annex4.p9 academic after(order, 2); continuous
annex4.p10 academic continuous
annex5.p1 dean after(programme_opened, 1)
annex5.p2 dean before(academic_year_start, 15)
annex5.p3 dean before(semester_start, 10)
annex5.p4 dean before(academic_year_start, 10)
annex5.p5 dean after(admission_order, 5)
annex5.p6 dean after(admission_order, 5)
annex5.p7 dean after(order, 3)
annex5.p8 dean before(semester_start, 10)
annex5.p9 dean before(semester_start, 5)
annex5.p10 dean before(control_week_start, 5)
annex5.p11 dean continuous
annex5.p12 dean after(grades_entered, 10)
annex5.p13 dean before(academic_year_start, 15)
annex5.p14 dean continuous
annex5.p15 dean after(semester_and_resits_end, 5); monthly_by(26)
annex5.p16 dean after(attestation_order, 10)
annex5.p17 dean continuous
annex5.p18 dean last_wd_of_month(5)
annex5.p19 dean last_wd_of_month(5)
annex5.p20 dean on_demand
annex6.p1 head continuous
annex6.p2 head continuous
annex6.p3 head continuous
annex6.p4 head continuous
annex7.p1 teacher after(subject_assigned, 1)
annex7.p2 teacher after(subject_assigned, 7)
annex7.p3 teacher after(subject_assigned, 5)
annex7.p4 teacher same_day
annex7.p5 teacher after(control, 5)
annex7.p6 teacher continuous
annex8.p1 accounting continuous
annex8.p2 accounting continuous
annex8.p3 accounting continuous
annex8.p4 accounting continuous
annex9.p1 science continuous
annex9.p2 science continuous
annex9.p3 science continuous
annex10.p1 doctorate continuous
annex10.p2 doctorate continuous
annex10.p3 doctorate continuous
annex11.p1 marketing after(quotas_approved, 10)
annex11.p2 marketing quarter_start
annex12.p1 diploma after(printing, 1)
annex12.p2 diploma after(printing, 1)
annex13.p1 student same_day
annex13.p2 student continuous
annex13.p3 student before(semester_start, 5)
annex13.p4 student continuous
annex13.p5 student same_day
annex13.p6 student on_demand
annex13.p7 student continuous
annex13.p8 student continuous
annex13.p9 student on_demand
controlling.management management continuous
controlling.library library after(debt_cleared, 1)
controlling.dormitory dormitory after(debt_cleared, 1)
"""
EXPECTED_ROWS = [line.split(" ", 2) for line in EXPECTED.strip().splitlines()]
# The number of rows of each annex table in REGLAMENT.md (annex 6: the duties of chapter 3.1.6).
ITEMS_PER_ANNEX = {1: 8, 2: 2, 3: 6, 4: 10, 5: 20, 6: 4, 7: 6, 8: 4, 9: 3, 10: 3, 11: 2, 12: 2, 13: 9}
RULE_FORM = re.compile(
    r"after\([a-z_]+, \d+\)|before\([a-z_]+, \d+\)|same_day|monthly_by\(\d+\)|last_wd_of_month\(\d+\)"
    r"|quarter_start|continuous|on_demand"
)


def test_expected_table_covers_every_annex_item():
    ids = [row[0] for row in EXPECTED_ROWS]
    annex_ids = [f"annex{n}.p{m}" for n, count in ITEMS_PER_ANNEX.items() for m in range(1, count + 1)]
    assert ids == [*annex_ids, "controlling.management", "controlling.library", "controlling.dormitory"]


def test_registry_has_every_process_in_order():
    assert [p.id for p in registry.PROCESSES] == [row[0] for row in EXPECTED_ROWS]
    assert len(registry.PROCESSES) == 82


@pytest.mark.parametrize(("process_id", "role", "rule"), EXPECTED_ROWS)
def test_process_role_and_rule(process_id, role, rule):
    process = registry.get(process_id)
    assert process.role == role
    assert process.rule_text == rule
    assert all(RULE_FORM.fullmatch(part) for part in process.rule_text.split("; "))


def test_every_role_is_a_role_code():
    assert set(registry.roles()) <= set(RoleCode.values)
    # every role of the regulation has duties; the "API user" of annex 2 is an account data is issued
    # to, with none
    assert set(registry.roles()) == set(RoleCode.values) - {RoleCode.API_USER}


@pytest.mark.parametrize("process", registry.PROCESSES, ids=lambda p: p.id)
def test_titles_in_three_languages(process):
    assert process.title_uz and process.title_ru and process.title_en
    # Uzbek Latin with the proper letters: no ASCII apostrophe in place of ʻ or ʼ.
    assert "'" not in process.title_uz and "’" not in process.title_uz
    assert re.search(r"[а-яё]", process.title_ru.lower())


def test_title_follows_the_active_language():
    process = registry.get("annex1.p7")
    with translation.override("uz"):
        assert process.title == "OTT Kengashi qaroriga koʻra GPA (oʻrtacha ball) hisoblash usulini belgilaydi"
    with translation.override("ru"):
        assert process.title == "Устанавливает метод расчёта GPA (среднего балла) по решению Совета ОТО"
    with translation.override("en"):
        assert process.title == "Set the GPA calculation method by decision of the university council"


def test_stipends_have_two_rules_one_per_kind_of_student():
    process = registry.get("annex5.p15")
    assert process.rules == (After("semester_and_resits_end", 5), MonthlyBy(26))
    with translation.override("en"):
        assert process.rule_description() == (
            "State-grant students: within 5 working days after the end of the semester and the re-sits; "
            "contract students: every month by day 26"
        )


def test_first_entry_then_continuous_description():
    with translation.override("en"):
        assert registry.get("annex4.p5").rule_description() == (
            "Within 2 working days after the system launch; continuously"
        )


def test_staff_entry_deadline_follows_the_settings():
    process = registry.get("annex3.p3")
    assert process.effective(UniversitySettings(staff_entry_days=3)).rule_text == "after(order, 3)"
    assert process.effective(UniversitySettings(staff_entry_days=10)).rule_text == "after(order, 10)"
    unconfigurable = registry.get("annex3.p4")
    assert unconfigurable.effective(UniversitySettings(staff_entry_days=10)) is unconfigurable


def test_for_role_lists_that_roles_processes():
    assert [p.id for p in registry.for_role(RoleCode.ICT)] == ["annex2.p1", "annex2.p2"]
    assert [p.id for p in registry.for_role(RoleCode.LIBRARY)] == ["controlling.library"]
