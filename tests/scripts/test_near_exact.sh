#!/bin/bash
# test_near_exact.sh: `near` counts and order against PROJ's geod CLI (Karney's
# algorithm, run independently) on a store of 10^4 random points around the
# Khyber Pass (N points with a second argument; 10^6 was run by hand);
# skipped when geod (proj-bin) is missing. Order: nearest first, where two
# distances that geod prints alike (to the micrometre) may come either way.
# Usage: test_near_exact.sh FRONTIERMAP [N]
set -euo pipefail
fm=${1:?usage: test_near_exact.sh FRONTIERMAP [N]}
n=${2:-10000}
command -v geod >/dev/null || { echo "skipped: geod (proj-bin) is not installed"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/nearexact.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$n" > "$tmp/pts.csv" <<'PY'
import random, sys
random.seed(11)
print("id,date,lat,lon,type")
for i in range(int(sys.argv[1])):
    print(f"p{i},2025-{1 + i % 12:02d}-{1 + i % 28:02d},{random.uniform(33.4, 34.8):.6f},"
          f"{random.uniform(70.3, 71.9):.6f},Battles")
PY
"$fm" import --db "$tmp/s.gpkg" "$tmp/pts.csv" >/dev/null
fail=0
for spec in "34.1 71.09 25" "34.1 71.09 5" "33.9 70.8 50" "34.5 71.5 1"; do
  set -- $spec; lat=$1 lon=$2 km=$3
  # independent: geod -I takes lat1 lon1 lat2 lon2, prints az1 az2 distance (m)
  tail -n +2 "$tmp/pts.csv" | awk -F, -v a="$lat" -v o="$lon" '{print a, o, $3, $4}' |
    geod +ellps=WGS84 -I -f %.6f +units=m | awk '{print $3}' > "$tmp/dist.txt"
  tail -n +2 "$tmp/pts.csv" | cut -d, -f1 | paste -d' ' - "$tmp/dist.txt" |
    awk -v r="$km" '$2 <= r * 1000 {print $1, $2}' | sort -k2,2g -k1,1 > "$tmp/want.txt"
  "$fm" near --db "$tmp/s.gpkg" "$lat,$lon" --radius "${km}km" --format csv |
    tail -n +2 | awk -F, '{print $2, $4 * 1000}' > "$tmp/got.txt"
  count=$("$fm" near --db "$tmp/s.gpkg" "$lat,$lon" --radius "${km}km" --count)
  want=$(wc -l < "$tmp/want.txt")
  if [ "$count" != "$want" ] || [ "$(wc -l < "$tmp/got.txt")" != "$want" ]; then
    echo "FAIL $spec: count $count, rows $(wc -l < "$tmp/got.txt"), geod says $want"; fail=1
  elif ! python3 - "$tmp/want.txt" "$tmp/got.txt" <<'PY'
import sys
# the same ids, and in order of geod's distance: two ids may only swap
# when geod's distances (printed to the micrometre) tie
want = {i: float(d) for i, d in (l.split() for l in open(sys.argv[1]))}
got = [l.split()[0] for l in open(sys.argv[2])]
if set(got) != set(want) or len(got) != len(want):
    print("   not the same incidents"); sys.exit(1)
bad = [(a, b) for a, b in zip(got, got[1:]) if want[b] < want[a] - 2e-6]
for a, b in bad[:5]:
    print(f"   {a} ({want[a]:.6f} m) before {b} ({want[b]:.6f} m)")
sys.exit(1 if bad else 0)
PY
  then
    echo "FAIL $spec: same count ($want) but a different order"; fail=1
  else
    echo "ok   $spec: $want within ${km} km"
  fi
done
exit $fail
