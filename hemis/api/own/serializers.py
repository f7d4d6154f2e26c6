"""The shapes of our API's answers and requests. Shapes only: what is decided (who may, what is
allowed) is the policy's and the services' business, called by the views."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hemis.documents.enums import DocumentKind
from hemis.electives.enums import ChoiceStatus

# The largest id a database integer column holds: a bigger one is no record of ours (and would not fit
# in the query).
ID_MAX = 2**31 - 1

# --- errors -------------------------------------------------------------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A stable word: invalid, not_authenticated, permission_denied, …")
    message = serializers.CharField(help_text="What went wrong, in the request's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="For an invalid request: the messages of each field (``non_field_errors``: of the whole).",
    )


class ErrorSerializer(serializers.Serializer):
    """Every error of the API has this shape."""

    error = ErrorDetailSerializer()


# --- references ---------------------------------------------------------------------------------


class SubjectRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField(help_text="In the request's language.")


class SemesterRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")
    start_date = serializers.DateField()
    end_date = serializers.DateField()


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")


# --- electives ----------------------------------------------------------------------------------


class OfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    subject = SubjectRefSerializer(source="curriculum_subject.subject")
    block = serializers.CharField(source="curriculum_subject.block")
    seats = serializers.IntegerField()
    taken = serializers.IntegerField(help_text="Confirmed choices.")
    free = serializers.IntegerField(help_text="Seats left.")
    closed_at = serializers.DateTimeField(
        source="cancelled_at", allow_null=True, help_text="When the dean's office closed it as under-filled."
    )


class ChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    offer = serializers.IntegerField(source="offer_id")
    subject = SubjectRefSerializer(source="offer.curriculum_subject.subject")
    block = serializers.CharField()
    status = serializers.ChoiceField(choices=ChoiceStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    waitlist_position = serializers.SerializerMethodField(
        help_text="1 = first in the waitlist; null unless waitlisted."
    )
    chosen_at = serializers.DateTimeField(source="created_at")
    decided_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_waitlist_position(self, choice) -> int | None:
        if choice.status != ChoiceStatus.WAITLISTED:
            return None
        return getattr(choice, "position", None)


class BlockSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    choice = ChoiceSerializer(allow_null=True, help_text="The student's live choice in the block.")
    offers = OfferSerializer(many=True)


class WindowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="window.pk")
    semester = SemesterRefSerializer(source="window.semester")
    opens_on = serializers.DateField(source="window.opens_on")
    closes_on = serializers.DateField(source="window.closes_on")
    closed_at = serializers.DateTimeField(source="window.closed_at", allow_null=True)
    is_open = serializers.BooleanField(help_text="Whether choices can be made and cancelled today.")
    blocks = BlockSerializer(many=True)
    history = ChoiceSerializer(many=True, help_text="Cancelled and moved choices, newest first.")


# --- documents ----------------------------------------------------------------------------------

REQUESTABLE = [(k, label) for k, label in DocumentKind.choices if k != DocumentKind.ORDER_EXTRACT]


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    number = serializers.CharField(help_text="The registration number (MA-2026-000123).")
    issued_at = serializers.DateTimeField()
    purpose = serializers.CharField(allow_blank=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    pdf = serializers.SerializerMethodField(help_text="Where to download it (null once revoked).")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf(self, document) -> str | None:
        if document.revoked_at is not None:
            return None
        return reverse("api:document-pdf", kwargs={"pk": document.pk})


class DocumentRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=REQUESTABLE, default=DocumentKind.CERTIFICATE)
    purpose = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    student = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=ID_MAX,
        help_text="The dean's office: the student (id) of its faculty. A student leaves it out.",
    )


class StudentQuerySerializer(serializers.Serializer):
    student = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=ID_MAX,
        help_text="The dean's office: whose documents (a student: omitted).",
    )


# --- the integration registry -------------------------------------------------------------------


class TokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField(
        help_text="The first characters of the key (the key is never shown again)."
    )
    holder = UserRefSerializer()
    integration = serializers.IntegerField(source="integration_id", allow_null=True)
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)


class IntegrationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    system = serializers.CharField()
    purpose = serializers.CharField()
    instruction_title = serializers.CharField(allow_blank=True, help_text="The technological instruction.")
    instruction_approved_on = serializers.DateField(allow_null=True)
    started_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    tokens = TokenSerializer(many=True)


class TokenRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    holder = UserRefSerializer()


class ApiCallSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    token = TokenRefSerializer()
    ip = serializers.IPAddressField(allow_null=True)
    path = serializers.CharField()
    query = serializers.DictField(child=serializers.CharField(), help_text="The parameters asked.")
    status = serializers.IntegerField()
    rows = serializers.IntegerField(help_text="Records delivered.")


class CallQuerySerializer(serializers.Serializer):
    token = serializers.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, help_text="Calls of this token (id)."
    )
    since = serializers.DateTimeField(required=False, help_text="Calls at or after (ISO 8601).")
    until = serializers.DateTimeField(required=False, help_text="Calls before (ISO 8601).")
    status = serializers.IntegerField(required=False, min_value=100, max_value=599)
