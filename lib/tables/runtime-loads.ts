/**
 * Python packages that load a shared library at run time through ctypes or cffi (dlopen), so no
 * compiled module of theirs links to it and the builder's ldd scan (runtime-libraries-scan) cannot
 * see it: in a slim image the import fails (psycopg 3 without its binary extra: "no pq wrapper
 * available"). Each row names the OS packages that ship the library; the runtime image installs
 * them next to what the scan finds. Debian names are the bookworm ones: trixie's t64 packages
 * provide them (libmagic1t64 provides libmagic1), so apt installs either.
 * Checked against the packages' own installation docs and Debian bookworm / trixie in 2026.
 */
import { normalizePackageName } from './native-deps.js';

export interface RuntimeLoad {
  /** The library the package opens, as its docs name it: "libpq". */
  library: string;
  debian: readonly string[];
  alpine: readonly string[];
  /** Packages that bring their own copy of the library, so nothing is needed (psycopg-binary). */
  bundledBy?: readonly string[];
  /** Extras of the package that bring their own copy (psycopg[binary] installs psycopg-binary). */
  bundledByExtras?: readonly string[];
}

export const RUNTIME_LOADS: Readonly<Record<string, RuntimeLoad>> = {
  // psycopg 3's pure-Python implementation finds libpq with ctypes.util.find_library.
  psycopg: { library: 'libpq', debian: ['libpq5'], alpine: ['libpq'], bundledBy: ['psycopg-binary', 'psycopg-c'], bundledByExtras: ['binary', 'c'] },
  'python-magic': { library: 'libmagic', debian: ['libmagic1'], alpine: ['libmagic'] },
  cairocffi: { library: 'cairo', debian: ['libcairo2'], alpine: ['cairo'] },
  // cairosvg draws through cairocffi.
  cairosvg: { library: 'cairo', debian: ['libcairo2'], alpine: ['cairo'] },
  weasyprint: {
    library: 'Pango, HarfBuzz',
    debian: ['libpango-1.0-0', 'libpangoft2-1.0-0', 'libharfbuzz-subset0'],
    alpine: ['pango', 'harfbuzz-subset', 'fontconfig'],
  },
  pyzbar: { library: 'zbar', debian: ['libzbar0'], alpine: ['zbar'] },
  pylibdmtx: { library: 'libdmtx', debian: ['libdmtx0b'], alpine: ['libdmtx'] },
  sounddevice: { library: 'PortAudio', debian: ['libportaudio2'], alpine: ['portaudio'] },
};

export interface RuntimeLoads {
  /** The packages of the project that load a library at run time (PEP 503 names), sorted. */
  matched: string[];
  /** The OS packages they need, sorted, each once. */
  packages: string[];
}

/**
 * What the project's packages load at run time. `packages` are the declared and locked names,
 * `extras` the extras asked for per package (psycopg[binary] brings libpq along).
 */
export function runtimeLoadsFor(packages: readonly string[], extras: Readonly<Record<string, readonly string[]>>, os: 'debian' | 'alpine'): RuntimeLoads {
  const names = new Set(packages.map(normalizePackageName));
  const matched: string[] = [];
  const needed = new Set<string>();
  for (const name of [...names].sort()) {
    const row = RUNTIME_LOADS[name];
    if (!row) continue;
    if (row.bundledBy?.some((other) => names.has(other))) continue;
    if (row.bundledByExtras?.some((extra) => (extras[name] ?? []).map((e) => e.toLowerCase()).includes(extra))) continue;
    matched.push(name);
    row[os].forEach((pkg) => needed.add(pkg));
  }
  return { matched, packages: [...needed].sort() };
}
