"""Reading the HEMIS classifier file and loading it into the tables (used by the data migration).

A line reads ``h_key [Name uz / Name en]: code=name; code=name; …``; the English name may be empty.
An option name may itself contain ``;``, ``:`` or ``=``: options are split only at a ``;`` followed
by ``code=``. Apostrophes are normalised: ``‘`` or ``'`` after o/g is the letter sign ``ʻ`` (U+02BB)
of oʻ/gʻ, every other apostrophe is the tutuq belgisi ``ʼ`` (U+02BC).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from hemis.classifiers.translations import CLASSIFIER_NAMES, OPTION_NAMES

DATA_FILE = Path(__file__).resolve().parent / "data" / "hemis-classifiers.txt"

_HEAD = re.compile(r"^(?P<key>h_\w+) \[(?P<names>.*?)\]:\s*(?P<body>.*)$")
_SPLIT = re.compile(r";\s*(?=[0-9A-Za-z.]+=)")
_CODE = re.compile(r"^[0-9A-Za-z.]+$")
_OKINA = re.compile(r"(?<=[OoGg])['‘]")
_APOSTROPHE = re.compile(r"['‘’]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class OptionSpec:
    code: str
    name_uz: str
    name_ru: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class ClassifierSpec:
    key: str
    name_uz: str
    name_ru: str
    name_en: str
    options: tuple[OptionSpec, ...]


def normalise(text: str) -> str:
    """Typographic and ASCII apostrophes → ʻ in oʻ/gʻ, ʼ elsewhere; runs of spaces → one space."""
    return _SPACES.sub(" ", _APOSTROPHE.sub("ʼ", _OKINA.sub("ʻ", text))).strip()


def parse_line(line: str, number: int = 0) -> ClassifierSpec:
    match = _HEAD.match(line.strip())
    if match is None:
        raise ValueError(f"line {number}: not 'h_key [names]: code=name; …': {line[:60]!r}")
    key = match["key"]
    name_uz, _sep, name_en = match["names"].partition(" / ")
    ru, en = CLASSIFIER_NAMES.get(key, ("", ""))
    translated = OPTION_NAMES.get(key, {})
    options, seen = [], set()
    for part in filter(None, (p.strip() for p in _SPLIT.split(match["body"]))):
        code, sep, name = part.partition("=")
        code = code.strip()
        if not sep or not _CODE.match(code) or not name.strip():
            raise ValueError(f"line {number} ({key}): not 'code=name': {part[:60]!r}")
        if code in seen:
            raise ValueError(f"line {number} ({key}): code {code} twice")
        seen.add(code)
        option_ru, option_en = translated.get(code, ("", ""))
        options.append(OptionSpec(code, normalise(name), option_ru, option_en))
    return ClassifierSpec(key, normalise(name_uz), ru, en or normalise(name_en), tuple(options))


def parse(text: str) -> list[ClassifierSpec]:
    specs = [
        parse_line(line, number)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    keys = [spec.key for spec in specs]
    if len(keys) != len(set(keys)):
        raise ValueError("a classifier key appears twice")
    return specs


def read_data_file() -> list[ClassifierSpec]:
    return parse(DATA_FILE.read_text(encoding="utf-8"))


def load(classifier_model, option_model, specs: list[ClassifierSpec] | None = None) -> int:
    """Create the classifiers and built-in options that are missing; never touch existing rows.

    Takes the models as arguments so that a migration can pass its historical models.
    Returns the number of options created.
    """
    specs = read_data_file() if specs is None else specs
    existing = set(classifier_model.objects.values_list("key", flat=True))
    classifier_model.objects.bulk_create(
        classifier_model(key=s.key, name_uz=s.name_uz, name_ru=s.name_ru, name_en=s.name_en)
        for s in specs
        if s.key not in existing
    )
    ids = dict(classifier_model.objects.values_list("key", "pk"))
    present = set(option_model.objects.values_list("classifier_id", "code"))
    new = [
        option_model(
            classifier_id=ids[s.key],
            code=o.code,
            name_uz=o.name_uz,
            name_ru=o.name_ru,
            name_en=o.name_en,
            position=position,
            builtin=True,
            active=True,
        )
        for s in specs
        for position, o in enumerate(s.options, start=1)
        if (ids[s.key], o.code) not in present
    ]
    option_model.objects.bulk_create(new, batch_size=500)
    return len(new)
