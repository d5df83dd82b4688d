#!/bin/bash
# test_hostile_store.sh: every bad input of the hostile corpus (tests/cli/hostile/
# inputs, plus the big and binary ones made by make_inputs.py) is fed to import
# and add against a store with known content: each must exit non-zero with a
# message naming file, line and reason, leave the store byte-for-byte unchanged
# (integrity_check ok, same rows) and leave no stray file. The inputs that are
# accepted (BOM, CRLF, SQL in names, ...) must import and round-trip verbatim.
# Usage: test_hostile_store.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_hostile_store.sh FRONTIERMAP}
here=$(cd "$(dirname "$0")/.." && pwd)
# library caches (fontconfig through Pango) are not leaks: tests/lsan.supp
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
in=$here/cli/hostile/inputs
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/hostile.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/cli/hostile/make_inputs.py" "$tmp/gen" || exit 1
mkdir -p "$tmp/w"
fail=0
T=60
"$fm" import --db "$tmp/base.gpkg" "$here/cli/fixtures/acled_current.csv" >/dev/null 2>&1 ||
  { echo "FAIL: cannot build the base store"; exit 1; }
base_sum=$(sha256sum < "$tmp/base.gpkg")

rows() { # rows DB -> "integrity rows rtree"
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0],
      c.execute("SELECT count(*) FROM incidents").fetchone()[0],
      c.execute("SELECT count(*) FROM rtree_incidents_geom").fetchone()[0])
PY
}

# bad FILE REGEX [import options...]: import must fail cleanly
bad() {
  local f=$1 re=$2; shift 2
  rm -rf "$tmp/w"; mkdir -p "$tmp/w"; cp "$tmp/base.gpkg" "$tmp/w/s.gpkg"
  local before; before=$(ls -A "$(dirname "$f")" | sort)
  timeout $T "$fm" import --db "$tmp/w/s.gpkg" "$@" "$f" >"$tmp/out" 2>"$tmp/err"
  local rc=$? why=""
  [ $rc -eq 1 ] || [ $rc -eq 2 ] || why="exit $rc"
  grep -Eq -- "$re" "$tmp/err" || why="$why; message not /$re/"
  grep -Eqi "database is locked|runtime error|AddressSanitizer|LeakSanitizer" "$tmp/err" && why="$why; raw error"
  [ "$(sha256sum < "$tmp/w/s.gpkg")" = "$base_sum" ] || why="$why; store changed"
  [ "$(ls -A "$tmp/w")" = "s.gpkg" ] || why="$why; stray files: $(ls -A "$tmp/w" | tr '\n' ' ')"
  [ "$(ls -A "$(dirname "$f")" | sort)" = "$before" ] || why="$why; files left next to the input"
  [ "$(rows "$tmp/w/s.gpkg")" = "ok 20 20" ] || why="$why; integrity/rows"
  if [ -n "$why" ]; then
    echo "FAIL $(basename "$f"): ${why#; }"; sed 's/^/    /' "$tmp/err" | head -c 600; fail=1
  else
    printf '  ok %-26s %s\n' "$(basename "$f")" "$(head -c 150 "$tmp/err" | head -1)"
  fi
}

# good FILE ADDED SQL EXPECTED: import must succeed and SQL must print EXPECTED
good() {
  local f=$1 n=$2 sql=$3 want=$4
  rm -rf "$tmp/w"; mkdir -p "$tmp/w"; cp "$tmp/base.gpkg" "$tmp/w/s.gpkg"
  timeout $T "$fm" import --db "$tmp/w/s.gpkg" "$f" >"$tmp/out" 2>"$tmp/err"
  local rc=$? got
  got=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("|".join(str(r[0]) for r in c.execute(sys.argv[2])))' "$tmp/w/s.gpkg" "$sql" 2>&1)
  if [ $rc -ne 0 ] || ! grep -q "$n added" "$tmp/out" || [ "$got" != "$want" ] ||
     [ "$(rows "$tmp/w/s.gpkg")" != "ok $((20 + n)) $((20 + n))" ]; then
    echo "FAIL accepted input $(basename "$f"): exit $rc, got '$got' want '$want'"; cat "$tmp/err"; fail=1
  else
    printf '  ok %-26s accepted: %s\n' "$(basename "$f")" "$got"
  fi
}

