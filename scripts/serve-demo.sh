#!/usr/bin/env bash
# The demo's three processes together: the web server (gunicorn), one task worker (db_worker) and
# the scheduler of periodic jobs. Ctrl-C or SIGTERM stops all three (a second Ctrl-C also abandons a
# task the worker is running); so does one of them dying. Production runs them as separate services
# (README, "Running on PostgreSQL").
#   scripts/serve-demo.sh [HOST] [PORT]      (called by `make run`)
set -uo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
venv=${VENV:-.venv}
# Each process in its own process group: a Ctrl-C reaches this script alone, which stops them once.
set -m

pids=()
stopping=0
stop() {
  if [ "$stopping" -eq 1 ]; then
    echo "serve-demo: stopping at once" >&2
    kill -INT "${pids[@]}" 2>/dev/null
    return
  fi
  stopping=1
  echo "serve-demo: stopping the web server, the worker and the scheduler" >&2
  kill -TERM "${pids[@]}" 2>/dev/null
}
trap stop INT TERM

HTTPS=0 "$venv/bin/gunicorn" config.wsgi --bind "$host:$port" --workers 3 --threads 2 \
  --access-logfile - --error-logfile - --forwarded-allow-ips=127.0.0.1 &
pids+=($!)
"$venv/bin/python" manage.py db_worker --no-reload &
pids+=($!)
"$venv/bin/python" manage.py run_scheduler &
pids+=($!)

wait -n
status=$?
if [ "$stopping" -eq 0 ]; then
  echo "serve-demo: a process stopped (exit $status): stopping the others" >&2
  stop
fi
# A trapped signal interrupts `wait`: wait again until every process has exited.
while [ -n "$(jobs -pr)" ]; do wait; done
exit "$status"
