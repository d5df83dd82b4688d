"""leader_seen.py: whether the long leaders of a map's names can be seen (issue 14).

Usage: leader_seen.py MAP.png MAP.csv DPI MIN_PT
For each crossing, major city or city placed on a leader whose gap (marker's
rim to the name's box, as render/labelspot.c measures it) is over MIN_PT,
samples the line every 0.5 pt (as render/labeldraw.c draws it: from 0.6 pt
off the marker's rim to the box) and asks for the leader's dark grey within a
pixel of each point; points under a count, a name or a crossing marker, drawn
over the leaders, are not asked. Fails when under 95% of a leader's points show
it. Reads the PNG itself (8-bit RGB or RGBA, no interlace): no imaging module.
"""
import csv
import math
import struct
import sys
import zlib

MARKER = {"crossing": 3.2, "capital": 2.5, "city": 1.9, "seat": 1.6, "town": 1.3,
          "village": 1.0}


def png_read(path):
    """(width, height, channels, rows of bytes) of an 8-bit RGB(A) PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and not lace, "unsupported PNG"
            ch = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * ch, [], bytearray(w * ch)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - ch] if i >= ch else 0
            b, c = prev[i], prev[i - ch] if i >= ch else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, ch, rows


def main():
    png, lst, dpi, min_pt = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    w, h, ch, rows = png_read(png)
    k = dpi / 72
    rec = list(csv.DictReader(open(lst, encoding="utf-8")))
    over = []  # what is drawn over the leaders: counts, names, crossing markers
    for r in rec:
        if r["x0"] and r["record"] in ("symbol", "label") and (r["record"] == "symbol" or
                                                               r["placed"] == "1"):
            over.append(tuple(float(r[q]) for q in ("x0", "y0", "x1", "y1")))
        if r["record"] == "label" and r["kind"] == "crossing" and r["x"]:
            x, y = float(r["x"]), float(r["y"])
            over.append((x - 4.4, y - 4.4, x + 4.4, y + 4.4))

    def dark_grey(px, py):
        for yy in range(py - 1, py + 2):
            for xx in range(px - 1, px + 2):
                if 0 <= xx < w and 0 <= yy < h:
                    p = rows[yy][xx * ch:xx * ch + 3]
                    if max(p) - min(p) <= 24 and sum(p) / 3 <= 125:
                        return True
        return False

    fail, seen = 0, 0
    for r in rec:
        if r["record"] != "label" or r["placed"] != "1" or r["leader"] != "1" or \
                r["kind"] not in ("crossing", "capital", "city"):
            continue
        x, y, m = float(r["x"]), float(r["y"]), MARKER[r["kind"]] + 0.6
        x0, y0, x1, y1 = (float(r[q]) for q in ("x0", "y0", "x1", "y1"))
        bx, by = max(x0, min(x, x1)), max(y0, min(y, y1))
        d = math.hypot(bx - x, by - y)
        if d - m <= min_pt:
            continue
        ux, uy, n, ok = (bx - x) / d, (by - y) / d, 0, 0
        t = m + 0.5
        while t < d - 0.5:
            px, py = x + ux * t, y + uy * t
            t += 0.5
            if any(a - 0.6 <= px <= c + 0.6 and b - 0.6 <= py <= e + 0.6 for a, b, c, e in over):
                continue
            n += 1
            ok += dark_grey(int(px * k), int(py * k))
        seen += 1
        share = ok / n if n else 1
        print(f"{'ok  ' if share >= 0.95 else 'FAIL'} {r['text']}: leader {d - m:.1f} pt, "
              f"seen at {ok} of {n} points")
        fail |= share < 0.95
    if not seen:
        print("FAIL no long leader to look at")
        fail = 1
    sys.exit(fail)


main()
