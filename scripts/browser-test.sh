#!/usr/bin/env bash
# The wallboard in a real browser (docs/testing.md#the-wallboard-in-a-browser): Debian's chromium
# driven by Playwright (Python) against a real `dialer serve` and `dialer webhook-echo`. Logs
# in on the page, watches an agent go ready -> in_call, the abandon rate turn amber then red,
# pauses dialing from the page and checks that no dial request reaches the webhook, and times
# the page with 1,000 agents. Screenshots go to .build/wallboard-screenshots/.
#   scripts/browser-test.sh
# Builds nothing: run `swift build` first. Installs chromium (apt) and playwright (a venv,
# .build/browser-venv) if missing; CHROMIUM=/path/to/it picks another browser binary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/served.sh
[ -x .build/debug/dialer ] || { echo "no .build/debug/dialer: run swift build first" >&2; exit 2; }
chromium=${CHROMIUM:-/usr/bin/chromium}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -x "$chromium" ]; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
python=.build/browser-venv/bin/python
if ! "$python" -c "import playwright" 2>/dev/null; then
  venv_with .build/browser-venv "playwright>=1.45,<2"
fi

.build/debug/dialer webhook-echo --port 0 >"$dir/echo.out" 2>"$dir/echo.err" &
pids+=($!)
hook=$(port_of "$dir/echo.out")
# The wall clock drives serve: calling hours off, so that logins dial whatever the time.
cp rules/default.lua "$dir/rules.lua"
printf '\nLEADS = { hours = false }\n' >>"$dir/rules.lua"
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
DIALER_TOKEN=$token .build/debug/dialer serve --store "sqlite:$dir/dialer.sqlite" --rules "$dir/rules.lua" \
  --webhook "http://127.0.0.1:$hook/hook" --port 0 >"$dir/serve.out" 2>"$dir/serve.err" &
serve=$!
pids+=("$serve")
base="http://127.0.0.1:$(port_of "$dir/serve.out")"

shots=.build/wallboard-screenshots
rm -rf "$shots" && mkdir -p "$shots"
set +e
WALLBOARD_BASE=$base WALLBOARD_TOKEN=$token WALLBOARD_ECHO=$dir/echo.out WALLBOARD_SHOTS=$shots CHROMIUM=$chromium \
  "$python" scripts/browser_test.py
status=$?
set -e
if ! kill -0 "$serve" 2>/dev/null; then
  echo "dialer serve is gone (crashed?); its standard error:" >&2
  tail -20 "$dir/serve.err" >&2
  exit 1
fi
kill -TERM "$serve"
wait "$serve" || { echo "dialer serve did not stop cleanly (a stream kept it?):" >&2; tail -20 "$dir/serve.err" >&2; exit 1; }
[ "$status" -eq 0 ] && echo "browser test passed; screenshots in $shots/: $(ls "$shots" | tr '\n' ' ')"
exit "$status"
