#!/usr/bin/env python3
"""compare.py: build every Dockerfile of this project and compare them side by side.

For each Dockerfile it measures what the workshop is about:
  - the image size                       (the full base image carries compilers: ~1 GB)
  - the cold build time                  (docker build --no-cache)
  - the rebuild time after a code edit   (one comment line appended to main.py, then undone)
  - whether the dependency install came from the build cache on that rebuild
  - how long `docker stop` takes         (~10 s means the app ignored SIGTERM and was killed)
  - the UID the app runs as              (0 is root)
It prints a table and writes the same figures as bar charts in one self-contained HTML file.
At the end it removes the images it built and the build cache those builds added (--keep keeps them).

Needs Python 3.9+ and docker, nothing else (Linux, macOS, Windows with WSL):
    python3 compare.py            then open compare.html
"""
import argparse
import html
import http.client
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path

# Every human-readable string of the tool, in one place, in the workshop's language (the generator's
# --lang): the --help text, the progress lines, the errors, and the table's and the chart's words.
TEXT = {
    "col_dockerfile": "Dockerfile",
    "col_size": "Image size",
    "col_cold": "Cold build",
    "col_install": "Install step (cold)",
    "col_rebuild": "Rebuild after code edit",
    "col_deps": "Dependency step on rebuild",
    "col_stop": "docker stop",
    "col_uid": "Runs as UID",
    "cached": "CACHED",
    "reran": "ran again",
    "no_install_step": "no install step found",
    "root": "{uid} (root)",
    "html_title": "Dockerfiles compared",
    "html_intro": "One bar per Dockerfile: shorter is better.",
    "chart_size": "Image size (MB): less to push, pull and patch",
    "chart_cold": "Cold build (s): docker build --no-cache",
    "chart_rebuild": "Rebuild after a code-only edit (s): the dependency layer's cache at work",
    "chart_stop": "docker stop (s): about 10 s means SIGTERM was ignored and the app was killed",
    "description": "Build every Dockerfile of this project and compare size, build times, cache use, `docker stop` time and the user the app runs as.",
    "epilog": "Builds use BuildKit (DOCKER_BUILDKIT=1 is set unless you set it yourself).\nContainers publish the port with -p PORT:PORT; with --network-host they share the host's\nnetwork instead (Linux only, and for machines without docker's bridge network).\nAt the end it removes the images it built and the build cache those builds added (not with --keep).\nName other outputs compare*.html / compare*.json: .dockerignore keeps those out of the builds.\nExamples:\n  python3 compare.py\n  python3 compare.py --dockerfiles Dockerfile.bad,Dockerfile --out compare-sizes.html\n  python3 compare.py --network-host --json compare.json\n  python3 compare.py --build-flag=--pull --run-flag='--memory 256m' --run-flag=--read-only",
    "help_dockerfiles": "comma-separated Dockerfiles to compare (default: every Dockerfile* here)",
    "help_port": "port the app listens on inside the container (default: %(default)s)",
    "help_app_file": "file the code-only edit touches (default: %(default)s)",
    "help_network_host": "build and run with --network host instead of publishing the port",
    "help_build_flag": "extra docker build flags (repeatable; see the examples below)",
    "help_run_flag": "extra docker run flags (repeatable; see the examples below)",
    "help_docker": "docker command to use (default: $DOCKER, else docker)",
    "help_out": "HTML chart to write (default: %(default)s)",
    "help_json": "also write the figures as JSON to this file",
    "help_keep": "keep the images and the build cache (default: remove what this run added)",
    "help_timeout": "seconds to wait for the app to answer (default: %(default)s)",
    "help_tag_prefix": "prefix of the image and container names (default: %(default)s)",
    "step_cold": "[{n}/{total}] {dockerfile}: cold build (docker build --no-cache)...",
    "step_rebuild": "[{n}/{total}] {dockerfile}: rebuild after a code-only edit of {app_file}...",
    "step_run": "[{n}/{total}] {dockerfile}: run, wait for http://127.0.0.1:{port}/, docker stop...",
    "took": "      {seconds:.1f} s",
    "unknown": "?",
    "megabytes": "{value:.0f} MB",
    "seconds": "{value:.1f} s",
    "wrote": "Wrote {path}",
    "cleaned": "Cleaned up: {images} images and {records} build cache records that this run added",
    "err_no_docker": "'{docker}' not found: install Docker, or set DOCKER=/path/to/docker",
    "err_no_engine": "'{docker}' cannot reach a Docker engine: is Docker running? ({detail})",
    "err_missing_file": "{path} not found in {folder}",
    "err_no_dockerfiles": "no Dockerfile found in {folder}",
    "err_build": "docker build -f {dockerfile} failed (exit {code}): {detail}",
    "err_run": "docker run of {image} failed (exit {code}): {detail}",
    "err_port_busy": "something already answers on 127.0.0.1:{port}: stop it first",
    "err_exited": "{dockerfile}: the container exited before answering: {detail}",
    "err_no_answer": "{dockerfile}: no answer on http://127.0.0.1:{port}/ within {timeout} s (wrong --port? on Linux without docker's bridge network, use --network-host)",
    "interrupted": "Interrupted: {app_file} restored, containers removed.",
    "ap_usage": "usage: ",
    "ap_options": "options",
    "ap_optional_arguments": "optional arguments",
    "ap_help": "show this help message and exit",
    "ap_error": "%(prog)s: error: %(message)s\n",
    "ap_unrecognized": "unrecognized arguments: %s",
    "ap_argument": "argument %(argument_name)s: %(message)s",
    "ap_expected_one": "expected one argument",
    "ap_invalid_value": "invalid %(type)s value: %(value)r",
    "ap_ambiguous": "ambiguous option: %(option)s could match %(matches)s",
    "ap_ignored_explicit": "ignored explicit argument %r",
}

