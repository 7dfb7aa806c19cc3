/**
 * The probe `--verify` runs inside the container (`docker exec CONTAINER python -I -c PROBE_SCRIPT
 * PORT PATH BOUND`): GET PATH on 127.0.0.1:PORT every 0.1 s until any HTTP answer or BOUND seconds,
 * with the Host header a browser would send through `-p` (Django checks ALLOWED_HOSTS), then the
 * TCP sockets listening in the container (its own network namespace), so that a server bound to
 * 127.0.0.1 only, or on another port, is seen. It also says when the answer came (the wall clock,
 * which a container shares with its host), so the first-response time does not include the
 * `docker exec` round trip. Standard library only, like the HEALTHCHECK; `-I`
 * keeps the app's folder off the import path (a project's own http.py cannot shadow http.client).
 */

export const PROBE_SCRIPT = `
import http.client, json, sys, time
port, path, bound = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
start = time.monotonic()
status, last, at = None, "", None
while status is None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path, headers={"Host": "localhost:%d" % port})
        status = connection.getresponse().status
        at = time.time()
        connection.close()
    except Exception as error:
        last = "%s: %s" % (type(error).__name__, error)
        if time.monotonic() - start > bound:
            break
        time.sleep(0.1)
listening = []
for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
    try:
        rows = open(table).read().splitlines()[1:]
    except OSError:
        continue
    for row in rows:
        fields = row.split()
        address, hexport = fields[1].rsplit(":", 1)
        if fields[3] != "0A":
            continue
        if v6:
            address = {"0" * 32: "::", "0" * 24 + "01000000": "::1"}.get(address, "v6:" + address)
        else:
            address = ".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0))
        listening.append({"address": address, "port": int(hexport, 16)})
print(json.dumps({"status": status, "error": last, "listening": listening, "at": at}))
`;

/** Reads PID 1's real UID: the server's, whatever `docker exec` runs as. */
export const UID_SCRIPT = `print([line.split()[1] for line in open("/proc/1/status") if line.startswith("Uid:")][0])`;

export interface Listener {
  address: string;
  port: number;
}

export interface ProbeAnswer {
  status?: number;
  error: string;
  listening: Listener[];
  /** When the answer came, in ms since the epoch (the container's clock). */
  atMs?: number;
}

/** The probe's one JSON line; undefined when it printed none (the container went away, or no python). */
export function parseProbe(stdout: string): ProbeAnswer | undefined {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(line) as { status: number | null; error: string; listening: Listener[]; at?: number | null };
    return { status: parsed.status ?? undefined, error: parsed.error ?? '', listening: parsed.listening ?? [], atMs: typeof parsed.at === 'number' ? Math.round(parsed.at * 1000) : undefined };
  } catch {
    return undefined;
  }
}

/** True when something listens on the port, but only on a loopback address (unreachable through `-p`). */
export function loopbackOnly(listening: readonly Listener[], port: number): boolean {
  const on = listening.filter((listener) => listener.port === port);
  return on.length > 0 && on.every((listener) => listener.address.startsWith('127.') || listener.address === '::1');
}
