#!/usr/bin/env bash
# setup.sh VERSION...   e.g.  setup.sh 3.14 3.13
#
# Everything the real-container tier needs, from nothing, as root:
#   1. engine-up.sh        the tier's own Docker Engine 28 (Debian sid's binaries, extracted, never
#                          installed) with containerd 2, buildx and Compose v2, on its own sockets and
#                          data root under $PYDOCKER_E2E_STATE/engine; bookworm's runc and debootstrap
#   2. standin-images.sh   python:V-slim and python:V stand-ins, imported into that engine from the
#                          rootfs tarballs cached in $PYDOCKER_E2E_CACHE (skipped with
#                          PYDOCKER_E2E_REAL_IMAGES=1: a registry is reachable, the tests `docker pull`)
#   3. hadolint.sh         a hadolint binary
#
# stdout: KEY=VALUE lines for the harness, nothing else:
#   DOCKER=/tmp/pydocker-e2e/engine/bin/docker     the docker CLI (28) to call
#   DOCKER_HOST=unix:///tmp/pydocker-e2e/engine/docker.sock
#   DOCKER_CONFIG=/tmp/pydocker-e2e/engine/docker-config   holds the compose and buildx plugins
#        (test/e2e/lib/infra.ts dockerEnv() turns these three into an environment for a shell)
#   ENGINE_VERSION=28.5.2  COMPOSE_VERSION=2.40.3  BUILDX_VERSION=0.29.1
#   HADOLINT=/path/to/hadolint
#   STARTED_ENGINE=0|1              1 = this run started dockerd: call engine-down.sh at the end
#   ENGINE_PIDFILE=/tmp/pydocker-e2e/engine/dockerd.pid
#   IMAGES=standin|official
#   PYTHON_VERSIONS=3.14,3.13
# No DOCKER_BUILDKIT: BuildKit is the engine's default builder, as on users' machines.
# Progress and the image summary go to stderr.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=lib.sh
source "$here/lib.sh"

(($#)) || die "usage: $(basename "$0") VERSION... (for example: 3.14 3.13)"
require_root
t0=$SECONDS

t=$SECONDS
engine_out=$(bash "$here/engine-up.sh")
log "engine-up.sh: $((SECONDS - t))s"

images=standin
if [[ ${PYDOCKER_E2E_REAL_IMAGES:-0} == 1 ]]; then
	images=official
	log "PYDOCKER_E2E_REAL_IMAGES=1: no stand-ins; the tests pull the official python images"
else
	t=$SECONDS
	bash "$here/standin-images.sh" "$@" >&2
	log "standin-images.sh: $((SECONDS - t))s"
fi

t=$SECONDS
hadolint=$(bash "$here/hadolint.sh")
log "hadolint.sh: $((SECONDS - t))s"

log "setup done in $((SECONDS - t0))s"
printf '%s\n' "$engine_out" | grep -E '^(DOCKER|DOCKER_HOST|DOCKER_CONFIG|ENGINE_VERSION|COMPOSE_VERSION|BUILDX_VERSION|STARTED_ENGINE|ENGINE_PIDFILE)='
printf 'HADOLINT=%s\n' "$hadolint"
printf 'IMAGES=%s\n' "$images"
printf 'PYTHON_VERSIONS=%s\n' "$(IFS=,; echo "$*")"
