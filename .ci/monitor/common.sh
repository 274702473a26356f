# Shared settings of the .ci/monitor scripts (sourced, not run).
# shellcheck shell=bash disable=SC2034
RUN="${SCS_MONITOR_RUN:-/tmp/scs-monitor}"
VENV="${SCS_MONITOR_VENV:-/opt/scs-monitor}"
HOST=127.0.0.1
# Not used by .ci/openstack (5000, 8774, 9292, 8776, 9696, 9697) nor by a system PostgreSQL.
PG_PORT="${SCS_MONITOR_PG_PORT:-5433}"
PORT="${SCS_MONITOR_PORT:-8090}"
# Test accounts: each uploads for itself; scs-ci uploads for all of them (append_any, delegate).
SUBJECTS=(scs-member scs-appcred scs-snapshot scs-other)
CI_ACCOUNT=scs-ci

log() { printf '[monitor %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The monitor's sources: a checkout of the SCS standards repository (SCS_STANDARDS_DIR, with
# compliance-monitor/ and Tests/), else ../shared/fixtures beside the repository (SCS_FIXTURES
# names another fixtures folder). Sets MONITOR_SRC (monitor.py, templates/, requirements.txt)
# and SCOPES_SRC (the scs-*.yaml scopes).
find_sources() {
  local repo fixtures
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [ -n "${SCS_STANDARDS_DIR:-}" ] && [ -f "$SCS_STANDARDS_DIR/compliance-monitor/monitor.py" ]; then
    MONITOR_SRC="$(cd "$SCS_STANDARDS_DIR/compliance-monitor" && pwd)"
    SCOPES_SRC="$(cd "$SCS_STANDARDS_DIR/Tests" && pwd)"
    return 0
  fi
  fixtures="${SCS_FIXTURES:-$repo/../shared/fixtures}"
  [ -f "$fixtures/compliance-monitor/monitor.py" ] \
    || die "no compliance monitor: neither \$SCS_STANDARDS_DIR/compliance-monitor nor $fixtures/compliance-monitor"
  MONITOR_SRC="$(cd "$fixtures/compliance-monitor" && pwd)"
  SCOPES_SRC="$(cd "$fixtures/scs-standards/Tests" && pwd)"
}

# PostgreSQL's server programs (Debian keeps them out of PATH).
pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

# spawn NAME CMD...: runs CMD in its own session (so stop can end it with its children by the
# process group id of the pid file), output to $RUN/log/NAME.out.
spawn() {
  local name=$1 pid; shift
  setsid "$@" >>"$RUN/log/$name.out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$RUN/pids/$name.pid"
  started "$pid" >"$RUN/pids/$name.started"
}

# started PID: the process's start time (field 22 of /proc/PID/stat), to tell it from a later
# process that got the same pid.
started() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

# running NAME: whether the process of NAME's pid file is alive and the one start launched.
running() {
  local pid
  pid=$(cat "$RUN/pids/$1.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ ! -f "$RUN/pids/$1.started" ] || [ "$(started "$pid")" = "$(cat "$RUN/pids/$1.started")" ]
}

SERVICES=(postgres monitor)
all_running() {
  local s
  for s in "${SERVICES[@]}"; do running "$s" || return 1; done
}
