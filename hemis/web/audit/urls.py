"""The action journal, in the "web" namespace; paths from the site root (under /admin/, "admin_…")."""

from django.urls import path

from hemis.web.audit import journal

urlpatterns = [
    path("admin/journal/", journal.journal_page, name="admin_journal"),
    path("admin/journal/export/", journal.journal_export, name="admin_journal_export"),
]
