#!/bin/bash
# test_startup.sh: start only what is used. The program links neither GDAL
# (geo/gdal.c loads it on first use) nor Cairo, Pango, fontconfig or PROJ
# (map, heatmap and monthly live in the drawing module, cli/draw.h), so the
# commands that do not draw map none of them; those that do still find
# them, and without the module they say what is missing.
set -euo pipefail
fm=${1:?usage: test_startup.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm")
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/startup.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
heavy='lib(gdal|cairo|pango[a-z0-9]*|harfbuzz|fontconfig|freetype|proj|tiff|curl[a-z-]*)\.so'
if readelf -d "$fm" | grep NEEDED | grep -E "$heavy"; then
  echo "FAIL: $fm links the libraries above at start"; exit 1
fi
# every command that does not draw: what the dynamic loader opened
printf 'id,date,lat,lon,country,type\nx1,2025-10-01,34.1,71.09,Pakistan,Battles\n' > "$tmp/one.csv"
while IFS= read -r cmd; do
  [ -n "$cmd" ] || continue
  # shellcheck disable=SC2086
  out=$(cd "$tmp" && LD_DEBUG=files "$fm" $cmd 2>&1 >/dev/null) || { echo "FAIL: $cmd: $out" | tail -3; exit 1; }
  if loaded=$(grep -oE "file=[^ ]*($heavy)[^ ]*" <<<"$out"); then
    echo "FAIL: '$cmd' loaded: $(sort -u <<<"$loaded" | tr '\n' ' ')"; exit 1
  fi
done <<'CMDS'
--version
--help
near --help
near 34.1,71.09 --radius 25km --count
near Torkham --radius 5km --format csv
where 34.1,71.09
where --format json 31.0,66.4
geocode Torkham
stats --by province
export --format csv --out e.csv
import --db s.gpkg one.csv
CMDS
# ... and map does draw, through the module
LD_DEBUG=files "$fm" -q map --out "$tmp/m.png" >"$tmp/map.log" 2>&1 || { tail "$tmp/map.log"; exit 1; }
grep -q "libcairo" "$tmp/map.log" || { echo "FAIL: map did not load cairo?"; exit 1; }
[ -s "$tmp/m.png" ] || { echo "FAIL: map wrote nothing"; exit 1; }
# ... and projects its Albers conic without PROJ (geo/albers.c), as does a
# heatmap, its --grid-out GeoTIFF too (render/geotiff_tiles.c writes the
# conic's GeoKeys itself): only another CRS would load libproj
if grep -q "libproj" "$tmp/map.log"; then
  echo "FAIL: map loaded libproj"; exit 1
fi
for grid in "" "$tmp/h1.tif"; do
  LD_DEBUG=files "$fm" -q heatmap --out "$tmp/hp.png" ${grid:+--grid-out "$grid"} >"$tmp/heat.log" 2>&1 ||
    { tail "$tmp/heat.log"; exit 1; }
  if grep -q "libproj" "$tmp/heat.log"; then
    echo "FAIL: heatmap ${grid:+--grid-out }loaded libproj"; exit 1
  fi
done
if command -v gdalsrsinfo >/dev/null; then
  gdalsrsinfo -o proj4 "$tmp/h1.tif" | grep -q "+proj=aea" ||
    { echo "FAIL: the GeoTIFF has no Albers CRS: $(gdalsrsinfo -o proj4 "$tmp/h1.tif")"; exit 1; }
fi
# without the module: the drawing commands fail saying so; the rest work
mkdir "$tmp/alone"
cp "$fm" "$tmp/alone/frontiermap"
if "$tmp/alone/frontiermap" heatmap --out "$tmp/h.png" 2>"$tmp/err"; then
  echo "FAIL: heatmap ran without the drawing module"; exit 1
fi
grep -q "cannot load the drawing module fm_render.so" "$tmp/err" ||
  { echo "FAIL: no clear message: $(cat "$tmp/err")"; exit 1; }
[ ! -e "$tmp/h.png" ] || { echo "FAIL: heatmap wrote without the module"; exit 1; }
"$tmp/alone/frontiermap" near 34.1,71.09 --radius 25km --count >/dev/null ||
  { echo "FAIL: near needs the drawing module"; exit 1; }
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
