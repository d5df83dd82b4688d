#!/usr/bin/env python3
"""pngrepack.py FILE.png...: the same image, its pixels deflated again at level 9
(lossless; frontiermap writes level 2 for speed). Used by scripts/gallery."""
import sys, zlib, struct
def repack(path):
    d = open(path, 'rb').read()
    assert d[:8] == b'\x89PNG\r\n\x1a\n'
    i, chunks, idat = 8, [], b''
    while i < len(d):
        n, = struct.unpack('>I', d[i:i+4]); t = d[i+4:i+8]; body = d[i+8:i+8+n]; i += 12 + n
        if t == b'IDAT': idat += body
        else: chunks.append((t, body))
    raw = zlib.decompress(idat)
    def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
    out = d[:8]
    for t, b in chunks:
        if t == b'IEND': out += chunk(b'IDAT', zlib.compress(raw, 9))
        out += chunk(t, b)
    open(path, 'wb').write(out)
for p in sys.argv[1:]: repack(p)
