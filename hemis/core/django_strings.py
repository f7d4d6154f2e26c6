"""Django's own interface strings that Django's Uzbek (and sometimes Russian) catalogue lacks.

Listing them here puts them into our catalogues (``scripts/messages.sh``), which take precedence over
Django's, so a select's empty choice reads "- Tanlang -" instead of English.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (gettext_noop("- Select an option -"),)
