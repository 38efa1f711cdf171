#!/usr/bin/env python3
"""Runs a command with its standard output on a pseudo-terminal and prints what it wrote
there (so that a test can see what a person at a terminal would). Usage:
on-terminal.py CMD ARGS..."""
import os, pty, sys

pid, master = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
