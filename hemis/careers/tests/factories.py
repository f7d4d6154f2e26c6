"""Factories of the careers records (written directly: tests of the services build through the services)."""

import datetime as dt
import itertools

import factory

from hemis.careers.dates import add_years
from hemis.careers.enums import CompetitionResult, TrainingPlace
from hemis.careers.models import Competition, TrainingRecord
from hemis.staff.enums import Position
from hemis.testing import factories as f

_order = itertools.count(101)


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    employee = factory.SubFactory(f.EmployeeFactory)
    position = Position.DOCENT
    order_number = factory.LazyFunction(lambda: f"{next(_order)}-K")
    order_date = dt.date(2024, 6, 10)
    selection_date = dt.date(2024, 6, 1)
    term_years = 3
    valid_until = factory.LazyAttribute(lambda o: add_years(o.selection_date, o.term_years))
    result = CompetitionResult.PASSED


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    employee = factory.SubFactory(f.EmployeeFactory)
    place = TrainingPlace.BIMM
    institution = "Bosh ilmiy-metodik markaz"
    programme = "Kimyo fanlarini oʻqitishda innovatsion texnologiyalar"
    date_from = dt.date(2024, 2, 5)
    date_to = dt.date(2024, 3, 1)
    hours = 144
    certificate_number = factory.Sequence(lambda n: f"BM-{n:05d}")
    certificate_date = dt.date(2024, 3, 1)
    order_number = factory.LazyFunction(lambda: f"{next(_order)}-son")
    order_date = dt.date(2024, 1, 30)
