#!/bin/sh
# The editor for `kubectl edit` goldens: prints the buffer kubectl hands it
# (so the header and its reasons are in the recorded stdout), then applies
# $EDIT_SED to the file when the case sets it.
printf -- '--- editor buffer ---\n'
cat "$1"
printf -- '--- end of buffer ---\n'
if [ -n "$EDIT_SED" ]; then sed -i "$EDIT_SED" "$1"; fi
