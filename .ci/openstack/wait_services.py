#!/usr/bin/python3
"""Waits until the services behind the APIs report up; part of `start`, after bootstrap.py.

Nova: nova-conductor, nova-scheduler and nova-compute up in os-services, the compute host a
hypervisor and a resource provider with inventory in Placement. Cinder: cinder-scheduler,
cinder-volume and (unless BACKUP=0) cinder-backup up in os-services, and the volume backend's
pool known to the scheduler. Fails after 180 s, naming
what is missing.

Usage: wait_services.py RUN   (admin's password: first line of RUN/secrets.txt)
"""

import os
import sys
import time

import requests

from keystone_token import TIMEOUT, password_token

HOST = "127.0.0.1"
KS = f"http://{HOST}:5000/v3"
LIMIT = 180


def admin_token(run):
    with open(os.path.join(run, "secrets.txt")) as f:
        password = f.readline().strip()
    r = password_token(KS, "admin", password, "admin")
    r.raise_for_status()
    return r.headers["X-Subject-Token"], r.json()["token"]["project"]["id"]


def missing(tok, project, backup):
    h = {"X-Auth-Token": tok}
    gone = []
    services = requests.get(f"http://{HOST}:8774/v2.1/os-services", headers=h, timeout=TIMEOUT).json().get("services", [])
    up = {s["binary"] for s in services if s.get("state") == "up" and s.get("status") == "enabled"}
    gone += [b for b in ("nova-conductor", "nova-scheduler", "nova-compute") if b not in up]
    hyps = requests.get(f"http://{HOST}:8774/v2.1/os-hypervisors", headers=h, timeout=TIMEOUT).json().get("hypervisors", [])
    if not hyps:
        gone.append("a hypervisor in Nova")
    rps = requests.get(f"http://{HOST}:8778/resource_providers", headers={**h, "OpenStack-API-Version": "placement 1.14"},
                       timeout=TIMEOUT).json().get("resource_providers", [])
    if not rps:
        gone.append("a resource provider in Placement")
    else:
        inv = requests.get(f"http://{HOST}:8778/resource_providers/{rps[0]['uuid']}/inventories",
                           headers=h, timeout=TIMEOUT).json().get("inventories", {})
        if "VCPU" not in inv:
            gone.append("the compute host's inventory in Placement")
    services = requests.get(f"http://{HOST}:8776/v3/{project}/os-services", headers=h, timeout=TIMEOUT).json().get("services", [])
    up = {s["binary"] for s in services if s.get("state") == "up" and s.get("status") == "enabled"}
    wanted = ["cinder-scheduler", "cinder-volume"] + (["cinder-backup"] if backup else [])
    gone += [b for b in wanted if b not in up]
    # cinder-volume's capabilities reach the scheduler a while after both report up; until then
    # every volume create fails with "No valid backend".
    pools = requests.get(f"http://{HOST}:8776/v3/{project}/scheduler-stats/get_pools", headers=h,
                         timeout=TIMEOUT).json().get("pools", [])
    if not pools:
        gone.append("a storage pool in cinder-scheduler")
    return gone


def main():
    run = sys.argv[1]
    backup = os.environ.get("BACKUP", "1") != "0"
    tok, project = admin_token(run)
    start = time.monotonic()
    while True:
        try:
            gone = missing(tok, project, backup)
        except (requests.RequestException, ValueError) as e:
            gone = [f"an answer ({e})"]
        if not gone:
            return
        if time.monotonic() - start > LIMIT:
            print(f"wait_services: error: after {LIMIT}s still missing: {', '.join(gone)} (logs in {run}/log)",
                  file=sys.stderr)
            sys.exit(1)
        time.sleep(1)


if __name__ == "__main__":
    main()
