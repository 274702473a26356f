"""A Cinder volume driver that keeps each volume as a sparse file in a directory.

Why not LVM: the kernel of the machines this runs on has no device-mapper (/proc/misc lists no
`device-mapper`, /dev/mapper/control cannot be opened: "Failure to communicate with kernel
device-mapper driver"), so LVM can make volume groups but no logical volumes; NFS needs a kernel
NFS client to mount. A file per volume needs neither, and a backup or restore reads and writes it
like a block device: Cinder connects to it with os-brick's `local` connector, which hands the
path to cinder-backup as it is.

Everything around it is real Cinder: the API, the scheduler, the volume manager (which runs this
driver), cinder-backup with its POSIX driver, the message queue between them.

Configured in cinder.conf's backend section:

    volume_driver = scs_file_volume.FileVolumeDriver
    scs_volume_dir = RUN/state/cinder/volumes
    scs_volume_capacity_gb = 20
"""

import os
import shutil

from oslo_config import cfg
from oslo_log import log as logging

from cinder.volume import driver

LOG = logging.getLogger(__name__)

OPTS = [
    cfg.StrOpt("scs_volume_dir", help="Directory that holds one sparse file per volume."),
    cfg.IntOpt("scs_volume_capacity_gb", default=20,
               help="Capacity reported to the scheduler (the files are sparse)."),
]
cfg.CONF.register_opts(OPTS, group="backend_defaults")


class FileVolumeDriver(driver.VolumeDriver):
    VERSION = "1.0.0"
    # Cinder's driver list asks every driver for a CI wiki name; this one is not upstream.
    CI_WIKI_NAME = "scs-loopback"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.configuration.append_config_values(OPTS)
        self.backend_name = self.configuration.safe_get("volume_backend_name") or "scs-file"

    # ------------------------------------------------------------ set-up
    def do_setup(self, context):
        os.makedirs(self._dir(), exist_ok=True)

    def check_for_setup_error(self):
        if not os.path.isdir(self._dir()):
            raise RuntimeError(f"scs_volume_dir {self._dir()} is not a directory")

    def _dir(self):
        path = self.configuration.safe_get("scs_volume_dir")
        if not path:
            raise RuntimeError("scs_volume_dir is not set")
        return path

    def local_path(self, volume):
        return os.path.join(self._dir(), volume.name)

    def _update_volume_stats(self):
        capacity = self.configuration.safe_get("scs_volume_capacity_gb")
        used = 0
        for entry in os.scandir(self._dir()):
            used += entry.stat().st_size
        self._stats = {
            "volume_backend_name": self.backend_name,
            "vendor_name": "SCS loopback",
            "driver_version": self.VERSION,
            "storage_protocol": "local",
            "total_capacity_gb": capacity,
            "free_capacity_gb": max(capacity - used // 1024 ** 3, 0),
            "reserved_percentage": 0,
            "thin_provisioning_support": True,
            "multiattach": False,
        }

    # ------------------------------------------------------------ volumes
    def _allocate(self, path, size_gb):
        with open(path, "ab") as f:
            f.truncate(size_gb * 1024 ** 3)

    def create_volume(self, volume):
        path = self.local_path(volume)
        self._allocate(path, volume.size)
        LOG.info("created %s (%d GiB)", path, volume.size)

    def delete_volume(self, volume):
        try:
            os.unlink(self.local_path(volume))
        except FileNotFoundError:
            pass

    def extend_volume(self, volume, new_size):
        self._allocate(self.local_path(volume), new_size)

    def create_cloned_volume(self, volume, src_vref):
        shutil.copyfile(self.local_path(src_vref), self.local_path(volume))
        self._allocate(self.local_path(volume), volume.size)

    def create_snapshot(self, snapshot):
        shutil.copyfile(self.local_path(snapshot.volume),
                        os.path.join(self._dir(), snapshot.name))

    def delete_snapshot(self, snapshot):
        try:
            os.unlink(os.path.join(self._dir(), snapshot.name))
        except FileNotFoundError:
            pass

    def create_volume_from_snapshot(self, volume, snapshot):
        shutil.copyfile(os.path.join(self._dir(), snapshot.name), self.local_path(volume))
        self._allocate(self.local_path(volume), volume.size)

    # ------------------------------------------------------------ exports and connections
    def create_export(self, context, volume, connector):
        return None

    def ensure_export(self, context, volume):
        return None

    def remove_export(self, context, volume):
        return None

    def initialize_connection(self, volume, connector, **kwargs):
        # os-brick's LOCAL connector returns device_path as the device; cinder-backup then opens
        # the file like a block device.
        return {"driver_volume_type": "local",
                "data": {"device_path": self.local_path(volume)}}

    def terminate_connection(self, volume, connector, **kwargs):
        return None
