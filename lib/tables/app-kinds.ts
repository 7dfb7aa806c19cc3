/**
 * The kinds of Python web app the generator serves, one entry each, as data: how the reader
 * recognises one, the server and command that run it in production, its default port, the path
 * its HEALTHCHECK asks, and what it needs in the image. The reader (lib/read/entry-point.ts), the
 * plan (lib/decide/server-command.ts builds the CMD, serving-refusal.ts the refusals, plan.ts the
 * port and the health check), `--help` (the `--server` choices) and the README read this table.
 * Adding a kind is one entry here plus its fixture in test/fixtures/real-projects/.
 */

/** The servers a production image runs. `python` runs a file as a program (the app starts its own server). */
export const SERVERS = ['gunicorn', 'uvicorn', 'sanic', 'streamlit', 'python'] as const;
export type Server = (typeof SERVERS)[number];

/**
 * How a server loads an app: by "module:name" as a WSGI or ASGI callable, as an aiohttp
 * `web.Application` (gunicorn's aiohttp worker), or a file it runs (`script`).
 */
export type AppInterface = 'wsgi' | 'asgi' | 'aiohttp' | 'script';

/** A class (or function) that builds an app: `from <module> import <name>`, or `<module>.<name>`. */
export interface AppConstructor {
  module: string;
  name: string;
  /** What it builds, as a server loads it. */
  interface: AppInterface;
}

/** How the reader recognises an app of a kind. */
export type Recognition =
  /**
   * A module-level object built by one of the constructors (through any import alias or
   * attribute access), or returned by a function that builds one (a factory), or a module-level
   * name bound to either. `serves`: the attribute of that object a server loads (Dash's Flask
   * `server`), which the code must bind to a module-level name (`server = app.server`).
   */
  | { by: 'constructor'; constructors: readonly AppConstructor[]; serves?: string }
  /**
   * A file run as a program that imports `module`; with `calls`, only a file that also calls one
   * of them (a method such as `launch`, or a name imported from the module such as `HTTPServer`).
   * `pagesFolder`: files under it are pages of the app, never its main file.
   */
  | { by: 'script'; module: string; calls?: readonly string[]; pagesFolder?: string }
  /** manage.py and the settings it names (lib/read/django.ts). */
  | { by: 'django' };

/** Where a kind's own code or configuration states the port, besides what lib/read/port.ts reads. */
export type PortSource =
  /** A call's keyword argument: `launch(server_port=7860)`, `web.run_app(app, port=8080)`. */
  | { call: string; keyword: string }
  /** A TOML file's key: `.streamlit/config.toml` [server] port. */
  | { file: string; table: string; key: string };

export type AppKindId =
  | 'flask'
  | 'django'
  | 'fastapi'
  | 'starlette'
  | 'quart'
  | 'litestar'
  | 'dash'
  | 'streamlit'
  | 'gradio'
  | 'aiohttp'
  | 'sanic'
  | 'falcon'
  | 'bottle'
  | 'http.server';

export interface AppKind {
  id: AppKindId;
  /** As named in messages and the README. */
  name: string;
  recognition: Recognition;
  /** The server that runs each interface this kind builds, in production. */
  servers: Partial<Record<AppInterface, Server>>;
  /** Arguments the server needs for this kind, before the app (gunicorn's worker class for aiohttp). */
  serverArgs?: readonly string[];
  /** Environment the server reads for this kind, `{port}` filled in (Gradio's address and port). */
  env?: readonly string[];
  /** The distributions the code imports (PEP 503 names): the project must list them (none: the standard library). */
  packages: readonly string[];
  /** The port the kind listens on when the project states none. */
  defaultPort: number;
  /** Where its HEALTHCHECK (and the container tests) ask; any answer below 500 counts as alive. */
  healthPath: string;
  /** The kind's own places that state the port. */
  ports?: readonly PortSource[];
  /**
   * Where the app's own code may name the address it listens on, when its own call starts the
   * server (Gradio's `launch(server_name=...)`): a literal other than every interface is refused,
   * since nothing outside the container could reach the app.
   */
  host?: { call: string; keyword: string };
  /**
   * The line that gives a server a name to import, when the code builds the app but binds no
   * such name (a Dash app without `server = app.server`): printed in the refusal.
   */
  nameIt?: string;
}

