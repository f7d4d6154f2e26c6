"""The operations of our API. Each one fetches what it touches through the policy's querysets (hidden
and missing alike a 404), checks the action with ``hemis.access.policy`` as the pages do, and writes
only through the domain's services (their refusals answer 400 with the fields)."""

from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from hemis.access import policy
from hemis.access.policy.documents import document_students, visible_documents
from hemis.access.policy.electives import electives_student, own_choices, student_offers
from hemis.access.policy.integrations import visible_integrations, visible_tokens
from hemis.access.roles import RoleCode
from hemis.api.own import serializers as s
from hemis.documents import selectors as document_selectors
from hemis.documents.pdf import document_pdf
from hemis.documents.services import issue_document
from hemis.electives import selectors as elective_selectors
from hemis.electives import services as electives
from hemis.integrations import services as integrations
from hemis.integrations.models import ApiCall

CALLS_PER_SECOND = 10  # as the data API: a token's calls from one address


def errors(*codes: int) -> dict:
    """The documented error answers of an operation (every one of the same shape)."""
    return {code: OpenApiResponse(s.ErrorSerializer, description="An error.") for code in codes}


class Allowed(permissions.BasePermission):
    """The caller's principal may perform one of the view's ``actions`` (``hemis.access.policy``)."""

    def has_permission(self, request, view):
        principal = request.auth
        if principal is None or not request.user or not request.user.is_authenticated:
            return False
        return any(policy.can(principal, action) for action in view.actions)


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200


class OwnView(APIView):
    """The base of every operation: the language (the user's choice of the pages, else
    ``Accept-Language``, else Uzbek), the policy check, a token's rate and its call log."""

    permission_classes = [Allowed]
    actions: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request._request))
        super().initial(request, *args, **kwargs)

    @property
    def principal(self):
        return self.request.auth

    def check_throttles(self, request):
        super().check_throttles(request)
        if (
            _token(request) is not None
            and integrations.calls_in_last_second(_ip(request)) >= CALLS_PER_SECOND
        ):
            self.throttled(request, 1)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = _token(request)
        if token is not None:
            integrations.log_call(
                token=token,
                ip=_ip(request),
                path=request.path[:255],
                query=dict(request.GET.items()),
                status=response.status_code,
                rows=_rows(response),
            )
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept-Language"])
        return response


class OwnListView(OwnView, generics.ListAPIView):
    pagination_class = Pages


def _token(request):
    return getattr(getattr(request, "_request", request), "own_api_token", None)


def _ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _rows(response) -> int:
    """How many records an answer delivered (for the log of a token's calls)."""
    if response.status_code >= 300:
        return 0
    data = getattr(response, "data", None)
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return len(data["results"])
    if isinstance(data, list):
        return len(data)
    return 1


def _query(serializer_class, request) -> dict:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


# --- electives ----------------------------------------------------------------------------------


def _elective_student(principal):
    student = electives_student(principal)
    if student is None:
        raise Http404
    return student


class ElectivesView(OwnView):
    actions = ("electives.own",)

    @extend_schema(
        tags=["electives"],
        summary="My electives",
        description="Per selection window of the student's curriculum (newest first) and per block: the "
        "offers with their seats and the student's live choice (with its waitlist place), and the "
        "cancelled or moved choices. The student role.",
        responses={200: s.WindowSerializer(many=True), **errors(401, 403)},
    )
    def get(self, request):
        student = _elective_student(self.principal)
        today = timezone.localdate()
        windows = elective_selectors.student_windows(student)
        for view in windows:
            view.is_open = view.window.is_open_on(today)
        return Response(s.WindowSerializer(windows, many=True).data)


