"""One process of the regulation: who does what, by which deadline rule."""

import dataclasses
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language

from hemis.access.roles import RoleCode
from hemis.compliance.rules import After, Before, Rule


@dataclass(frozen=True)
class Process:
    """A row of an annex table (``annex5.p7``), a duty of chapter 3.1.6 (``annex6.p1``) or of a
    controlling role (``controlling.library``).

    ``rules`` holds one rule, or several when the regulation gives several: annex 5 item 15 has one
    for state-grant students and one for contract students (``clauses`` says which is which), and
    "after launch +2 wd, then on change" is ``after(launch, 2)`` followed by ``continuous``.
    ``configurable_days`` names a UniversitySettings field that replaces the days of the first rule.
    """

    id: str
    role: str
    rules: tuple[Rule, ...]
    title_uz: str
    title_ru: str
    title_en: str
    clauses: tuple[str | Promise, ...] = ()
    configurable_days: str = ""

    def __post_init__(self) -> None:
        if not self.rules:
            raise ValueError(f"{self.id}: a process needs at least one deadline rule")
        if self.clauses and len(self.clauses) != len(self.rules):
            raise ValueError(f"{self.id}: one clause per rule")

    @property
    def group(self) -> str:
        """``annex5`` or ``controlling``."""
        return self.id.split(".", 1)[0]

    @property
    def item(self) -> str:
        """``p7`` or ``library``: the part of the id after the group."""
        return self.id.split(".", 1)[1]

    @property
    def title(self) -> str:
        lang = (get_language() or "uz")[:2]
        return getattr(self, f"title_{lang}", "") or self.title_uz

    @property
    def role_label(self) -> str:
        return str(RoleCode(self.role).label)

    @property
    def rule(self) -> Rule:
        """The main rule (the first one)."""
        return self.rules[0]

    @property
    def rule_text(self) -> str:
        """The text form: ``after(launch, 1)``; several rules are joined by ``; ``."""
        return "; ".join(rule.text for rule in self.rules)

    def rule_description(self) -> str:
        """``Within 2 working days after the system launch; continuously``."""
        parts = []
        for index, rule in enumerate(self.rules):
            text = rule.description()
            if self.clauses:
                text = f"{self.clauses[index]}: {_lower_first(text)}"
            parts.append(text if index == 0 else _lower_first(text))
        return "; ".join(parts)

    def effective(self, university) -> "Process":
        """This process with the university's configured number of days, when it has one."""
        if not self.configurable_days:
            return self
        first = self.rules[0]
        if not isinstance(first, After | Before):
            raise TypeError(f"{self.id}: only after/before rules have configurable days")
        days = getattr(university, self.configurable_days)
        if days == first.days:
            return self
        return dataclasses.replace(self, rules=(dataclasses.replace(first, days=days), *self.rules[1:]))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
