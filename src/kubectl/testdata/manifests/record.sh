#!/usr/bin/env bash
# Records what real kubectl v1.32 prints for each malformed manifest here:
#   kubectl apply -f FILE --dry-run=client  ->  FILE's .stdout, .stderr, .exit
# The YAML is parsed before any request, so the kubeconfig points at a port
# where nothing listens. Plain kubectl build (see scripts/real-kubectl/kubectl).
set -u
cd "$(dirname "$0")"
kubectl="$(git rev-parse --show-toplevel)/scripts/real-kubectl/kubectl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" KUBECONFIG="$tmp/config" TZ=UTC
printf 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: http://127.0.0.1:9\n  name: c\ncontexts:\n- context:\n    cluster: c\n    user: u\n  name: x\ncurrent-context: x\nusers:\n- name: u\n  user: {}\n' >"$KUBECONFIG"
for f in *.yaml; do
  "$kubectl" apply -f "$f" --dry-run=client >"${f%.yaml}.stdout" 2>"${f%.yaml}.stderr"
  echo $? >"${f%.yaml}.exit"
done
