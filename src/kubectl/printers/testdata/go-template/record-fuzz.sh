#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# kubectl v1.32.4: for SEED in $@, records fuzz-SEED.txt with one record per template:
#   <template>\x01<stdout+stderr>|rc=<exit>\x02\n
set -u
for seed in "$@"; do
  python3 gen-fuzz.py "$seed" | while IFS= read -r t; do
    o=$(kubectl label --local -f fixture.json x=y -o "go-template=$t" 2>&1; echo "|rc=$?")
    printf '%s\x01%s\x02\n' "$t" "$o"
  done > "fuzz-$seed.txt"
done
