#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records the kubeconfig sequences with the real kubectl on PATH. Each
# <name>.txt holds `kubectl` argument lines (shell-quoted) run in order against
# a fresh copy of ./kubeconfig at /tmp/kubedojo-config/config (KUBECONFIG);
# <name>.out gets, per line, the command and what it printed:
#   $ kubectl ARGS / --- stdout / … / --- stderr / … / --- exit N
# Usage: record.sh [name...]   (all sequences when none given)
set -u
cd "$(dirname "$0")"
names=("$@")
[ ${#names[@]} -eq 0 ] && names=($(ls *.txt | sed 's/\.txt$//'))
export KUBECONFIG=/tmp/kubedojo-config/config HOME=/tmp/kubedojo-config TZ=UTC
for n in "${names[@]}"; do
  rm -rf /tmp/kubedojo-config && mkdir -p /tmp/kubedojo-config && cp kubeconfig "$KUBECONFIG"
  : >"$n.out"
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    eval "kubectl $line" >/tmp/kubedojo-config/stdout 2>/tmp/kubedojo-config/stderr; code=$?
    { printf '$ kubectl %s\n--- stdout\n' "$line"; cat /tmp/kubedojo-config/stdout; printf -- '--- stderr\n'; cat /tmp/kubedojo-config/stderr; printf -- '--- exit %s\n' "$code"; } >>"$n.out"
  done <"$n.txt"
done
