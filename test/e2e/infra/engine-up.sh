#!/usr/bin/env bash
# Make sure the tier's own docker engine answers: the current Docker Engine (28) with BuildKit by
# default, buildx and Compose v2, next to whatever the host has and replacing none of it.
#
# 1. Binaries. Debian unstable (sid) ships docker.io 28, docker-cli, docker-buildx, docker-compose
#    (v2), containerd 2 and tini-static; their binaries need only glibc 2.34 and run on bookworm.
#    They are fetched with a throwaway apt state (own sources list, lists and cache under
#    $PYDOCKER_E2E_CACHE/engine/apt; the host's apt state is not touched) and `dpkg-deb -x`
#    into $PYDOCKER_E2E_CACHE/engine/<versions>/, never installed. sid's runc needs glibc 2.38, so
#    containerd runs the host's runc: bookworm's `runc` package (1.1.5) is apt-installed when
#    missing (it replaces nothing). debootstrap (standin-images.sh) likewise, unless
#    PYDOCKER_E2E_REAL_IMAGES=1.
# 2. containerd on its own socket, root and state ($PYDOCKER_E2E_STATE/engine/containerd*), with a
#    config that disables the Kubernetes (CRI) and NRI plugins and keeps /opt untouched.
# 3. dockerd with --containerd on that socket, -H unix://$PYDOCKER_E2E_STATE/engine/docker.sock,
#    its own --data-root, --exec-root, --pidfile, --config-file and cgroup parent, no bridge
#    network, no iptables: containers use --network host and loopback only.
# 4. $PYDOCKER_E2E_STATE/engine/docker-config/cli-plugins holds docker-compose and docker-buildx;
#    $PYDOCKER_E2E_STATE/engine/bin/docker is the CLI.
#
# If the engine already answers (started earlier by this script), it is reused.
#
# stdout: KEY=VALUE lines. Progress goes to stderr.
#   DOCKER=/tmp/pydocker-e2e/engine/bin/docker
#   DOCKER_HOST=unix:///tmp/pydocker-e2e/engine/docker.sock
#   DOCKER_CONFIG=/tmp/pydocker-e2e/engine/docker-config
#   ENGINE_VERSION=28.5.2   COMPOSE_VERSION=2.40.3   BUILDX_VERSION=0.29.1
#   STARTED_ENGINE=1 when this run started dockerd, else 0
#   ENGINE_PIDFILE=the dockerd pidfile (engine-down.sh stops what it names)
# Knobs: PYDOCKER_E2E_ENGINE_SUITE (default sid), PYDOCKER_E2E_ENGINE_TIMEOUT (60 s),
#        PYDOCKER_E2E_DOCKERD_ARGS (extra dockerd flags, word-split), PYDOCKER_E2E_MIRROR.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_root
mkdir -p "$E2E_ENGINE_DIR"
take_lock engine

timeout_s=${PYDOCKER_E2E_ENGINE_TIMEOUT:-60}
suite=${PYDOCKER_E2E_ENGINE_SUITE:-sid}
packages=(docker.io docker-cli docker-buildx docker-compose containerd tini-static)
started=0

host_mirror() {
	local m
	m=$({
		sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n'
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' \
			/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
	} | sed 's:/*$::' | grep -v -- '-security' | grep -E '/debian$' | head -n1 || true)
	echo "${PYDOCKER_E2E_MIRROR:-${m:-http://deb.debian.org/debian}}"
}

# ---- 1. host packages: only what bookworm has and nothing replaces ----------------------------
missing=()
command -v runc >/dev/null 2>&1 || missing+=(runc)
if [[ ${PYDOCKER_E2E_REAL_IMAGES:-0} != 1 ]] && ! command -v debootstrap >/dev/null 2>&1; then
	missing+=(debootstrap)
