#!/usr/bin/env bash
# standin-images.sh VERSION...   e.g.  standin-images.sh 3.14 3.13
#
# No image registry is reachable on these machines, so the official python:X-slim and python:X
# images are replaced by faithful stand-ins built from Debian packages:
#
#   python:X-slim   debootstrap --variant=minbase of the Debian suite that ships Python X
#                   (3.11 bookworm, 3.13 trixie, 3.14 and 3.15 forky), /usr/local turned into a venv
#                   of python3.X (official layout: /usr/local/bin/python,
#                   /usr/local/lib/python3.X/site-packages, `pip install --prefix=/install` lands in
#                   /install/lib/python3.X/site-packages), Python.h headers present (as on the
#                   official slim) but no gcc, no libc6-dev, no static libpython; Debian-slim dpkg
#                   excludes (no docs/man/locales), apt lists and caches cleaned.
#                   Also tagged python:X-slim-SUITE.
#   python:X        FROM the slim stand-in + the buildpack-deps packages (compilers, -dev headers,
#                   git, curl...), about 1 GB like the official one. Also tagged python:X-SUITE.
#
# Host-specific plumbing baked into both (stand-ins only, never into generated Dockerfiles):
#   - the CAs the host added to its bundle (TLS-intercepting proxy) in
#     /usr/local/share/ca-certificates, so /etc/ssl/certs/ca-certificates.crt trusts the proxy;
#   - /etc/pip.conf with the host pip's index settings (index-url, extra-index-url, trusted-host,
#     proxy, timeout); local find-links / file:// indexes are served on 127.0.0.1 when non-empty;
#   - apt sources on the host's mirror (the suite's own), plus the host's apt proxy if any;
#   - ENV SSL_CERT_FILE and REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt when the host has
#     extra CAs (uv, Poetry and other tools with bundled roots need them behind the proxy;
#     PYDOCKER_E2E_SSL_CERT_ENV=0: off).
# Every image carries LABEL org.pydocker.standin=debian-SUITE (and .python, .variant, .fingerprint).
#
# Images already present with the current fingerprint are kept: the second run takes seconds.
# The debootstrapped and finished rootfs tarballs and a `docker save` of each full image are
# cached under $PYDOCKER_E2E_CACHE (default /var/cache/pydocker-e2e), so rebuilding after an
# engine wipe takes seconds, not minutes.
# An image with the python:X tag but without the stand-in label (a real one) is left alone.
#
# Knobs: PYDOCKER_E2E_MIRROR, PYDOCKER_E2E_SECURITY_MIRROR (default: the host's apt mirrors),
#        PYDOCKER_E2E_PIP_HTTP_PORT (38999), PYDOCKER_E2E_SKIP_FULL=1 (slim only),
#        PYDOCKER_E2E_CACHE_FULL=0 (do not `docker save` the full images into the cache, ~1 GB each),
#        PYDOCKER_E2E_REFRESH=1 (ignore caches and rebuild), PYDOCKER_E2E_REAL_IMAGES=1 (do nothing).
# stdout: a summary table (tag, stand-in, python version, size). Progress goes to stderr.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Bump to invalidate every cached rootfs / image built by an older recipe.
RECIPE_RAW=1
RECIPE_SLIM=6
RECIPE_FULL=5

# Roughly the buildpack-deps:SUITE package set (curl + scm + full layers) the official image has.
FULL_PACKAGES=(
	autoconf automake bzip2 ca-certificates curl default-libmysqlclient-dev dpkg-dev file g++ gcc
	git gnupg imagemagick libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev
	libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev
	libmagickcore-dev libmagickwand-dev libmaxminddb-dev libncurses-dev libpng-dev libpq-dev
	libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt1-dev
	libyaml-dev make mercurial netbase openssh-client patch procps sq subversion unzip wget
	xz-utils zlib1g-dev
)

usage() { die "usage: $(basename "$0") VERSION... (for example: 3.14 3.13)"; }

suite_for() {
	case $1 in
	3.11) echo bookworm ;;
	3.13) echo trixie ;;
	3.14 | 3.15) echo forky ;;
	*) return 1 ;;
	esac
}

# Packages debootstrap must be given explicitly: it does not resolve virtual packages, and
# bookworm's python3.11-venv depends on the virtual python3.11-distutils (python3-distutils).
debootstrap_includes() {
	local inc="python$1,python$1-venv,ca-certificates"
	case $1 in
	3.11) inc+=",python3,python3-distutils,python3-lib2to3" ;;
	esac
	echo "$inc"
}

