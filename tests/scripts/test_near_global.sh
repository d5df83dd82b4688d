#!/bin/bash
# test_near_global.sh: `near` and `export --near` at every scale, against
# PROJ's geod CLI: 2,000 points over the whole globe (poles and both sides of
# the antimeridian included), centres near a pole, on the antimeridian and on
# the frontier, radii from 100 km to half the Earth's circumference (every
# point). A radius beyond that is a usage error. Skipped without geod.
# Usage: test_near_global.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_near_global.sh FRONTIERMAP}
command -v geod >/dev/null || { echo "skipped: geod (proj-bin) is not installed"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/nearglobal.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 > "$tmp/pts.csv" <<'PY'
import math, random
random.seed(5)
print("id,date,lat,lon,type")
pts = [(90, 0), (-90, 0), (0, 180), (0, -180), (89.99, 45), (-89.99, -135), (34.1, 71.09),
       (-34.1, -108.91), (0, 0.0001), (12.5, 179.9999), (12.5, -179.9999)]
while len(pts) < 2000:  # uniform on the sphere
    pts.append((math.degrees(math.asin(random.uniform(-1, 1))), random.uniform(-180, 180)))
for i, (la, lo) in enumerate(pts):
    print(f"g{i},2025-01-01,{la:.6f},{lo:.6f},Battles")
PY
"$fm" -q import --db "$tmp/s.gpkg" "$tmp/pts.csv"
fail=0
centres="34.1,71.09 88.5,10 -89.5,120 0,179.5 -20,-179.9 51.5,0"
radii="100 2500 9000 12400 15000 19990 20003.9"
for c in $centres; do
  tail -n +2 "$tmp/pts.csv" | awk -F, -v c="$c" 'BEGIN{split(c, a, ",")} {print a[1], a[2], $3, $4}' |
    geod +ellps=WGS84 -I -f %.6f +units=m | awk '{print $3}' > "$tmp/dist.txt"
  for km in $radii; do
    want=$(awk -v r="$km" '$1 <= r * 1000' "$tmp/dist.txt" | wc -l)
    # (-- before the centre: "-89.5,120" is not an option)
    got=$("$fm" near --db "$tmp/s.gpkg" --radius "${km}km" --count -- "$c")
    rows=$want exp=$want
    case $km in 100|12400|20003.9) # the row query and export's --near, less often
      rows=$("$fm" near --db "$tmp/s.gpkg" --radius "${km}km" --type Battles --format csv -- "$c" |
             tail -n +2 | wc -l)
      exp=$("$fm" export --db "$tmp/s.gpkg" --near "$c" --radius "${km}km" --format csv \
            --out - | tail -n +2 | wc -l);;
    esac
    # a point within a few mm of the circle may go either way
    edge=$(awk -v r="$km" '$1 > r * 1000 - 0.01 && $1 < r * 1000 + 0.01' "$tmp/dist.txt" | wc -l)
    for v in "$got" "$rows" "$exp"; do
      d=$((v - want)); d=${d#-}
      if [ "$d" -gt "$edge" ]; then
        echo "FAIL centre $c radius $km km: count $got, rows $rows, export $exp; geod says $want"
        fail=1; break
      fi
    done
  done
done
# half the circumference holds every point; beyond it is a usage error
all=$("$fm" near --db "$tmp/s.gpkg" 0,0 --radius 20003931.459m --count)
[ "$all" = 2000 ] || { echo "FAIL: 20003931.459 m from 0,0 holds $all of 2000"; fail=1; }
for bad in 20003931.5m 20004km 30000km 1e5km; do
  set +e; "$fm" near --db "$tmp/s.gpkg" 0,0 --radius "$bad" --count >/dev/null 2>"$tmp/err"; rc=$?; set -e
  [ "$rc" = 2 ] || { echo "FAIL: --radius $bad exits $rc, not 2"; fail=1; }
done
[ "$fail" = 0 ] && echo "ok: near agrees with geod at every scale"
exit $fail