fi
if ((${#missing[@]})); then
	t0=$SECONDS
	apt_install "${missing[@]}" || die "could not install ${missing[*]}"
	log "installed ${missing[*]} in $((SECONDS - t0))s"
fi
RUNC=$(command -v runc)

# ---- 1b. the engine's binaries, from Debian $suite, extracted into the cache -----------------
apt_dir=$E2E_CACHE_DIR/engine/apt-$suite
mkdir -p "$apt_dir"/{lists/partial,cache/archives/partial,debs}
# The cache is shared by runs with other state folders (other engines): fetch under its own lock.
exec {cache_fd}>"$E2E_CACHE_DIR/engine/fetch.lock"
flock -w "${PYDOCKER_E2E_LOCK_TIMEOUT:-1800}" "$cache_fd" || die "lock $E2E_CACHE_DIR/engine/fetch.lock still held"
printf 'deb %s %s main\n' "$(host_mirror)" "$suite" >"$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=-
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o Dir::State::status=/dev/null
	-o Acquire::Languages=none -o APT::Sandbox::User=root -o Acquire::Check-Valid-Until=false)

# The versions the cached lists name; the lists are refreshed once a day at most. sid moves on:
# the tier follows the current Debian docker.io (compose.test.ts asserts Engine 28 or newer and
# Compose v2.22 or newer). Only sid is tested here.
candidates() {
	apt-cache "${apt_opts[@]}" policy "${packages[@]}" 2>/dev/null |
		awk '/^[^ ]/ { p = $1 } /Candidate:/ { printf "%s%s ", p, $2 }'
}
want=""
if [[ -n $(find "$apt_dir/lists" -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null) ]]; then
	want=$(candidates)
fi
if [[ $want != *docker.io:* || $want == *'(none)'* ]]; then
	t0=$SECONDS
	log "apt-get update of Debian $suite into $apt_dir (a throwaway apt state; the host's is not touched)"
	quiet_run apt-get "${apt_opts[@]}" update || die "apt-get update of Debian $suite failed"
	want=$(candidates)
	[[ $want == *docker.io:* && $want != *'(none)'* ]] || die "Debian $suite has no candidate for one of ${packages[*]}: $want"
	log "apt-get update of $suite: $((SECONDS - t0))s"
fi
root=$E2E_CACHE_DIR/engine/$suite-$(printf '%s' "$want" | sha256sum | cut -c1-12)
if [[ ! -x $root/usr/sbin/dockerd || ! -f $root/.complete ]]; then
	t0=$SECONDS
	rm -rf "$root" "$apt_dir/debs"
	mkdir -p "$apt_dir/debs"
	log "downloading ${packages[*]} from Debian $suite ($want)"
	(cd "$apt_dir/debs" && quiet_run apt-get "${apt_opts[@]}" download "${packages[@]}") ||
		die "apt-get download from Debian $suite failed"
	mkdir -p "$root.tmp"
	for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$root.tmp" || die "dpkg-deb -x $deb failed"; done
	rm -rf "$apt_dir/debs"
	printf '%s\n' "$want" >"$root.tmp/.complete"
	rm -rf "$root"
	mv "$root.tmp" "$root"
	# Older extracted versions stay: an engine of another state folder may still run from them
	# (its shim and docker-init are exec'd per container). About 350 MB each.
	log "engine binaries extracted into $root in $((SECONDS - t0))s"
fi
for f in usr/sbin/dockerd usr/bin/docker usr/bin/containerd usr/bin/containerd-shim-runc-v2 \
	usr/bin/tini-static usr/libexec/docker/cli-plugins/docker-compose usr/libexec/docker/cli-plugins/docker-buildx; do
	[[ -x $root/$f ]] || die "$root/$f is missing from the extracted packages"
done
exec {cache_fd}>&-
"$root/usr/sbin/dockerd" --version >/dev/null 2>&1 || die "$root/usr/sbin/dockerd does not run on this system (glibc $(ldd --version | head -n1))"

# The CLI and its plugins, where the harness and the tests find them.
mkdir -p "$E2E_ENGINE_DIR/bin" "$DOCKER_CONFIG/cli-plugins"
ln -sfn "$root/usr/bin/docker" "$E2E_DOCKER"
ln -sfn "$root/usr/libexec/docker/cli-plugins/docker-compose" "$DOCKER_CONFIG/cli-plugins/docker-compose"
ln -sfn "$root/usr/libexec/docker/cli-plugins/docker-buildx" "$DOCKER_CONFIG/cli-plugins/docker-buildx"
[[ -f $DOCKER_CONFIG/config.json ]] || echo '{}' >"$DOCKER_CONFIG/config.json"

# PATH for the daemons: the extracted binaries (docker-init = tini-static), then the host's runc.
ln -sfn tini-static "$root/usr/bin/docker-init"
daemon_path="$root/usr/bin:$root/usr/sbin:$(dirname "$RUNC"):/usr/sbin:/usr/bin:/sbin:/bin"

# start_daemon NAME PIDFILE LOG READY-CHECK -- CMD...
wait_ready() {
	local name=$1 pid=$2 logf=$3 check=$4 t0=$SECONDS
	until $check; do
		if ! pid_alive "$pid"; then
			tail -n 30 "$logf" >&2
			die "$name (pid $pid) exited; see $logf"
		fi
		if ((SECONDS - t0 >= timeout_s)); then
			tail -n 30 "$logf" >&2
			die "$name (pid $pid) did not answer within ${timeout_s}s; it is still running, see $logf"
		fi
		sleep 0.3
	done
	log "$name answers (pid $pid, after $((SECONDS - t0))s)"
}

containerd_answers() { PATH=$daemon_path "$root/usr/bin/ctr" --address "$E2E_CONTAINERD_SOCK" version >/dev/null 2>&1; }

# ---- 2. containerd --------------------------------------------------------------------------
if engine_answers; then
	log "engine answers on $DOCKER_HOST (dockerd pid $(cat "$E2E_DOCKERD_PIDFILE" 2>/dev/null || echo '?'))"
else
	if [[ -f $E2E_DOCKERD_PIDFILE ]] && pid_is "$(cat "$E2E_DOCKERD_PIDFILE")" dockerd; then
		# Started by an earlier run and still starting up (or stuck): wait for it, boundedly.
		log "dockerd pid $(cat "$E2E_DOCKERD_PIDFILE") is alive but does not answer yet: waiting"
		wait_ready dockerd "$(cat "$E2E_DOCKERD_PIDFILE")" "$E2E_DOCKERD_LOG" engine_answers
	fi
fi
if ! engine_answers; then
	rm -f "$E2E_DOCKERD_PIDFILE"
	if ! { [[ -f $E2E_CONTAINERD_PIDFILE ]] && pid_is "$(cat "$E2E_CONTAINERD_PIDFILE")" containerd && containerd_answers; }; then
		rm -f "$E2E_CONTAINERD_PIDFILE" "$E2E_CONTAINERD_SOCK" "$E2E_CONTAINERD_SOCK.ttrpc"
		cat >"$E2E_ENGINE_DIR/containerd.toml" <<-EOF
			# Written by test/e2e/infra/engine-up.sh: a containerd for the e2e tier's dockerd only.
			version = 3
			root = "$E2E_ENGINE_DIR/containerd-root"
			state = "$E2E_ENGINE_DIR/containerd-state"
			disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.images", "io.containerd.cri.v1.runtime", "io.containerd.nri.v1.nri", "io.containerd.podsandbox.controller.v1.podsandbox"]
			[grpc]
			  address = "$E2E_CONTAINERD_SOCK"
			[plugins."io.containerd.internal.v1.opt"]
			  path = "$E2E_ENGINE_DIR/containerd-opt"
		EOF
		printf '\n==== %(%F %T)T engine-up.sh starting containerd\n' -1 >>"$E2E_CONTAINERD_LOG"
		log "starting containerd $("$root/usr/bin/containerd" --version | awk '{print $3}') on $E2E_CONTAINERD_SOCK (runc: $RUNC $("$RUNC" --version | head -n1 | awk '{print $3}'))"
		PATH=$daemon_path setsid "$root/usr/bin/containerd" --config "$E2E_ENGINE_DIR/containerd.toml" \
			</dev/null >>"$E2E_CONTAINERD_LOG" 2>&1 {E2E_LOCK_FD}>&- &
		echo "$!" >"$E2E_CONTAINERD_PIDFILE"
		wait_ready containerd "$!" "$E2E_CONTAINERD_LOG" containerd_answers
	fi

	# ---- 3. dockerd ---------------------------------------------------------------------------
	echo '{}' >"$E2E_ENGINE_DIR/daemon.json"
	read -r -a extra <<<"${PYDOCKER_E2E_DOCKERD_ARGS:-}"
	args=(--containerd "$E2E_CONTAINERD_SOCK" -H "$DOCKER_HOST"
		--data-root "$E2E_ENGINE_DIR/data" --exec-root "$E2E_ENGINE_DIR/exec"
		--pidfile "$E2E_ENGINE_DIR/dockerd.own.pid" --config-file "$E2E_ENGINE_DIR/daemon.json"
		--cgroup-parent "/pydocker-e2e-$(printf '%s' "$E2E_ENGINE_DIR" | sha256sum | cut -c1-8)"
		--bridge=none --iptables=false --ip6tables=false --ip-forward=false --userland-proxy=false
		"${extra[@]}")
	printf '\n==== %(%F %T)T engine-up.sh starting dockerd\n' -1 >>"$E2E_DOCKERD_LOG"
	log "starting dockerd $("$root/usr/sbin/dockerd" --version | awk '{print $3}' | tr -d ,) on $DOCKER_HOST (log: $E2E_DOCKERD_LOG)"
	# setsid: own session, so the daemon outlives the calling shell and its job control.
	PATH=$daemon_path setsid "$root/usr/sbin/dockerd" "${args[@]}" \
		</dev/null >>"$E2E_DOCKERD_LOG" 2>&1 {E2E_LOCK_FD}>&- &
	pid=$!
	echo "$pid" >"$E2E_DOCKERD_PIDFILE"
	started=1
	wait_ready dockerd "$pid" "$E2E_DOCKERD_LOG" engine_answers
fi

# 28.5.2+dfsg4 -> 28.5.2; 2.40.3-3 -> 2.40.3 (Debian's packaging suffixes).
plain() { sed -E 's/^v//; s/[+~-].*$//'; }
engine_version=$(dkr version -f '{{.Server.Version}}' | plain)
compose_version=$(dkr compose version --short | plain) || die "docker compose (the v2 plugin in $DOCKER_CONFIG/cli-plugins) does not run"
buildx_version=$(dkr buildx version | awk '{print $2}' | plain) || die "docker buildx does not run"
builder=$(dkr info -f '{{.ClientInfo.Plugins}}' 2>/dev/null | grep -c buildx || true)
((builder > 0)) || die "the docker CLI does not see the buildx plugin: docker build would not use BuildKit"
log "Docker Engine $engine_version, Compose $compose_version, buildx $buildx_version, runc $("$RUNC" --version | head -n1 | awk '{print $3}')"

printf 'DOCKER=%s\n' "$E2E_DOCKER"
printf 'DOCKER_HOST=%s\n' "$DOCKER_HOST"
printf 'DOCKER_CONFIG=%s\n' "$DOCKER_CONFIG"
printf 'ENGINE_VERSION=%s\n' "$engine_version"
printf 'COMPOSE_VERSION=%s\n' "${compose_version#v}"
printf 'BUILDX_VERSION=%s\n' "${buildx_version#v}"
printf 'STARTED_ENGINE=%s\n' "$started"
printf 'ENGINE_PIDFILE=%s\n' "$E2E_DOCKERD_PIDFILE"
