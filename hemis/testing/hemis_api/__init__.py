"""Contract checks of ``/rest/v1`` answers against the HEMIS OpenAPI document (a copy of
``../shared/spec/hemis-api/openapi.json``, beside this file), with the corrections of that folder's
README (how real responses differ from the document, and what real clients read).

``check(path, method, body)`` validates an answer's JSON against the operation's documented 200
schema, strictly: every property the document lists must be present (with the documented type; null
only where the document says nullable), except the few ``OPTIONAL`` below that the document itself
describes as present only in some answers. Error answers are checked by ``check_error``."""

import copy
import json
from functools import cache
from pathlib import Path

import jsonschema

DOCUMENT = Path(__file__).resolve().parent / "openapi.json"

# Properties the document lists that are absent from some answers by the document's own account.
OPTIONAL: dict[str, set[str]] = {
    # "rank: only returned by the rating endpoint"; the embedded student only by the data API's lists
    "StudentGpa": {"rank", "student"},
    # data/curriculum-subject-list: a curriculum's subject has no student, hence none of the student's
    # counts, points and grades ("A/B": B's properties where B is embedded in A)
    "CurriculumSubjectMeta/CurriculumSubject": {
        "tasks_count",
        "submits_count",
        "marked_count",
        "absent_count",
        "subject_ball",
        "student_ball",
        "max_ball",
        "grades",
    },
    # no elective-group numbers are kept in our curricula
    "CurriculumSubjectMeta": {"in_group"},
}

# Properties real answers leave null where they do not apply (the document marks none nullable).
NULLABLE: dict[str, set[str]] = {
    # a specialty is in one classifier only (a bachelor direction has no master specialty…)
    "SpecialtyMeta": {"bachelorSpecialty", "masterSpecialty", "doctorateSpecialty", "ordinatureSpecialty"},
    # a group not yet given a curriculum
    "GroupMeta": {"_curriculum"},
    # a curriculum semester without weeks yet
    "SemesterMeta": {"start_date", "end_date"},
    # no statement kind is kept per curriculum subject
    "CurriculumSubjectMeta": {"ratingGrade"},
    # no place of residence as classifiers, student type, poverty level; a student may lack a group,
    # a faculty or programme, a birth date; no current semester or year before one is set
    "StudentMeta": {
        "country",
        "province",
        "district",
        "terrain",
        "studentType",
        "povertyLevel",
        "accommodation",
        "department",
        "specialty",
        "group",
        "semester",
        "educationYear",
        "_curriculum",
        "birth_date",
    },
    # the labour contract is not kept (only the appointing order); a birth date may be unknown
    "EmployeeMeta": {"contract_date", "birth_date"},
    # the SOATO region, the university type and the HEMIS version type are not kept; the ownership
    # and form are null until the requisites are entered
    "UniversityProfile": {"soato", "universityType", "versionType", "ownership", "universityForm"},
}

# Answers whose real shape differs from the document's drawing (path → data property → schema).
REAL_DATA: dict[str, dict[str, dict]] = {
    # live instances answer the groups per education type and course ({"Bakalavr": {"1-kurs": 12}})
    # and clients iterate them so; the document draws a GenericStat array
    "/v1/public/stat-structure": {
        "groups": {
            "type": "object",
            "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}},
        }
    },
}

# The README's corrections: properties real answers carry beyond (or instead of) the document's.
RENAMED: dict[str, dict[str, str]] = {"StudentGpa": {"can_trasfer": "can_transfer"}}
ADDED: dict[str, dict[str, dict]] = {
    # "decimal" is no JSON type: a number (null before any grade)
    "StudentMeta": {
        "avg_gpa": {"type": "number", "nullable": True},
        "avg_grade": {"type": "number", "nullable": True},
        "total_credit": {"type": "number"},
    },
    # subject-list (README): overallScore carries percent, and gradesByExam each control's points
    "StudentSubjectMeta": {
        "overallScore": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "grade": {"type": "integer"},
                "max_ball": {"type": "integer"},
                "label": {"type": "string"},
                "examType": {"$ref": "#/components/schemas/Classifier"},
                "percent": {"type": "integer"},
            },
        },
        "gradesByExam": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "examType": {"$ref": "#/components/schemas/Classifier"},
                    "grade": {"type": "integer"},
                    "max_ball": {"type": "integer"},
                    "percent": {"type": "integer"},
                },
            },
        },
    },
    # a task the student has not handed anything in to has no activity yet
    "SubjectTaskStudent": {
        "studentTaskActivity": {"$ref": "#/components/schemas/SubjectTaskStudentActivity", "nullable": True},
        # points are kept to two decimals: 8.5 stays 8.5 (an integral value is an integer)
        "max_ball": {"type": "number", "nullable": True},
    },
    "SubjectTaskStudentActivity": {"mark": {"type": "number", "nullable": True}},
    # An order number is text ("45-T", as HEMIS keeps it); an order of a kind h_decree_type has no code
    # for (academic mobility, reversal, graduate status, completion) has no decreeType.
    "StudentDecree": {
        "number": {"type": "string"},
        "decreeType": {"$ref": "#/components/schemas/Classifier", "nullable": True},
    },
    "Student": {
        "passport_number": {"type": "string", "nullable": True},
        "phone": {"type": "string", "nullable": True},
        "gender": {"$ref": "#/components/schemas/Classifier"},
        # not every student's birth date is on record, and it is personal data a role may not see
        "birth_date": {"type": "integer", "nullable": True},
    },
    # "_subject" and "decimal" are no JSON types: the subject's id and numbers; no grade until graded;
    # no examiner for a record with no statement line (written by an import)
    "AcademicRecord": {
        "_subject": {"type": "integer"},
        "credit": {"type": "number"},
        "total_point": {"type": "number"},
        "grade": {"type": "number", "nullable": True},
        "_employee": {"type": "integer", "nullable": True},
    },
    # a statement whose control is not on the timetable (a re-study group's) has no exam schedule
    "StudentPerformance": {"_exam_schedule": {"type": "integer", "nullable": True}},
    "Semester": {
        "weeks": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "start_date": {"type": "integer"},
                    "end_date": {"type": "integer"},
                    "current": {"type": "boolean"},
                    "start_date_f": {"type": "string"},
                    "end_date_f": {"type": "string"},
                },
            },
        }
    },
}


