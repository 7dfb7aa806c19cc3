/**
 * Python packages that compile C code at install time, and the OS packages they need:
 * headers and tools in the builder stage, shared libraries in the runtime stage.
 * One table, read by the decision step; add a row to support another package.
 */
export interface OsPackages {
  /** Installed where pip compiles (builder stage). */
  build: readonly string[];
  /** Installed where the app runs (shared libraries the compiled module links to). */
  runtime: readonly string[];
}

export interface NativeDependency {
  debian: OsPackages;
  alpine: OsPackages;
}

export const NATIVE_DEPENDENCIES: Readonly<Record<string, NativeDependency>> = {
  // psycopg2 (not -binary) builds against libpq; pg_config comes with libpq-dev.
  psycopg2: {
    debian: { build: ['libpq-dev'], runtime: ['libpq5'] },
    alpine: { build: ['postgresql-dev'], runtime: ['libpq'] },
  },
  mysqlclient: {
    debian: { build: ['default-libmysqlclient-dev', 'pkg-config'], runtime: ['libmariadb3'] },
    alpine: { build: ['mariadb-dev', 'pkgconf'], runtime: ['mariadb-connector-c'] },
  },
  pyodbc: {
    debian: { build: ['unixodbc-dev'], runtime: ['libodbc2'] },
    alpine: { build: ['unixodbc-dev'], runtime: ['unixodbc'] },
  },
  pycairo: {
    debian: { build: ['libcairo2-dev', 'pkg-config'], runtime: ['libcairo2'] },
    alpine: { build: ['cairo-dev', 'pkgconf'], runtime: ['cairo'] },
  },
  uwsgi: {
    debian: { build: [], runtime: [] },
    alpine: { build: ['linux-headers'], runtime: [] },
  },
};

/**
 * Debian packages already in the official full `python:<version>` image (buildpack-deps: its curl,
 * scm and full layers, and what they pull in): a multi-stage builder that starts from that image
 * runs apt-get only for build packages outside this list.
 */
export const IN_FULL_DEBIAN_IMAGE: ReadonlySet<string> = new Set([
  'autoconf', 'automake', 'build-essential', 'bzip2', 'ca-certificates', 'curl', 'default-libmysqlclient-dev', 'dpkg-dev', 'file', 'g++', 'gcc',
  'git', 'gnupg', 'imagemagick', 'libbz2-dev', 'libc6-dev', 'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev',
  'libglib2.0-dev', 'libgmp-dev', 'libjpeg-dev', 'libkrb5-dev', 'liblzma-dev', 'libmagickcore-dev', 'libmagickwand-dev', 'libmaxminddb-dev',
  'libncurses-dev', 'libpng-dev', 'libpq-dev', 'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev',
  'libxslt1-dev', 'libyaml-dev', 'make', 'patch', 'pkg-config', 'unzip', 'xz-utils', 'zlib1g-dev',
]);

/** Build packages a builder starting from the full python image still has to install. */
export function missingFromFullImage(packages: readonly string[]): string[] {
  return packages.filter((pkg) => !IN_FULL_DEBIAN_IMAGE.has(pkg));
}

/**
 * `*-binary` variants that ship wheels but fall back to building the source package when the
 * Python has no wheel for the pinned release: then they need the source package's headers.
 */
export const BINARY_FALLBACKS: Readonly<Record<string, string>> = {
  'psycopg2-binary': 'psycopg2',
};

/**
 * Popular packages that publish manylinux (glibc) wheels but no musllinux wheel, so on Alpine
 * pip compiles them from source or fails. Checked against PyPI in 2026: numpy, pandas,
 * pillow, psycopg2-binary, cryptography, lxml, grpcio, scipy and pyarrow DO ship musllinux wheels now
 * (checked with `pip download --only-binary=:all: --platform musllinux_1_2_x86_64`).
 */
export const NO_MUSLLINUX_WHEEL: readonly string[] = [
  'torch',
  'tensorflow',
  'onnxruntime',
  'opencv-python',
  'opencv-python-headless',
  'mysqlclient',
  'psycopg2',
  'uwsgi',
];

/** PEP 503 normalization (extras dropped), so "Psycopg2", "uvicorn[standard]" and "mysql_client" match. */
export function normalizePackageName(name: string): string {
  return name.replace(/\[.*$/, '').trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export function osPackagesFor(packages: readonly string[], os: 'debian' | 'alpine'): OsPackages & { matched: string[] } {
  const build = new Set<string>();
  const runtime = new Set<string>();
  const matched: string[] = [];
  for (const name of new Set(packages.map(normalizePackageName))) {
    const row = NATIVE_DEPENDENCIES[name];
    if (!row) continue;
    matched.push(name);
    row[os].build.forEach((pkg) => build.add(pkg));
    row[os].runtime.forEach((pkg) => runtime.add(pkg));
  }
  return { build: [...build].sort(), runtime: [...runtime].sort(), matched: matched.sort() };
}
