#!/usr/bin/env python3
"""A third party's check of a sapm store, written from docs/store-format.md alone
("Signatures") with another Ed25519 implementation (Python's cryptography package).

    verify-signatures.py STORE      prints one line per record that fails, then a
                                    summary line; exit 0 sound, 1 not.
"""
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def main(path):
    data = open(path, "rb").read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    prev = "0" * 64
    keys = {}  # user -> enrolled public key (hex), as the roster stood
    roles = {}  # user -> set of roles
    signed = unsigned = 0
    problems = []
    is_signed_store = False
    for n, raw in enumerate(lines, 1):
        rec = json.loads(raw)
        if rec["seq"] != n or rec["prev"] != prev:
            problems.append(f"record {n}: chain broken")
            break
        prev = hashlib.sha256(raw).hexdigest()
        payload, actor = rec["payload"], rec["actor"]
        expected = payload.get("creatorKey") if n == 1 else keys.get(actor)
        good = False
        if "sig" not in rec:
            unsigned += 1
        else:
            # The signed bytes: the line without its "sig" member (comma included).
            member = b',"sig":"' + rec["sig"].encode() + b'"'
            body = raw.replace(member, b"", 1)
            try:
                Ed25519PublicKey.from_public_bytes(bytes.fromhex(rec["key"])).verify(
                    bytes.fromhex(rec["sig"]), body)
            except (InvalidSignature, ValueError):
                problems.append(f"record {n}: bad signature")
            else:
                if rec["key"] != expected:
                    problems.append(f"record {n}: key not enrolled for {actor}")
                else:
                    signed += 1
                    good = True
        # The roster's key bindings, as the fold keeps them: in a signed store a role
        # change counts only when signed by its actor's enrolled key.
        t = rec["type"]
        if is_signed_store and t in ("role.granted", "role.revoked"):
            if not good or "admin" not in roles.get(actor, set()):
                continue  # not counted: unsigned, forged, or not an administrator's
        if n == 1 and payload.get("creatorKey"):
            is_signed_store = True
            keys[actor] = payload["creatorKey"]
            roles.setdefault(actor, set()).add("admin")
        elif t == "role.granted":
            roles.setdefault(payload["user"], set()).add(payload["role"])
            if payload.get("key"):
                keys[payload["user"]] = payload["key"]
        elif t == "role.revoked":
            user = payload["user"]
            if payload.get("role") is None:
                roles.pop(user, None)
            elif not payload.get("regions"):
                roles.get(user, set()).discard(payload["role"])
            if not roles.get(user):
                keys.pop(user, None)
    for p in problems:
        print(p)
    print(f"records {len(lines)} signed {signed} unsigned {unsigned} problems {len(problems)}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
