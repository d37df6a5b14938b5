#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records the YAML and JSON goldens with real kubectl (offline).
# Usage: cd src/kubectl/printers/testdata/yaml && python3 gen-inputs.py && ./record.sh
set -u
kubectl version --client | head -1
for f in *.input.json; do
  c=${f%.input.json}
  kubectl label --overwrite --local -f "$f" x=y -o yaml > "$c.yaml" 2> "$c.yaml.stderr"; echo $? > "$c.yaml.exit"
  kubectl label --overwrite --local -f "$f" x=y -o json > "$c.json" 2> "$c.json.stderr"; echo $? > "$c.json.exit"
  for s in "$c.yaml.stderr" "$c.json.stderr"; do [ -s "$s" ] || rm -f "$s"; done
  for e in "$c.yaml.exit" "$c.json.exit"; do [ "$(cat "$e")" = 0 ] && rm -f "$e"; done
done
