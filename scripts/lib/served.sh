# Sourced by the scripts that run `dialer serve` and `dialer webhook-echo` against a tool of
# Python's (scripts/fuzz-api.sh, scripts/browser-test.sh): a scratch folder ($dir), the
# processes started there ($pids) killed at exit, the port a process announced, and a venv.

dir=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

# The port a process announced on its first line, `listening on http://HOST:PORT`.
port_of() {
  for _ in $(seq 100); do
    if grep -q "^listening on " "$1"; then sed -nE 's/^listening on http:\/\/[^:]+:([0-9]+).*/\1/p' "$1" | head -1; return; fi
    sleep 0.1
  done
  echo "no 'listening on' line in $1:" >&2
  cat "$1" "${1%.out}.err" >&2 || true
  exit 2
}

# venv_with DIR REQUIREMENT: a Python venv at DIR with REQUIREMENT installed (Debian's
# python3-venv first, when Python cannot make one).
venv_with() {
  python3 -c "import ensurepip" 2>/dev/null || {
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv
  }
  mkdir -p "$(dirname "$1")" && python3 -m venv "$1" && "$1/bin/pip" install -q "$2"
}
