"""Grading pages (issue 13): academic debts, individual plans and paid re-study (annex 5 items 11–12)."""

from django.urls import path

from hemis.web.grading import plans, restudy

urlpatterns = [
    # debts and individual plans
    path("grading/debts/", plans.debts, name="grading_debts"),
    path("grading/students/<int:pk>/plan/", plans.plan, name="grading_plan"),
    path("grading/students/<int:pk>/plan.pdf", plans.plan_download, name="grading_plan_pdf"),
    path("grading/my-plan/", plans.my_plan, name="grading_my_plan"),
    path("grading/plan-items/<int:pk>/cancel/", plans.item_cancel, name="grading_plan_item_cancel"),
    # paid re-study
    path("grading/restudy/", restudy.periods, name="grading_restudy_periods"),
    path("grading/restudy/<int:pk>/", restudy.period, name="grading_restudy_period"),
    path("grading/restudy/groups/<int:pk>/", restudy.group, name="grading_restudy_group"),
    path("grading/restudy/groups/<int:pk>/enrol/", restudy.enrol, name="grading_restudy_enrol"),
    path(
        "grading/restudy/groups/<int:pk>/sessions/", restudy.session_add, name="grading_restudy_session_add"
    ),
    path(
        "grading/restudy/groups/<int:pk>/statements/",
        restudy.statement_generate,
        name="grading_restudy_statement_generate",
    ),
    path("grading/restudy/enrolments/<int:pk>/paid/", restudy.enrolment_paid, name="grading_restudy_paid"),
    path(
        "grading/restudy/enrolments/<int:pk>/remove/",
        restudy.enrolment_remove,
        name="grading_restudy_enrolment_remove",
    ),
    path(
        "grading/restudy/sessions/<int:pk>/delete/",
        restudy.session_delete,
        name="grading_restudy_session_delete",
    ),
]
