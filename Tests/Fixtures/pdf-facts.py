#!/usr/bin/env python3
"""What a test needs to know of a PDF, with the standard library only: its page count
and the fill colours its drawing uses (to see that a chart was drawn). Prints
`pages N` then one `fill R G B` line per distinct colour (0–255)."""
import re, sys, zlib

data = open(sys.argv[1], "rb").read()
pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
fills = set()
for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
    try:
        text = zlib.decompress(stream)
    except zlib.error:
        continue
    for r, g, b in re.findall(rb"([0-9.]+) ([0-9.]+) ([0-9.]+) rg", text):
        fills.add(tuple(round(float(v) * 255) for v in (r, g, b)))
print("pages", pages)
for r, g, b in sorted(fills):
    print("fill", r, g, b)
