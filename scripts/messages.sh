#!/usr/bin/env bash
# Refresh the uz/ru/en catalogues from the source and compile them.
set -euo pipefail
cd "$(dirname "$0")/.."
cd hemis
export DEBUG=1
for lang in uz ru en; do
  ../.venv/bin/python ../manage.py makemessages -l "$lang" --no-obsolete --no-location -v0 \
    --ignore 'tests/*' --ignore '*/tests/*'
done
../.venv/bin/python ../manage.py compilemessages -v0
