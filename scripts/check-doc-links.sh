#!/usr/bin/env bash
# Checks that every relative Markdown link in README.md and docs/*.md resolves: the file (or
# folder) exists, and a `#anchor` names a heading of that file (GitHub's slugs). Links to other
# sites (http:, https:, mailto:) are not followed. Prints each broken link as FILE:LINE: link
# and exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

# The anchors of a Markdown file's headings, one a line, as GitHub makes them.
anchors() {
  awk '/^```/ { fence = !fence; next } !fence && /^#+ / { sub(/^#+ +/, ""); print }' "$1" \
    | tr '[:upper:]' '[:lower:]' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'
}

# Every link target outside fenced code blocks, as FILE<TAB>LINE<TAB>TARGET.
links() {
  awk '/^```/ { fence = !fence; next }
       !fence {
         line = $0
         while (match(line, /\]\([^) ]+\)/)) {
           print FILENAME "\t" FNR "\t" substr(line, RSTART + 2, RLENGTH - 3)
           line = substr(line, RSTART + RLENGTH)
         }
       }' "$@"
}

files=(README.md docs/*.md)
broken=0
checked=0
while IFS=$'\t' read -r file line target; do
  case "$target" in http://* | https://* | mailto:*) continue ;; esac
  checked=$((checked + 1))
  path=${target%%#*}
  anchor=""
  [[ "$target" == *"#"* ]] && anchor=${target#*#}
  if [ -z "$path" ]; then
    resolved=$file
  else
    resolved=$(dirname "$file")/$path
  fi
  if [ ! -e "$resolved" ]; then
    echo "$file:$line: $target: no such file ($resolved)"
    broken=$((broken + 1))
  elif [ -n "$anchor" ] && ! anchors "$resolved" | grep -qxF -- "$anchor"; then
    echo "$file:$line: $target: no heading '#$anchor' in $resolved"
    broken=$((broken + 1))
  fi
done < <(links "${files[@]}")

if [ "$broken" -gt 0 ]; then
  echo "$broken of $checked relative links in ${#files[@]} files are broken" >&2
  exit 1
fi
echo "doc links: all $checked relative links in ${#files[@]} files resolve"