# argparse's own words (usage:, options:, its errors) in the same language: it looks each one up
# through gettext's `_` when it prints it.
ARGPARSE_WORDS = {
    "usage: ": TEXT["ap_usage"],
    "options": TEXT["ap_options"],
    "optional arguments": TEXT["ap_optional_arguments"],
    "show this help message and exit": TEXT["ap_help"],
    "%(prog)s: error: %(message)s\n": TEXT["ap_error"],
    "unrecognized arguments: %s": TEXT["ap_unrecognized"],
    "argument %(argument_name)s: %(message)s": TEXT["ap_argument"],
    "expected one argument": TEXT["ap_expected_one"],
    "invalid %(type)s value: %(value)r": TEXT["ap_invalid_value"],
    "ambiguous option: %(option)s could match %(matches)s": TEXT["ap_ambiguous"],
    "ignored explicit argument %r": TEXT["ap_ignored_explicit"],
}


def argparse_words(message):
    return ARGPARSE_WORDS.get(message, message)


argparse._ = argparse_words

# Filled in by the generator from its answers.
PORT = 5000
APP_FILE = "main.py"
PROJECT = Path(__file__).resolve().parent
# The workshop's steps come first, in teaching order; any other Dockerfile* follows.
TEACHING_ORDER = ["Dockerfile.bad", "Dockerfile.better", "Dockerfile", "Dockerfile.multistage"]
NOT_DOCKERFILES = (".dockerignore", ".bak", ".orig", ".swp", "~")

# BuildKit's plain progress output names each step, then says what became of it:
#   `#8 [4/5] RUN pip install --no-cache-dir -r requirements.txt`
#   `#8 CACHED`
STEP_HEADER = re.compile(r"^#(\d+) \[[^\]]*\] RUN (.*)$")
STEP_CACHED = re.compile(r"^#(\d+) CACHED\s*$")
# The dependency step: a RUN that installs with pip, uv, poetry or pipenv (not python3-pip).
INSTALLER = re.compile(r"(?<![\w-])(pip3?|uv|poetry|pipenv)(?![\w-]).*\b(install|sync)\b")
# A step that only installs the installer (pip install uv==...) is not the app's dependencies.
INSTALLER_ITSELF = re.compile(r"\bpip3? install (--target \S+ )?uv==\S+\s*$")
STEP_DONE = re.compile(r"^#(\d+) DONE ([\d.]+)s\s*$")


