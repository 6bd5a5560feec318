#!/usr/bin/env bash
# Audits every bundled sample the way a user would: each sample is first given
# its real git history (make-history.sh), then `claimcheck audit` writes all
# report formats to claimcheck-out/<sample>/.
#   usage: samples/audit-all.sh [out-dir]      (default: claimcheck-out)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$root/claimcheck-out}"
mkdir -p "$out/repos"
for dir in "$here"/*/; do
  name="$(basename "$dir")"
  [ -f "$here/.history/$name/plan" ] || continue
  rm -rf "$out/repos/$name"
  bash "$here/make-history.sh" "$name" "$out/repos/$name" >/dev/null
  echo "== $name"
  node "$root/bin/claimcheck" audit "$out/repos/$name" --format text,json,md,html,sarif --out "$out/$name"
done
echo "reports: $out/<sample>/claimcheck-report.{json,md,html,sarif}"