# Stable suites get -updates and -security like the official debian images; testing (forky) only
# its main suite.
suite_is_stable() { [[ $1 == bookworm || $1 == trixie ]]; }

sha() { sha256sum | cut -c1-"${1:-16}"; }

# The host's Debian mirror URIs (deb822 sources or the legacy sources.list).
host_apt_uris() {
	{
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }'
	} | sed 's:/*$::' | awk 'NF'
}

host_mirror() {
	local m
	m=$(host_apt_uris | grep -v -- '-security' | grep -E '/debian$' | head -n1 || true)
	echo "${m:-http://deb.debian.org/debian}"
}

host_security_mirror() {
	local m
	m=$(host_apt_uris | grep -E '/debian-security$' | head -n1 || true)
	echo "${m:-http://deb.debian.org/debian-security}"
}

# deb822 sources for the rootfs. $3 = 1 adds "Check-Valid-Until: no" (needed when the mirror's
# Release file for the suite has expired, as forky's does on a frozen snapshot).
write_sources() {
	local file=$1 suite=$2 novalid=$3 extra=""
	[[ $novalid == 1 ]] && extra=$'\nCheck-Valid-Until: no'
	if suite_is_stable "$suite"; then
		cat >"$file" <<-EOF
			Types: deb
			URIs: $MIRROR
			Suites: $suite $suite-updates
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg$extra

			Types: deb
			URIs: $SECURITY_MIRROR
			Suites: $suite-security
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg$extra
		EOF
	else
		cat >"$file" <<-EOF
			Types: deb
			URIs: $MIRROR
			Suites: $suite
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg$extra
		EOF
	fi
}

# ---------------------------------------------------------------------------------------------
# Host pip settings -> /etc/pip.conf for the images.

# "key<TAB>value" for every setting `pip config list` reports (last one wins, as in pip).
host_pip_settings() {
	local pipcmd=()
	if command -v pip >/dev/null 2>&1; then
		pipcmd=(pip)
	elif command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
		pipcmd=(python3 -m pip)
	else
		return 0
	fi
	"${pipcmd[@]}" config list 2>/dev/null | python3 -c '
import ast, sys
settings = {}
for line in sys.stdin:
    key, sep, value = line.rstrip("\n").partition("=")
    if not sep:
        continue
    key = key.rpartition(".")[2].replace("_", "-")
    try:
        value = ast.literal_eval(value)
    except Exception:
        pass
    settings[key] = " ".join(str(value).split())
for key, value in settings.items():
    print(f"{key}\t{value}")
'
}

PIP_HTTP_PORT=${PYDOCKER_E2E_PIP_HTTP_PORT:-38999}
PIP_HTTP_ROOT=$E2E_STATE_DIR/pip-http

