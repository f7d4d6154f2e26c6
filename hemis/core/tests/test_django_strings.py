from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation


def test_the_empty_choice_of_a_select_is_translated_where_django_is_not():
    with translation.override("uz"):
        assert str(BLANK_CHOICE_LABEL) == "- Tanlang -"
    with translation.override("ru"):
        assert str(BLANK_CHOICE_LABEL) == "- Выберите -"
    with translation.override("en"):
        assert str(BLANK_CHOICE_LABEL) == "- Select an option -"
