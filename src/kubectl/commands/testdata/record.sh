#!/usr/bin/env bash
# Plain kubectl v1.32 (see scripts/real-kubectl/kubectl), not the dispatcher on PATH.
PATH="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)/scripts/real-kubectl:$PATH"
# Records the goldens under goldens/<case>/ with the real kubectl on PATH.
# Each case holds `cmd` (the arguments after `kubectl`, shell-quoted) and its
# input files; this writes `stdout`, `stderr` and `exit` next to them.
# Usage: record.sh [case...]   (all cases when none given)
set -u
cd "$(dirname "$0")/goldens"
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(*/)
for c in "${cases[@]}"; do
  c=${c%/}
  ( cd "$c" && stdin=/dev/null && { [ -f stdin ] && stdin=stdin; }
    eval "kubectl $(cat cmd)" <"$stdin" >stdout 2>stderr; echo $? >exit )
done
