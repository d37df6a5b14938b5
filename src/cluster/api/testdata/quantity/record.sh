#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records quantity canonical-form goldens with real kubectl (offline). For line n of cases.txt:
#   kubectl set resources --local -f deploy.yaml --limits=cpu=<line> -o jsonpath={.spec.template.spec.containers[0].resources.limits.cpu}
# writes out/<n>.stdout, or out/<n>.stderr + out/<n>.exit on failure.
set -u
kubectl version --client | head -1
mkdir -p out && rm -f out/*
n=0
while IFS= read -r q; do
  n=$((n+1))
  kubectl set resources --local -f deploy.yaml "--limits=cpu=$q" -o 'jsonpath={.spec.template.spec.containers[0].resources.limits.cpu}' > "out/$n.stdout" 2> "out/$n.stderr"
  echo $? > "out/$n.exit"
  [ -s "out/$n.stderr" ] || rm -f "out/$n.stderr"
  [ "$(cat "out/$n.exit")" = 0 ] && rm -f "out/$n.exit"
done < cases.txt