class Failure(Exception):
    """An error the user can act on; printed as one line."""


def find_dockerfiles(folder):
    """Every Dockerfile and Dockerfile.* in folder, the workshop's ones first."""
    names = {
        path.name
        for path in folder.iterdir()
        if path.is_file()
        and (path.name == "Dockerfile" or path.name.startswith("Dockerfile."))
        and not path.name.endswith(NOT_DOCKERFILES)
    }
    known = [name for name in TEACHING_ORDER if name in names]
    return known + sorted(names - set(known))


def slug(dockerfile):
    """Dockerfile.bad -> bad, Dockerfile -> dockerfile: a valid part of an image name."""
    suffix = dockerfile.split(".", 1)[1] if "." in dockerfile else dockerfile
    return re.sub(r"[^a-z0-9_.-]+", "-", suffix.lower()).strip("-.") or "dockerfile"


def dependency_step_cached(build_output):
    """True if every install step printed CACHED, False if one ran, None if none was found."""
    install_steps, cached_steps = set(), set()
    for line in build_output.splitlines():
        header = STEP_HEADER.match(line)
        if header and INSTALLER.search(header.group(2)):
            install_steps.add(header.group(1))
        cached = STEP_CACHED.match(line)
        if cached:
            cached_steps.add(cached.group(1))
    if not install_steps:
        return None
    return install_steps <= cached_steps


def install_seconds(build_output):
    """Seconds the steps that install the app's dependencies took (BuildKit's DONE times), None if none was found."""
    install_steps, seconds = set(), {}
    for line in build_output.splitlines():
        header = STEP_HEADER.match(line)
        if header and INSTALLER.search(header.group(2)) and not INSTALLER_ITSELF.search(header.group(2)):
            install_steps.add(header.group(1))
        done = STEP_DONE.match(line)
        if done:
            seconds[done.group(1)] = float(done.group(2))
    if not install_steps:
        return None
    return round(sum(seconds.get(step, 0.0) for step in install_steps), 2)


def last_line(output):
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def docker(opts, *args):
    """Runs docker with stdout and stderr together (BuildKit writes its progress to stderr)."""
    return subprocess.run(
        [opts.docker, *args], check=False, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, errors="replace",
    )


def build(opts, dockerfile, image, no_cache):
    """docker build, timed. Returns (seconds, output)."""
    flags = ["--no-cache"] if no_cache else []
    start = time.monotonic()
    result = docker(opts, "build", "--progress=plain", *flags, *opts.build_flags,
                    "-f", dockerfile, "-t", image, ".")
    seconds = time.monotonic() - start
    if result.returncode != 0:
        raise Failure(TEXT["err_build"].format(dockerfile=dockerfile, code=result.returncode,
                                               detail=last_line(result.stdout)))
    return seconds, result.stdout


