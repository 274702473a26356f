# Shared settings of the .ci/openstack scripts (sourced, not run).
# shellcheck shell=bash disable=SC2034
RUN="${SCS_OPENSTACK_RUN:-/tmp/scs-openstack}"
NEUTRON_VENV="${SCS_NEUTRON_VENV:-/opt/scs-neutron}"
NEUTRON_VERSION=29.0.0
GUNICORN_VERSION=23.0.0
HOST=127.0.0.1

log() { printf '[openstack %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

SERVICES=(epmd rabbitmq keystone glance-api nova-api cinder-api neutron-server old-neutron placement-api
  barbican-api nova-conductor nova-scheduler nova-compute cinder-scheduler cinder-volume cinder-backup)

# spawn NAME CMD...: runs CMD in its own session (so stop can end it with all its workers by
# the process group id from the pid file), output to $RUN/log/NAME.out.
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

# ours NAME: whether the process of NAME's pid file is alive and the one start launched.
ours() {
  local pid
  pid=$(cat "$RUN/pids/$1.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Without a recorded start time (a pid file written by hand), trust the pid.
  [ ! -f "$RUN/pids/$1.started" ] || [ "$(started "$pid")" = "$(cat "$RUN/pids/$1.started")" ]
}

# cinder-backup is left out on purpose when start ran with SCS_OPENSTACK_BACKUP=0 ($RUN/no-backup).
running() { ours "$1"; }
expected() { [ "$1" != cinder-backup ] || [ ! -f "$RUN/no-backup" ]; }

all_running() {
  local s
  for s in "${SERVICES[@]}"; do expected "$s" || continue; running "$s" || return 1; done
}

# wait_http NAME URL SECONDS: until URL answers with any HTTP status (an API's version document
# or a 401), or fail showing the end of NAME's log.
wait_http() {
  local name=$1 url=$2 limit=$3 start=$SECONDS
  while :; do
    if curl -s -o /dev/null -m 5 "$url"; then return 0; fi
    if ! running "$name"; then
      tail -n 30 "$RUN/log/$name.out" "$RUN/log/$name.log" 2>/dev/null >&2 || true
      die "$name exited before answering at $url (logs in $RUN/log)"
    fi
    if (( SECONDS - start > limit )); then
      tail -n 30 "$RUN/log/$name.out" "$RUN/log/$name.log" 2>/dev/null >&2 || true
      die "$name did not answer at $url within ${limit}s (logs in $RUN/log)"
    fi
    sleep 0.5
  done
}
