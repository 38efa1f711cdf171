#!/usr/bin/env python3
"""Runs sapm on a pseudo-terminal that is not its controlling terminal (as under
`su -c`, where closing the window sends no SIGHUP to sapm), closes the terminal, and
reports whether sapm exits and how much CPU it used meanwhile (issue 23: it spun at
100% for ever). Usage: terminal-gone.py SAPM ARGS... ; prints 'exited STATUS cpu S' or
'running cpu S' (then kills it)."""
import os, pty, sys, time

def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

master, slave = pty.openpty()
os.set_blocking(master, False)
pid = os.fork()
if pid == 0:
    os.setsid()  # a session of its own with no controlling terminal: no SIGHUP comes
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.close(master)
    os.environ["TERM"] = "xterm-256color"
    os.execv(sys.argv[1], sys.argv[1:])
os.close(slave)
deadline = time.time() + 10
seen = b""
first = None
# The first frame: output has come, then a second has passed (the kiosk's wall and the
# TUI's overview both draw within it).
while time.time() < deadline and (first is None or time.time() - first < 1.0):
    try:
        seen += os.read(master, 65536)
        first = first or time.time()
    except BlockingIOError:
        time.sleep(0.05)
os.close(master)  # the terminal goes away
start = cpu(pid)
for _ in range(40):
    time.sleep(0.1)
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print(f"exited {os.waitstatus_to_exitcode(status)} cpu {0:.2f}")
        sys.exit(0)
used = cpu(pid) - start
os.kill(pid, 9)
os.waitpid(pid, 0)
print(f"running cpu {used:.2f}")