@contextmanager
def code_only_edit(path):
    """Appends a comment line to path and always puts the file back, even on Ctrl-C."""
    original, stat = path.read_bytes(), path.stat()
    try:
        # Unique on every run, so no earlier run's build cache can match the edited file.
        with path.open("ab") as file:
            file.write(f"\n# compare.py: code-only edit {time.time_ns()}\n".encode())
        yield
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def app_answers(port):
    """True when an HTTP server on 127.0.0.1:port answers below 500 (like the HEALTHCHECK)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status < 500  # a 404 still means the app runs
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def run_and_stop(opts, dockerfile, image):
    """Starts the image, waits for an answer, reads the UID, times `docker stop`. Returns (uid, seconds)."""
    container = f"{image}-run"
    docker(opts, "rm", "-f", container)  # left over from an interrupted run
    if app_answers(opts.port):
        raise Failure(TEXT["err_port_busy"].format(port=opts.port))
    network = ["--network", "host"] if opts.network_host else ["-p", f"{opts.port}:{opts.port}"]
    started = docker(opts, "run", "-d", "--name", container, *network, *opts.run_flags, image)
    if started.returncode != 0:
        raise Failure(TEXT["err_run"].format(image=image, code=started.returncode,
                                             detail=last_line(started.stdout)))
    try:
        deadline = time.monotonic() + opts.timeout
        while not app_answers(opts.port):
            state = docker(opts, "inspect", "--format", "{{.State.Running}}", container)
            if state.stdout.strip() != "true":
                logs = docker(opts, "logs", "--tail", "5", container).stdout
                raise Failure(TEXT["err_exited"].format(dockerfile=dockerfile, detail=last_line(logs)))
            if time.monotonic() > deadline:
                raise Failure(TEXT["err_no_answer"].format(dockerfile=dockerfile, port=opts.port,
                                                           timeout=opts.timeout))
            time.sleep(0.3)
        uid = docker(opts, "exec", container, "id", "-u").stdout.strip()
        start = time.monotonic()
        docker(opts, "stop", container)  # SIGTERM, then SIGKILL after 10 s
        stop_seconds = time.monotonic() - start
    finally:
        docker(opts, "rm", "-f", container)
    return (int(uid) if uid.isdigit() else None), stop_seconds


def image_id(opts, image):
    result = docker(opts, "image", "inspect", "--format", "{{.Id}}", image)
    return result.stdout.strip() if result.returncode == 0 else None


def build_cache_ids(opts):
    """The IDs of BuildKit's build cache records, or None when this docker cannot list them."""
    result = docker(opts, "system", "df", "-v", "--format", "{{range .BuildCache}}{{.ID}} {{end}}")
    # An ID ends in "*" while a build uses the record.
    return {word.rstrip("*") for word in result.stdout.split()} if result.returncode == 0 else None


def clean_up(opts, built, cache_before):
    """Removes what this run added: its images and the build cache records its builds created.
    Nothing else: other images and other build cache stay."""
    removed = built["untagged_removed"]
    for image in built["images"]:
        if docker(opts, "rmi", "-f", image).returncode == 0:
            removed += 1
    # Only the records that appeared during this run, and only if the engine can list them.
    cache_after = build_cache_ids(opts) if cache_before is not None else None
    records = sorted(cache_after - cache_before) if cache_after is not None else []
    pending = set(records)
    while pending:  # a record goes only once the records built on it are gone: another pass while a pass removes something
        for record in sorted(pending):  # one per call: Docker 20.10 takes one value per filter
            docker(opts, "builder", "prune", "--force", "--all", "--filter", f"id={record}")
        listed = build_cache_ids(opts)
        if listed is None or not pending - listed:
            break
        pending &= listed
    pruned = len(records) - len(pending)
    say(TEXT["cleaned"].format(images=removed, records=pruned))


def measure(opts, dockerfile, n, total, built):
    """Every figure for one Dockerfile. Notes the images it builds in built (for the clean-up)."""
    image = opts.tag_prefix + slug(dockerfile)
    step = {"n": n, "total": total, "dockerfile": dockerfile, "app_file": opts.app_file, "port": opts.port}
    # 1. Cold build: --no-cache ignores every cached layer, like a first build on a new laptop or in CI.
    say(TEXT["step_cold"].format(**step))
    built["images"].append(image)
    cold, cold_output = build(opts, dockerfile, image, no_cache=True)
    say(TEXT["took"].format(seconds=cold))
    cold_id = image_id(opts, image)
    size = docker(opts, "image", "inspect", "--format", "{{.Size}}", image).stdout.strip()
    # 2. What you do all day: edit the code, rebuild. Only the layers from the one that copies the code
    #    should run again; if the dependency install runs too, the Dockerfile copies the code too early.
    say(TEXT["step_rebuild"].format(**step))
    with code_only_edit(PROJECT / opts.app_file):
        rebuild, output = build(opts, dockerfile, image, no_cache=False)
    say(TEXT["took"].format(seconds=rebuild))
    if cold_id and cold_id != image_id(opts, image):
        # The rebuild took the tag: the cold image is now an untagged <none> image. Remove it now
        # (with --keep too: nothing can use it any more).
        if docker(opts, "rmi", cold_id).returncode == 0:
            built["untagged_removed"] += 1
    # 3. Run it: who does the app run as, and does it stop when asked to (SIGTERM)?
    say(TEXT["step_run"].format(**step))
    uid, stop = run_and_stop(opts, dockerfile, image)
    say(TEXT["took"].format(seconds=stop))
    return {
        "dockerfile": dockerfile, "image": image, "size_bytes": int(size) if size.isdigit() else None,
        "cold_build_s": round(cold, 2), "install_s": install_seconds(cold_output), "rebuild_s": round(rebuild, 2),
        "deps_cached": dependency_step_cached(output), "stop_s": round(stop, 2), "uid": uid,
    }


