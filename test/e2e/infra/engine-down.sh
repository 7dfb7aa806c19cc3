#!/usr/bin/env bash
# Stop the dockerd that engine-up.sh started (the pid in $PYDOCKER_E2E_STATE/dockerd.pid), and
# the loopback pip file server standin-images.sh may have started. Never touches a daemon it
# did not start: with no pidfile, it does nothing. Images and the cache are kept.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_root
take_lock engine

timeout_s=${PYDOCKER_E2E_ENGINE_TIMEOUT:-60}

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
