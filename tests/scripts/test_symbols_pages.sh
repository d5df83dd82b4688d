#!/bin/bash
# test_symbols_pages.sh: the incident symbols do not depend on the paper
# (issue 14: "the symbol style of one cluster changes with the page size,
# dashed 37 on A3, solid 45 on A4"). Three maps of the UCDP GED sample
# (--region kp, --region waziristan, the whole record), each on A5, A4, A3
# landscape and Letter, as SVG (counts as real <text>) with --label-list:
# - the counts printed in the SVG (bold near-black numbers in the frame) are
#   the same multiset on every page of a region map (the region filter keeps
#   every incident inside the extent, which every page shows);
# - the symbols of the label list whose centres lie in the area every page
#   of the map shows (the frame widens the extent on one side or the other)
#   are the same multiset of (count, dashed or solid, fatalities);
# - no two counts print over each other, and on A5 none is set under 4.2 pt;
# - the fatalities' key covers the largest symbol drawn (its value at least
#   the largest sum, its circle at least the largest radius);
# - the symbols scale with the page: the largest radius on A3 landscape is
#   at least 1.5 times A5's.
# Usage: test_symbols_pages.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_symbols_pages.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
top="$src/.."
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/sympages.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$top/data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
jobs=()
for region in kp waziristan all; do
  for size in A5 A4 "A3 --landscape" Letter; do
    jobs+=("$region $size")
  done
done
render() { # region size [--landscape]
  local name="$1-$2${3:-}" r="--region $1"
  [ "$1" = all ] && r=""
  # shellcheck disable=SC2086
  "$fm" -q map --db "$tmp/s.gpkg" $r --size "$2" ${3:-} --out "$tmp/$name.svg" \
    --label-list "$tmp/$name.csv" || echo "render of $name failed" >&2
}
export -f render
export fm tmp
# shellcheck disable=SC2016
printf '%s\n' "${jobs[@]}" | xargs -P 2 -d '\n' -n 1 bash -c 'render $0'
python3 - "$tmp" "${#jobs[@]}" <<'PY'
import collections, csv, glob, os, re, sys
tmp, want = sys.argv[1], int(sys.argv[2])
fails = []
def fail(name, what):
    fails.append(f"{name}: {what}")
def box(r):
    return [float(r[k]) for k in ("x0", "y0", "x1", "y1")]
COUNT = re.compile(r'<text x="([-\d.]+)" y="([-\d.]+)"[^>]*font-size="([\d.]+)" '
                   r'font-weight="bold" fill="#0d0d0d"[^>]*>(\d+)</text>')
maps = collections.defaultdict(dict)
for path in sorted(glob.glob(f"{tmp}/*.csv")):
    name = os.path.basename(path)[:-4]
    region, size = name.split("-", 1)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    one = {r["record"]: r for r in rows}
    frame = box(one["frame"])
    svg = open(path[:-4] + ".svg", encoding="utf-8").read()
    counts = [(m.group(4), float(m.group(3))) for m in COUNT.finditer(svg)
              if frame[0] <= float(m.group(1)) <= frame[2] and
              frame[1] <= float(m.group(2)) <= frame[3]]
    syms = [r for r in rows if r["record"] == "symbol"]
    maps[region][size] = dict(view=box(one["view"]), syms=syms, counts=counts,
                              key=one.get("sizekey"))
    if not syms:
        fail(name, "no symbols")
        continue
    # counts never over each other
    cb = [box(r) for r in syms if r["x1"] and float(r["x1"]) > float(r["x0"])]
    clash = sum(1 for i in range(len(cb)) for j in range(i + 1, len(cb))
                if cb[i][0] < cb[j][2] and cb[j][0] < cb[i][2] and
                cb[i][1] < cb[j][3] and cb[j][1] < cb[i][3])
    if clash:
        fail(name, f"{clash} pairs of counts print over each other")
    # on A5 no count under 4.2 pt (one of four digits: 5/5.5 of that)
    small = [c for c in counts if c[1] < (4.15 if len(c[0]) < 4 else 3.77)]
    if size == "A5" and small:
        fail(name, f"counts set at {min(c[1] for c in small)} pt")
    # the fatalities' key covers the largest symbol
    key = one.get("sizekey")
    maxf = max(int(r.get("fatalities") or 0) for r in syms)
    maxr = max(float(r["r"]) for r in syms)
    if not key:
        fail(name, "no fatalities key drawn")
    elif int(key["text"]) < maxf or float(key["r"]) < maxr - 0.01:
        fail(name, f"the key's {key['text']} (r {key['r']}) is smaller than the largest "
                   f"symbol ({maxf} killed, r {maxr:.2f})")
if len(glob.glob(f"{tmp}/*.csv")) != want:
    fail("all", f"{len(glob.glob(tmp + '/*.csv'))} maps for {want}")
for region, pages in maps.items():
    if len(pages) != 4:
        continue
    # the area every page shows, less 2% at each edge
    w = max(p["view"][0] for p in pages.values()); s = max(p["view"][1] for p in pages.values())
    e = min(p["view"][2] for p in pages.values()); n = min(p["view"][3] for p in pages.values())
    w, e, s, n = w + 0.02 * (e - w), e - 0.02 * (e - w), s + 0.02 * (n - s), n - 0.02 * (n - s)
    sets = {}
    for size, p in pages.items():
        sets[size] = collections.Counter(
            (r["text"], r["kind"], r.get("fatalities")) for r in p["syms"]
            if w < float(r["lon"] or "nan") < e and s < float(r["lat"] or "nan") < n)
    ref = sets["A4"]
    for size, c in sets.items():
        if c != ref:
            extra, miss = c - ref, ref - c
            fail(f"{region}-{size}", f"{sum(extra.values())} symbols not on A4 "
                 f"({sorted(extra)[:4]}), {sum(miss.values())} of A4's missing "
                 f"({sorted(miss)[:4]})")
    if region != "all":
        printed = {size: collections.Counter(c for c, _ in p["counts"])
                   for size, p in pages.items()}
        for size, c in printed.items():
            if c != printed["A4"]:
                extra, miss = c - printed["A4"], printed["A4"] - c
                fail(f"{region}-{size}", f"prints {sum(c.values())} counts, A4 "
                     f"{sum(printed['A4'].values())}: {sorted(extra)[:6]} not on A4, "
                     f"{sorted(miss)[:6]} of A4's not here")
    big = {size: max(float(r["r"]) for r in p["syms"]) for size, p in pages.items()}
    if big["A3--landscape"] < 1.5 * big["A5"]:
        fail(region, f"the largest symbol is {big['A3--landscape']:.1f} pt on A3 landscape, "
                     f"{big['A5']:.1f} on A5")
    print(f"{region}: {sum(ref.values())} symbols in the common area; largest radius "
          + ", ".join(f"{k} {v:.1f}" for k, v in big.items()))
for f in fails:
    print("FAIL", f)
sys.exit(1 if fails else 0)
PY
