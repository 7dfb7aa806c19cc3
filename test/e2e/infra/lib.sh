# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this
# Shared helpers for the e2e infrastructure scripts. Sourced, never executed.
#
# Environment knobs (all optional):
#   PYDOCKER_E2E_STATE        runtime state (pidfiles, logs, locks)   default /tmp/pydocker-e2e
#   PYDOCKER_E2E_CACHE        persistent cache (rootfs tarballs, venvs) default /var/cache/pydocker-e2e
#   PYDOCKER_E2E_REAL_IMAGES  1 = a registry is reachable: use the official images, build no stand-ins
#
# The engine is the tier's own (engine-up.sh): Debian sid's docker.io 28 / containerd 2 binaries
# extracted under the cache, running on sockets, data and exec roots under
# $PYDOCKER_E2E_STATE/engine. Every script talks to it through the exported DOCKER_HOST and
# DOCKER_CONFIG (which holds the compose and buildx plugins), never through the host's
# /var/run/docker.sock. Two state folders = two engines that share nothing but the cache.

E2E_STATE_DIR=${PYDOCKER_E2E_STATE:-/tmp/pydocker-e2e}
E2E_CACHE_DIR=${PYDOCKER_E2E_CACHE:-/var/cache/pydocker-e2e}
E2E_ENGINE_DIR=$E2E_STATE_DIR/engine
E2E_DOCKER=$E2E_ENGINE_DIR/bin/docker
E2E_DOCKERD_PIDFILE=$E2E_ENGINE_DIR/dockerd.pid
E2E_DOCKERD_LOG=$E2E_ENGINE_DIR/dockerd.log
E2E_CONTAINERD_PIDFILE=$E2E_ENGINE_DIR/containerd.pid
E2E_CONTAINERD_LOG=$E2E_ENGINE_DIR/containerd.log
E2E_CONTAINERD_SOCK=$E2E_ENGINE_DIR/containerd.sock
E2E_WHEELS_PIDFILE=$E2E_STATE_DIR/pip-http.pid
# Held shared (flock -s) by every test process using the engine; engine-down.sh stops the engine
# only when it can take it exclusively.
E2E_USERS_LOCK=$E2E_ENGINE_DIR/users.lock
export DOCKER_HOST=unix://$E2E_ENGINE_DIR/docker.sock
export DOCKER_CONFIG=$E2E_ENGINE_DIR/docker-config
# BuildKit is the default builder of Engine 23+: nothing asks for it.
unset DOCKER_BUILDKIT

log() { printf '[e2e-infra %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}

require_root() {
	[[ $(id -u) -eq 0 ]] || die "must run as root (it installs packages, runs dockerd and debootstrap)"
}

dkr() { "$E2E_DOCKER" "$@"; }

engine_answers() { "$E2E_DOCKER" info >/dev/null 2>&1; }

# Run "$@" with stdout+stderr captured; show the tail of the output only on failure.
quiet_run() {
	local out rc=0
	out=$(mktemp)
	"$@" >"$out" 2>&1 || rc=$?
	if [[ $rc -ne 0 ]]; then
		log "command failed (exit $rc): $*"
		tail -n 40 "$out" >&2
	fi
	rm -f "$out"
	return "$rc"
}

# Take an exclusive lock named $1 for the rest of the calling process. Its fd is in E2E_LOCK_FD:
# background daemons must be started with {E2E_LOCK_FD}>&- or they would hold the lock forever.
# A name is a lock of the state folder (one engine); a path (with a /) locks that file, e.g. one
# in the cache folder, which runs with different state folders share.
E2E_LOCK_FD=""
take_lock() {
	local file=$E2E_STATE_DIR/$1.lock wait_s=${PYDOCKER_E2E_LOCK_TIMEOUT:-1800}
	[[ $1 != */* ]] || file=$1
	mkdir -p "$(dirname "$file")"
	exec {E2E_LOCK_FD}>"$file"
	if ! flock -n "$E2E_LOCK_FD"; then
		log "waiting up to ${wait_s}s for lock $file (another run is busy)"
		flock -w "$wait_s" "$E2E_LOCK_FD" || die "lock $file still held after ${wait_s}s (holders: $(fuser "$file" 2>/dev/null || echo '?'))"
	fi
}

# True when pid $1 exists and is not a zombie (PID 1 of a container may be slow to reap).
pid_alive() {
	local state
	state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
	[[ -n $state && $state != Z && $state != X ]]
}

# True when pid $1 is alive and its command name matches the glob $2.
pid_is() {
	local pid=$1 pattern=$2 comm
	[[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" || return 1
	comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
	# shellcheck disable=SC2053 # glob match intended
	[[ $comm == $pattern ]]
}

# apt-get install the given packages without starting any service they ship.
apt_install() {
	local created_policy=0 rc=0
	if [[ ! -e /usr/sbin/policy-rc.d ]]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		created_policy=1
	fi
	log "apt-get update"
	DEBIAN_FRONTEND=noninteractive quiet_run apt-get update || rc=$?
	if [[ $rc -eq 0 ]]; then
		log "apt-get install $*"
		DEBIAN_FRONTEND=noninteractive quiet_run apt-get install -y --no-install-recommends "$@" || rc=$?
	fi
	if [[ $created_policy -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
	return "$rc"
}
