#!/usr/bin/env bash
# Writes podlint's man page with help2man from the binary's own --help and
# --version, plus a COMMANDS section with each subcommand's --help, so that
# the page always says what the command line does.
#   cli/man-page.sh PODLINT OUTPUT
set -euo pipefail
podlint="$1"
output="$2"
include="$output.include"

# Help text as preformatted roff: escape backslashes, hyphens, and a leading
# dot or apostrophe (which roff would read as a request).
as_roff() {
  sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\([.']\)/\\\\\&\1/"
}

help="$("$podlint" --help)"
{
  echo "[COMMANDS]"
  # The subcommands are the names listed under "Subcommands:" in --help.
  for command in $(sed -n '/^Subcommands:$/,/^$/s/^  \([a-z-]*\) .*/\1/p' <<<"$help"); do
    echo ".SS \"podlint $command\""
    echo ".nf"
    as_roff <<<"$("$podlint" "$command" --help)"
    echo ".fi"
  done
} >"$include"
description="$(head -n 1 <<<"$help")"
help2man --no-info --section 1 --name "${description#podlint: }" --include "$include" --output "$output" "$podlint"
