"""Statement pages (issue 13): the lists, a statement with its grades, the Excel import, the PDF."""

from django.urls import path

from hemis.web.grading import statements

urlpatterns = [
    path("grading/statements/", statements.statements, name="grading_statements"),
    path(
        "grading/statements/generate-group/",
        statements.statements_generate_group,
        name="grading_statements_generate_group",
    ),
    path("grading/my-statements/", statements.my_statements, name="grading_my_statements"),
    path("grading/statements/<int:pk>/", statements.statement, name="grading_statement"),
    path("grading/statements/<int:pk>/import/", statements.statement_import, name="grading_statement_import"),
    path(
        "grading/statements/<int:pk>/template/",
        statements.statement_template,
        name="grading_statement_template",
    ),
    path("grading/statements/<int:pk>/pdf/", statements.statement_pdf_view, name="grading_statement_pdf"),
    path("grading/statements/<int:pk>/reopen/", statements.statement_reopen, name="grading_statement_reopen"),
    path("grading/statements/<int:pk>/sign/", statements.statement_sign, name="grading_statement_sign"),
]
