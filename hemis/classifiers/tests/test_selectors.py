import pytest
from django.utils import translation

from hemis.classifiers import selectors, services
from hemis.classifiers.models import Classifier, ClassifierOption


def test_options_are_active_options_in_hemis_order(db):
    ClassifierOption.objects.filter(classifier__key="h_gender", code="10").update(active=False)
    assert [o.code for o in selectors.options("h_gender")] == ["11", "12"]
    assert [o.code for o in selectors.options("h_gender", include_inactive=True)] == ["10", "11", "12"]
    assert [o.code for o in selectors.options("h_exam_type")][:3] == ["15", "16", "17"]


@pytest.mark.parametrize(("lang", "name"), [("uz", "Ayol"), ("ru", "Женский"), ("en", "Female")])
def test_label_is_localized(db, lang, name):
    with translation.override(lang):
        assert selectors.label("h_gender", "12") == name
        assert selectors.choices("h_gender")[2] == ("12", name)


def test_label_falls_back_to_uzbek_and_to_the_code(db):
    with translation.override("en"):
        assert selectors.label("h_decree_type", "11") == "Oʻqishdan chetlashtirish"
        assert selectors.label("h_gender", "99") == "99"
        assert selectors.label("h_no_such", "11") == "11"


def test_labels_include_inactive_options(db, superadmin):
    option = services.add_option(
        classifier=Classifier.objects.get(key="h_payment_form"),
        code="13",
        name_uz="Superkontrakt",
        actor=superadmin,
    )
    services.deactivate_option(option=option, actor=superadmin)
    with translation.override("ru"):
        assert selectors.labels("h_payment_form") == {
            "11": "Государственный грант",
            "12": "Контракт",
            "13": "Superkontrakt",
        }


def test_classifiers_search_by_key_or_name_in_any_language(db):
    assert [c.key for c in selectors.classifiers("h_gender")] == ["h_gender"]
    assert [c.key for c in selectors.classifiers("Формы оплаты")] == ["h_payment_form"]
    assert [c.key for c in selectors.classifiers("jins")] == ["h_gender"]
    found = selectors.classifiers("semest")
    assert [(c.key, c.option_count) for c in found] == [("h_semester", 12), ("h_semestr_type", 2)]
