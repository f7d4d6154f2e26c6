"""Demo student achievements (annex 5 item 17): about 3 % of the studying students have one — mostly
IELTS, CEFR or TOPIK/DELF language certificates, some olympiad and competition winners, a few named and
presidential scholarships."""

import datetime as dt
from random import Random

from hemis.academics.enums import Language
from hemis.access.models import User
from hemis.students.models import Achievement, AchievementKind, Student, StudentStatus

SHARE = 0.03
AWARDED_BY = dt.date(2026, 11, 20)  # the latest award day of the demo
K = AchievementKind
# (kind, weight, title, issuer)
KINDS = (
    (K.LANGUAGE_CERTIFICATE, 62, "", ""),
    (K.OLYMPIAD, 10, "Respublika fan olimpiadasi gʻolibi", "Oliy taʼlim, fan va innovatsiyalar vazirligi"),
    (K.NATIONAL_COMPETITION, 8, "“Yil talabasi” respublika tanlovi gʻolibi", "Yoshlar ishlari agentligi"),
    (K.INTERNATIONAL_COMPETITION, 4, "Xalqaro kimyo talabalar olimpiadasi sovrindori", "IMChO tashkiliy qoʻmitasi"),
    (K.NAVOI_SCHOLARSHIP, 2, "Alisher Navoiy nomidagi davlat stipendiyasi", "Oliy taʼlim, fan va innovatsiyalar vazirligi"),
    (K.BERUNI_SCHOLARSHIP, 2, "Abu Rayhon Beruniy nomidagi davlat stipendiyasi", "Oliy taʼlim, fan va innovatsiyalar vazirligi"),
    (K.ULUGBEK_SCHOLARSHIP, 2, "Mirzo Ulugʻbek nomidagi davlat stipendiyasi", "Oliy taʼlim, fan va innovatsiyalar vazirligi"),
    (K.PRESIDENT_SCHOLARSHIP, 2, "Oʻzbekiston Respublikasi Prezidenti davlat stipendiyasi", "Oʻzbekiston Respublikasi Prezidenti Administratsiyasi"),
    (K.ZULFIYA_AWARD, 2, "Zulfiya nomidagi davlat mukofoti", "Oʻzbekiston Respublikasi Vazirlar Mahkamasi"),
    (K.MARD_OGLON_AWARD, 2, "“Mard oʻgʻlon” davlat mukofoti", "Oʻzbekiston Respublikasi Vazirlar Mahkamasi"),
    (K.OTHER, 4, "Institut ilmiy-amaliy konferensiyasi eng yaxshi maʼruzasi", "Kimyo-texnologiya instituti"),
)  # fmt: skip
# (language, weight, title, issuer, levels)
CERTIFICATES = (
    (Language.ENGLISH, 70, "IELTS Academic", "British Council", ("IELTS 5.5", "IELTS 6.0", "IELTS 6.5", "IELTS 7.0", "IELTS 7.5")),
    (Language.ENGLISH, 15, "CEFR (ingliz tili)", "Bilim va malakalarni baholash agentligi", ("B1", "B2", "B2", "C1")),
    (Language.RUSSIAN, 5, "CEFR (rus tili)", "Bilim va malakalarni baholash agentligi", ("B2", "C1")),
    ("", 5, "TOPIK (koreys tili)", "National Institute for International Education", ("TOPIK 3", "TOPIK 4")),
    ("", 5, "Goethe-Zertifikat (nemis tili)", "Goethe-Institut", ("B1", "B2")),
)  # fmt: skip


def _certificate(rng: Random, row: Achievement) -> None:
    language, _, title, issuer, levels = rng.choices(CERTIFICATES, [c[1] for c in CERTIFICATES])[0]
    row.title, row.issuer = title, issuer
    row.certificate_language = language
    row.certificate_level = rng.choice(levels)
    row.valid_until = row.awarded_on + dt.timedelta(days=730)
    row.document_number = f"{rng.choice(('UZ', 'CE', 'AG'))}{rng.randrange(10**7):07d}"


def seed(*, rng: Random) -> dict[str, int]:
    actor = User.objects.get(username="dean")
    ids = list(
        Student.objects.filter(status=StudentStatus.STUDYING).order_by("pk").values_list("pk", "course")
    )
    chosen = rng.sample(ids, min(len(ids), max(4, round(len(ids) * SHARE))))
    rows = []
    for index, (student, course) in enumerate(chosen):
        # the first few get one of every kind, so even a small demo shows each
        kind, _, title, issuer = (
            KINDS[index] if index < len(KINDS) else rng.choices(KINDS, [k[1] for k in KINDS])[0]
        )
        awarded = AWARDED_BY - dt.timedelta(days=rng.randint(5, 80 + 365 * (course - 1)))
        row = Achievement(
            student_id=student, kind=kind, title=title, issuer=issuer, awarded_on=awarded, created_by=actor
        )
        if kind == K.LANGUAGE_CERTIFICATE:
            _certificate(rng, row)
        else:
            row.document_number = f"{rng.randint(10, 999)}-son"
        rows.append(row)
    Achievement.objects.bulk_create(rows)
    return {"achievements": len(rows)}
