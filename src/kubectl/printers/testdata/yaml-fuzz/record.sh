#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# kubectl v1.32.4, offline: for each fNNN.json,
#   kubectl label --overwrite --local -f fNNN.json x=y -o yaml  > fNNN.yaml  (stderr > fNNN.yaml.stderr when it fails)
#   kubectl label --overwrite --local -f fNNN.json x=y -o json  > fNNN.out.json
set -u
kubectl version --client | head -1
for f in f[0-9][0-9][0-9].json; do
  c=${f%.json}
  kubectl label --overwrite --local -f "$f" x=y -o yaml > "$c.yaml" 2> "$c.yaml.stderr"
  [ -s "$c.yaml.stderr" ] || rm -f "$c.yaml.stderr"
  kubectl label --overwrite --local -f "$f" x=y -o json > "$c.out.json"
done
