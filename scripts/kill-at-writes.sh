#!/usr/bin/env bash
# Kills `dialer soak` on a new SQLite file at each of its first N pwrite64 calls (strace's
# syscall tampering: the process gets SIGKILL as it enters that write), then checks that the
# next `soak` on the same file opens it, carries on and finds its invariants ok.
# Usage: scripts/kill-at-writes.sh [N (default 100)] [DIALER (default .build/debug/dialer)]
# Prints one line per kill point and a summary; exits 1 at the first kill point that fails.
set -euo pipefail
count="${1:-100}"
dialer="${2:-.build/debug/dialer}"
command -v strace >/dev/null || { echo "needs strace (apt-get install -y strace)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
soak=(soak --store "sqlite:$dir/new.sqlite" --agents 5 --events 300 --leads 100 --group 8 --checkpoint-every 100000)
killed=0; finished=0
for n in $(seq 1 "$count"); do
  rm -f "$dir"/new.sqlite*
  status=0
  # (in a subshell, whose stderr also takes the shell's "Killed" notice)
  (strace -f -o /dev/null -e trace=pwrite64 -e "inject=pwrite64:signal=KILL:when=$n" "$dialer" "${soak[@]}"; exit $?) >/dev/null 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    finished=$((finished + 1)); what="ran to the end (fewer than $n writes)"
  elif [ "$status" -eq 137 ]; then
    killed=$((killed + 1)); what="killed at pwrite64 #$n"
  else
    echo "kill point $n: soak exited $status instead of being killed" >&2; exit 1
  fi
  if ! out=$("$dialer" "${soak[@]}" --verify 2>&1); then
    echo "kill point $n ($what): the next soak failed:" >&2; echo "$out" >&2; exit 1
  fi
  grep -q "invariants ok" <<<"$out" || { echo "kill point $n: no 'invariants ok' in:" >&2; echo "$out" >&2; exit 1; }
  echo "kill point $n: $what; the next soak opened the store and carried on, invariants ok"
done
echo "kill points tried: $count; killed: $killed; ran to the end: $finished; survived: $count"
