#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# kubectl v1.32.4 against fake-apiserver.mjs: for SEED, records fuzz-SEED.txt with one record per spec:
#   <spec>\x01<stdout+stderr>|rc=<exit>\x02\n   (kubectl get cm -o custom-columns=<spec>)
set -u
node fake-apiserver.mjs 18083 items.json & pid=$!
sleep 1
for seed in "$@"; do
  python3 gen-fuzz.py "$seed" | while IFS= read -r spec; do
    o=$(kubectl -s http://127.0.0.1:18083 --cache-dir=/tmp/kd-cc-cache get cm -o "custom-columns=$spec" 2>&1; echo "|rc=$?")
    printf '%s\x01%s\x02\n' "$spec" "$o"
  done > "fuzz-$seed.txt"
done
kill $pid
