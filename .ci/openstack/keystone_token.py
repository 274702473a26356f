"""A Keystone password token for the set-up scripts (bootstrap.py, wait_services.py).

Asking for a token changes nothing, so a request that times out, loses its connection or gets
a server error (5xx) is asked again. On a machine busy compiling the tests while two clouds
start, Keystone's first answer has taken more than 30 s.
"""

import sys
import time

import requests

TIMEOUT = 60
TRIES = 3


def password_token(keystone, user, password, project):
    """POST keystone/auth/tokens for user (domain default) scoped to project; the response."""
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    for attempt in range(1, TRIES + 1):
        try:
            r = requests.post(f"{keystone}/auth/tokens", json=body, timeout=TIMEOUT)
            # 5xx: sqlite's "database is locked" after its own 30 s wait, say.
            if r.status_code < 500 or attempt == TRIES:
                return r
            why = f"HTTP {r.status_code}"
        except (requests.Timeout, requests.ConnectionError) as e:
            if attempt == TRIES:
                raise
            why = type(e).__name__
        print(f"token for {user}: {why}, asking again", file=sys.stderr)
        time.sleep(2)
