#!/usr/bin/env bash
# Adds one UI string to the English and French resources: scripts/add-string.sh Key "English text" "Texte français"
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 Key 'English' 'Français'" >&2; exit 2; }
dir=$(cd "$(dirname "$0")/../src/WebFront/Resources" && pwd)
escape() { local v=$1; v=${v//&/&amp;}; v=${v//</&lt;}; v=${v//>/&gt;}; printf '%s' "$v"; }
add() {
  local file=$1 text=$2
  if grep -q "<data name=\"$KEY\"" "$file"; then echo "$KEY already in $(basename "$file")" >&2; exit 1; fi
  local line
  line=$(printf '  <data name="%s" xml:space="preserve"><value>%s</value></data>' "$KEY" "$(escape "$text")")
  awk -v l="$line" '/^<\/root>/ { print l } { print }' "$file" > "$file.tmp" && mv "$file.tmp" "$file"
}
KEY=$1
add "$dir/Strings.resx" "$2"
add "$dir/Strings.fr.resx" "$3"
