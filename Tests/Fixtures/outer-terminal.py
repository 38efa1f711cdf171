#!/usr/bin/env python3
"""A terminal for a test: runs a command on a pseudo-terminal and answers what a real
terminal answers — OSC 11 (its background: light = white, dark = black) and the device
attributes request — until the command exits. Usage:
outer-terminal.py light|dark SECONDS CMD ARGS..."""
import os, pty, select, sys, time

background = b"rgb:ffff/ffff/ffff" if sys.argv[1] == "light" else b"rgb:0000/0000/0000"
deadline = time.time() + float(sys.argv[2])
pid, master = pty.fork()
if pid == 0:
    os.execvp(sys.argv[3], sys.argv[3:])
pending = b""
while time.time() < deadline:
    r, _, _ = select.select([master], [], [], 0.1)
    if not r:
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            break
        continue
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    pending = (pending + chunk)[-256:]
    if b"\x1b]11;?" in pending:
        os.write(master, b"\x1b]11;" + background + b"\x1b\\")
        pending = pending.replace(b"\x1b]11;?", b"")
    if b"\x1b[c" in pending:
        os.write(master, b"\x1b[?62;22c")
        pending = pending.replace(b"\x1b[c", b"")
try:
    os.kill(pid, 9)
except OSError:
    pass
