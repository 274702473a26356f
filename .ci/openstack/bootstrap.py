#!/usr/bin/python3
"""Registers the test cloud in Keystone once every API answers; part of `start`.

Creates regions RegionOne (by keystone-manage bootstrap), RegionTwo and RegionOld, the catalog
(public and internal endpoints, key-manager included; RegionTwo without volumev3; RegionOld with the older-Neutron
proxy as its network endpoint), project scs-test with user scs-member holding
only the member role, the service user the APIs validate tokens with, the four standard
default security-group rules, and writes RUN/clouds.yaml.

Usage: bootstrap.py RUN   (passwords in ADMIN_PW, MEMBER_PW, SERVICE_PW, WRONG_PW)
"""

import json
import os
import sys
import time
import uuid

import requests
import yaml

from keystone_token import TIMEOUT, password_token

HOST = "127.0.0.1"
KS = f"http://{HOST}:5000/v3"
ENDPOINTS = {
    # type: (name, url); Cinder only as volumev3 with the project in the URL, the way Kolla and
    # OSISM (the SCS reference implementation) register it.
    "compute": ("nova", f"http://{HOST}:8774/v2.1"),
    "image": ("glance", f"http://{HOST}:9292"),
    "volumev3": ("cinderv3", f"http://{HOST}:8776/v3/%(project_id)s"),
    "network": ("neutron", f"http://{HOST}:9696"),
    "placement": ("placement", f"http://{HOST}:8778"),
    # Barbican: scs-0116's key manager.
    "key-manager": ("barbican", f"http://{HOST}:9311"),
}
# No volumev3: a missing service.
REGION_TWO_TYPES = ["identity", "compute", "image", "network", "placement", "key-manager"]
# RegionOld: everything as in RegionOne, but its network endpoint is old_neutron.py, the same
# Neutron without /v2.0/default-security-group-rules (as before 2023.2).
OLD_NEUTRON_URL = f"http://{HOST}:9697"
STANDARD_DEFAULT_RULES = [
    # Neutron's template for new security groups (its migration data step, skipped on sqlite):
    # egress everywhere for every group; ingress from members of the same group for `default`.
    {"direction": "egress", "ethertype": "IPv4", "used_in_default_sg": True, "used_in_non_default_sg": True},
    {"direction": "egress", "ethertype": "IPv6", "used_in_default_sg": True, "used_in_non_default_sg": True},
    {"direction": "ingress", "ethertype": "IPv4", "remote_group_id": "PARENT", "used_in_default_sg": True, "used_in_non_default_sg": False},
    {"direction": "ingress", "ethertype": "IPv6", "remote_group_id": "PARENT", "used_in_default_sg": True, "used_in_non_default_sg": False},
]


def fail(msg):
    print(f"bootstrap: error: {msg}", file=sys.stderr)
    sys.exit(1)


def check(resp, what):
    if resp.status_code >= 400:
        fail(f"{what}: {resp.request.method} {resp.url} -> {resp.status_code} {resp.text[:300]}")
    return resp.json() if resp.content else None


def token(user, password, project):
    r = password_token(KS, user, password, project)
    data = check(r, f"token for {user}")
    return r.headers["X-Subject-Token"], data["token"]


class Keystone:
    def __init__(self, tok):
        self.s = requests.Session()
        self.s.headers["X-Auth-Token"] = tok

    def find(self, kind, **query):
        items = check(self.s.get(f"{KS}/{kind}", params=query, timeout=TIMEOUT), f"list {kind}")[kind]
        return items[0] if items else None

    def ensure(self, kind, one, body, **query):
        found = self.find(kind, **query)
        if found:
            return found
        return check(self.s.post(f"{KS}/{kind}", json={one: body}, timeout=TIMEOUT), f"create {one}")[one]

    def grant(self, project, user, role):
        r = self.s.put(f"{KS}/projects/{project['id']}/users/{user['id']}/roles/{role['id']}", timeout=TIMEOUT)
        check(r, f"role {role['name']} for {user['name']}")