@cache
def document() -> dict:
    doc = json.loads(DOCUMENT.read_text())
    schemas = doc["components"]["schemas"]
    for name, renames in RENAMED.items():
        props = schemas[name]["properties"]
        for old, new in renames.items():
            props[new] = props.pop(old)
    for name, added in ADDED.items():
        schemas[name].setdefault("properties", {}).update(added)
    for name, props in NULLABLE.items():
        for part in (schemas[name], *schemas[name].get("allOf", [])):
            for prop in props & part.get("properties", {}).keys():
                part["properties"][prop]["nullable"] = True
    for path, props in REAL_DATA.items():
        schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        for part in schema.get("allOf", [schema]):
            if "data" in part.get("properties", {}):
                part["properties"]["data"]["properties"].update(props)
    return doc


def _convert(node, schemas: dict, name: str | None = None, seen: tuple = ()):
    """An OpenAPI 3.0 schema as a strict JSON Schema (``$ref`` inlined, ``nullable`` honoured)."""
    if isinstance(node, list):
        return [_convert(n, schemas, None, seen) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"].rsplit("/", 1)[1]
        if ref in seen:  # a cycle: accept any object below
            return {"type": ["object", "null"]}
        inner = _convert(copy.deepcopy(schemas[ref]), schemas, ref, (*seen, ref))
        if node.get("nullable"):
            return {"anyOf": [inner, {"type": "null"}]}
        return inner
    out = {}
    nullable = bool(node.get("nullable"))
    for key, value in node.items():
        if key in ("example", "description", "format", "nullable", "xml", "title"):
            continue
        if key == "type":
            types = value.split("|") if isinstance(value, str) else list(value)
            if "null" in types:
                nullable = True
            types = [t for t in types if t != "null"]
            out["type"] = types[0] if len(types) == 1 else types
            continue
        if key == "properties":
            out["properties"] = {k: _convert(v, schemas, None, seen) for k, v in value.items()}
            optional = OPTIONAL.get(name or "", set()) | OPTIONAL.get("/".join(seen[-2:]), set())
            out["required"] = sorted(k for k in value if k not in optional)
            continue
        if key in ("oneOf", "anyOf", "allOf"):
            out[key] = _convert(value, schemas, None, seen)
            continue
        if key == "items":
            out["items"] = _convert(value, schemas, None, seen)
            continue
        out[key] = value
    if nullable:
        if "type" in out:
            out["type"] = [*([out["type"]] if isinstance(out["type"], str) else out["type"]), "null"]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
        if "oneOf" in out:  # {"oneOf": [X], nullable}: X or null
            out = {"anyOf": [*out.pop("oneOf"), {"type": "null"}]}
    return out


def _paginated(data_schema: dict) -> dict:
    """The document draws a list as a one-element array of ``{items, pagination: [Pagination]}``;
    every real client reads an object ``{items, pagination: Pagination}``."""
    if data_schema.get("type") == "array":
        inner = data_schema.get("items", {})
        props = inner.get("properties", {})
        if "items" in props and "pagination" in props:
            props = dict(props)
            if props["pagination"].get("type") == "array":
                props["pagination"] = props["pagination"]["items"]
            return {**inner, "properties": props, "type": "object"}
    return data_schema


@cache
def response_schema(path: str, method: str = "get") -> dict:
    """The strict JSON Schema of the 200 answer of ``path`` (as the document writes it: ``/v1/...``)."""
    doc = document()
    schemas = doc["components"]["schemas"]
    op = doc["paths"][path][method.lower()]
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    data = None
    for part in schema.get("allOf", [schema]):
        if "properties" in part and "data" in part["properties"]:
            data = part["properties"]["data"]
    data = _paginated(data) if data is not None else {}
    return {
        "type": "object",
        "required": ["success", "error", "code", "data"],
        "properties": {
            "success": {"const": True},
            "error": {"type": "null"},
            "code": {"const": 200},
            "data": _convert(data, schemas),
        },
    }


def check(path: str, body: dict, method: str = "get") -> None:
    """Raise ``jsonschema.ValidationError`` unless ``body`` is what the document promises for ``path``."""
    jsonschema.validate(body, response_schema(path, method))


def check_error(body: dict, code: int, message: str | None = None) -> None:
    assert body["success"] is False and body["code"] == code and body["data"] is None, body
    assert isinstance(body["error"], str) and body["error"], body
    if message is not None:
        assert body["error"] == message, body


def operations(group: str) -> list[tuple[str, str]]:
    """``(method, path)`` of every operation of a tag (``"3. Student API"``…) in the document."""
    return [
        (method.upper(), path)
        for path, item in document()["paths"].items()
        for method, op in item.items()
        if group in op.get("tags", [])
    ]
