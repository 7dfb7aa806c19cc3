#!/usr/bin/env bash
# engine-down.sh [--force]
# Stop the tier's engine that engine-up.sh started (dockerd, then its containerd: the pids in
# $PYDOCKER_E2E_STATE/engine/*.pid) and the loopback pip file server standin-images.sh may have
# started. Never touches a daemon it did not start: with no pidfile, it does nothing.
# While another test process still uses the engine (it holds $PYDOCKER_E2E_STATE/engine/users.lock
# shared), the engine is left running and this says so; --force stops it anyway.
# Images, the data root and the cache are kept.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_root
take_lock engine

timeout_s=${PYDOCKER_E2E_ENGINE_TIMEOUT:-60}

if [[ ${1:-} != --force && -f $E2E_USERS_LOCK ]]; then
	exec {users_fd}<>"$E2E_USERS_LOCK"
	if ! flock -n -x "$users_fd"; then
		log "another test run still uses the engine on $DOCKER_HOST (it holds $E2E_USERS_LOCK): leaving it running"
		exit 0
	fi
	exec {users_fd}>&-
fi

# stop_pidfile PIDFILE COMM LABEL
stop_pidfile() {
	local pidfile=$1 comm=$2 label=$3 pid t0
	if [[ ! -f $pidfile ]]; then
		log "no $pidfile: no $label started by these scripts, nothing to stop"
		return 0
	fi
	pid=$(cat "$pidfile")
	if ! pid_is "$pid" "$comm"; then
		log "$label pid '$pid' from $pidfile is not running; removing stale pidfile"
		rm -f "$pidfile"
		return 0
	fi
	log "stopping $label (pid $pid)"
	kill -TERM "$pid"
	t0=$SECONDS
	while pid_alive "$pid"; do
		if ((SECONDS - t0 >= timeout_s)); then
			log "$label pid $pid still alive after ${timeout_s}s; sending SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
			sleep 1
			break
		fi
		sleep 0.3
	done
	rm -f "$pidfile"
	log "$label stopped after $((SECONDS - t0))s"
}

stop_pidfile "$E2E_WHEELS_PIDFILE" "python*" "pip file server"
stop_pidfile "$E2E_DOCKERD_PIDFILE" dockerd dockerd
stop_pidfile "$E2E_CONTAINERD_PIDFILE" containerd containerd

# dockerd leaves its default network namespace bind-mounted under its exec root; unmount what is
# left there (only ours: paths under this engine's folder) so the folder can be deleted.
if [[ ! -f $E2E_DOCKERD_PIDFILE ]]; then
	findmnt -rno TARGET | awk -v d="$E2E_ENGINE_DIR/exec/" 'index($0, d) == 1' | sort -r |
		while read -r m; do umount "$m" 2>/dev/null || umount -l "$m" || true; done
fi
