#!/usr/bin/env bash
# Fuzzes every route of openapi.yaml with schemathesis against a real `dialer serve` on a
# throw-away SQLite store, with the bearer token: no server error, no crash, no answer the
# document does not describe, and no change from a refused request (scripts/fuzz_api_checks.py).
#   scripts/fuzz-api.sh [EXAMPLES]   test cases per route and phase (default 100, as in CI: under a minute)
# Uses SCHEMATHESIS=/path/to/it if set, else installs schemathesis into a venv of its own
# (.build/fuzz-venv, with Debian's python3-venv if missing); builds the debug binary if missing.
# FUZZ_SEED (default 1) makes a run repeatable.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/served.sh
examples=${1:-100}
if [ -z "${SCHEMATHESIS:-}" ]; then
  SCHEMATHESIS=.build/fuzz-venv/bin/schemathesis
  if [ ! -x "$SCHEMATHESIS" ]; then
    venv_with .build/fuzz-venv "schemathesis>=4.32,<5"
  fi
fi
schemathesis=$SCHEMATHESIS
command -v "$schemathesis" >/dev/null || { echo "schemathesis not found at $schemathesis" >&2; exit 2; }
[ -x .build/debug/dialer ] || swift build

.build/debug/dialer webhook-echo --port 0 >"$dir/echo.out" 2>"$dir/echo.err" &
pids+=($!)
hook=$(port_of "$dir/echo.out")

# The wall clock drives serve: calling hours off, so that logins dial whatever the time.
cp rules/default.lua "$dir/rules.lua"
printf '\nLEADS = { hours = false }\n' >>"$dir/rules.lua"
# Shadow rules that differ (three lines per agent), so GET /shadow has counts and examples to check.
sed 's/^DIAL_RATIO = 2/DIAL_RATIO = 3/' "$dir/rules.lua" >"$dir/shadow.lua"
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
DIALER_TOKEN=$token .build/debug/dialer serve --store "sqlite:$dir/dialer.sqlite" --rules "$dir/rules.lua" \
  --shadow-rules "$dir/shadow.lua" --webhook "http://127.0.0.1:$hook/hook" --port 0 --watch-interval 0 >"$dir/serve.out" 2>"$dir/serve.err" &
serve=$!
pids+=("$serve")
base="http://127.0.0.1:$(port_of "$dir/serve.out")"

# Something to find: an agent and a few leads.
auth="Authorization: Bearer $token"
curl -sf -H "$auth" "$base/agents" -d '{"agent_id": "a1"}' >/dev/null
curl -sf -H "$auth" "$base/leads" -d '{"numbers": ["+12125550100", "+12125550101", "+12125550102"]}' >/dev/null

set +e
DIALER_FUZZ_BASE=$base DIALER_FUZZ_TOKEN=$token SCHEMATHESIS_HOOKS=fuzz_api_checks PYTHONPATH=scripts \
  "$schemathesis" --config-file scripts/fuzz-api.toml run openapi.yaml --url "$base" -H "$auth" --checks all --workers 1 \
  --max-examples "$examples" --seed "${FUZZ_SEED:-1}" --request-timeout 10 --no-color
status=$?
set -e

if ! kill -0 "$serve" 2>/dev/null; then
  echo "dialer serve is gone (crashed?); its standard error:" >&2
  cat "$dir/serve.err" >&2
  exit 1
fi
kill -TERM "$serve"
if ! wait "$serve"; then
  echo "dialer serve did not stop cleanly; its standard error:" >&2
  tail -20 "$dir/serve.err" >&2
  exit 1
fi
exit "$status"
