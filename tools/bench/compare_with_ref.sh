#!/usr/bin/env bash
# This checkout against an earlier commit on `cortex bench cuba`, side by side in one session.
#
# Usage:
#   tools/bench/compare_with_ref.sh [REF] [--neurons N ...] [--rounds R] [--duration D]
#
#   REF        the commit to compare with (default: origin/main if it exists, else HEAD~1)
#   --neurons  sizes (default: 4000 16000)
#   --rounds   alternating rounds per side (default: 3); medians are compared
#   --duration simulated time per run (default: "1 s")
#
# REF is checked out into a temporary git worktree and built in Release; then the two builds run
# `cortex bench cuba` alternately (this, ref, this, ref, ...) so that drift on a shared machine hits both,
# and tools/bench/compare_with_ref.py prints the median simulate seconds per size and their ratio.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

ref=""
neurons=(4000 16000)
rounds=3
duration="1 s"
while [ $# -gt 0 ]; do
  case "$1" in
    --neurons) shift; neurons=(); while [ $# -gt 0 ] && [[ "$1" != --* ]]; do neurons+=("$1"); shift; done ;;
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --*) echo "unknown option $1" >&2; exit 2 ;;
    *) ref="$1"; shift ;;
  esac
done
if [ -z "$ref" ]; then
  if git rev-parse --verify -q origin/main >/dev/null; then ref=origin/main; else ref=HEAD~1; fi
fi

out="out/bench/vs-$(git rev-parse --short "$ref")-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
tree="$(mktemp -d)/ref"
git worktree add --detach "$tree" "$ref" >/dev/null
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT

echo "building this checkout and $ref ($(git rev-parse --short "$ref")) in Release..."
dotnet build Plugins/Cortex.Host -c Release -nologo -v quiet -clp:ErrorsOnly
(cd "$tree" && dotnet build Plugins/Cortex.Host -c Release -nologo -v quiet -clp:ErrorsOnly)
this_dll="$ROOT/Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll"
ref_dll="$tree/Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll"
[ -f "$this_dll" ] || this_dll="$(ls "$ROOT"/Plugins/Cortex.Host/bin/Release/net10.0/*.Host.dll 2>/dev/null | head -1)"
[ -f "$ref_dll" ] || ref_dll="$(ls "$tree"/Plugins/Cortex.Host/bin/Release/net10.0/*.Host.dll 2>/dev/null | head -1)"

for r in $(seq 1 "$rounds"); do
  for side in this ref; do
    dll="$this_dll"; [ "$side" = ref ] && dll="$ref_dll"
    echo "round $r: $side"
    (cd "$(dirname "$dll")/../../../../.." && dotnet "$dll" bench cuba --neurons "${neurons[@]}" --duration "$duration" --out "$ROOT/$out/$side-$r.json" >/dev/null)
  done
done
/usr/bin/python3 "$HERE/compare_with_ref.py" "$out" "$(git rev-parse --short HEAD)" "$(git rev-parse --short "$ref")"