class ChooseView(OwnView):
    actions = ("electives.own",)

    @extend_schema(
        tags=["electives"],
        summary="Choose an elective",
        description="Confirmed while the offer has a free seat, waitlisted after. Refused (400) outside the "
        "window, for a closed offer, an offer not of the student's curriculum semester, or a second live "
        "choice in the block.",
        request=None,
        responses={201: s.ChoiceSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        student = _elective_student(self.principal)
        offer = get_object_or_404(
            student_offers(self.principal).select_related(*electives.CHOOSE_RELATIONS), pk=pk
        )
        choice = electives.choose(student=student, offer=offer, actor=request.user)
        choice.position = elective_selectors.waitlist_position(choice)
        return Response(s.ChoiceSerializer(choice).data, status=status.HTTP_201_CREATED)


class CancelView(OwnView):
    actions = ("electives.own",)

    @extend_schema(
        tags=["electives"],
        summary="Cancel a choice",
        description="Within the window; a confirmed seat goes to the first of the waitlist.",
        request=None,
        responses={200: s.ChoiceSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        choice = get_object_or_404(
            own_choices(self.principal).select_related("offer__curriculum_subject__subject"), pk=pk
        )
        electives.cancel(choice=choice, actor=request.user)
        return Response(s.ChoiceSerializer(choice).data)


# --- documents ----------------------------------------------------------------------------------

DOCUMENT_ACTIONS = ("documents.own", "documents.issue")


def _document_student(principal, pk: int | None):
    """The student named (the dean's office, among its faculty's), else the caller themselves."""
    students = document_students(principal)
    if pk is not None:
        return get_object_or_404(students, pk=pk)
    if principal.role == RoleCode.STUDENT:
        return get_object_or_404(students)
    raise ValidationError({"student": [_("Name the student whose documents these are.")]})


class DocumentsView(OwnView, generics.GenericAPIView):
    actions = DOCUMENT_ACTIONS
    pagination_class = Pages
    serializer_class = s.DocumentSerializer

    @extend_schema(
        tags=["documents"],
        summary="A student's documents",
        description="The caller's own (a student), or those of a student of the dean's office's faculty.",
        parameters=[s.StudentQuerySerializer],
        responses={200: s.DocumentSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request):
        student = _document_student(self.principal, _query(s.StudentQuerySerializer, request).get("student"))
        documents = document_selectors.student_documents(visible_documents(self.principal), student)
        page = self.paginate_queryset(documents)
        return self.get_paginated_response(s.DocumentSerializer(page, many=True).data)

    @extend_schema(
        tags=["documents"],
        summary="Issue a document",
        description="A certificate of study (and the other kinds a student requests, but the order "
        "extract), its facts read from the student's records now; refused (400) when the student has "
        "nothing of the kind to state.",
        request=s.DocumentRequestSerializer,
        responses={201: s.DocumentSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request):
        asked = s.DocumentRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        student = _document_student(self.principal, data.get("student"))
        document = issue_document(
            student=student, kind=data["kind"], actor=request.user, purpose=data["purpose"]
        )
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentView(OwnView):
    actions = DOCUMENT_ACTIONS

    @extend_schema(
        tags=["documents"],
        summary="A document",
        responses={200: s.DocumentSerializer, **errors(401, 403, 404)},
    )
    def get(self, request, pk: int):
        document = get_object_or_404(visible_documents(self.principal), pk=pk)
        return Response(s.DocumentSerializer(document).data)


class DocumentPdfView(OwnView):
    actions = DOCUMENT_ACTIONS

    def perform_content_negotiation(self, request, force=False):
        # The answer is a PDF whatever the Accept header; errors stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        tags=["documents"],
        summary="Download a document",
        description="The PDF, with the QR code of its public verification page. A revoked one is not given out.",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **errors(401, 403, 404)},
    )
    def get(self, request, pk: int):
        document = get_object_or_404(visible_documents(self.principal).filter(revoked_at__isnull=True), pk=pk)
        path = reverse("web:documents_verify", kwargs={"number": document.number})
        verify = request.build_absolute_uri(path) + "?" + urlencode({"c": document.check_code})
        response = HttpResponse(document_pdf(document, verify), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.number}.pdf"'
        return response


# --- the integration registry -------------------------------------------------------------------


class IntegrationsView(OwnListView):
    actions = ("integrations.view",)
    serializer_class = s.IntegrationSerializer

    def get_queryset(self):
        tokens = visible_tokens(self.principal).order_by("-created_at", "-pk")
        return visible_integrations(self.principal).prefetch_related(Prefetch("tokens", queryset=tokens))

    @extend_schema(
        tags=["integrations"],
        summary="The integration registry",
        description="Each integration (annex 2): the system, its purpose, the technological instruction "
        "and its approval, and the tokens issued for it.",
        responses={200: s.IntegrationSerializer(many=True), **errors(401, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TokensView(OwnListView):
    actions = ("integrations.view",)
    serializer_class = s.TokenSerializer

    def get_queryset(self):
        return visible_tokens(self.principal).order_by("-created_at", "-pk")

    @extend_schema(
        tags=["integrations"],
        summary="Data-API tokens",
        description="Every token issued, live or not, with its holder and last use (the keys are never shown).",
        responses={200: s.TokenSerializer(many=True), **errors(401, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CallsView(OwnListView):
    actions = ("integrations.view",)
    serializer_class = s.ApiCallSerializer

    def get_queryset(self):
        query = _query(s.CallQuerySerializer, self.request)
        calls = ApiCall.objects.filter(token__in=visible_tokens(self.principal)).select_related(
            "token__holder"
        )
        if "token" in query:
            calls = calls.filter(token_id=query["token"])
        if "since" in query:
            calls = calls.filter(at__gte=query["since"])
        if "until" in query:
            calls = calls.filter(at__lt=query["until"])
        if "status" in query:
            calls = calls.filter(status=query["status"])
        return calls.order_by("-at", "-pk")

    @extend_schema(
        tags=["integrations"],
        summary="The log of data-API calls",
        description="What left the system through a token, and to whom (regulation 2.2), newest first.",
        parameters=[s.CallQuerySerializer],
        responses={200: s.ApiCallSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
