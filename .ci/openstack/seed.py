#!/usr/bin/python3
"""Seeds the loopback cloud from a testkit snapshot (YAML or JSON): see README.md beside this.

    seed.py [--cloud scs-admin] [--clouds-file RUN/clouds.yaml] [--owner-project scs-test] FILE

First removes every flavor, image, volume type (but the default type, see below) and default
security-group rule, then creates those of FILE's keys `flavors`, `images`, `volume_types` and
`default_security_group_rules` (a key that is missing or null is left empty). Needs an admin.

What the APIs cannot reproduce (the server sets it): image `created_at`, `updated_at`, `size`,
`checksum`, `os_hash_value`, `virtual_size`; volume type and default-rule ids; image `status`
(every image gets 1 KiB of zeros, so it is `active` and Glance computes `os_hash_algo`
itself, sha512). Flavor ids and image ids (UUIDs) are kept (Glance refuses the id of a deleted image:
on the loopback cloud seed purges deleted images with glance-manage, see --glance-config). Cinder will not delete its default
type `__DEFAULT__`: when FILE does not list it, it is made private (members do not see it).
Private, shared and community images are owned by --owner-project, so its members see the
private ones. Exit status 1 with the API's answer on the first error.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import threading
import time
import uuid

import requests
import yaml

IMAGE_CORE = {"name", "visibility", "os_hidden", "min_disk", "min_ram", "protected", "tags",
              "container_format", "disk_format"}
# Glance sets these itself; they cannot be written.
IMAGE_READONLY = {"id", "status", "created_at", "updated_at", "size", "virtual_size", "checksum",
                  "os_hash_algo", "os_hash_value", "self", "file", "schema", "direct_url",
                  "locations", "stores", "owner", "os_glance_import_task", "os_glance_failed_import",
                  "os_glance_importing_to_stores"}
GLANCE_CONF = None
NOT_REPRODUCED = ("created_at", "updated_at", "size", "checksum", "os_hash_value", "virtual_size")
RULE_FIELDS = ("direction", "ethertype", "protocol", "port_range_min", "port_range_max",
               "remote_ip_prefix", "remote_group_id", "remote_address_group_id", "description",
               "used_in_default_sg", "used_in_non_default_sg")


class SeedError(Exception):
    pass


class SnapshotLoader(yaml.SafeLoader):
    """YAML (and so JSON) with dates kept as the strings they are written as: a property such as
    `image_build_date: 2026-11-08` goes to Glance as written."""


SnapshotLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


_local = threading.local()


def session(token):
    s = getattr(_local, "s", None)
    if s is None:
        s = _local.s = requests.Session()
    s.headers["X-Auth-Token"] = token
    return s


def call(token, method, url, what, ok=(200, 201, 202, 204), **kw):
    # A reset connection is retried for reads only: a write may have taken effect.
    tries = 3 if method == "GET" else 1
    for attempt in range(tries):
        try:
            r = session(token).request(method, url, timeout=60, **kw)
            break
        except requests.ConnectionError:
            if attempt == tries - 1:
                raise
            time.sleep(0.3)
    if r.status_code not in ok:
        raise SeedError(f"{what}: {method} {url} -> HTTP {r.status_code}: {r.text[:400]}")
    return r.json() if r.content and "json" in r.headers.get("Content-Type", "") else None


def load_cloud(clouds_file, name):
    with open(clouds_file) as f:
        clouds = yaml.safe_load(f)["clouds"]
    if name not in clouds:
        raise SeedError(f"{clouds_file}: no cloud named {name!r} (has: {', '.join(clouds)})")
    return clouds[name]


def authenticate(cloud):
    a = cloud["auth"]
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": a["username"], "password": a["password"],
            "domain": {"name": a.get("user_domain_name", "Default")}}}},
        "scope": {"project": {"name": a["project_name"],
                              "domain": {"name": a.get("project_domain_name", "Default")}}}}}
    url = a["auth_url"].rstrip("/") + "/auth/tokens"
    r = requests.post(url, json=body, timeout=60)
    if r.status_code != 201:
        raise SeedError(f"login as {a['username']}: POST {url} -> HTTP {r.status_code}")
    return r.headers["X-Subject-Token"], r.json()["token"]


def endpoint(token_body, stype, region, interface):
    for svc in token_body.get("catalog", []):
        if svc["type"] == stype:
            for ep in svc["endpoints"]:
                if ep["interface"] == interface and ep.get("region_id", ep.get("region")) == region:
                    return ep["url"].rstrip("/")
    raise SeedError(f"no {interface} {stype} endpoint in region {region}")


def each(fn, items):
    """fn on each item, one after the other: each service keeps its sqlite database, where
    concurrent writers fail with "database is locked" (WAL cannot upgrade a stale read
    transaction). The four services are seeded side by side instead (main)."""
    for i in items:
        fn(i)


def collections(snap, path):
    """The four seeded lists of the snapshot, checked for shape: {key: [mapping, ...]}."""
    if not isinstance(snap, dict):
        raise SeedError(f"{path}: a snapshot is a mapping with keys such as flavors and images")
    required = {"flavors": ("name", "vcpus", "ram", "disk"), "images": ("name",),
                "volume_types": ("name",), "default_security_group_rules": ("direction", "ethertype")}
    out = {}
    for key, fields in required.items():
        items = snap.get(key) or []
        if not isinstance(items, list):
            raise SeedError(f"{path}: {key}: expected a list, found {type(items).__name__}")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise SeedError(f"{path}: {key}[{i}]: expected a mapping, found {type(item).__name__}")
            missing = [f for f in fields if item.get(f) is None]
            if missing:
                raise SeedError(f"{path}: {key}[{i}]: missing {', '.join(missing)}")
        out[key] = items
    return out


def paged(token, url, key, what, headers=None):
    """All items of a Glance-style (`next`) or Nova/Cinder/Neutron-style (`*_links`) listing."""
    items, base = [], url.split("/v2")[0] if "/v2/images" in url else None
    while url:
        data = call(token, "GET", url, what, headers=headers or {})
        items += data[key]
        nxt = data.get("next")
        links = data.get(f"{key}_links") or []
        if nxt and base:
            url = base + nxt
        else:
            url = next((l["href"] for l in links if l.get("rel") == "next"), None)
    return items


# ------------------------------------------------------------------------ flavors (Nova)
def wipe_flavors(tok, nova):
    flavors = paged(tok, f"{nova}/flavors/detail?is_public=None", "flavors", "list flavors")
    each(lambda f: call(tok, "DELETE", f"{nova}/flavors/{f['id']}", f"delete flavor {f['name']}"), flavors)
    return len(flavors)


def create_flavor(tok, nova, f):
    body = {k: f[k] for k in ("name", "ram", "vcpus", "disk") if k in f}
    fid = f.get("id")
    if fid is not None:
        body["id"] = str(fid)
    for k in ("OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor"):
        if f.get(k) not in (None, ""):
            body[k] = f[k]
    body["os-flavor-access:is_public"] = f.get("os-flavor-access:is_public", True)
    headers = {}
    if f.get("description"):
        body["description"] = f["description"]
        headers["OpenStack-API-Version"] = "compute 2.55"
    created = call(tok, "POST", f"{nova}/flavors", f"create flavor {f['name']}",
                   json={"flavor": body}, headers=headers)["flavor"]
    specs = {k: str(v) if not isinstance(v, bool) else str(v).lower()
             for k, v in (f.get("extra_specs") or {}).items()}
    if specs:
        call(tok, "POST", f"{nova}/flavors/{created['id']}/os-extra_specs",
             f"extra specs of flavor {f['name']}", json={"extra_specs": specs})


# ------------------------------------------------------------------------ images (Glance)
def wipe_images(tok, glance):
    seen = {}
    for hidden in ("false", "true"):
        for img in paged(tok, f"{glance}/v2/images?visibility=all&os_hidden={hidden}&limit=200",
                         "images", "list images"):
            seen[img["id"]] = img

    def delete(img):
        if img.get("protected"):
            call(tok, "PATCH", f"{glance}/v2/images/{img['id']}", f"unprotect image {img['name']}",
                 data=json.dumps([{"op": "replace", "path": "/protected", "value": False}]),
                 headers={"Content-Type": "application/openstack-images-v2.1-json-patch"})
        call(tok, "DELETE", f"{glance}/v2/images/{img['id']}", f"delete image {img['name']}")
    each(delete, seen.values())
    if seen and GLANCE_CONF and os.path.exists(GLANCE_CONF):
        # Glance keeps deleted images as rows and refuses their ids ("Image ID ... already
        # exists!"). On the loopback cloud, purge them as an operator would, so the snapshot's
        # image ids can be used again.
        for cmd in (["purge"], ["purge_images_table"]):
            r = subprocess.run(["glance-manage", "--config-file", GLANCE_CONF, "db", *cmd,
                                "--age_in_days", "0", "--max_rows", "-1"],
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise SeedError(f"glance-manage db {cmd[0]}: {r.stderr.strip()[-400:]}")
    return len(seen)


def prop_value(v):
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (dict, list)):
        return json.dumps(v)
    return str(v)


def create_image(tok, glance, img, owner):
    body = {k: img[k] for k in IMAGE_CORE if img.get(k) is not None}
    body.setdefault("container_format", "bare")
    body.setdefault("disk_format", "raw")
    try:
        body["id"] = str(uuid.UUID(str(img.get("id"))))
    except ValueError:
        pass
    if body.get("visibility", "shared") != "public":
        body["owner"] = owner
    protected = body.pop("protected", False)
    for k, v in img.items():
        if k not in IMAGE_CORE and k not in IMAGE_READONLY and v is not None:
            body[k] = prop_value(v)
    name = img.get("name")
    try:
        created = call(tok, "POST", f"{glance}/v2/images", f"create image {name}", json=body)
    except SeedError as e:
        if "id" not in body or "HTTP 409" not in str(e):
            raise
        # The id belonged to a deleted image (not purged: no --glance-config): a new id.
        print(f"seed: image {name}: id {body.pop('id')} was used before; Glance picks a new one", file=sys.stderr)
        created = call(tok, "POST", f"{glance}/v2/images", f"create image {name}", json=body)
    if img.get("status", "active") == "active":
        # 1 KiB of zeros: the image becomes active and Glance computes os_hash_algo/value.
        call(tok, "PUT", f"{glance}/v2/images/{created['id']}/file", f"upload data of image {name}",
             data=b"\0" * 1024, headers={"Content-Type": "application/octet-stream"})
    if protected:
        call(tok, "PATCH", f"{glance}/v2/images/{created['id']}", f"protect image {name}",
             data=json.dumps([{"op": "replace", "path": "/protected", "value": True}]),
             headers={"Content-Type": "application/openstack-images-v2.1-json-patch"})


# ------------------------------------------------------------------------ volume types (Cinder)
def is_public(t):
    return t.get("os-volume-type-access:is_public", t.get("is_public", True))


def seed_volume_types(tok, cinder, wanted):
    existing = paged(tok, f"{cinder}/types?is_public=None", "volume_types", "list volume types")
    default = call(tok, "GET", f"{cinder}/types/default", "default volume type")["volume_type"]
    each(lambda t: call(tok, "DELETE", f"{cinder}/types/{t['id']}", f"delete volume type {t['name']}"),
             [t for t in existing if t["id"] != default["id"]])
    # Clear the default type's extra specs; it cannot be deleted.
    for key in (default.get("extra_specs") or {}):
        call(tok, "DELETE", f"{cinder}/types/{default['id']}/extra_specs/{key}", "default type spec")
    listed = next((t for t in wanted if t.get("name") == default["name"]), None)
    update = {"description": (listed or {}).get("description") or "",
              "is_public": bool(listed and is_public(listed))}
    call(tok, "PUT", f"{cinder}/types/{default['id']}", "update the default volume type",
         json={"volume_type": update})
    if listed and listed.get("extra_specs"):
        call(tok, "POST", f"{cinder}/types/{default['id']}/extra_specs", "default type specs",
             json={"extra_specs": {k: prop_value(v) for k, v in listed["extra_specs"].items()}})

    def create(t):
        body = {"name": t["name"], "os-volume-type-access:is_public": is_public(t)}
        if t.get("description") is not None:
            body["description"] = t["description"]
        if t.get("extra_specs"):
            body["extra_specs"] = {k: prop_value(v) for k, v in t["extra_specs"].items()}
        call(tok, "POST", f"{cinder}/types", f"create volume type {t['name']}", json={"volume_type": body})
    each(create, [t for t in wanted if t.get("name") != default["name"]])
    return len(existing) - 1  # the default type stays


# ------------------------------------------------------------------------ default SG rules (Neutron)
def seed_default_rules(tok, neutron, wanted):
    url = f"{neutron}/v2.0/default-security-group-rules"
    existing = paged(tok, url, "default_security_group_rules", "list default rules")
    each(lambda r: call(tok, "DELETE", f"{url}/{r['id']}", "delete default rule"), existing)

    def create(rule):
        body = {k: rule[k] for k in RULE_FIELDS if rule.get(k) is not None}
        call(tok, "POST", url, "create default rule", json={"default_security_group_rule": body})
    each(create, wanted)
    return len(existing)


def main():
    run = os.environ.get("SCS_OPENSTACK_RUN", "/tmp/scs-openstack")
    p = argparse.ArgumentParser(prog="seed", description=__doc__.split("\n\n")[0])
    p.add_argument("--cloud", default="scs-admin", help="admin cloud in the clouds file (default scs-admin)")
    p.add_argument("--clouds-file", default=os.environ.get("OS_CLIENT_CONFIG_FILE", os.path.join(run, "clouds.yaml")))
    p.add_argument("--owner-project", default="scs-test",
                   help="project owning the non-public images (default scs-test)")
    p.add_argument("--glance-config", default=os.path.join(run, "etc/glance/glance-api.conf"),
                   help="Glance's config on this machine, to purge deleted images so their ids can be used again (default: the loopback cloud's)")
    p.add_argument("file", help="snapshot (YAML or JSON) with flavors, images, volume_types, default_security_group_rules")
    args = p.parse_args()
    global GLANCE_CONF
    GLANCE_CONF = args.glance_config
    t0 = time.monotonic()
    try:
        with open(args.file) as f:
            snap = collections(yaml.load(f, Loader=SnapshotLoader), args.file)  # JSON is YAML too
        cloud = load_cloud(args.clouds_file, args.cloud)
        tok, body = authenticate(cloud)
        region, iface = cloud.get("region_name", "RegionOne"), cloud.get("interface", "public")
        nova = endpoint(body, "compute", region, iface)
        glance = endpoint(body, "image", region, iface)
        cinder = endpoint(body, "volumev3", region, iface)
        neutron = endpoint(body, "network", region, iface)
        ks = cloud["auth"]["auth_url"].rstrip("/")
        projects = call(tok, "GET", f"{ks}/projects?name={args.owner_project}", "find owner project")["projects"]
        if not projects:
            raise SeedError(f"no project named {args.owner_project!r}")
        owner = projects[0]["id"]

        flavors, images = snap["flavors"], snap["images"]
        vtypes, rules = snap["volume_types"], snap["default_security_group_rules"]
        def seed_flavors():
            n = wipe_flavors(tok, nova)
            each(lambda f: create_flavor(tok, nova, f), flavors)
            return n

        def seed_images():
            n = wipe_images(tok, glance)
            each(lambda i: create_image(tok, glance, i, owner), images)
            return n

        jobs = {"flavors": seed_flavors, "images": seed_images,
                "volume types": lambda: seed_volume_types(tok, cinder, vtypes),
                "default rules": lambda: seed_default_rules(tok, neutron, rules)}
        with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
            futures = {k: pool.submit(job) for k, job in jobs.items()}
            wiped = {k: f.result() for k, f in futures.items()}
    except (SeedError, OSError, yaml.YAMLError, requests.RequestException, KeyError) as e:
        print(f"seed: error: {e}", file=sys.stderr)
        return 1
    dropped = sorted({k for i in images for k in NOT_REPRODUCED if k in i})
    print(f"seed: removed {', '.join(f'{n} {k}' for k, n in wiped.items())}; created "
          f"{len(flavors)} flavors, {len(images)} images, {len(vtypes)} volume types, "
          f"{len(rules)} default rules in {time.monotonic() - t0:.1f}s")
    if dropped:
        print(f"seed: set by Glance, not from {args.file}: images' {', '.join(dropped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