# Map one index / find-links location to what a --network host build can reach.
# Local folders are served on 127.0.0.1; empty or missing ones are dropped (prints nothing).
map_pip_location() {
	local loc=$1 path n
	case $loc in
	file://*) path=${loc#file://} ;;
	/*) path=$loc ;;
	*)
		echo "$loc"
		return 0
		;;
	esac
	if [[ ! -d $path ]] || [[ -z $(ls -A "$path" 2>/dev/null) ]]; then
		log "host pip location $loc is empty or missing: not passed to the images"
		return 0
	fi
	mkdir -p "$PIP_HTTP_ROOT"
	n=$(printf '%s' "$path" | sha 8)
	ln -sfn "$path" "$PIP_HTTP_ROOT/$n"
	log "host pip location $loc will be served as http://127.0.0.1:$PIP_HTTP_PORT/$n/"
	echo "http://127.0.0.1:$PIP_HTTP_PORT/$n/"
}

# Writes the images' pip.conf to $1.
make_pip_conf() {
	local out=$1 key value loc proxy=""
	local -a mapped
	local -A s=()
	while IFS=$'\t' read -r key value; do
		s[$key]=$value
	done < <(host_pip_settings)
	{
		echo "# Written by test/e2e/infra/standin-images.sh: the host pip's index settings, so that"
		echo "# pip inside 'docker build --network host' reaches the same index. Stand-in images only."
		echo "[global]"
		echo "cert = /etc/ssl/certs/ca-certificates.crt"
		for key in index-url extra-index-url find-links; do
			[[ -n ${s[$key]:-} ]] || continue
			mapped=()
			# shellcheck disable=SC2086 # pip lists are whitespace-separated
			for loc in ${s[$key]}; do
				value=$(map_pip_location "$loc")
				[[ -z $value ]] || mapped+=("$value")
			done
			((${#mapped[@]})) || continue
			if [[ $key == index-url ]]; then
				echo "$key = ${mapped[0]}"
			else
				echo "$key = ${mapped[*]}"
			fi
		done
		[[ -z ${s[trusted-host]:-} ]] || echo "trusted-host = ${s[trusted-host]}"
		proxy=${s[proxy]:-${HTTPS_PROXY:-${https_proxy:-${HTTP_PROXY:-${http_proxy:-}}}}}
		[[ -z $proxy ]] || echo "proxy = $proxy"
		value=${s[timeout]:-${s[default-timeout]:-}}
		[[ -z $value ]] || echo "timeout = $value"
		[[ -z ${s[retries]:-} ]] || echo "retries = ${s[retries]}"
	} >"$out"
}

# Start the loopback file server when the images' pip.conf ($1) points at it.
ensure_pip_http_server() {
	grep -q "http://127.0.0.1:$PIP_HTTP_PORT/" "$1" || return 0
	local pid py t0
	if [[ -f $E2E_WHEELS_PIDFILE ]] && pid_is "$(cat "$E2E_WHEELS_PIDFILE")" "python*"; then
		log "pip file server already running (pid $(cat "$E2E_WHEELS_PIDFILE"), port $PIP_HTTP_PORT)"
		return 0
	fi
	py=$(python3 -c 'import sys; print(sys.executable)')
	setsid "$py" -m http.server "$PIP_HTTP_PORT" --bind 127.0.0.1 --directory "$PIP_HTTP_ROOT" \
		</dev/null >>"$E2E_STATE_DIR/pip-http.log" 2>&1 {E2E_LOCK_FD}>&- &
	pid=$!
	echo "$pid" >"$E2E_WHEELS_PIDFILE"
	t0=$SECONDS
	until python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PIP_HTTP_PORT/', timeout=2)" 2>/dev/null; do
		pid_alive "$pid" || die "pip file server exited; see $E2E_STATE_DIR/pip-http.log"
		((SECONDS - t0 < 15)) || die "pip file server does not answer on 127.0.0.1:$PIP_HTTP_PORT"
		sleep 0.3
	done
	log "pip file server on 127.0.0.1:$PIP_HTTP_PORT (pid $pid; stopped by engine-down.sh)"
}

# The CAs the host added on top of its distribution set (the proxy CA), one file each, in $2.
host_extra_cas() {
	local bundle=$1 outdir=$2
	rm -rf "$outdir"
	mkdir -p "$outdir"
	python3 - "$bundle" "$outdir" <<-'EOF'
		import glob, os, re, sys
		bundle, outdir = sys.argv[1], sys.argv[2]
		pem = re.compile(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", re.S)
		def certs(text):
		    return pem.findall(text)
		def key(cert):
		    return "".join(cert.split())
		known = set()
		for path in glob.glob("/usr/share/ca-certificates/**/*.crt", recursive=True):
		    with open(path, errors="replace") as f:
		        known.update(key(c) for c in certs(f.read()))
		with open(bundle, errors="replace") as f:
		    extras = [c for c in certs(f.read()) if key(c) not in known]
		for i, cert in enumerate(extras):
		    with open(os.path.join(outdir, f"pydocker-e2e-host-{i}.crt"), "w") as f:
		        f.write(cert + "\n")
		print(len(extras))
	EOF
}

apt_proxy_conf() {
	local http https
	http=$(apt-config dump 2>/dev/null | sed -n 's/^Acquire::http::Proxy "\(.*\)";$/\1/p' | head -n1 || true)
	https=$(apt-config dump 2>/dev/null | sed -n 's/^Acquire::https::Proxy "\(.*\)";$/\1/p' | head -n1 || true)
	http=${http:-${http_proxy:-${HTTP_PROXY:-}}}
	https=${https:-${https_proxy:-${HTTPS_PROXY:-}}}
	[[ -z $http ]] || printf 'Acquire::http::Proxy "%s";\n' "$http"
	[[ -z $https ]] || printf 'Acquire::https::Proxy "%s";\n' "$https"
}

# ---------------------------------------------------------------------------------------------
# rootfs helpers

in_root() {
	chroot "$WORK" /usr/bin/env -i PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive HOME=/root "$@"
}

WORK=""
mount_work() {
	mountpoint -q "$WORK/proc" || mount -t proc proc "$WORK/proc"
	mountpoint -q "$WORK/dev" || mount --bind /dev "$WORK/dev"
}