echo "import: refused inputs"
F='[^ ]+\.(csv|json|geojson|gpkg)'
bad "$in/empty.csv"              "empty\.csv' is empty"
bad "$in/blank_lines.csv"        "blank_lines\.csv' is empty"
bad "$in/header_only.csv"        "header_only\.csv' has a header but no rows"
bad "$tmp/w"                     "is a directory"
bad "$tmp/nonexistent.csv"       "nonexistent\.csv.*(No such file|not found|cannot)"
bad "$tmp/gen/binary.csv"        "binary\.csv:1: binary data"
bad "$tmp/gen/binary_late.csv"   "binary_late\.csv:3: NUL byte"
bad "$tmp/gen/png_renamed.csv"   "png_renamed\.csv:1: the header is not valid UTF-8"
bad "$tmp/gen/utf16le.csv"       "utf16le\.csv: file is UTF-16; convert"
bad "$tmp/gen/utf16be.csv"       "utf16be\.csv: file is UTF-16; convert"
bad "$tmp/gen/utf16le_nobom.csv" "utf16le_nobom\.csv:1: looks like UTF-16"
bad "$tmp/gen/latin1.csv"        "latin1\.csv:2: location is not valid UTF-8 \(byte 0xE9.*iconv -f LATIN1"
bad "$tmp/gen/utf8_overlong.csv" "utf8_overlong\.csv:2: location is not valid UTF-8"
bad "$tmp/gen/big_field.csv"     "big_field\.csv:2: field 9 is longer than"
bad "$tmp/gen/big_field_unquoted.csv" "big_field_unquoted\.csv:2: field 9 is longer than"
bad "$tmp/gen/long_name.csv"     "long_name\.csv:2: location is too long \(12000 bytes"
bad "$tmp/gen/many_columns.csv"  "many_columns\.csv: no date column"
bad "$tmp/gen/one_line_no_newline.csv" "no date column"
bad "$in/unbalanced_quote.csv"   "unbalanced_quote\.csv:2: unbalanced quotes"
bad "$in/text_after_quote.csv"   "text_after_quote\.csv:2: unexpected character after closing quote"
bad "$in/missing_date_col.csv"   "missing_date_col\.csv: no date column"
bad "$in/missing_coord_cols.csv" "missing_coord_cols\.csv: no coordinates"
bad "$in/missing_id_col.csv"     "missing_id_col\.csv: no event id column"
bad "$in/short_row.csv"          "short_row\.csv:2: 8 fields where the header has 9"
bad "$in/long_row.csv"           "long_row\.csv:2: 10 fields where the header has 9"
bad "$in/long_id.csv"            "long_id\.csv:2: source id is too long"
bad "$in/dup_ids.csv"            "dup_ids\.csv:4: duplicate source id 'HD1'"
bad "$in/lat_nan.csv"            "lat_nan\.csv:2: latitude 'nan' is not a number"
bad "$in/lat_inf.csv"            "lat_inf\.csv:2: latitude 'Inf' is not a number"
bad "$in/lat_neg_inf.csv"        "lat_neg_inf\.csv:2: latitude '-Infinity' is not a number"
bad "$in/lat_1e400.csv"          "lat_1e400\.csv:2: latitude '1e400' is not a number"
bad "$in/lat_95.csv"             "lat_95\.csv:2: latitude 95 is out of range"
bad "$in/lat_neg91.csv"          "lat_neg91\.csv:2: latitude -91 is out of range"
bad "$in/lon_181.csv"            "lon_181\.csv:2: longitude 181 is out of range"
bad "$in/lat_garbage.csv"        "lat_garbage\.csv:2: latitude '32.4659abc' is not a number"
bad "$in/lon_missing.csv"        "lon_missing\.csv:2: only one of latitude and longitude"
bad "$in/null_island.csv"        "null_island\.csv:2: coordinates 0,0 look like a missing value"
bad "$in/swapped.csv"            "swapped\.csv:2: latitude and longitude look swapped"
bad "$in/swapped_peshawar.csv"   "swapped_peshawar\.csv:2: latitude and longitude look swapped"
bad "$in/date_feb30.csv"         "date_feb30\.csv:2: invalid date '2025-02-30': 2025-02 has no day 30"
bad "$in/date_ambiguous.csv"     "date_ambiguous\.csv:2: ambiguous date '31/12/24'"
bad "$in/date_month13.csv"       "date_month13\.csv:2: invalid date '2025-13-01'"
bad "$in/date_word.csv"          "date_word\.csv:2: invalid date 'yesterday'"
bad "$in/date_huge_year.csv"     "date_huge_year\.csv:2: .*date '99999-01-01'"
bad "$in/date_empty.csv"         "date_empty\.csv:2: no date"
bad "$in/fatal_negative.csv"     "fatal_negative\.csv:2: negative count"
bad "$in/fatal_absurd.csv"       "fatal_absurd\.csv:2: fatalities 250000 is out of range"
bad "$in/fatal_overflow.csv"     "fatal_overflow\.csv:2: fatalities '9+' is not a whole number"
bad "$in/fatal_fraction.csv"     "fatal_fraction\.csv:2: fatalities '2.5' is not a whole number"
bad "$in/fatal_word.csv"         "fatal_word\.csv:2: fatalities 'many' is not a whole number"
bad "$in/geojson_bad_date.geojson" "geojson_bad_date\.geojson:1: invalid date"
bad "$in/geojson_truncated.geojson" "geojson_truncated\.geojson' as GeoJSON"
bad "$in/not_geojson.json"       "not_geojson\.json' as GeoJSON"
bad "$in/fake.gpkg"              "fake\.gpkg' as GeoJSON or GeoPackage"
bad "$in/sql_name.csv"           "no input file|unknown" --format nope
# strict numbers and dates: decimal integers for counts, plain decimals for
# coordinates, the documented date forms as the whole field
bad "$tmp/gen/count_hex.csv"      "count_hex\.csv:2: fatalities '0x20' is not a whole number"
bad "$tmp/gen/count_exp.csv"      "count_exp\.csv:2: fatalities '1e2' is not a whole number"
bad "$tmp/gen/coord_exp.csv"      "coord_exp\.csv:2: latitude '3.24659e1' is not a number"
bad "$tmp/gen/coord_hex.csv"      "coord_hex\.csv:2: longitude '0x45' is not a number"
bad "$tmp/gen/coord_comma.csv"    "coord_comma\.csv:2: latitude '32,4659' is not a number"
bad "$tmp/gen/date_minus.csv"     "date_minus\.csv:2: invalid date '-2025-10-01'"
bad "$tmp/gen/date_range.csv"     "date_range\.csv:2: invalid date '2025-10-01 to 2025-10-05'"
bad "$tmp/gen/date_trailing.csv"  "date_trailing\.csv:2: invalid date '2025-10-01x'"
bad "$tmp/gen/date_double_sep.csv" "date_double_sep\.csv:2: invalid date '2025--10--01'"
# one bad file among good ones: nothing of the good ones is kept
bad "$in/date_feb30.csv"         "date_feb30\.csv:2: invalid date" "$in/bom.csv" "$in/crlf.csv"
# --skip-bad with an unwritable rejects file: refused before anything is kept
bad "$in/date_feb30.csv"         "cannot write rejects" --skip-bad --rejects /nonexistent/dir/r.csv

