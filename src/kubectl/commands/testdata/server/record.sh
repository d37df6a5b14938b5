#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records the server goldens: for each cases/<case>, starts fake-apiserver.mjs
# (serving fixture.json; writes are echoed, evictions remove pods) and runs the
# real kubectl against it. An `env` file in a case is sourced first (KUBE_EDITOR).
# Usage: record.sh [case...]
set -u
cd "$(dirname "$0")"
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=($(ls cases))
for c in "${cases[@]}"; do
  node fake-apiserver.mjs 2>/dev/null &
  pid=$!
  sleep 0.5
  ( cd "cases/$c" && { [ -f env ] && set -a && . ./env && set +a; true; } && eval "timeout 20 kubectl --server=http://127.0.0.1:18080 $(cat cmd)" </dev/null >stdout 2>stderr; echo $? >exit )
  kill "$pid"
  wait "$pid" 2>/dev/null
done
