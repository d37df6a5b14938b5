#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records jsonpath goldens with real kubectl (offline): for each "name<TAB>template" line of
# cases.tsv, runs: kubectl label --local -f fixture.json x=y -o jsonpath=<template>
# (names starting with strict- add --allow-missing-template-keys=false; names starting with
# asjson- use -o jsonpath-as-json=<template>)
# and writes out/<name>.stdout, out/<name>.stderr, out/<name>.exit (the latter two only when non-empty / non-zero).
set -u
kubectl version --client | head -1
mkdir -p out
rm -f out/*
while IFS=$'\t' read -r name tmpl; do
  [ -z "$name" ] && continue
  extra=()
  case "$name" in strict-*) extra=(--allow-missing-template-keys=false) ;; esac
  format=jsonpath
  case "$name" in asjson-*) format=jsonpath-as-json ;; esac
  kubectl label --local -f fixture.json x=y "${extra[@]}" -o "$format=$tmpl" > "out/$name.stdout" 2> "out/$name.stderr"
  echo $? > "out/$name.exit"
  [ -s "out/$name.stderr" ] || rm -f "out/$name.stderr"
  [ "$(cat "out/$name.exit")" = 0 ] && rm -f "out/$name.exit"
done < cases.tsv