echo "import: accepted inputs"
good "$in/bom.csv"  1 "SELECT location FROM incidents WHERE source_id='HB1'" "Wana"
good "$in/crlf.csv" 2 "SELECT replace(notes, char(13), '<CR>') FROM incidents WHERE source_id='HC1'" "crlf<CR>
note"
good "$tmp/gen/lone_cr.csv" 1 "SELECT location FROM incidents WHERE source_id='HX1'" "Wana"
good "$in/stray_quote.csv" 1 "SELECT location FROM incidents WHERE source_id='HQ1'" 'Wa"na'
good "$in/sql_name.csv" 1 "SELECT location || ' / ' || notes FROM incidents WHERE source_id='HI1'" \
  "'; DROP TABLE incidents; -- / Robert'); DELETE FROM incidents;--"
good "$in/sql_id.csv" 1 "SELECT source_id FROM incidents WHERE source_id LIKE '%DROP%'" \
  "'; DROP TABLE incidents; --"
good "$in/outside_country.csv" 1 "SELECT flags FROM incidents WHERE source_id='HS3'" "outside-country"

echo "import --skip-bad: the good rows in, the bad ones in the rejects file"
cp "$tmp/base.gpkg" "$tmp/skip.gpkg"
cat "$in/bom.csv" > "$tmp/mixed.csv"
tail -n +2 "$in/date_feb30.csv" >> "$tmp/mixed.csv"
tail -n +2 "$in/swapped.csv" >> "$tmp/mixed.csv"
timeout $T "$fm" import --db "$tmp/skip.gpkg" --skip-bad "$tmp/mixed.csv" >"$tmp/out" 2>"$tmp/err"
if [ $? -ne 0 ] || ! grep -q "1 added.*2 rejected" "$tmp/out" || [ "$(rows "$tmp/skip.gpkg")" != "ok 21 21" ] ||
   ! grep -q "^HT1,.*,3,\"*invalid date" "$tmp/mixed.csv.rejects.csv" ||
   ! grep -q "^HS1,.*,4,\"*latitude and longitude look swapped" "$tmp/mixed.csv.rejects.csv"; then
  echo "FAIL --skip-bad"; cat "$tmp/out" "$tmp/err" "$tmp/mixed.csv.rejects.csv" 2>/dev/null; fail=1