# ---- Output: the same figures as a text table, an HTML page with bar charts, and JSON ----

COLUMNS = ["col_dockerfile", "col_size", "col_cold", "col_install", "col_rebuild", "col_deps", "col_stop", "col_uid"]
CHARTS = [("size_bytes", "chart_size", 1e-6), ("cold_build_s", "chart_cold", 1),
          ("rebuild_s", "chart_rebuild", 1), ("stop_s", "chart_stop", 1)]


def cells(result):
    """One row of the table, as text."""
    def number(key, unit, scale=1):
        value = result.get(key)
        return TEXT["unknown"] if value is None else TEXT[unit].format(value=value * scale)
    deps = {True: TEXT["cached"], False: TEXT["reran"], None: TEXT["no_install_step"]}
    uid = result.get("uid")
    return [
        result["dockerfile"], number("size_bytes", "megabytes", 1e-6), number("cold_build_s", "seconds"),
        number("install_s", "seconds"), number("rebuild_s", "seconds"), deps[result.get("deps_cached")], number("stop_s", "seconds"),
        TEXT["unknown"] if uid is None else TEXT["root"].format(uid=uid) if uid == 0 else str(uid),
    ]


def display_width(text):
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text, width, right=False):
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def format_table(results):
    rows = [[TEXT[key] for key in COLUMNS]] + [cells(result) for result in results]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(COLUMNS))]

    def line(row):  # names left-aligned, figures right-aligned
        return "  ".join(pad(c, w, right=i > 0) for i, (c, w) in enumerate(zip(row, widths)))

    return "\n".join([line(rows[0]), line(["-" * w for w in widths])] + [line(r) for r in rows[1:]])


def svg_chart(results, key, scale):
    """A horizontal bar chart as inline SVG: one labelled bar per Dockerfile."""
    values = [(result.get(key) or 0) * scale for result in results]
    longest = max([*values, 1e-9])  # never divide by zero
    label_width, bar_width, row = 190, 330, 30
    parts = []
    for i, (result, value) in enumerate(zip(results, values)):
        y, width = i * row, max(1, round(bar_width * value / longest))
        name = html.escape(result["dockerfile"])
        parts.append(
            f'<text x="0" y="{y + 19}">{name}</text>'
            f'<rect class="bar c{i % 6}" data-dockerfile="{name}" x="{label_width}" y="{y + 5}"'
            f' width="{width}" height="20"/>'
            f'<text x="{label_width + width + 6}" y="{y + 19}">{value:.1f}</text>'
        )
    height = row * len(results)
    return f'<svg width="600" height="{height}" viewBox="0 0 600 {height}">{"".join(parts)}</svg>'


def render_html(results):
    """A page with no external file, script or font: it works offline, on any projector."""
    esc = html.escape
    charts = "".join(f"<section><h2>{esc(TEXT[title])}</h2>{svg_chart(results, key, scale)}</section>"
                     for key, title, scale in CHARTS)
    head = "".join(f"<th>{esc(TEXT[key])}</th>" for key in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells(r)) + "</tr>" for r in results)
    style = (
        "body{font:18px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
        "h2{font-size:1.1em;margin:1.5em 0 .4em}svg text{font-size:15px;fill:#222}"
        "table{border-collapse:collapse;margin-top:2em}td,th{border:1px solid #ccc;padding:.3em .6em}"
        ".c0{fill:#d62728}.c1{fill:#ff7f0e}.c2{fill:#2ca02c}.c3{fill:#1f77b4}.c4{fill:#9467bd}.c5{fill:#8c564b}"
    )
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{esc(TEXT["html_title"])}</title>'
        f"<style>{style}</style></head><body><h1>{esc(TEXT['html_title'])}</h1>"
        f"<p>{esc(TEXT['html_intro'])}</p>{charts}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n"
    )


