#!/bin/bash
# test_startup.sh: the binary does not link GDAL (geo/gdal.c loads it on first
# use), so commands that never touch it start without its ~70 libraries; and
# the commands that do use it still find it.
set -euo pipefail
fm=${1:?usage: test_startup.sh FRONTIERMAP}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/startup.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if readelf -d "$fm" | grep NEEDED | grep libgdal >/dev/null; then
  echo "FAIL: $fm links libgdal at start"; exit 1
fi
# near does not load GDAL ...
near=$(LD_DEBUG=files "$fm" near Torkham --radius 5km --count 2>&1 >/dev/null)
if grep -q "libgdal" <<<"$near"; then
  echo "FAIL: near loaded libgdal"; exit 1
fi
# ... a GeoJSON import does, and works
cat > "$tmp/one.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [{"type": "Feature",
 "geometry": {"type": "Point", "coordinates": [71.09, 34.1]},
 "properties": {"source_id": "t1", "date": "2025-10-12", "event_type": "Battles",
                "country": "Pakistan", "fatalities": 3}}]}
JSON
out=$(LD_DEBUG=files "$fm" import --db "$tmp/s.gpkg" "$tmp/one.geojson" 2>&1)
grep -q "libgdal" <<<"$out" || { echo "FAIL: import did not load libgdal"; exit 1; }
grep -q "1 added" <<<"$out" || { echo "FAIL: GeoJSON import through GDAL: $out"; exit 1; }
echo ok
