#!/usr/bin/env bash
# Builds a real, deterministic git history for one sample repository, so that
# the git-diffstat claims of its reports ("Files Modified: 3") can be checked
# against the commit that added the report.
#
#   samples/make-history.sh <sample> <dest-dir>
#   samples/make-history.sh py-netplugin /tmp/py-netplugin
#
# <sample> is a directory name under samples/ that has a plan in
# samples/.history/<sample>/plan. <dest-dir> must not exist or be empty.
#
# The plan lists commits oldest first ("commit <ISO date> <subject>") and,
# indented under each later commit, the paths whose final version that commit
# introduces (a listed path missing from the sample is deleted by that commit).
# The first commit holds every other path, taking the file under
# samples/.history/<sample>/base/ where one exists (the version before the
# fixes) and the sample's own file otherwise. After the last commit the work
# tree equals the sample exactly; the script checks this.
#
# Same input, same commit ids: dates come from the plan, author and committer
# from CLAIMCHECK_SAMPLE_AUTHOR_NAME / CLAIMCHECK_SAMPLE_AUTHOR_EMAIL (with
# fixed defaults), and no user or system git configuration is read.
set -euo pipefail

usage() {
  echo "usage: $0 <sample> <dest-dir>" >&2
  exit 2
}
[ $# -eq 2 ] || usage

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sample="$1"
dest="$2"
src="$here/$sample"
plan="$here/.history/$sample/plan"
base="$here/.history/$sample/base"

[ -d "$src" ] || { echo "$0: no sample named '$sample' under $here" >&2; exit 2; }
[ -f "$plan" ] || { echo "$0: no history plan at $plan" >&2; exit 2; }
if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ]; then
  echo "$0: destination $dest exists and is not empty" >&2
  exit 2
fi
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"

export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="${CLAIMCHECK_SAMPLE_AUTHOR_NAME:-Sample Agent}"
export GIT_AUTHOR_EMAIL="${CLAIMCHECK_SAMPLE_AUTHOR_EMAIL:-agent@samples.claimcheck.invalid}"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME"
export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export TZ=UTC
umask 022

g() { git -C "$dest" -c core.autocrlf=false -c core.fileMode=true -c commit.gpgSign=false "$@"; }

# Parse the plan into parallel arrays: dates, subjects, and per-commit path lists.
dates=()
subjects=()
paths=()
n=-1
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '#'* | '') continue ;;
    commit\ *)
      n=$((n + 1))
      rest="${line#commit }"
      dates[n]="${rest%% *}"
      subjects[n]="${rest#* }"
      paths[n]=""
      ;;
    ' '*)
      [ "$n" -ge 1 ] || { echo "$0: $plan: paths listed under the first commit" >&2; exit 2; }
      p="${line#"${line%%[! ]*}"}"
      paths[n]+="$p"$'\n'
      ;;
    *) echo "$0: $plan: cannot read line: $line" >&2; exit 2 ;;
  esac
done <"$plan"
[ "$n" -ge 0 ] || { echo "$0: $plan lists no commit" >&2; exit 2; }

later="$(printf '%s' "${paths[@]}" | sed '/^$/d' | sort -u)"

# Copies one path from a tree into dest, creating its directory.
put() {
  mkdir -p "$dest/$(dirname "$2")"
  cp "$1/$2" "$dest/$2"
  chmod 644 "$dest/$2"
}

commit() {
  local date="$1" subject="$2"
  g add -A
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" g commit -q --allow-empty -m "$subject"
}

g init -q
g symbolic-ref HEAD refs/heads/main

# Commit 1: every path not introduced later, base version where one exists.
(cd "$src" && find . -type f ! -path './.git/*' | sed 's|^\./||' | LC_ALL=C sort) | while IFS= read -r p; do
  if printf '%s\n' "$later" | grep -qxF -- "$p" && [ ! -f "$base/$p" ]; then
    continue
  fi
  if [ -f "$base/$p" ]; then put "$base" "$p"; else put "$src" "$p"; fi
done
commit "${dates[0]}" "${subjects[0]}"

for ((i = 1; i <= n; i++)); do
  while IFS= read -r p; do
    [ -n "$p" ] || continue
    if [ -f "$src/$p" ]; then put "$src" "$p"; else rm -f "$dest/$p"; fi
  done <<<"${paths[i]}"
  commit "${dates[i]}" "${subjects[i]}"
done

# The history must end exactly at the sample as committed in this repository.
if ! diff -r -q -x .git "$src" "$dest" >/dev/null; then
  echo "$0: the rebuilt tree differs from samples/$sample:" >&2
  diff -r -q -x .git "$src" "$dest" >&2 || true
  exit 1
fi
left_out="$(g status --porcelain --untracked-files=all --ignored)"
if [ -n "$left_out" ]; then
  echo "$0: files left out of the history (ignored by the sample's .gitignore?):" >&2
  echo "$left_out" >&2
  exit 1
fi

g log --format='%h %ad %s' --date=short