mounts_under_work() { findmnt -rno TARGET | awk -v w="$WORK/" 'index($0, w) == 1' | sort -r; }

# Unmount everything under the work dir (ours, or what a failed debootstrap left), deepest first.
unmount_work() {
	[[ -n $WORK && -d $WORK ]] || return 0
	local m
	while read -r m; do
		[[ -n $m ]] || continue
		umount "$m" 2>/dev/null || umount -l "$m"
	done < <(mounts_under_work)
}

# Delete the work dir, but never while anything (the bind-mounted host /dev!) is mounted in it.
remove_work() {
	[[ -n $WORK && -d $WORK ]] || return 0
	unmount_work
	if [[ -n $(mounts_under_work) ]]; then
		die "something is still mounted under $WORK; not deleting it"
	fi
	rm -rf "$WORK"
}

cleanup() {
	local rc=$?
	if [[ -n $WORK && -d $WORK ]]; then
		unmount_work || true
		if [[ $rc -ne 0 ]]; then
			log "left the partial rootfs in $WORK (deleted on the next run)"
		fi
	fi
	return "$rc"
}
trap cleanup EXIT

debootstrap_raw() {
	local suite=$1 v=$2 raw_tar=$3 script=() t0
	remove_work
	mkdir -p "$WORK" "$(dirname "$raw_tar")"
	if [[ ! -e /usr/share/debootstrap/scripts/$suite ]]; then
		# An older debootstrap may not know the newest suite yet; testing/unstable use sid's script.
		script=(/usr/share/debootstrap/scripts/sid)
		log "debootstrap has no script for $suite; using ${script[0]}"
	fi
	t0=$SECONDS
	log "debootstrap --variant=minbase $suite (python$v) from $MIRROR (about a minute)"
	quiet_run debootstrap --variant=minbase \
		--include="$(debootstrap_includes "$v")" \
		"$suite" "$WORK" "$MIRROR" "${script[@]}" || die "debootstrap $suite failed"
	unmount_work
	tar -C "$WORK" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
		-cf "$raw_tar.tmp" .
	rm -f "$(dirname "$raw_tar")/$suite-python$v-"*.tar
	mv "$raw_tar.tmp" "$raw_tar"
	log "debootstrap $suite done in $((SECONDS - t0))s (cached: $raw_tar)"
	TIMINGS+=("debootstrap $suite python$v: $((SECONDS - t0))s")
}

