#!/usr/bin/env bash
# setup.sh VERSION...   e.g.  setup.sh 3.14 3.13
#
# Everything the real-container test tier needs, from nothing, as root:
#   1. engine-up.sh        docker.io + debootstrap installed, a dockerd answering
#   2. standin-images.sh   python:V-slim and python:V stand-ins (skipped with PYDOCKER_E2E_REAL_IMAGES=1:
#                          a registry is reachable and the tests `docker pull` the official images)
#   3. hadolint.sh         a hadolint binary
#
# stdout: KEY=VALUE lines for the harness, nothing else:
#   DOCKER=/usr/bin/docker          always call this CLI, with DOCKER_BUILDKIT=1
#   DOCKER_BUILDKIT=1
#   HADOLINT=/path/to/hadolint
#   STARTED_ENGINE=0|1              1 = this run started dockerd: call engine-down.sh at the end
#   ENGINE_PIDFILE=/tmp/pydocker-e2e/dockerd.pid   empty when the engine is not ours
#   IMAGES=standin|official
#   PYTHON_VERSIONS=3.14,3.13
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
printf '%s\n' "$engine_out" | grep -E '^(DOCKER|STARTED_ENGINE|ENGINE_PIDFILE)='
printf 'DOCKER_BUILDKIT=1\n'
printf 'HADOLINT=%s\n' "$hadolint"
printf 'IMAGES=%s\n' "$images"
printf 'PYTHON_VERSIONS=%s\n' "$(IFS=,; echo "$*")"
