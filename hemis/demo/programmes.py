"""Programme details of the demo institute: qualification in three languages, the opening order and date."""

import datetime as dt
from random import Random

from hemis.academics.models import Programme

D = dt.date

# code: (qualification uz, ru, en, opened on, opening order)
DETAILS = {
    "60720100": (
        "Kimyoviy texnologiya bakalavri",
        "Бакалавр химической технологии",
        "Bachelor of Chemical Technology",
        D(2004, 7, 12),
        "PQ-1385",
    ),
    "60711100": (
        "Biotexnologiya bakalavri",
        "Бакалавр биотехнологии",
        "Bachelor of Biotechnology",
        D(2012, 6, 28),
        "PQ-1784",
    ),
    "60850200": (
        "Ekologiya va atrof-muhit muhofazasi bakalavri",
        "Бакалавр экологии и охраны окружающей среды",
        "Bachelor of Ecology and Environmental Protection",
        D(2017, 6, 5),
        "PQ-3028",
    ),
    "60721000": (
        "Oziq-ovqat texnologiyasi bakalavri",
        "Бакалавр пищевой технологии",
        "Bachelor of Food Technology",
        D(2004, 7, 12),
        "PQ-1385",
    ),
    "60721100": (
        "Vino texnologiyasi bakalavri",
        "Бакалавр технологии вина",
        "Bachelor of Wine Technology",
        D(2010, 8, 16),
        "PQ-1406",
    ),
    "60721200": (
        "Qishloq xoʻjalik mahsulotlarini saqlash texnologiyasi bakalavri",
        "Бакалавр технологии хранения сельскохозяйственной продукции",
        "Bachelor of Agricultural Products Storage Technology",
        D(2019, 7, 23),
        "PQ-4391",
    ),
    "60720400": (
        "Neft-gazni qayta ishlash texnologiyasi bakalavri",
        "Бакалавр технологии переработки нефти и газа",
        "Bachelor of Oil and Gas Processing Technology",
        D(2006, 8, 2),
        "PQ-431",
    ),
    "60720300": (
        "Silikat materiallar texnologiyasi bakalavri",
        "Бакалавр технологии силикатных материалов",
        "Bachelor of Silicate Materials Technology",
        D(2008, 5, 20),
        "PQ-851",
    ),
    "60711400": (
        "Avtomatlashtirish va boshqarish bakalavri",
        "Бакалавр автоматизации и управления",
        "Bachelor of Automation and Control",
        D(2014, 6, 19),
        "PQ-2189",
    ),
    "60410100": (
        "Iqtisodiyot bakalavri",
        "Бакалавр экономики",
        "Bachelor of Economics",
        D(2009, 7, 8),
        "PQ-1154",
    ),
    "60412100": (
        "Menejment bakalavri",
        "Бакалавр менеджмента",
        "Bachelor of Management",
        D(2011, 6, 30),
        "PQ-1533",
    ),
    "70720101": (
        "Kimyoviy texnologiya magistri",
        "Магистр химической технологии",
        "Master of Chemical Technology",
        D(2007, 8, 14),
        "PQ-676",
    ),
    "70721001": (
        "Oziq-ovqat texnologiyasi magistri",
        "Магистр пищевой технологии",
        "Master of Food Technology",
        D(2013, 7, 2),
        "PQ-1990",
    ),
    "70720401": (
        "Neft-gazni qayta ishlash texnologiyasi magistri",
        "Магистр технологии переработки нефти и газа",
        "Master of Oil and Gas Processing Technology",
        D(2015, 8, 11),
        "PQ-2395",
    ),
    "70410101": (
        "Iqtisodiyot magistri",
        "Магистр экономики",
        "Master of Economics",
        D(2018, 6, 27),
        "PQ-3815",
    ),
}


def seed(*, rng: Random) -> dict[str, int]:
    programmes = list(Programme.objects.filter(code__in=DETAILS))
    for programme in programmes:
        uz, ru, en, opened_on, order = DETAILS[programme.code]
        programme.qualification_uz, programme.qualification_ru, programme.qualification_en = uz, ru, en
        programme.opened_on, programme.opening_order = opened_on, order
    fields = ["qualification_uz", "qualification_ru", "qualification_en", "opened_on", "opening_order"]
    Programme.objects.bulk_update(programmes, fields)
    return {"programme_details": len(programmes)}
