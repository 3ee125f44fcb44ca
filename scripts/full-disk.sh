#!/usr/bin/env bash
# Runs `dialer soak` on a SQLite store on a small tmpfs until the disk is full, and checks that
# it stops with exit code 2 and the store's message, that the store is still readable and its
# invariants hold, and that `soak` carries on once there is space again. Needs root (mount).
# Usage: scripts/full-disk.sh [DIALER (default .build/debug/dialer)]
set -euo pipefail
dialer="${1:-.build/debug/dialer}"
[ "$(id -u)" -eq 0 ] || { echo "needs root to mount a tmpfs" >&2; exit 2; }
dir=$(mktemp -d)
mount -t tmpfs -o size=2m tmpfs "$dir"
trap 'umount "$dir"; rmdir "$dir"' EXIT
store="sqlite:$dir/full.sqlite"
status=0
"$dialer" soak --store "$store" --agents 20 --leads 3000 --events 100000000 --checkpoint-every 100000 >"$dir.out" 2>"$dir.err" || status=$?
echo "soak on a full disk: exit code $status"
cat "$dir.err"
[ "$status" -eq 2 ] || { echo "expected exit code 2" >&2; exit 1; }
grep -q "the disk is full" "$dir.err" || { echo "expected the store's 'the disk is full' message" >&2; exit 1; }
"$dialer" agents list --store "$store" | tail -1
mount -o remount,size=8m "$dir"
"$dialer" soak --store "$store" --agents 20 --leads 0 --events 2000 --checkpoint-every 100000 --verify | tail -2
rm -f "$dir.out" "$dir.err"
