#!/usr/bin/env python3
"""legend_whole.py: whether a map's legend keeps each section in one column,
read from what was drawn (issue 14): the words of the PDF (pdftotext -bbox)
inside the legend's box of the label list (BASE.pdf and BASE.csv, drawn by
one command: --out BASE.pdf --label-list BASE.csv). An entry is in its
heading's column when its text starts right of the heading's start by less
than a key's width and lies below it; on the A3 portrait KP map of 2009-2014
"nearby incidents combined" stood at the head of the third column, the
Symbols heading at the foot of the second.
Usage: legend_whole.py BASE...; prints each split and exits 1 when any.
"""
import csv, re, subprocess, sys

SECTIONS = {
    "Incidents by type": ["Battles", "Explosions/Remote", "Violence against", "Protests",
                          "Riots", "Strategic developments"],
    "Fatalities (best": ["none or not"],
    "Symbols": ["location approximate", "nearby incidents"],
    "Reference": ["border crossing", "major city", "town or district", "International boundary",
                  "main road,", "buffer ring,", "province boundary"],
}


def words_in(pdf, box):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True,
                         check=True).stdout
    ws = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                         r'([^<]*)</word>', out):
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        if x0 >= box[0] - 1 and x1 <= box[2] + 1 and y0 >= box[1] - 1 and y1 <= box[3] + 1:
            ws.append((x0, y0, m.group(5).replace("&amp;", "&")))
    return ws


def find(ws, phrase):
    """(x, y) of the first word of each run of words spelling phrase."""
    p = phrase.split()
    return [(ws[i][0], ws[i][1]) for i in range(len(ws) - len(p) + 1)
            if all(ws[i + k][2] == p[k] for k in range(len(p)))]


def splits(base):
    rows = list(csv.DictReader(open(base + ".csv", encoding="utf-8")))
    lg = next(r for r in rows if r["record"] == "legend")
    ws = words_in(base + ".pdf", [float(lg[k]) for k in ("x0", "y0", "x1", "y1")])
    bad = []
    for head, entries in SECTIONS.items():
        hs = find(ws, head)
        if not hs:
            continue
        hx, hy = hs[0]
        for e in entries:
            for ex, ey in find(ws, e):
                if not (0 <= ex - hx < 40 and ey > hy):
                    bad.append(f"'{e}' not under '{head}' ({ex:.0f},{ey:.0f} vs {hx:.0f},{hy:.0f})")
    return bad


def main(bases):
    n = 0
    for b in bases:
        for s in splits(b):
            print(f"{b.rsplit('/', 1)[-1]}: {s}")
            n += 1
    print(f"{len(bases)} legends, {n} entries out of their section's column")
    return 1 if n else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