export const APP_KINDS: readonly AppKind[] = [
  {
    id: 'flask',
    name: 'Flask',
    recognition: { by: 'constructor', constructors: [{ module: 'flask', name: 'Flask', interface: 'wsgi' }] },
    servers: { wsgi: 'gunicorn' },
    packages: ['flask'],
    defaultPort: 5000,
    healthPath: '/',
  },
  {
    id: 'django',
    name: 'Django',
    recognition: { by: 'django' },
    // Its WSGI application (WSGI_APPLICATION), the one lib/read/django.ts finds first.
    servers: { wsgi: 'gunicorn' },
    packages: ['django'],
    defaultPort: 8000,
    healthPath: '/',
  },
  {
    id: 'fastapi',
    name: 'FastAPI',
    recognition: { by: 'constructor', constructors: [{ module: 'fastapi', name: 'FastAPI', interface: 'asgi' }] },
    servers: { asgi: 'uvicorn' },
    packages: ['fastapi'],
    defaultPort: 8000,
    healthPath: '/',
  },
  {
    id: 'starlette',
    name: 'Starlette',
    recognition: { by: 'constructor', constructors: [{ module: 'starlette.applications', name: 'Starlette', interface: 'asgi' }] },
    servers: { asgi: 'uvicorn' },
    packages: ['starlette'],
    defaultPort: 8000,
    healthPath: '/',
  },
  {
    id: 'quart',
    name: 'Quart',
    recognition: { by: 'constructor', constructors: [{ module: 'quart', name: 'Quart', interface: 'asgi' }] },
    servers: { asgi: 'uvicorn' },
    packages: ['quart'],
    defaultPort: 5000,
    healthPath: '/',
  },
  {
    id: 'litestar',
    name: 'Litestar',
    recognition: { by: 'constructor', constructors: [{ module: 'litestar', name: 'Litestar', interface: 'asgi' }] },
    servers: { asgi: 'uvicorn' },
    packages: ['litestar'],
    defaultPort: 8000,
    healthPath: '/',
  },
  {
    id: 'dash',
    name: 'Dash',
    // The WSGI app is the Flask server behind the Dash object, bound as `server = app.server`.
    recognition: { by: 'constructor', constructors: [{ module: 'dash', name: 'Dash', interface: 'wsgi' }], serves: 'server' },
    servers: { wsgi: 'gunicorn' },
    packages: ['dash'],
    defaultPort: 8050,
    healthPath: '/',
    ports: [
      { call: 'run', keyword: 'port' },
      { call: 'run_server', keyword: 'port' },
    ],
    nameIt: 'server = app.server',
  },
  {
    id: 'streamlit',
    name: 'Streamlit',
    recognition: { by: 'script', module: 'streamlit', pagesFolder: 'pages' },
    servers: { script: 'streamlit' },
    packages: ['streamlit'],
    defaultPort: 8501,
    healthPath: '/_stcore/health',
    ports: [{ file: '.streamlit/config.toml', table: 'server', key: 'port' }],
  },
  {
    id: 'gradio',
    name: 'Gradio',
    // Mounted in a FastAPI app (gr.mount_gradio_app), it is that FastAPI app under uvicorn.
    recognition: { by: 'script', module: 'gradio', calls: ['launch'] },
    servers: { script: 'python' },
    // launch() reads these when the code does not pass server_name / server_port; no telemetry calls from the image.
    env: ['GRADIO_SERVER_NAME=0.0.0.0', 'GRADIO_SERVER_PORT={port}', 'GRADIO_ANALYTICS_ENABLED=False'],
    packages: ['gradio'],
    defaultPort: 7860,
    healthPath: '/',
    ports: [{ call: 'launch', keyword: 'server_port' }],
    host: { call: 'launch', keyword: 'server_name' },
  },
  {
    id: 'aiohttp',
    name: 'aiohttp',
    recognition: { by: 'constructor', constructors: [{ module: 'aiohttp.web', name: 'Application', interface: 'aiohttp' }] },
    servers: { aiohttp: 'gunicorn' },
    serverArgs: ['--worker-class', 'aiohttp.GunicornWebWorker'],
    packages: ['aiohttp'],
    defaultPort: 8080,
    healthPath: '/',
    ports: [{ call: 'run_app', keyword: 'port' }],
  },
  {
    id: 'sanic',
    name: 'Sanic',
    recognition: { by: 'constructor', constructors: [{ module: 'sanic', name: 'Sanic', interface: 'asgi' }] },
    servers: { asgi: 'sanic' },
    packages: ['sanic'],
    defaultPort: 8000,
    healthPath: '/',
  },
  {
    id: 'falcon',
    name: 'Falcon',
    recognition: {
      by: 'constructor',
      constructors: [
        { module: 'falcon', name: 'App', interface: 'wsgi' },
        { module: 'falcon', name: 'API', interface: 'wsgi' },
        { module: 'falcon.asgi', name: 'App', interface: 'asgi' },
      ],
    },
    servers: { wsgi: 'gunicorn', asgi: 'uvicorn' },
    packages: ['falcon'],
    defaultPort: 8000,
    healthPath: '/',
  },
  {
    id: 'bottle',
    name: 'Bottle',
    recognition: {
      by: 'constructor',
      constructors: [
        { module: 'bottle', name: 'Bottle', interface: 'wsgi' },
        { module: 'bottle', name: 'default_app', interface: 'wsgi' },
      ],
    },
    servers: { wsgi: 'gunicorn' },
    packages: ['bottle'],
    defaultPort: 8080,
    healthPath: '/',
    ports: [{ call: 'run', keyword: 'port' }],
    nameIt: 'app = bottle.default_app()',
  },
  {
    id: 'http.server',
    name: 'http.server',
    recognition: { by: 'script', module: 'http.server', calls: ['HTTPServer', 'ThreadingHTTPServer'] },
    servers: { script: 'python' },
    packages: [],
    defaultPort: 8000,
    healthPath: '/',
  },
];

/** The kind with this id. */
export function appKind(id: string | undefined): AppKind | undefined {
  return APP_KINDS.find((kind) => kind.id === id);
}

/** The servers the kinds run, in SERVERS order: the `--server` choices. */
export function serverChoices(): Server[] {
  const used = new Set<Server>(APP_KINDS.flatMap((kind) => Object.values(kind.servers)));
  used.add('python');
  return SERVERS.filter((server) => used.has(server));
}

/** The server that runs an app of this kind and interface: the table's, else by interface (WSGI: gunicorn, ASGI: uvicorn, a file: python). */
export function serverFor(kind: AppKind | undefined, appInterface: AppInterface | 'django' | undefined): Server {
  const face: AppInterface = appInterface === 'django' ? 'wsgi' : (appInterface ?? 'wsgi');
  const fromTable = kind?.servers[face];
  if (fromTable) return fromTable;
  if (face === 'asgi') return 'uvicorn';
  if (face === 'script') return 'python';
  return 'gunicorn';
}