customize_rootfs() {
	local suite=$1 v=$2 pipconf=$3 cadir=$4 aptproxy=$5 out novalid=0 real

	# apt and dpkg configuration of the official debian:SUITE-slim images.
	rm -f "$WORK/etc/apt/sources.list"
	write_sources "$WORK/etc/apt/sources.list.d/debian.sources" "$suite" 0
	cat >"$WORK/etc/apt/apt.conf.d/docker-clean" <<-'EOF'
		DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
		APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
		Dir::Cache::pkgcache "";
		Dir::Cache::srcpkgcache "";
	EOF
	echo 'Acquire::Languages "none";' >"$WORK/etc/apt/apt.conf.d/docker-no-languages"
	echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$WORK/etc/apt/apt.conf.d/docker-autoremove-suggests"
	if [[ -n $aptproxy ]]; then
		printf '%s\n' "$aptproxy" >"$WORK/etc/apt/apt.conf.d/01pydocker-e2e-proxy"
	fi
	cat >"$WORK/etc/dpkg/dpkg.cfg.d/docker" <<-'EOF'
		# As in the official debian:*-slim images.
		path-exclude /usr/share/doc/*
		path-include /usr/share/doc/*/copyright
		path-exclude /usr/share/man/*
		path-exclude /usr/share/groff/*
		path-exclude /usr/share/info/*
		path-exclude /usr/share/lintian/*
		path-exclude /usr/share/linda/*
		path-exclude /usr/share/locale/*
	EOF
	printf '#!/bin/sh\nexit 101\n' >"$WORK/usr/sbin/policy-rc.d"
	chmod 755 "$WORK/usr/sbin/policy-rc.d"
	cp -L /etc/resolv.conf "$WORK/etc/resolv.conf"

	mount_work
	out=$(mktemp)
	if ! in_root apt-get update >"$out" 2>&1; then
		if grep -qiE 'expired|no longer valid|not valid yet' "$out"; then
			log "the mirror's $suite Release file has expired (frozen snapshot): adding 'Check-Valid-Until: no' to the image's apt sources"
			novalid=1
			write_sources "$WORK/etc/apt/sources.list.d/debian.sources" "$suite" 1
			quiet_run in_root apt-get update || die "apt-get update in the $suite rootfs failed"
		else
			tail -n 30 "$out" >&2
			rm -f "$out"
			die "apt-get update in the $suite rootfs failed"
		fi
	fi
	rm -f "$out"
	log "apt-get dist-upgrade in the $suite rootfs"
	quiet_run in_root apt-get -y dist-upgrade || die "apt-get dist-upgrade in the $suite rootfs failed"

	# Python.h and friends, as the official slim image has them (/usr/local/include there), taken
	# from libpython3.X-dev without installing it: that would drag in libc6-dev, zlib1g-dev and a
	# 60 MB static libpython, none of which the official slim carries.
	log "adding the python$v C headers"
	quiet_run in_root sh -ec "cd /tmp && apt-get download libpython$v-dev &&
		dpkg-deb --fsys-tarfile libpython$v-dev_*.deb |
		tar -x -C / --wildcards './usr/include/*' './usr/lib/*/pkgconfig/*' && rm -f libpython$v-dev_*.deb" ||
		die "could not extract the libpython$v-dev headers"

	# /usr/local becomes a venv of python3.X: the official image's layout.
	log "turning /usr/local into a python$v venv"
	quiet_run in_root "python$v" -m venv /usr/local || die "python$v -m venv /usr/local failed"
	rm -f "$WORK"/usr/lib/python3*/EXTERNALLY-MANAGED
	# A venv without system site-packages disables the user site: `pip install --user` would fail
	# ("User site-packages are not visible in this virtualenv") where the official image allows it,
	# and a non-root pip would not fall back to a user install.
	sed -i 's/^include-system-site-packages = false$/include-system-site-packages = true/' \
		"$WORK/usr/local/pyvenv.cfg"
	# venv extras the official /usr/local does not have (activate scripts, 3.14's "𝜋thon" link).
	rm -f "$WORK"/usr/local/bin/activate* "$WORK"/usr/local/bin/Activate.ps1 "$WORK/usr/local/.gitignore"
	find "$WORK/usr/local/bin" -maxdepth 1 -type l -name '*thon' ! -name python -delete
	# The official image's /usr/local/bin/python3 is a real interpreter, at the same path in the full
	# and the slim image. Here it is a venv of /usr/bin/python3.X, so a venv made from it (uv in a
	# multi-stage builder on the full image) links to /usr/bin/python3: the full image has that name
	# (Debian's python3 comes with the buildpack-deps packages), and the slim one must have it too.
	[[ -e $WORK/usr/bin/python3 ]] || ln -s "python$v" "$WORK/usr/bin/python3"

	# Trust the host's extra CAs (the TLS-intercepting proxy) and point pip at the host's index.
	mkdir -p "$WORK/usr/local/share/ca-certificates"
	cp "$cadir"/*.crt "$WORK/usr/local/share/ca-certificates/" 2>/dev/null || true
	quiet_run in_root update-ca-certificates --fresh || die "update-ca-certificates failed"
	install -m 644 "$pipconf" "$WORK/etc/pip.conf"

	# Checks: the layout the generated Dockerfiles rely on.
	real=$(in_root /usr/local/bin/python -c 'import platform; print(platform.python_version())')
	[[ $real == "$v".* ]] || die "/usr/local/bin/python is $real, expected $v.x"
	in_root /usr/local/bin/python - <<-EOF || die "layout check failed in the $suite rootfs"
		import os, sys, sysconfig
		assert sys.prefix == "/usr/local", sys.prefix
		site = sysconfig.get_path("purelib")
		assert site == "/usr/local/lib/python$v/site-packages", site
		inst = sysconfig.get_path("purelib", vars={"base": "/install", "platbase": "/install"})
		assert inst == "/install/lib/python$v/site-packages", inst
		inc = sysconfig.get_paths()["include"]
		assert os.path.exists(os.path.join(inc, "Python.h")), inc
		import site
		assert site.ENABLE_USER_SITE, "user site disabled: pip install --user would fail"
	EOF
	quiet_run in_root /usr/local/bin/pip --version || die "pip does not run in the $suite rootfs"

	# Clean up, so that the image size is honest.
	in_root apt-get clean
	unmount_work
	rm -rf "$WORK"/var/lib/apt/lists/* "$WORK"/var/cache/apt/* "$WORK"/tmp/* "$WORK"/var/tmp/* \
		"$WORK"/var/cache/debconf/*-old "$WORK"/var/lib/dpkg/*-old "$WORK"/root/.cache
	find "$WORK/var/log" -type f -delete
	find "$WORK/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
	find "$WORK/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
	rm -rf "$WORK"/usr/share/man/* "$WORK"/usr/share/groff/* "$WORK"/usr/share/info/* \
		"$WORK"/usr/share/lintian/* "$WORK"/usr/share/linda/* "$WORK"/usr/share/locale/*
	# Like the official image: no bytecode caches, no static libpython.
	find "$WORK/usr/local" "$WORK"/usr/lib/python3* -depth -type d -name __pycache__ -exec rm -rf {} +
	find "$WORK/usr" -name 'libpython*.a' -delete
	: >"$WORK/etc/resolv.conf"
	echo "$real" >"$WORK/.pydocker-python-version"
	[[ $novalid == 0 ]] || log "note: $suite stand-in apt sources carry Check-Valid-Until: no"
}

# ---------------------------------------------------------------------------------------------

image_label() { dkr image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }
image_exists() { dkr image inspect "$1" >/dev/null 2>&1; }

build_slim() {
	local v=$1 suite=$2 tag="python:$1-slim" raw_key raw_tar fp rootfs_tar real t0 existing
	raw_key=$(printf '%s\n' "$RECIPE_RAW" "$suite" "$v" "$MIRROR" "$(debootstrap_includes "$v")" | sha 12)
	raw_tar=$E2E_CACHE_DIR/debootstrap/$suite-python$v-$raw_key.tar
	fp=$(printf '%s\n' "$RECIPE_SLIM" "$raw_key" "$SECURITY_MIRROR" "$HOST_FP" "${IMPORT_ENV[*]}" | sha 16)
	rootfs_tar=$E2E_CACHE_DIR/rootfs/python$v-slim-$suite-$fp.tar
	SLIM_FP=$fp

	if image_exists "$tag"; then
		existing=$(image_label "$tag" org.pydocker.standin.fingerprint)
		if [[ -z $(image_label "$tag" org.pydocker.standin) ]]; then
			log "$tag exists and is not a stand-in (a real image?): leaving it alone"
			SLIM_FP=real
			return 0
		fi
		if [[ $existing == "$fp" && $REFRESH != 1 ]]; then
			log "$tag is up to date (stand-in debian-$suite)"
			dkr tag "$tag" "python:$v-slim-$suite"
			return 0
		fi
		log "$tag is a stand-in from another recipe/host config: rebuilding"
	fi

	t0=$SECONDS
	if [[ ! -f $rootfs_tar || $REFRESH == 1 ]]; then
		WORK=$E2E_CACHE_DIR/work/python$v-$suite
		if [[ ! -f $raw_tar || $REFRESH == 1 ]]; then
			debootstrap_raw "$suite" "$v" "$raw_tar"
		fi
		remove_work
		mkdir -p "$WORK"
		log "unpacking cached debootstrap $raw_tar"
		tar -C "$WORK" --numeric-owner -xpf "$raw_tar"
		local t1=$SECONDS
		customize_rootfs "$suite" "$v" "$PIP_CONF" "$CA_DIR" "$APT_PROXY"
		mkdir -p "$(dirname "$rootfs_tar")"
		# Drop older rootfs tarballs of this version/suite: a cache, not an archive.
		rm -f "$E2E_CACHE_DIR/rootfs/python$v-slim-$suite-"*.tar "$E2E_CACHE_DIR/rootfs/python$v-slim-$suite-"*.tar.python
		tar -C "$WORK" --numeric-owner --exclude='./.pydocker-python-version' -cf "$rootfs_tar.tmp" .
		cp "$WORK/.pydocker-python-version" "$rootfs_tar.python"
		mv "$rootfs_tar.tmp" "$rootfs_tar"
		remove_work
		WORK=""
		TIMINGS+=("customize $suite python$v rootfs: $((SECONDS - t1))s")
	else
		log "using cached rootfs $rootfs_tar"
	fi
	real=$(cat "$rootfs_tar.python")
	log "docker import $tag (python $real, debian-$suite)"
	quiet_run dkr import \
		-c 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
		-c 'ENV LANG=C.UTF-8' \
		-c "ENV PYTHON_VERSION=$real" \
		"${IMPORT_ENV[@]}" \
		-c "LABEL org.pydocker.standin=debian-$suite" \
		-c "LABEL org.pydocker.standin.python=$real" \
		-c "LABEL org.pydocker.standin.variant=slim" \
		-c "LABEL org.pydocker.standin.fingerprint=$fp" \
		-c 'CMD ["python3"]' \
		"$rootfs_tar" "$tag" || die "docker import $tag failed"
	dkr tag "$tag" "python:$v-slim-$suite"
	log "$tag ready in $((SECONDS - t0))s"
	TIMINGS+=("slim image python:$v-slim (rootfs + import): $((SECONDS - t0))s")
}

build_full() {
	local v=$1 suite=$2 tag="python:$1" fp ctx t0 real saved
	if [[ $SLIM_FP == real ]]; then
		if image_exists "$tag"; then
			log "$tag exists (real image): leaving it alone"
			return 0
		fi
		die "python:$v-slim is not a stand-in, so no stand-in $tag is built on top of it; remove it or set PYDOCKER_E2E_REAL_IMAGES=1"
	fi
	fp=$(printf '%s\n' "$RECIPE_FULL" "$SLIM_FP" "${FULL_PACKAGES[*]}" | sha 16)
	saved=$E2E_CACHE_DIR/images/python$v-full-$suite-$fp.tar
	if image_exists "$tag"; then
		if [[ -z $(image_label "$tag" org.pydocker.standin) ]]; then
			log "$tag exists and is not a stand-in (a real image?): leaving it alone"
			return 0
		fi
		if [[ $(image_label "$tag" org.pydocker.standin.fingerprint) == "$fp" && $REFRESH != 1 ]]; then
			log "$tag is up to date (stand-in debian-$suite)"
			dkr tag "$tag" "python:$v-$suite"
			save_full "$v" "$suite" "$saved"
			return 0
		fi
	fi
	t0=$SECONDS
	if [[ -f $saved && $REFRESH != 1 ]]; then
		log "docker load $tag from the cache ($saved)"
		if quiet_run dkr load -i "$saved" &&
			[[ $(image_label "$tag" org.pydocker.standin.fingerprint) == "$fp" ]]; then
			log "$tag ready in $((SECONDS - t0))s"
			TIMINGS+=("full image python:$v (docker load from cache): $((SECONDS - t0))s")
			return 0
		fi
		log "cached $saved unusable; rebuilding"
		rm -f "$saved"
	fi
	real=$(image_label "python:$v-slim" org.pydocker.standin.python)
	ctx=$E2E_STATE_DIR/full-context-$v
	rm -rf "$ctx"
	mkdir -p "$ctx"
	{
		echo "FROM python:$v-slim"
		echo "# The buildpack-deps:$suite packages, as the official python:$v (full) image has them."
		echo "# buildpack-deps starts from the full debian:$suite image, which keeps docs and man pages."
		echo "RUN set -eux; rm -f /etc/dpkg/dpkg.cfg.d/docker; apt-get update; \\"
		echo "    apt-get install -y --no-install-recommends ${FULL_PACKAGES[*]}; \\"
		echo "    rm -rf /var/lib/apt/lists/*"
		echo "LABEL org.pydocker.standin=debian-$suite org.pydocker.standin.python=$real \\"
		echo "      org.pydocker.standin.variant=full org.pydocker.standin.fingerprint=$fp"
	} >"$ctx/Dockerfile"
	log "building $tag: FROM python:$v-slim + buildpack-deps packages (docker build --network host; log $ctx/build.log)"
	if ! dkr build --network host --progress plain -t "$tag" -t "python:$v-$suite" "$ctx" >"$ctx/build.log" 2>&1; then
		tail -n 40 "$ctx/build.log" >&2
		die "building $tag failed; see $ctx/build.log"
	fi
	log "$tag ready in $((SECONDS - t0))s"
	TIMINGS+=("full image python:$v (apt-get install): $((SECONDS - t0))s")
	save_full "$v" "$suite" "$saved"
}

# `docker save` the full image into the cache: docker load takes ~10 s where apt-get takes
# ~1 min, which is worth 1 GB of disk when the engine's images are wiped.
save_full() {
	local v=$1 suite=$2 saved=$3 t0=$SECONDS
	[[ ${PYDOCKER_E2E_CACHE_FULL:-1} == 1 && ! -f $saved ]] || return 0
	mkdir -p "$(dirname "$saved")"
	rm -f "$E2E_CACHE_DIR/images/python$v-full-$suite-"*.tar
	if quiet_run dkr save -o "$saved.tmp" "python:$v" "python:$v-$suite"; then
		mv "$saved.tmp" "$saved"
		log "saved python:$v to $saved in $((SECONDS - t0))s"
	else
		rm -f "$saved.tmp"
	fi
}

summary() {
	local v tag std real size
	printf '%-22s %-18s %-10s %8s\n' TAG STAND-IN PYTHON SIZE_MB
	for v in "$@"; do
		for tag in "python:$v-slim" "python:$v"; do
			if ! image_exists "$tag"; then
				printf '%-22s %-18s %-10s %8s\n' "$tag" "(missing)" - -
				continue
			fi
			std=$(image_label "$tag" org.pydocker.standin)
			real=$(dkr run --rm --network host "$tag" python -c 'import platform; print(platform.python_version())' 2>/dev/null || echo '?')
			size=$(dkr image inspect -f '{{.Size}}' "$tag")
			printf '%-22s %-18s %-10s %8d\n' "$tag" "${std:-official}" "$real" "$((size / 1000000))"
		done
	done
}

# ---------------------------------------------------------------------------------------------

(($#)) || usage
require_root
if [[ ${PYDOCKER_E2E_REAL_IMAGES:-0} == 1 ]]; then
	log "PYDOCKER_E2E_REAL_IMAGES=1: using the official images (docker pull), building no stand-ins"
	exit 0
fi
for v in "$@"; do
	[[ $v =~ ^3\.[0-9]+$ ]] || die "bad version '$v' (expected e.g. 3.14)"
	suite_for "$v" >/dev/null || die "no Debian suite on this mirror ships Python $v (known: 3.11 bookworm, 3.13 trixie, 3.14 forky, 3.15 forky); cannot build a stand-in for python:$v"
done
engine_answers || die "no docker engine answers at $E2E_DOCKER; run engine-up.sh first"
mkdir -p "$E2E_STATE_DIR" "$E2E_CACHE_DIR"
# The cache (work dirs, tarballs) is shared by every run that names it, whatever its state folder.
take_lock "$E2E_CACHE_DIR/standin.lock"
if ! command -v debootstrap >/dev/null 2>&1; then
	apt_install debootstrap || die "could not install debootstrap"
fi

T_ALL=$SECONDS
TIMINGS=()
REFRESH=${PYDOCKER_E2E_REFRESH:-0}
MIRROR=${PYDOCKER_E2E_MIRROR:-$(host_mirror)}
SECURITY_MIRROR=${PYDOCKER_E2E_SECURITY_MIRROR:-$(host_security_mirror)}

# Host-specific configuration baked into the images, and its fingerprint.
PIP_CONF=$E2E_STATE_DIR/pip.conf
CA_DIR=$E2E_STATE_DIR/host-cas
make_pip_conf "$PIP_CONF"
ensure_pip_http_server "$PIP_CONF"
bundle=$(pip config get global.cert 2>/dev/null || true)
[[ -f $bundle ]] || bundle=${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}
[[ -f $bundle ]] || bundle=/etc/ssl/certs/ca-certificates.crt
n_cas=$(host_extra_cas "$bundle" "$CA_DIR")
APT_PROXY=$(apt_proxy_conf)
# Tools that ship their own CA roots ignore the system bundle unless told: uv reads SSL_CERT_FILE
# (else "invalid peer certificate: UnknownIssuer"), Poetry's requests reads REQUESTS_CA_BUNDLE
# (else "All attempts to connect to pypi.org failed") behind the host's TLS-intercepting proxy.
# Only set when the host adds CAs of its own.
IMPORT_ENV=()
if [[ $n_cas -gt 0 && ${PYDOCKER_E2E_SSL_CERT_ENV:-1} == 1 ]]; then
	IMPORT_ENV=(-c 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' -c 'ENV REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt')
fi
HOST_FP=$(cat "$PIP_CONF" "$CA_DIR"/* 2>/dev/null | cat - <(printf '%s\n' "$APT_PROXY") | sha 16)
log "mirror $MIRROR, security $SECURITY_MIRROR; $n_cas extra host CA(s) from $bundle; pip.conf: $(grep -v '^#' "$PIP_CONF" | grep -v '^\[' | tr '\n' ' ')"

for v in "$@"; do
	suite=$(suite_for "$v")
	build_slim "$v" "$suite"
	if [[ ${PYDOCKER_E2E_SKIP_FULL:-0} != 1 ]]; then
		build_full "$v" "$suite"
	fi
done

# Cache hygiene: version sidecars whose rootfs tarball is gone.
for f in "$E2E_CACHE_DIR"/rootfs/*.tar.python; do
	[[ ! -f $f || -f ${f%.python} ]] || rm -f "$f"
done

summary "$@"
for t in "${TIMINGS[@]}"; do log "timing: $t"; done
log "stand-in images ready in $((SECONDS - T_ALL))s"
