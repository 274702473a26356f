"""Nova's fake virt driver with a guest that answers the SCS entropy probe on its console.

The only simulated part of the loopback cloud: there is no hypervisor, so nova-compute runs
Nova's own `fake.FakeDriver`, and this subclass plays the guest's serial console. Everything
else (API, scheduler, conductor, placement, Neutron ports, the console-output call) is real.

When the server's user data (base64 in the instance) contains `SCS-ENTROPY`, the console shows
cloud-init noise, then one line per result and an end marker:

    SCS-ENTROPY: entropy_avail=256
    SCS-ENTROPY: fips_successes=998
    SCS-ENTROPY: fips_failures=2
    SCS-ENTROPY: rngd=active
    SCS-ENTROPY: virtio_rng=present
    SCS-ENTROPY: hw_rng_current=virtio_rng.0
    SCS-ENTROPY-END

A server with metadata `scs-entropy=low` (or a name containing `low-entropy`) reports a starved
guest instead: entropy_avail=17, fips_failures=37, rngd=inactive, virtio_rng=absent,
hw_rng_current=none. Without the probe in its user data the console shows only boot noise.
See README.md ("The simulated guest").
"""

import base64

from nova.objects import fields as obj_fields
from nova.virt import fake

MARK = "SCS-ENTROPY"

HEALTHY = [("entropy_avail", "256"), ("fips_successes", "998"), ("fips_failures", "2"),
           ("rngd", "active"), ("virtio_rng", "present"), ("hw_rng_current", "virtio_rng.0")]
STARVED = [("entropy_avail", "17"), ("fips_successes", "963"), ("fips_failures", "37"),
           ("rngd", "inactive"), ("virtio_rng", "absent"), ("hw_rng_current", "none")]


def _user_data(instance):
    raw = getattr(instance, "user_data", None)
    if not raw:
        return ""
    try:
        return base64.b64decode(raw).decode("utf-8", "replace")
    except (ValueError, TypeError):
        return ""


def _low(instance):
    meta = getattr(instance, "metadata", None) or {}
    return meta.get("scs-entropy") == "low" or "low-entropy" in (instance.display_name or "")


def console_text(instance):
    name = instance.hostname or instance.display_name or "guest"
    lines = [
        "[    0.000000] Linux version 6.1.0-27-cloud-amd64 (debian-kernel@lists.debian.org)",
        "[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-cloud-amd64 root=/dev/vda1 ro console=ttyS0",
        "[    1.204118] random: crng init done",
        f"[    5.812303] cloud-init[412]: Cloud-init v. 22.4.2 running 'init' at {instance.launched_at or ''}. Up 5.71 seconds.",
        "[    6.022871] cloud-init[412]: ci-info: ++++++++++++++++++++++++Net device info+++++++++++++++++++++++++",
        f"[    9.118730] cloud-init[566]: Cloud-init v. 22.4.2 running 'modules:final'. Up 9.02 seconds.",
    ]
    if MARK in _user_data(instance):
        for key, value in (STARVED if _low(instance) else HEALTHY):
            lines.append(f"{MARK}: {key}={value}")
        lines.append(f"{MARK}-END")
    lines += [
        f"[   10.441250] cloud-init[566]: Cloud-init v. 22.4.2 finished. Datasource DataSourceOpenStackLocal.  Up 10.33 seconds",
        "",
        f"Debian GNU/Linux 12 {name} ttyS0",
        "",
        f"{name} login: ",
    ]
    return "\n".join(lines) + "\n"


class EntropyGuestDriver(fake.FakeDriver):
    """fake.FakeDriver whose console output is that of a guest that ran the entropy probe.

    The guest it plays is a KVM/QEMU guest (virtio-rng, a Debian kernel), so the host also
    offers the `qemu` and `kvm` hypervisor types: images carrying `hypervisor_type=qemu`, as
    SCS images do, pass Nova's ImagePropertiesFilter instead of ending in "No valid host".
    """

    def __init__(self, virtapi, read_only=False):
        super().__init__(virtapi, read_only)
        arch, hvm = obj_fields.Architecture.X86_64, obj_fields.VMMode.HVM
        self.host_status_base["supported_instances"] = [
            (arch, obj_fields.HVType.FAKE, hvm),
            (arch, obj_fields.HVType.QEMU, hvm),
            (arch, obj_fields.HVType.KVM, hvm),
        ]

    def get_console_output(self, context, instance):
        return console_text(instance)
