#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records custom-columns goldens with real kubectl against fake-apiserver.mjs serving items.json.
# For each "name<TAB>args" line of cases.tsv runs: kubectl -s http://127.0.0.1:18080 <args>
set -u
kubectl version --client | head -1
node fake-apiserver.mjs 18080 items.json & pid=$!
sleep 1
mkdir -p out && rm -f out/*
while IFS=$'\t' read -r name args; do
  [ -z "$name" ] && continue
  # arguments before " -o " split on spaces; the -o value is kept whole (it may hold spaces)
  IFS=' ' read -r -a argv <<< "${args%% -o *}"
  out="${args#* -o }"
  kubectl -s http://127.0.0.1:18080 --cache-dir=/tmp/kd-cc-cache "${argv[@]}" -o "$out" > "out/$name.stdout" 2> "out/$name.stderr"
  echo $? > "out/$name.exit"
  [ -s "out/$name.stderr" ] || rm -f "out/$name.stderr"
  [ "$(cat "out/$name.exit")" = 0 ] && rm -f "out/$name.exit"
done < cases.tsv
kill $pid
