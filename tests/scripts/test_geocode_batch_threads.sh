#!/bin/bash
# test_geocode_batch_threads.sh: `geocode --batch` geocodes a batch of more
# than one chunk (512 rows) on two threads and writes the rows in their order:
# its output must be the one thread's, byte for byte. The one-thread reference
# is the same rows run in pieces smaller than a chunk (which start no
# thread); the rows repeat within and across chunks (the batch's cache), carry
# hints in every combination, and include misspellings and unknown names.
# Usage: test_geocode_batch_threads.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_geocode_batch_threads.sh FRONTIERMAP}
data=${FRONTIERMAP_DATA:?FRONTIERMAP_DATA must name the data directory}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/batchthreads.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$data/gazetteer/places.csv" > "$tmp/q.csv" <<'PY'
import csv, random, sys
rng = random.Random(7)
places = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["query", "admin2", "admin1", "country"])
rows = []
for i in range(2600):
    if rows and rng.random() < 0.15:  # a repeat, near or far
        rows.append(rng.choice(rows[-40:] if rng.random() < 0.5 else rows))
        continue
    p = rng.choice(places)
    q = p["name"]
    r = rng.random()
    if len(q) > 4 and r < 0.5:
        j = rng.randrange(1, len(q) - 1)
        q = q[:j] + q[j + 1:] if r < 0.25 else q[:j] + q[j] + q[j:]
    elif r < 0.55:
        q = "Zqxv" + q  # unknown
    h = rng.random()
    rows.append((q, p["admin2"] if h < 0.4 else "", p["admin1"] if h < 0.7 else "",
                 p["country"] if h < 0.2 else ""))
for r in rows:
    w.writerow(r)
PY
fail=0
"$fm" geocode --batch "$tmp/q.csv" > "$tmp/all.csv" 2> "$tmp/all.err" || true
"$fm" geocode --batch "$tmp/q.csv" > "$tmp/again.csv" 2> "$tmp/again.err" || true
cmp -s "$tmp/all.csv" "$tmp/again.csv" && cmp -s "$tmp/all.err" "$tmp/again.err" ||
  { echo "FAIL: two runs of one batch differ"; fail=1; }
[ "$(wc -l < "$tmp/all.csv")" -eq 2601 ] || { echo "FAIL: $(wc -l < "$tmp/all.csv") lines, not 2601"; fail=1; }
# the reference: pieces of 400 rows, each alone (no thread, no cache across pieces)
tail -n +2 "$tmp/q.csv" | split -l 400 - "$tmp/piece."
head -n 1 "$tmp/all.csv" > "$tmp/ref.csv"
echo '[]' > "$tmp/ref.json"
for p in "$tmp"/piece.*; do
  { head -n 1 "$tmp/q.csv"; cat "$p"; } > "$p.csv"
  "$fm" geocode --batch "$p.csv" 2>/dev/null | tail -n +2 >> "$tmp/ref.csv" || true
  "$fm" geocode --batch "$p.csv" --format json > "$p.json" 2>/dev/null || true
done
cmp -s "$tmp/all.csv" "$tmp/ref.csv" || { echo "FAIL: the batch differs from its rows run in pieces";
  diff "$tmp/ref.csv" "$tmp/all.csv" | head -20; fail=1; }
# JSON carries each row's note: the same notes too
"$fm" geocode --batch "$tmp/q.csv" --format json > "$tmp/all.json" 2>/dev/null || true
python3 - "$tmp/all.json" "$tmp"/piece.*.json <<'PY' || fail=1
import json, sys
whole = json.load(open(sys.argv[1]))
parts = [r for f in sys.argv[2:] for r in json.load(open(f))]
bad = [i for i, (a, b) in enumerate(zip(whole, parts)) if a != b]
if len(whole) != 2600 or len(parts) != 2600 or bad:
    print(f"FAIL: JSON {len(whole)} rows whole, {len(parts)} in pieces, {len(bad)} differ: "
          f"{[whole[i] for i in bad[:2]]} vs {[parts[i] for i in bad[:2]]}")
    sys.exit(1)
notes = sum(1 for r in whole if r.get("note"))
print(f"{len(whole)} rows, {notes} with a note: the same whole and in pieces")
PY
grep -q "rows needed more than a plain match" "$tmp/all.err" || { echo "FAIL: no summary"; fail=1; }
[ $fail -eq 0 ] && echo "PASS: the two-thread batch is the one-thread batch"
exit $fail
