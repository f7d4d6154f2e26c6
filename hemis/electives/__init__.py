"""Electives (annex 13 item 3): the selection windows the dean's office opens, the offers with seat caps, and
students' choices, confirmed atomically within the cap or waitlisted."""