def main():
    run = sys.argv[1]
    pw = {k: os.environ[k] for k in ("ADMIN_PW", "MEMBER_PW", "SERVICE_PW", "WRONG_PW")}
    admin_tok, _ = token("admin", pw["ADMIN_PW"], "admin")
    ks = Keystone(admin_tok)

    regions = {r["id"] for r in check(ks.s.get(f"{KS}/regions", timeout=TIMEOUT), "regions")["regions"]}
    for region in {"RegionOne", "RegionTwo", "RegionOld"} - regions:
        check(ks.s.post(f"{KS}/regions", json={"region": {"id": region}}, timeout=TIMEOUT), f"region {region}")

    roles = {name: ks.find("roles", name=name) for name in ("admin", "member")}
    if not all(roles.values()):
        fail(f"keystone-manage bootstrap did not create the admin and member roles: {roles}")
    service_project = ks.ensure("projects", "project", {"name": "service", "domain_id": "default"}, name="service")
    test_project = ks.ensure("projects", "project", {"name": "scs-test", "domain_id": "default",
                                                     "description": "SCS SDK integration tests"}, name="scs-test")
    service_user = ks.ensure("users", "user", {"name": "scs-service", "domain_id": "default",
                                               "password": pw["SERVICE_PW"]}, name="scs-service")
    member_user = ks.ensure("users", "user", {"name": "scs-member", "domain_id": "default",
                                              "password": pw["MEMBER_PW"]}, name="scs-member")
    ks.grant(service_project, service_user, roles["admin"])
    # Neutron 29's policies let a service (a service token carrying role `service`) unbind and
    # delete a server's port; Zed's keystone-manage bootstrap does not create that role yet.
    service_role = ks.ensure("roles", "role", {"name": "service"}, name="service")
    ks.grant(service_project, service_user, service_role)
    ks.grant(test_project, member_user, roles["member"])

    services = {"identity": ks.find("services", type="identity")}
    for stype, (name, _) in ENDPOINTS.items():
        services[stype] = ks.ensure("services", "service", {"type": stype, "name": name}, type=stype)
    identity_url = f"http://{HOST}:5000/v3"
    urls = {"identity": identity_url, **{t: u for t, (_, u) in ENDPOINTS.items()}}
    old_urls = {**urls, "network": OLD_NEUTRON_URL}
    for region, types, where in (("RegionOne", list(urls), urls), ("RegionTwo", REGION_TWO_TYPES, urls),
                                 ("RegionOld", list(urls), old_urls)):
        for stype in types:
            for interface in ("public", "internal"):
                ks.ensure("endpoints", "endpoint", {
                    "service_id": services[stype]["id"], "interface": interface,
                    "region_id": region, "url": where[stype]},
                    service_id=services[stype]["id"], interface=interface, region_id=region)

    # Every API must accept a member's token (keystonemiddleware validates it with scs-service).
    member_tok, member = token("scs-member", pw["MEMBER_PW"], "scs-test")
    project_id = member["project"]["id"]
    h = {"X-Auth-Token": member_tok}
    probes = {
        "compute": (f"http://{HOST}:8774/v2.1/flavors", {"OpenStack-API-Version": "compute 2.61"}),
        "image": (f"http://{HOST}:9292/v2/images", {}),
        "volumev3": (f"http://{HOST}:8776/v3/{project_id}/types", {}),
        "network": (f"http://{HOST}:9696/v2.0/security-groups", {}),
        "network (RegionOld)": (f"{OLD_NEUTRON_URL}/v2.0/security-groups", {}),
        "key-manager": (f"http://{HOST}:9311/v1/secrets", {}),
    }
    for stype, (url, extra) in probes.items():
        for attempt in range(40):
            r = requests.get(url, headers={**h, **extra}, timeout=TIMEOUT)
            if r.status_code < 500:
                break
            time.sleep(0.5)
        check(r, f"{stype} with the member's token")

    # The default security-group rule template (pitfall 3 in the notes: not filled on sqlite).
    nh = {"X-Auth-Token": admin_tok}
    url = f"http://{HOST}:9696/v2.0/default-security-group-rules"
    existing = check(requests.get(url, headers=nh, timeout=TIMEOUT), "default rules")["default_security_group_rules"]
    if not existing:
        for rule in STANDARD_DEFAULT_RULES:
            check(requests.post(url, headers=nh, json={"default_security_group_rule": rule}, timeout=TIMEOUT),
                  "default rule")

    # The external network that tenant routers take their gateway from (flat, no agent: Neutron
    # only allocates the addresses).
    nets = check(requests.get(f"http://{HOST}:9696/v2.0/networks", headers=nh, params={"name": "public"}, timeout=TIMEOUT),
                 "networks")["networks"]
    if not nets:
        net = check(requests.post(f"http://{HOST}:9696/v2.0/networks", headers=nh, json={"network": {
            "name": "public", "router:external": True, "shared": False,
            "provider:network_type": "flat", "provider:physical_network": "public"}}, timeout=TIMEOUT),
            "external network")["network"]
        check(requests.post(f"http://{HOST}:9696/v2.0/subnets", headers=nh, json={"subnet": {
            "name": "public-subnet", "network_id": net["id"], "ip_version": 4, "cidr": "203.0.113.0/24",
            "gateway_ip": "203.0.113.1", "enable_dhcp": False}}, timeout=TIMEOUT), "external subnet")

    # Credentials that must never show in any output either (issue 7): an application
    # credential of scs-member (its own cloud, scs-appcred) and an EC2 credential of the
    # project. Both secrets join secrets.txt, which the secrets test greps outputs for.
    mh = {"X-Auth-Token": member_tok}
    member_id = member["user"]["id"]
    appcred = check(requests.post(f"{KS}/users/{member_id}/application_credentials", headers=mh,
                                  json={"application_credential": {"name": f"scs-test-{uuid.uuid4().hex[:8]}"}},
                                  timeout=TIMEOUT), "application credential")["application_credential"]
    ec2_secret = uuid.uuid4().hex
    blob = json.dumps({"access": uuid.uuid4().hex, "secret": ec2_secret})
    check(requests.post(f"{KS}/credentials", headers=mh,
                        json={"credential": {"type": "ec2", "user_id": member_id,
                                             "project_id": project_id, "blob": blob}},
                        timeout=TIMEOUT), "EC2 credential")
    with open(os.path.join(run, "secrets.txt"), "a") as f:
        f.write(f"{appcred['secret']}\n{ec2_secret}\n")

    def cloud(user, password, project, region="RegionOne", auth_url=identity_url):
        return {"auth_type": "password", "auth": {
            "auth_url": auth_url, "username": user, "password": password, "project_name": project,
            "user_domain_name": "Default", "project_domain_name": "Default"},
            "region_name": region, "interface": "public", "identity_api_version": 3}

    clouds = {"clouds": {
        "scs-member": cloud("scs-member", pw["MEMBER_PW"], "scs-test"),
        "scs-admin": cloud("admin", pw["ADMIN_PW"], "admin"),
        "scs-wrong-password": cloud("scs-member", pw["WRONG_PW"], "scs-test"),
        "scs-unreachable": cloud("scs-member", pw["MEMBER_PW"], "scs-test", auth_url=f"http://{HOST}:9/v3"),
        "scs-no-volume": cloud("scs-member", pw["MEMBER_PW"], "scs-test", region="RegionTwo"),
        "scs-old-neutron": cloud("scs-member", pw["MEMBER_PW"], "scs-test", region="RegionOld"),
        "scs-appcred": {"auth_type": "v3applicationcredential", "auth": {
            "auth_url": identity_url, "application_credential_id": appcred["id"],
            "application_credential_secret": appcred["secret"]},
            "region_name": "RegionOne", "interface": "public", "identity_api_version": 3},
    }}
    path = os.path.join(run, "clouds.yaml")
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("# Written by .ci/openstack/start: the loopback test cloud. Passwords change at every fresh start.\n")
        yaml.safe_dump(clouds, f, sort_keys=False)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
