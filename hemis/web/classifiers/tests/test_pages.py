"""Classifier pages: browsing for the entitled roles, editing for the super administrator only."""

import pytest
from django.urls import reverse
from django.utils import translation

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.audit.models import AuditEvent
from hemis.classifiers.models import Classifier, ClassifierOption
from hemis.testing import factories as f

LIST = reverse("web:reference_classifiers")


def _user(role, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return user


def _detail(key):
    return reverse("web:reference_classifier", kwargs={"key": key})


def _page(client, url, **params):
    with translation.override("en"):
        client.cookies["hemis_language"] = "en"
        return client.get(url, params)


@pytest.mark.parametrize("role", ["super_admin", "academic", "management", "hr"])
def test_list_is_open_to_entitled_roles_and_in_their_menu(client, db, role):
    client.force_login(_user(role))
    response = _page(client, LIST)
    assert response.status_code == 200
    assert len(response.context["classifiers"]) == 66
    assert LIST in [item["url"] for item in response.context["nav_items"]]


@pytest.mark.parametrize("role", ["dean", "teacher", "accounting", "student_only"])
def test_list_is_refused_to_other_roles(client, uni, role):
    user = (
        f.StudentFactory(group=uni["chem_group"], user=f.UserFactory()).user
        if role == "student_only"
        else _user(role, uni["chem"] if role == "dean" else None)
    )
    client.force_login(user)
    assert client.get(LIST).status_code == 403
    home = client.get(reverse("web:home"))
    assert LIST not in [item["url"] for item in home.context["nav_items"]]


def test_list_search_by_key_and_by_name(client, rector):
    client.force_login(rector)
    assert [c.key for c in _page(client, LIST, q="gender").context["classifiers"]] == ["h_gender"]
    page = _page(client, LIST, q="Payment forms")
    assert [c.key for c in page.context["classifiers"]] == ["h_payment_form"]
    text = page.content.decode()
    assert "Payment forms" in text
    assert "1 classifier" in text


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow(client, rector, django_assert_num_queries, count):
    Classifier.objects.all().delete()
    for n in range(count):
        classifier = Classifier.objects.create(key=f"h_test_{n}", name_uz=f"Sinov {n}")
        for code in ("11", "12"):
            ClassifierOption.objects.create(classifier=classifier, code=code, name_uz=code, builtin=True)
    client.force_login(rector)
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert [(c.key, c.option_count) for c in response.context["classifiers"]] == [
        (f"h_test_{n}", 2) for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_detail_query_count_does_not_grow(client, uni, superadmin, django_assert_num_queries, count):
    classifier = Classifier.objects.get(key="h_student_status")
    classifier.options.exclude(code__in=["11", "12", "13"][:count]).delete()
    for _n in range(count):
        f.StudentFactory(group=uni["chem_group"], status="11")
    client.force_login(superadmin)
    with django_assert_num_queries(8):
        response = client.get(_detail("h_student_status"))
    assert [(o.code, n) for o, n in response.context["rows"]] == [("11", count), ("12", 0), ("13", 0)][:count]


def test_detail_shows_options_and_usage_without_forms_for_viewers(client, uni, rector):
    f.StudentFactory(group=uni["chem_group"], gender="12")
    client.force_login(rector)
    response = _page(client, _detail("h_gender"))
    assert [(o.code, o.name_en, n) for o, n in response.context["rows"]] == [
        ("10", "Unknown", 0),
        ("11", "Male", 0),
        ("12", "Female", 1),
    ]
    text = response.content.decode()
    assert "Erkak" in text
    assert 'data-testid="add-option"' not in text
    assert reverse("web:reference_option_edit", kwargs={"key": "h_gender", "code": "11"}) not in text


def test_detail_of_unknown_classifier_is_404(client, rector):
    client.force_login(rector)
    assert client.get(_detail("h_no_such")).status_code == 404


def test_superadmin_adds_an_option(client, superadmin):
    client.force_login(superadmin)
    assert 'data-testid="add-option"' in _page(client, _detail("h_payment_form")).content.decode()
    response = client.post(
        reverse("web:reference_option_add", kwargs={"key": "h_payment_form"}),
        {"code": "13", "name_uz": "Superkontrakt", "name_ru": "Суперконтракт", "name_en": "Super contract"},
    )
    assert response.status_code == 302
    assert response["Location"] == _detail("h_payment_form")
    option = ClassifierOption.objects.get(classifier__key="h_payment_form", code="13")
    assert (option.name_en, option.builtin, option.active) == ("Super contract", False, True)
    assert AuditEvent.objects.filter(action="classifiers.option.created", actor=superadmin).count() == 1


def test_duplicate_code_is_shown_on_the_code_field(client, superadmin):
    client.force_login(superadmin)
    client.cookies["hemis_language"] = "en"
    response = client.post(
        reverse("web:reference_option_add", kwargs={"key": "h_payment_form"}),
        {"code": "12", "name_uz": "Yana"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "code": ["h_payment_form already has an option with the code 12."]
    }
    assert list(
        ClassifierOption.objects.filter(classifier__key="h_payment_form").values_list("code", "name_uz")
    ) == [
        ("11", "Davlat granti"),
        ("12", "Toʻlov-shartnoma"),
    ]


@pytest.mark.parametrize("role", ["academic", "management", "hr"])
def test_non_admin_posts_are_refused_and_change_nothing(client, db, role):
    client.force_login(_user(role))
    option = ClassifierOption.objects.get(classifier__key="h_gender", code="10")
    kw = {"key": "h_gender", "code": "10"}
    posts = [
        (
            reverse("web:reference_option_add", kwargs={"key": "h_gender"}),
            {"code": "13", "name_uz": "Boshqa"},
        ),
        (reverse("web:reference_option_edit", kwargs=kw), {"name_uz": "Oʻzgardi"}),
        (reverse("web:reference_option_active", kwargs=kw), {"active": "0"}),
        (reverse("web:reference_option_delete", kwargs=kw), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert client.get(reverse("web:reference_option_edit", kwargs=kw)).status_code == 403
    option.refresh_from_db()
    assert (option.name_uz, option.active) == ("Nomaʼlum", True)
    assert ClassifierOption.objects.filter(classifier__key="h_gender").count() == 3
    assert not AuditEvent.objects.filter(action__startswith="classifiers.").exists()


def test_superadmin_renames_and_deactivates_an_option(client, superadmin):
    client.force_login(superadmin)
    kw = {"key": "h_gender", "code": "10"}
    form = _page(client, reverse("web:reference_option_edit", kwargs=kw)).context["form"]
    assert form.initial == {"name_uz": "Nomaʼlum", "name_ru": "Неизвестно", "name_en": "Unknown"}
    response = client.post(
        reverse("web:reference_option_edit", kwargs=kw),
        {"name_uz": "Koʻrsatilmagan", "name_ru": "Не указан", "name_en": "Not stated"},
    )
    assert response["Location"] == _detail("h_gender")
    client.post(reverse("web:reference_option_active", kwargs=kw), {"active": "0"})
    option = ClassifierOption.objects.get(classifier__key="h_gender", code="10")
    assert (option.name_uz, option.name_en, option.active) == ("Koʻrsatilmagan", "Not stated", False)
    assert list(
        AuditEvent.objects.filter(action__startswith="classifiers.")
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "classifiers.option.renamed",
        "classifiers.option.deactivated",
    ]


def test_delete_of_a_code_in_use_is_refused_with_a_message(client, uni, superadmin):
    classifier = Classifier.objects.get(key="h_student_status")
    ClassifierOption.objects.create(classifier=classifier, code="15", name_uz="Koʻchirilgan", position=6)
    f.StudentFactory(group=uni["chem_group"], status="15")
    client.force_login(superadmin)
    client.cookies["hemis_language"] = "en"
    kw = {"key": "h_student_status", "code": "15"}
    response = client.post(reverse("web:reference_option_delete", kwargs=kw), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Code 15 is in use and cannot be deleted (students (status): 1); deactivate it instead."
    ]
    assert 'data-testid="delete-option"' not in response.content.decode()
    assert classifier.options.filter(code="15").exists()


def test_delete_of_an_unused_local_option(client, superadmin):
    classifier = Classifier.objects.get(key="h_sport_type")
    ClassifierOption.objects.create(classifier=classifier, code="12", name_uz="Kurash", position=2)
    client.force_login(superadmin)
    kw = {"key": "h_sport_type", "code": "12"}
    assert (
        'data-testid="delete-option"'
        in client.get(reverse("web:reference_option_edit", kwargs=kw)).content.decode()
    )
    response = client.post(reverse("web:reference_option_delete", kwargs=kw))
    assert response["Location"] == _detail("h_sport_type")
    assert list(classifier.options.values_list("code", flat=True)) == ["11"]


@pytest.mark.parametrize(
    ("role", "view", "edit"),
    [
        ("super_admin", True, True),
        ("academic", True, False),
        ("management", True, False),
        ("hr", True, False),
        ("ict", False, False),
        ("dean", False, False),
        ("teacher", False, False),
    ],
)
def test_classifier_policy(db, role, view, edit):
    principal = build_principal(_user(role), None)
    assert policy.can(principal, "classifiers.view") is view
    assert policy.can(principal, "classifiers.edit") is edit
