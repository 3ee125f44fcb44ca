#!/usr/bin/env bash
# Requests per second and latency of agent events through `dialer serve` over loopback, with wrk.
#   swift build -c release && scripts/bench-serve.sh [AGENTS] [SECONDS] [CONNECTIONS]
# Starts `dialer webhook-echo` and `dialer serve` (SQLite in a temporary folder) on free loopback
# ports, puts AGENTS agents in a call, sends keep_alive events for SECONDS with wrk, and stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-50}
seconds=${2:-20}
connections=${3:-32}
dialer=${DIALER:-.build/release/dialer}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 64; }
[ -x "$dialer" ] || { echo "$dialer is missing: swift build -c release (or DIALER=.build/debug/dialer)" >&2; exit 64; }

work=$(mktemp -d)
export DIALER_TOKEN=bench-$RANDOM$RANDOM
pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT

port_of() {  # waits for "listening on http://HOST:PORT" in a file
  for _ in $(seq 100); do
    line=$(grep -m1 "^listening on " "$1" 2>/dev/null || true)
    [ -n "$line" ] && { echo "${line##*:}"; return; }
    sleep 0.1
  done
  echo "no 'listening on' in $1:" >&2; cat "$1" "$1.err" >&2 2>/dev/null; exit 1
}

"$dialer" webhook-echo --port 0 >"$work/echo.out" 2>&1 & pids+=($!)
echo_port=$(port_of "$work/echo.out")
# The shipped rules with calling hours lifted: the bench's leads are in New York, and at night
# there they would not be dialed at all.
{ cat rules/default.lua; echo 'LEADS = { hours = false }'; } >"$work/rules.lua"
"$dialer" serve --store "sqlite:$work/bench.sqlite" --rules "$work/rules.lua" --port 0 --webhook "http://127.0.0.1:$echo_port/telephony" \
  >"$work/serve.out" 2>"$work/serve.out.err" & pids+=($!)
port=$(port_of "$work/serve.out")
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $DIALER_TOKEN"

numbers=$(for i in $(seq 0 $((agents * 2 - 1))); do printf '"+1212555%04d",' "$i"; done)
curl -sf -H "$auth" "$base/leads" -d "{\"numbers\": [${numbers%,}]}" >/dev/null
for i in $(seq 0 $((agents - 1))); do
  curl -sf -H "$auth" "$base/agents" -d "{\"agent_id\": \"bench-$i\"}" >/dev/null
  dial=$(curl -sf -H "$auth" "$base/agents/bench-$i/events" -d '{"event": "login"}' | grep -o '"dial_id":[0-9]*' | head -1 | cut -d: -f2)
  [ -n "$dial" ] || { echo "bench-$i logged in but no dial was placed: see $work/serve.out.err" >&2; exit 1; }
  curl -sf -H "$auth" "$base/dials/$dial/events" -d '{"event": "call_start"}' >/dev/null
done
echo "$agents agents in a call on $base; wrk for ${seconds}s with $connections connections:"
AGENTS=$agents wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/wrk-agent-events.lua "$base"
curl -sf -H "$auth" "$base/metrics" | grep -E '^dialer_(events_total\{event="keep_alive"|event_duration_seconds_(sum|count)\{event="keep_alive")'
