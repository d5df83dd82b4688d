#!/bin/bash
# test_layout_pages.sh: the page layout at every page size and orientation
# (issue 14, "Layouts for every page"), on region maps of the UCDP GED sample
# (a tall region, a wide one, the whole frontier, two agencies), read from
# the layout rows of `map --label-list` (page, frame, title, legend, inset,
# credits, scale bar, the frame's view and the extent it must show):
# - the frame fills its page: at least 38% of it (A5, whose title, legend and
#   credits are set smaller: 25%), and the extent takes at least 40% of the
#   frame (on A5 --region kp the frame was once a strip from 58.9 to 84.5 E:
#   15% of the page, the province 19% of the frame);
# - the frame shows the whole extent;
# - title, frame (with its graticule labels), legend, inset and credits keep
#   inside the page's margins and off each other; the legend has all its
#   entries (the scale bar among them);
# - the scale bar is a round length 40 to 140 pt long and measures the frame;
# and, on the A5 and A3 PDFs, every word pdftotext finds lies in one of those
# boxes, and the fatalities' heading stands over its key (it was once left at
# the foot of a column, its circles and "none or not reported" in the next).
# Usage: test_layout_pages.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_layout_pages.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
top="$src/.."
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/layout.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$top/data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
jobs=()
for region in kp balochistan frontier khyber waziristan; do
  for size in A5 A4 A3 Letter Legal; do
    for turn in "" --landscape; do
      jobs+=("$region $size${turn:+ $turn}")
    done
  done
done
render() { # region size [--landscape]
  local name="$1-$2${3:-}" out
  out="$tmp/$name.png"
  case $2 in A5 | A3) out="$tmp/$name.pdf" ;; esac
  # shellcheck disable=SC2086
  "$fm" -q map --db "$tmp/s.gpkg" --region "$1" --size "$2" ${3:-} --dpi 24 --out "$out" \
    --label-list "$tmp/$name.csv" || echo "render of $name failed" >&2
}
export -f render
export fm tmp
# shellcheck disable=SC2016
printf '%s\n' "${jobs[@]}" | xargs -P 2 -d '\n' -n 1 bash -c 'render $0'
have_pdftotext=1
command -v pdftotext >/dev/null || have_pdftotext=0
if [ $have_pdftotext = 1 ]; then
  for f in "$tmp"/*.pdf; do
    pdftotext -bbox "$f" "${f%.pdf}.html"
  done
fi
python3 - "$tmp" "${#jobs[@]}" <<'PY'
import csv, glob, math, os, re, sys
tmp, want = sys.argv[1], int(sys.argv[2])
MARGIN, GRAT = 28.35, 11.0  # render/map_priv.h FM_MARGIN_MM; graticule labels
NICE = {1, 2, 5, 10, 20, 25, 50, 100, 150, 200, 250, 300, 500, 1000}
fails = []
def fail(name, what):
    fails.append(f"{name}: {what}")
def box(r):
    return [float(r[k]) for k in ("x0", "y0", "x1", "y1")]
def area(b):
    return max(0, b[2] - b[0]) * max(0, b[3] - b[1])
def meet(a, b):
    return area([max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])])
lists = sorted(glob.glob(f"{tmp}/*.csv"))
if len(lists) != want:
    fail("all", f"{len(lists)} label lists for {want} maps")
for path in lists:
    name = os.path.basename(path)[:-4]
    rows = {r["record"]: r for r in csv.DictReader(open(path, encoding="utf-8"))
            if r["record"] not in ("label", "symbol", "callout")}
    page, frame = box(rows["page"]), box(rows["frame"])
    view, ext = box(rows["view"]), box(rows["extent"])
    fill = area(frame) / area(page)
    least = 0.25 if "A5" in name else 0.38
    if fill < least:
        fail(name, f"the frame fills {fill:.2f} of the page (at least {least})")
    share = ((ext[2] - ext[0]) / (view[2] - view[0] - 0.02)) * \
            ((ext[3] - ext[1]) / (view[3] - view[1] - 0.02))
    if share < 0.4:
        fail(name, f"the extent takes {share:.2f} of the frame")
    if ext[0] < view[0] or ext[1] < view[1] or ext[2] > view[2] or ext[3] > view[3]:
        fail(name, f"the frame's view {view} leaves out part of the extent {ext}")
    parts = {"frame": [frame[0] - GRAT, frame[1], frame[2], frame[3] + GRAT]}
    for k in ("title", "legend", "inset", "credits"):
        if k in rows:
            parts[k] = box(rows[k])
    for k in ("title", "legend", "credits"):
        if k not in parts:
            fail(name, f"no {k}")
    if "legend" in rows and rows["legend"]["placed"] != "1":
        fail(name, "legend entries left out")
    for k, b in parts.items():
        if b[0] < MARGIN - 1 or b[1] < MARGIN - 1 or b[2] > page[2] - MARGIN + 1 or \
                b[3] > page[3] - MARGIN + 1:
            fail(name, f"the {k} {[round(v) for v in b]} leaves the page's margins")
    ks = sorted(parts)
    for i, a in enumerate(ks):
        for b in ks[i + 1:]:
            if meet(parts[a], parts[b]) > 1:
                fail(name, f"the {a} and the {b} overlap")
    sb = rows.get("scalebar")
    if not sb:
        fail(name, "no scale bar")
    else:
        km, pt = float(sb["text"].split()[0]), float(sb["r"])
        if km not in NICE or not 40 <= pt <= 140:
            fail(name, f"scale bar of {sb['text']} over {pt:.0f} pt")
        # against the frame: its width in km along its middle parallel (the
        # view's box, a little wider than that row on a conic)
        lat = math.radians((view[1] + view[3]) / 2)
        frame_km = (view[2] - view[0] - 0.02) * 111.32 * math.cos(lat)
        if not 0.8 <= (km / pt) / (frame_km / (frame[2] - frame[0])) <= 1.1:
            fail(name, f"scale bar of {sb['text']} over {pt:.0f} pt for a frame "
                       f"{frame_km:.0f} km wide over {frame[2] - frame[0]:.0f} pt")
    html = f"{tmp}/{name}.html"
    if os.path.exists(html):  # every word of the PDF in one of the parts
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                           r'yMax="([\d.]+)">([^<]*)</word>', open(html, encoding="utf-8").read())
        if len(words) < 100:
            fail(name, f"only {len(words)} words in the PDF")
        for w in words:
            x, y = (float(w[0]) + float(w[2])) / 2, (float(w[1]) + float(w[3])) / 2
            if not any(b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1
                       for b in parts.values()):
                fail(name, f"the word '{w[4]}' at {x:.0f},{y:.0f} is in no part of the page")
                break
        at = {w[4]: (float(w[0]), float(w[1])) for w in words
              if "legend" in parts and float(w[1]) >= parts["legend"][1] - 1}
        if "Fatalities" in at and "none" in at and not (
                abs(at["none"][0] - at["Fatalities"][0]) < 30 and at["none"][1] > at["Fatalities"][1]):
            fail(name, f"the fatalities' heading at {at['Fatalities']} is not over its key "
                       f"('none or not reported' at {at['none']})")
for f in fails:
    print(f)
print(f"{len(lists)} maps, {len(fails)} failures")
sys.exit(1 if fails else 0)
PY
