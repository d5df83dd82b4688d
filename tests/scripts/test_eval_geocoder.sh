#!/bin/bash
# test_eval_geocoder.sh: a smoke run of scripts/eval-geocoder --quick (400 GED
# strings when ../shared has the UCDP file, the held-out town and crossing
# lists always): the script runs, prints every figure, and the spelling lists
# stay above a floor well under the issue's target (the full run is by hand).
# Usage: test_eval_geocoder.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_eval_geocoder.sh FRONTIERMAP}
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out=$("$repo/scripts/eval-geocoder" "$fm" --quick)
echo "$out"
grep -q "^town spellings" <<<"$out"
grep -q "^crossing spellings" <<<"$out"
if [ -f "${UCDP_CSV:-$repo/../shared/data/ucdp-ged-pakistan-1989-2021.csv}" ]; then
  grep -q "^UCDP GED, all .*within 10 km .*within 50 km .*right district .*confident wrong .*refused" <<<"$out"
fi
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
t = re.search(r"^town spellings.*?: (\d+)/(\d+) within", out, re.M)
c = re.search(r"^crossing spellings.*?: (\d+)/(\d+) within", out, re.M)
assert int(t.group(1)) >= 0.8 * int(t.group(2)), "town spellings fell below 80%"
assert int(c.group(1)) >= 0.8 * int(c.group(2)), "crossing spellings fell below 80%"
for name in ("acled-report.csv", "acled-report2.csv"):  # ACLED-style lists: issue 13's targets
    m = re.search(r"^place strings \(scripts/eval-geocoder.d/" + re.escape(name) +
                  r"\): (\d+)/(\d+) within tolerance.*confident wrong (\d+)", out, re.M)
    assert m, name + " not reported"
    assert int(m.group(1)) >= 0.85 * int(m.group(2)), name + " fell below 85% within tolerance"
    assert int(m.group(3)) == 0, name + ": a confident wrong answer"
for m in re.finditer(r"confident wrong ([\d.]+)%", out):
    assert float(m.group(1)) <= 2.0, "confident wrong above 2% on GED"
print("eval smoke: ok")
PY
