"""The processes of annexes 1–13 of the regulation, as data (the registry assembles them).

Titles are in Uzbek (from the original, ``reglament-uz.txt``), Russian and English.
"""
