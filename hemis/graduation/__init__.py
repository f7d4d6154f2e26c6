"""Graduation: the clearance sheet (bitiruv varagʻi) signed off by the library, the dormitory and the other
units the university configures, and the diploma gate (annex 13 item 9, the controlling roles)."""
