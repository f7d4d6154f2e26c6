"""Plausible, unique personal data from one seeded random generator (no outside services, no Faker)."""

import datetime as dt
import random
from dataclasses import dataclass

from hemis.demo import names

OPERATORS = ("90", "91", "93", "94", "95", "97", "99", "33", "88")
PASSPORT_SERIES = ("AA", "AB", "AC", "AD", "AE", "FA")
DISTRICTS = (261, 262, 263, 264, 271, 272, 281, 291, 301, 302, 311, 321, 331, 341, 351, 361)


@dataclass(frozen=True)
class PersonData:
    last_name: str
    first_name: str
    patronymic: str
    female: bool
    birth_date: dt.date
    pinfl: str
    passport: str
    phone: str
    address: str


def pinfl_check_digit(first13: str) -> str:
    """The control digit: weights 7, 3, 1 repeated over the first 13 digits, sum modulo 10."""
    weights = (7, 3, 1) * 5
    return str(sum(int(d) * w for d, w in zip(first13, weights, strict=False)) % 10)


class IdentityMaker:
    """Draws people from ``rng``; remembers every PINFL and passport so that none repeats."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pinfls: set[str] = set()
        self.passports: set[str] = set()

    def person(
        self, *, female: bool, born_from: int, born_to: int, uzbek_patronymic: float = 0.3
    ) -> PersonData:
        rng = self.rng
        first = rng.choice(names.FEMALE_FIRST if female else names.MALE_FIRST)
        father = rng.choice(names.MALE_FIRST)
        while father == first:  # a son is seldom named after his father
            father = rng.choice(names.MALE_FIRST)
        birth = dt.date(rng.randint(born_from, born_to), 1, 1) + dt.timedelta(days=rng.randrange(365))
        return PersonData(
            last_name=names.surname(rng.choice(names.SURNAMES), female=female),
            first_name=first,
            patronymic=names.patronymic(father, female=female, uzbek_style=rng.random() < uzbek_patronymic),
            female=female,
            birth_date=birth,
            pinfl=self._pinfl(birth, female),
            passport=self._passport(),
            phone=f"+998{rng.choice(OPERATORS)}{rng.randrange(10**7):07d}",
            address=self._address(),
        )

    def _pinfl(self, birth: dt.date, female: bool) -> str:
        # 1st digit: century and sex (3/4 born in the 1900s, 5/6 in the 2000s); then DDMMYY, district, serial.
        century = 3 if birth.year < 2000 else 5
        head = f"{century + int(female)}{birth:%d%m%y}{self.rng.choice(DISTRICTS)}"
        serial = self.rng.randrange(1000)
        while True:
            first13 = f"{head}{serial:03d}"
            value = first13 + pinfl_check_digit(first13)
            if value not in self.pinfls:
                self.pinfls.add(value)
                return value
            serial = (serial + 1) % 1000

    def _passport(self) -> str:
        while True:
            value = f"{self.rng.choice(PASSPORT_SERIES)}{self.rng.randrange(10**7):07d}"
            if value not in self.passports:
                self.passports.add(value)
                return value

    def _address(self) -> str:
        region, districts = self.rng.choice(names.REGIONS)
        street = self.rng.choice(names.STREETS)
        return f"{region}, {self.rng.choice(districts)}, {street} koʻchasi, {self.rng.randint(1, 120)}-uy"

    def email(self, person: PersonData, domain: str) -> str:
        local = f"{names.ascii_login(person.first_name)}.{names.ascii_login(person.last_name)}"
        return f"{local}{person.birth_date:%y}{self.rng.randrange(100):02d}@{domain}"
