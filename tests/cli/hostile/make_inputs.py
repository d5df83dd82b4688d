#!/usr/bin/env python3
"""Writes the hostile-input corpus that is too big or too binary to commit:
make_inputs.py DIR. Each file has one defect (see tests/cli/hostile/README.md).
The small text inputs are committed next to this script in inputs/."""
import os, sys

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
H = "event_id_cnty,event_date,event_type,location,country,latitude,longitude,fatalities,notes\n"
ROW = "HX1,2025-10-01,Battles,Wana,Pakistan,32.4659,69.6547,1,ok\n"


def put(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


put("binary.csv", bytes(range(256)) * 64)                       # NUL bytes and all
put("binary_late.csv", (H + ROW).encode() + b"HX2,2025-10-02,\x00\x01\x02,x\n")
put("png_renamed.csv", b"\x89PNG\r\n\x1a\n" + bytes(200))
put("utf16le.csv", b"\xff\xfe" + (H + ROW).encode("utf-16-le"))
put("utf16be.csv", b"\xfe\xff" + (H + ROW).encode("utf-16-be"))
put("utf16le_nobom.csv", (H + ROW).encode("utf-16-le"))
put("latin1.csv", (H + "HX1,2025-10-01,Battles,Peshawar Caf\u00e9,Pakistan,34.01,71.58,1,ok\n")
    .encode("latin-1"))
put("utf8_overlong.csv", (H).encode() + b"HX1,2025-10-01,Battles,W\xc0\xafna,Pakistan,32.4659,69.6547,1,ok\n")
put("big_field.csv", H + "HX1,2025-10-01,Battles,Wana,Pakistan,32.4659,69.6547,1,\"" +
    "x" * (10 * 1024 * 1024) + "\"\n")
put("big_field_unquoted.csv", H + "HX1,2025-10-01,Battles,Wana,Pakistan,32.4659,69.6547,1," +
    "y" * (10 * 1024 * 1024) + "\n")
put("long_name.csv", H + "HX1,2025-10-01,Battles," + "Wana" * 3000 + ",Pakistan,32.4659,69.6547,1,ok\n")
put("many_columns.csv", ",".join(f"c{i}" for i in range(100000)) + "\n" + ",".join("1" for _ in range(100000)) + "\n")
put("one_line_no_newline.csv", "x" * 5000)
put("lone_cr.csv", H.replace("\n", "\r") + ROW.replace("\n", "\r"))

# strict numbers and dates: what strtod or a loose date reader would take
for name, date, lat, lon, fat in [
        ("count_hex", "2025-10-01", "32.4659", "69.6547", "0x20"),
        ("count_exp", "2025-10-01", "32.4659", "69.6547", "1e2"),
        ("coord_exp", "2025-10-01", "3.24659e1", "69.6547", "1"),
        ("coord_hex", "2025-10-01", "32.4659", "0x45", "1"),
        ("coord_comma", "2025-10-01", "\"32,4659\"", "69.6547", "1"),
        ("date_minus", "-2025-10-01", "32.4659", "69.6547", "1"),
        ("date_range", "2025-10-01 to 2025-10-05", "32.4659", "69.6547", "1"),
        ("date_trailing", "2025-10-01x", "32.4659", "69.6547", "1"),
        ("date_double_sep", "2025--10--01", "32.4659", "69.6547", "1")]:
    put(name + ".csv", H + f"HX1,{date},Battles,Wana,Pakistan,{lat},{lon},{fat},x\n")
