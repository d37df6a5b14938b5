#!/usr/bin/env bash
# Records the server goldens: starts fake-apiserver.mjs (serving fixture.json and
# echoing writes) and runs the real kubectl against it for each cases/<case>/cmd.
# Usage: record.sh [case...]
set -u
cd "$(dirname "$0")"
node fake-apiserver.mjs 2>/dev/null &
pid=$!
sleep 1
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=($(ls cases))
for c in "${cases[@]}"; do
  ( cd "cases/$c" && { [ -f env ] && set -a && . ./env && set +a; true; } && eval "kubectl --server=http://127.0.0.1:18080 $(cat cmd)" </dev/null >stdout 2>stderr; echo $? >exit )
done
kill "$pid"
