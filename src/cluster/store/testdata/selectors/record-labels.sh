#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records label selector parsing goldens with real kubectl (offline): for each line of label-cases.txt
#   kubectl create pdb p --selector=<line> --min-available=1 --dry-run=client -o json
# `create pdb` parses the selector with metav1.ParseToLabelSelector (labels.Parse inside).
# Output: label-out/<n>.stdout / .stderr / .exit, n = line number (1-based).
set -u
kubectl version --client | head -1
mkdir -p label-out && rm -f label-out/*
n=0
while IFS= read -r sel; do
  n=$((n+1))
  kubectl create pdb p --selector="$sel" --min-available=1 --dry-run=client -o json > "label-out/$n.stdout" 2> "label-out/$n.stderr"
  echo $? > "label-out/$n.exit"
  [ -s "label-out/$n.stderr" ] || rm -f "label-out/$n.stderr"
  [ "$(cat "label-out/$n.exit")" = 0 ] && rm -f "label-out/$n.exit"
  [ -s "label-out/$n.stdout" ] || rm -f "label-out/$n.stdout"
done < label-cases.txt
