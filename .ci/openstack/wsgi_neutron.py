"""Neutron's WSGI app for gunicorn.

Neutron's boot code parses sys.argv with oslo.config, which would take gunicorn's own command
line for Neutron's and fail; so hide it before importing the app. Configuration comes from
OS_NEUTRON_CONFIG_DIR and OS_NEUTRON_CONFIG_FILES (set by start).
"""

import sys

sys.argv = sys.argv[:1]

from neutron.wsgi.api import application  # noqa: E402,F401
