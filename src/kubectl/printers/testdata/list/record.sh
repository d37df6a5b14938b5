#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records `kubectl get` list output (List wrapper) with kubectl v1.32.4 against
# ../custom-columns/fake-apiserver.mjs serving ../custom-columns/items.json.
set -u
kubectl version --client | head -1
node ../custom-columns/fake-apiserver.mjs 18082 ../custom-columns/items.json & pid=$!
sleep 1
K="kubectl -s http://127.0.0.1:18082 --cache-dir=/tmp/kd-list-cache"
$K get cm -o yaml > get-cm.yaml
$K get cm -o json > get-cm.json
$K get cm alpha -o yaml > get-cm-alpha.yaml
$K get cm alpha -o json > get-cm-alpha.json
$K get cm -o 'jsonpath={.kind}|{.metadata}|{.items[*].metadata.name}' > get-cm-jsonpath.txt
$K get cm -o 'go-template={{.kind}}{{range .items}} {{.metadata.name}}{{end}}' > get-cm-gotemplate.txt
kill $pid
