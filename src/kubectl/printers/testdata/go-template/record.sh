#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records go-template goldens with real kubectl (offline): for each "name<TAB>template" line of
# cases.tsv runs: kubectl label --local -f fixture.json x=y -o go-template=<template>
# writes out/<name>.stdout (+ .stderr and .exit on failure).
set -u
kubectl version --client | head -1
mkdir -p out && rm -f out/*
while IFS=$'\t' read -r name tmpl; do
  [ -z "$name" ] && continue
  kubectl label --local -f fixture.json x=y -o "go-template=$tmpl" > "out/$name.stdout" 2> "out/$name.stderr"
  echo $? > "out/$name.exit"
  [ -s "out/$name.stderr" ] || rm -f "out/$name.stderr"
  [ "$(cat "out/$name.exit")" = 0 ] && rm -f "out/$name.exit"
done < cases.tsv