def say(message):
    print(message, file=sys.stderr, flush=True)


def write(path, content):
    Path(path).write_text(content, encoding="utf-8")
    say(TEXT["wrote"].format(path=path))


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="compare.py", description=TEXT["description"],
                                     epilog=TEXT["epilog"], formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--dockerfiles", help=TEXT["help_dockerfiles"])
    add("--port", type=int, default=PORT, help=TEXT["help_port"])
    add("--app-file", default=APP_FILE, help=TEXT["help_app_file"])
    add("--network-host", action="store_true", help=TEXT["help_network_host"])
    add("--build-flag", action="append", default=[], metavar="FLAGS", help=TEXT["help_build_flag"])
    add("--run-flag", action="append", default=[], metavar="FLAGS", help=TEXT["help_run_flag"])
    add("--docker", default=os.environ.get("DOCKER", "docker"), help=TEXT["help_docker"])
    add("--out", default="compare.html", help=TEXT["help_out"])
    add("--json", metavar="FILE", help=TEXT["help_json"])
    add("--keep", action="store_true", help=TEXT["help_keep"])
    add("--timeout", type=int, default=60, help=TEXT["help_timeout"])
    add("--tag-prefix", default="compare-", help=TEXT["help_tag_prefix"])
    opts = parser.parse_args(argv)
    # "--build-flag='--network host'" is two words for docker: split like a shell would.
    opts.build_flags = [word for flags in opts.build_flag for word in shlex.split(flags)]
    opts.run_flags = [word for flags in opts.run_flag for word in shlex.split(flags)]
    if opts.network_host:  # the run side is handled in run_and_stop (no -p with host networking)
        opts.build_flags = ["--network", "host", *opts.build_flags]
    return opts


def check_setup(opts):
    if shutil.which(opts.docker) is None:
        raise Failure(TEXT["err_no_docker"].format(docker=opts.docker))
    engine = docker(opts, "version", "--format", "{{.Server.Version}}")
    if engine.returncode != 0:
        raise Failure(TEXT["err_no_engine"].format(docker=opts.docker, detail=last_line(engine.stdout)))
    if not (PROJECT / opts.app_file).is_file():
        raise Failure(TEXT["err_missing_file"].format(path=opts.app_file, folder=PROJECT))
    if opts.dockerfiles:
        dockerfiles = [name.strip() for name in opts.dockerfiles.split(",") if name.strip()]
    else:
        dockerfiles = find_dockerfiles(PROJECT)
    for name in dockerfiles:
        if not (PROJECT / name).is_file():
            raise Failure(TEXT["err_missing_file"].format(path=name, folder=PROJECT))
    if not dockerfiles:
        raise Failure(TEXT["err_no_dockerfiles"].format(folder=PROJECT))
    return dockerfiles


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # runs every `finally`: the edited file is restored


def main(argv=None):
    opts = parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    # BuildKit prints the "#8 CACHED" lines read above (the default builder since Docker 23).
    os.environ.setdefault("DOCKER_BUILDKIT", "1")
    built = {"images": [], "untagged_removed": 0}
    cache_before = None
    try:
        dockerfiles = check_setup(opts)
        cache_before = build_cache_ids(opts)
        results = []
        for n, dockerfile in enumerate(dockerfiles, 1):
            results.append(measure(opts, dockerfile, n, len(dockerfiles), built))
        print(format_table(results))
        write(opts.out, render_html(results))
        if opts.json:
            write(opts.json, json.dumps({"port": opts.port, "results": results}, indent=2) + "\n")
    except (Failure, OSError) as error:
        print(f"compare.py: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        say(TEXT["interrupted"].format(app_file=opts.app_file))
        return 130
    finally:
        if not opts.keep and built["images"]:
            clean_up(opts, built, cache_before)
    return 0


if __name__ == "__main__":
    sys.exit(main())
