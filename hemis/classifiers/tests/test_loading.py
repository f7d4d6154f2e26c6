"""The HEMIS data file: how it is read, and that the data migration loaded all of it."""

import pytest

from hemis.classifiers.loading import DATA_FILE, load, normalise, parse, parse_line, read_data_file
from hemis.classifiers.models import Classifier, ClassifierOption


def test_normalise_apostrophes():
    assert (
        normalise("O‘qishga qabul; Mard o'g'lon; Afg‘oniston") == "Oʻqishga qabul; Mard oʻgʻlon; Afgʻoniston"
    )
    assert normalise("Akademik ta’til; Mustaqil ta'lim; ta‘til") == "Akademik taʼtil; Mustaqil taʼlim; taʼtil"
    assert normalise("  O‘zbekiston  davlat   konservatoriyasi ") == "Oʻzbekiston davlat konservatoriyasi"


def test_parse_line_with_empty_english_name_and_translations():
    spec = parse_line("h_gender [Jins turlari / ]: 10=Noma’lum; 11=Erkak; 12=Ayol")
    assert (spec.key, spec.name_uz, spec.name_ru, spec.name_en) == (
        "h_gender",
        "Jins turlari",
        "Пол",
        "Gender",
    )
    assert [(o.code, o.name_uz, o.name_ru, o.name_en) for o in spec.options] == [
        ("10", "Nomaʼlum", "Неизвестно", "Unknown"),
        ("11", "Erkak", "Мужской", "Male"),
        ("12", "Ayol", "Женский", "Female"),
    ]


def test_parse_line_keeps_semicolons_colons_and_equals_inside_names():
    spec = parse_line(
        "h_x_test [Sinov / Test]: 1=Alpha; beta: gamma; 2=A=B (tillar bo‘yicha):; 01.02.00=Mexanika"
    )
    assert spec.name_en == "Test"
    assert [(o.code, o.name_uz) for o in spec.options] == [
        ("1", "Alpha; beta: gamma"),
        ("2", "A=B (tillar boʻyicha):"),
        ("01.02.00", "Mexanika"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "h_bad Sinov: 11=Bir",  # no [names]
        "h_bad [Sinov / ]: 11=Bir; 11=Ikki",  # a code twice
        "h_bad [Sinov / ]: 11=",  # no name
        "h_bad [Sinov / ]: Bir",  # no code
    ],
)
def test_parse_line_refuses_malformed_lines(line):
    with pytest.raises(ValueError, match="h_bad|line"):
        parse_line(line, 7)


def test_parse_skips_blank_and_comment_lines_and_refuses_a_repeated_key():
    assert [s.key for s in parse("# HEMIS\n\nh_a [A / ]: 1=x\nh_b [B / ]: 1=y\n")] == ["h_a", "h_b"]
    with pytest.raises(ValueError, match="twice"):
        parse("h_a [A / ]: 1=x\nh_a [A / ]: 2=y\n")


def test_data_file_lives_in_the_repository():
    assert DATA_FILE.parts[-3:] == ("classifiers", "data", "hemis-classifiers.txt")
    specs = read_data_file()
    assert len(specs) == 66
    assert sum(len(s.options) for s in specs) == 634


def test_migration_loaded_every_classifier_of_the_data_file(db):
    specs = read_data_file()
    assert sorted(Classifier.objects.values_list("key", flat=True)) == sorted(s.key for s in specs)
    counts = {s.key: len(s.options) for s in specs}
    loaded = {c.key: c.options.count() for c in Classifier.objects.all()}
    assert loaded == counts
    assert ClassifierOption.objects.count() == 634
    assert ClassifierOption.objects.filter(builtin=False).count() == 0


@pytest.mark.parametrize(
    ("key", "codes"),
    [
        ("h_gender", ["10", "11", "12"]),
        ("h_student_status", ["10", "11", "12", "13", "14"]),
        ("h_payment_form", ["11", "12"]),
        ("h_exam_type", ["15", "16", "17", "18", "11", "12", "13", "14", "10"]),  # HEMIS order kept
        ("h_sport_type", ["11"]),
    ],
)
def test_migration_loaded_exact_options(db, key, codes):
    assert list(ClassifierOption.objects.filter(classifier__key=key).values_list("code", flat=True)) == codes


def test_migration_normalised_names_and_added_translations(db):
    option = ClassifierOption.objects.get(classifier__key="h_student_status", code="11")
    assert (option.name_uz, option.name_ru, option.name_en) == ("Oʻqimoqda", "Обучается", "Studying")
    assert ClassifierOption.objects.get(classifier__key="h_gender", code="10").name_uz == "Nomaʼlum"
    classifier = Classifier.objects.get(key="h_payment_form")
    assert (classifier.name_uz, classifier.name_ru, classifier.name_en) == (
        "Toʻlov turlari",
        "Формы оплаты",
        "Payment forms",
    )
    assert not ClassifierOption.objects.filter(name_uz__regex=r"['‘’]").exists()


def test_load_again_adds_only_what_is_missing(db):
    ClassifierOption.objects.filter(classifier__key="h_gender", code="12").delete()
    renamed = ClassifierOption.objects.get(classifier__key="h_gender", code="11")
    renamed.name_uz = "Erkak kishi"
    renamed.save()
    assert load(Classifier, ClassifierOption) == 1
    assert ClassifierOption.objects.count() == 634
    assert ClassifierOption.objects.get(classifier__key="h_gender", code="11").name_uz == "Erkak kishi"
