"""The integration registry pages (annex 2): integrations, data-API tokens and the log of calls."""

from django.urls import path

from hemis.web.integrations import views

urlpatterns = [
    path("integrations/", views.integrations, name="integrations_list"),
    path("integrations/new/", views.integration_new, name="integrations_new"),
    path("integrations/<int:pk>/edit/", views.integration_edit, name="integrations_edit"),
    path("integrations/<int:pk>/instruction/", views.instruction_file, name="integrations_instruction"),
    path("api-tokens/", views.tokens, name="integrations_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.token_revoke, name="integrations_token_revoke"),
    path("api-calls/", views.calls, name="integrations_calls"),
]
