#!/usr/bin/env bash
# Make sure a docker engine answers on this machine (Debian, root).
#
# - Installs Debian's docker.io (dockerd 20.10 + /usr/bin/docker with BuildKit) when missing,
#   and debootstrap (needed by standin-images.sh) unless PYDOCKER_E2E_REAL_IMAGES=1.
# - If an engine already answers, uses it and writes no pidfile (teardown never stops it).
# - Otherwise starts `dockerd --bridge=none --iptables=false --ip-forward=false` in the
#   background, logs to $PYDOCKER_E2E_STATE/dockerd.log, writes $PYDOCKER_E2E_STATE/dockerd.pid
#   and waits up to PYDOCKER_E2E_ENGINE_TIMEOUT (60) seconds for `docker info`.
#
# stdout: KEY=VALUE lines. Progress goes to stderr.
#   DOCKER=/usr/bin/docker
#   STARTED_ENGINE=1 when this run started dockerd, else 0
#   ENGINE_PIDFILE=path of the pidfile of the dockerd these scripts started (this run or an earlier
#                  one), empty when the engine in use is someone else's
# Extra dockerd flags: PYDOCKER_E2E_DOCKERD_ARGS (word-split).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_root
mkdir -p "$E2E_STATE_DIR"
take_lock engine

timeout_s=${PYDOCKER_E2E_ENGINE_TIMEOUT:-60}
started=0

# 1. Packages.
missing=()
# An engine that already answers (a laptop's Docker, say) needs no docker.io.
if ! engine_answers && { [[ ! -x /usr/bin/docker ]] || ! command -v dockerd >/dev/null 2>&1; }; then
	missing+=(docker.io)
fi
if [[ ${PYDOCKER_E2E_REAL_IMAGES:-0} != 1 ]] && ! command -v debootstrap >/dev/null 2>&1; then
	missing+=(debootstrap)
fi
if ((${#missing[@]})); then
	t0=$SECONDS
	apt_install "${missing[@]}" || die "could not install ${missing[*]}"
	log "installed ${missing[*]} in $((SECONDS - t0))s"
fi
[[ -x $E2E_DOCKER ]] || die "$E2E_DOCKER is missing"

# 2. Engine.
if engine_answers; then
	if [[ -f $E2E_DOCKERD_PIDFILE ]] && pid_is "$(cat "$E2E_DOCKERD_PIDFILE")" dockerd; then
		log "engine answers (dockerd pid $(cat "$E2E_DOCKERD_PIDFILE"), started earlier by engine-up.sh)"
	else
		log "engine already answers (not started by these scripts; it will not be stopped by engine-down.sh)"
	fi
else
	pid=""
	if [[ -f $E2E_DOCKERD_PIDFILE ]]; then
		pid=$(cat "$E2E_DOCKERD_PIDFILE")
		if pid_is "$pid" dockerd; then
			log "dockerd pid $pid (from $E2E_DOCKERD_PIDFILE) is alive but not answering yet; waiting"
		else
			log "removing stale pidfile $E2E_DOCKERD_PIDFILE"
			rm -f "$E2E_DOCKERD_PIDFILE"
			pid=""
		fi
	fi
	if [[ -z $pid ]]; then
		command -v dockerd >/dev/null 2>&1 || die "dockerd not found"
		read -r -a extra <<<"${PYDOCKER_E2E_DOCKERD_ARGS:-}"
		log "starting dockerd --bridge=none --iptables=false --ip-forward=false${extra[*]:+ ${extra[*]}} (log: $E2E_DOCKERD_LOG)"
		printf '\n==== %(%F %T)T engine-up.sh starting dockerd\n' -1 >>"$E2E_DOCKERD_LOG"
		# setsid: own session, so the daemon outlives the calling shell and its job control.
		setsid dockerd --bridge=none --iptables=false --ip-forward=false "${extra[@]}" \
			</dev/null >>"$E2E_DOCKERD_LOG" 2>&1 {E2E_LOCK_FD}>&- &
		pid=$!
		echo "$pid" >"$E2E_DOCKERD_PIDFILE"
		started=1
	fi
	t0=$SECONDS
	until engine_answers; do
		if ! pid_alive "$pid"; then
			rm -f "$E2E_DOCKERD_PIDFILE"
			tail -n 30 "$E2E_DOCKERD_LOG" >&2
			die "dockerd (pid $pid) exited; see $E2E_DOCKERD_LOG"
		fi
		if ((SECONDS - t0 >= timeout_s)); then
			tail -n 30 "$E2E_DOCKERD_LOG" >&2
			die "dockerd (pid $pid) did not answer within ${timeout_s}s; it is still running, see $E2E_DOCKERD_LOG"
		fi
		sleep 0.5
	done
	log "engine answers (dockerd pid $pid, after $((SECONDS - t0))s)"
fi

printf 'DOCKER=%s\n' "$E2E_DOCKER"
printf 'STARTED_ENGINE=%s\n' "$started"
# Empty when the engine in use was not started by these scripts.
if [[ -f $E2E_DOCKERD_PIDFILE ]]; then
	printf 'ENGINE_PIDFILE=%s\n' "$E2E_DOCKERD_PIDFILE"
else
	printf 'ENGINE_PIDFILE=\n'
fi
