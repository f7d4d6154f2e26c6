"""Timetables ("schedule_…") under /schedule/, in the "web" namespace; paths from the site root.
Each page module lists its own paths; this file joins them."""

from hemis.web.schedule import controls, drafts, feeds, monitoring, pages

urlpatterns = [
    *pages.urlpatterns,
    *drafts.urlpatterns,
    *feeds.urlpatterns,
    *controls.urlpatterns,
    *monitoring.urlpatterns,
]
