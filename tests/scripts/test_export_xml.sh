#!/bin/bash
# test_export_xml.sh: XML outputs stay XML whatever the rows hold. Rows with
# the control characters XML 1.0 forbids (ESC, BEL, VT, FF, U+FFFE) and markup
# characters in names, claims and titles are exported to KML and drawn to
# SVG; each file must parse as XML (Python's expat), the KML must open in
# ogrinfo (when GDAL's tools are installed) with every placemark, and the
# escaped text must come back as written, the forbidden characters as U+FFFD.
# Usage: test_export_xml.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_export_xml.sh FRONTIERMAP}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/exportxml.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
printf '%s\n' 'event_id_cnty,event_date,event_type,location,country,latitude,longitude,fatalities,notes' \
  "X1,2025-10-01,Battles,$(printf 'Wa\033na\a'),Pakistan,32.4659,69.6547,1,$(printf 'bell\a vt\v ff\f')" \
  "X2,2025-10-02,Battles,$(printf 'Tor\xef\xbf\xbekham <&> "q"'),Pakistan,34.1,71.09,2,ok" \
  "X3,2025-10-03,$(printf 'Explosions\033[31m'),Landi Kotal,Pakistan,34.1,71.14,0,ok" > "$tmp/ctl.csv"
"$fm" -q import --db "$tmp/s.gpkg" "$tmp/ctl.csv" || { echo "FAIL: import"; exit 1; }
"$fm" -q add --db "$tmp/s.gpkg" --date 2025-10-04 --lat 34.0 --lon 71.5 --type Battles \
  --claim "$(printf 'TTP: \v58 <killed> & \x1b more')" || { echo "FAIL: add"; exit 1; }
"$fm" -q export --db "$tmp/s.gpkg" --format kml --out "$tmp/x.kml" || { echo "FAIL: export"; exit 1; }
"$fm" -q map --db "$tmp/s.gpkg" --out "$tmp/x.svg" --title "$(printf 'T\033itle <&>')" \
  --subtitle "$(printf 'a\vb')" || { echo "FAIL: map"; exit 1; }
python3 - "$tmp/x.kml" "$tmp/x.svg" <<'PY' || fail=1
import sys, xml.dom.minidom as m
bad = 0
for path in sys.argv[1:]:
    try:
        doc = m.parse(path)
    except Exception as e:
        print(f"FAIL {path}: not XML: {e}"); bad = 1; continue
    if path.endswith(".kml"):
        names = [n.firstChild.data for n in doc.getElementsByTagName("name")[1:]]
        descs = [n.firstChild.data for n in doc.getElementsByTagName("description")]
        want = ["Wa\ufffdna\ufffd 2025-10-01", "Tor\ufffdkham <&> \"q\" 2025-10-02"]
        if len(names) != 4 or names[:2] != want:
            print("FAIL kml names:", names); bad = 1
        if not any("58 <killed> & \ufffd more" in d for d in descs):
            print("FAIL kml claims:", descs); bad = 1
        if not any("Explosions\ufffd[31m" in d for d in descs):
            print("FAIL kml type:", descs); bad = 1
sys.exit(bad)
PY
if command -v ogrinfo >/dev/null; then
  n=$(ogrinfo -ro -al -so "$tmp/x.kml" 2>"$tmp/err" | sed -n 's/^Feature Count: //p')
  [ "$n" = 4 ] || { echo "FAIL: ogrinfo reads $n placemarks, not 4"; cat "$tmp/err"; fail=1; }
fi
[ $fail = 0 ] && echo "ok: KML and SVG are XML with control characters in the rows"
exit $fail