else
  echo "  ok --skip-bad: 1 added, 2 rejected with line and reason"
fi

echo "add: the same checks by hand"
addbad() { # addbad REGEX ARGS...
  local re=$1; shift
  cp "$tmp/base.gpkg" "$tmp/a.gpkg"
  timeout $T "$fm" add --db "$tmp/a.gpkg" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq 0 ] || [ $rc -gt 2 ] || ! grep -Eq -- "$re" "$tmp/err" ||
     [ "$(sha256sum < "$tmp/a.gpkg")" != "$base_sum" ]; then
    echo "FAIL add $(echo "$*" | head -c 100): exit $rc"; cat "$tmp/err"; fail=1
  else
    printf '  ok add %-40.40s %s\n' "$*" "$(head -1 "$tmp/err" | head -c 110)"
  fi
}
long=$(printf 'Wana%.0s' $(seq 1 3000))
A=(--type Battles --country Pakistan)
addbad "latitude and longitude look swapped" --date 2025-10-01 --lat 69.6547 --lon 32.4659 "${A[@]}"
addbad "2025-02 has no day 30" --date 2025-02-30 --lat 32.4659 --lon 69.6547 "${A[@]}"
addbad "ambiguous date" --date 31/12/24 --lat 32.4659 --lon 69.6547 "${A[@]}"
addbad "latitude|not a number|finite|out of range" --date 2025-10-01 --lat NaN --lon 69.6 "${A[@]}"
addbad "latitude|not a number|finite|out of range" --date 2025-10-01 --lat inf --lon 69.6 "${A[@]}"
addbad "out of range|not a number" --date 2025-10-01 --lat 32.4 --lon 400 "${A[@]}"
addbad "killed|fatalities|negative|out of range|whole number" --date 2025-10-01 --lat 32.4 --lon 69.6 --killed -5 "${A[@]}"
addbad "must be 0\.\.100000|out of range" --date 2025-10-01 --lat 32.4 --lon 69.6 --killed 99999999 "${A[@]}"
addbad "too long|not found in the gazetteer" --date 2025-10-01 --place "$long" "${A[@]}"
addbad "too long" --date 2025-10-01 --lat 32.4 --lon 69.6 --actor1 "$long" "${A[@]}"
addbad "not valid UTF-8" --date 2025-10-01 --lat 32.4 --lon 69.6 --notes "$(printf 'caf\xe9')" "${A[@]}"
addbad "not found|unknown|no place" --date 2025-10-01 --place "'; DROP TABLE incidents; --" "${A[@]}"
addbad "invalid date '-2025-10-01'" --date -2025-10-01 --lat 32.4659 --lon 69.6547 "${A[@]}"
addbad "invalid date '2025-10-01 to 2025-10-05'" --date "2025-10-01 to 2025-10-05" --lat 32.4659 --lon 69.6547 "${A[@]}"
addbad "not a number|--lat" --date 2025-10-01 --lat 3.24659e1 --lon 69.6547 "${A[@]}"
addbad "not a number|--lon" --date 2025-10-01 --lat 32.4659 --lon 0x45 "${A[@]}"
addbad "whole number|--killed" --date 2025-10-01 --lat 32.4659 --lon 69.6547 --killed 0x20 "${A[@]}"
addbad "whole number|--killed" --date 2025-10-01 --lat 32.4659 --lon 69.6547 --killed 1e2 "${A[@]}"

[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
