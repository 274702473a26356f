"""Runs the compliance monitor's own start-up with the listening address of our choice.

`monitor.py` ignores its arguments and listens on 0.0.0.0:8080 (the `uvicorn.run` call at the
end of its `__main__` block). This runs that block unchanged, as `__main__`, with
`uvicorn.run` told to listen on $SCS_MONITOR_HOST:$SCS_MONITOR_PORT instead, so the test
instance is reachable on loopback only and beside other services.

Environment: SCS_MONITOR_SRC (the folder of monitor.py), SCS_MONITOR_LIB (a folder with
scs_cert_lib.py, put first on the import path), SCS_MONITOR_HOST, SCS_MONITOR_PORT, and the
monitor's own SCM_* variables. The working directory holds bootstrap.yaml and templates/,
with the scopes in ../Tests (the monitor reads these relative to it).
"""

import os
import runpy
import sys

import uvicorn

src = os.environ['SCS_MONITOR_SRC']
sys.path[:0] = [os.environ['SCS_MONITOR_LIB'], src]
host = os.environ['SCS_MONITOR_HOST']
port = int(os.environ['SCS_MONITOR_PORT'])
serve = uvicorn.run


def run_here(app, **options):
    options.update(host=host, port=port)
    serve(app, **options)


uvicorn.run = run_here
runpy.run_path(os.path.join(src, 'monitor.py'), run_name='__main__')
