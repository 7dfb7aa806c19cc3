/**
 * The port the app listens on, only where the project states it as a number, read from the parsed
 * source (never run; a file that does not parse is skipped, and ProjectFiles says so):
 * 1. gunicorn.conf.py: a top-level `bind = "0.0.0.0:8000"` (or `[":8000"]`), else a PORT default
 *    inside it;
 * 2. the entry point's module, then the other modules (app files first): the `port=` of a `.run`
 *    call (Flask's `app.run`, `uvicorn.run`, `socketio.run`, `create_app().run`),
 *    followed through names (`port=PORT` after `PORT = 8000`, a parameter's default), `int(...)`
 *    and environment reads with a default (`int(os.environ.get("PORT", 5000))`,
 *    `os.getenv("PORT") or 5000`: then the read is the source); else the default of any read of
 *    PORT in the module (`os.getenv("PORT", "8000")`, `config("PORT", default=8000)`).
 * Names mean what the module's imports make them (`import os as o`, `from os import getenv`).
 * An EXPOSE in an existing Dockerfile is not read: it may be stale or wrong.
 */
import { PREFERRED_APP_FILES } from './entry-point.js';
import { type EnvRead, type EnvReader, envReader } from './env-vars.js';
import type { ProjectFiles } from './project-files.js';
import { type ModuleNames, lastBefore, moduleNames } from './python-names.js';
import {
  type PythonSource,
  type SyntaxNode,
  assignmentOf,
  assignmentsIn,
  callArguments,
  calleeName,
  children,
  dottedName,
  functionOf,
  integerLiteral,
  keywordArgument,
  positionalArguments,
  stringLiteral,
  walk,
} from './python.js';
import { type PythonModule, listPythonModules } from './source.js';
import type { EntryPoint, Sourced } from './types.js';

export const GUNICORN_CONF = 'gunicorn.conf.py';

function validPort(port: number | undefined): number | undefined {
  return port !== undefined && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

/** A port written as decimal digits in a string ("8000"), as an environment default often is. */
function portInText(text: string | undefined): number | undefined {
  if (text === undefined || text.length === 0 || text.length > 5) return undefined;
  for (const char of text) if (char < '0' || char > '9') return undefined;
  return validPort(Number(text));
}

/** A port found, and the environment read whose default it is (then that read is where the project states it). */
interface PortValue {
  port: number;
  expression?: string;
}

/** Names followed through this many bindings at most (`port = PORT`, `PORT = DEFAULT_PORT`...). */
const MAX_HOPS = 8;

/** The port expressions of one parsed module evaluate to, as far as reading can tell. */
class ModulePorts {
  private readonly names: ModuleNames;
  private readonly read: EnvReader;
  /** The assignments of a body (the module's, with its main guard, or a function's), by name, in order: computed once per body. */
  private readonly assigned = new Map<SyntaxNode, Map<string, Array<{ at: number; value: SyntaxNode }>>>();

  constructor(readonly source: PythonSource) {
    this.names = moduleNames(source);
    this.read = envReader(source, this.names);
  }

  /** A read of an environment variable as written, arguments included: `os.environ.get("PORT", "5000")`. */
  private written(read: EnvRead): string {
    const callee = read.node.name === 'CallExpression' ? calleeName(this.source, read.node) : undefined;
    if (callee === undefined) return read.how;
    const args = callArguments(this.source, read.node).map((arg) => `${arg.star ?? ''}${arg.name === undefined ? '' : `${arg.name}=`}${this.source.slice(arg.value)}`);
    return `${callee}(${args.join(', ')})`;
  }

  private assignments(body: SyntaxNode): Map<string, Array<{ at: number; value: SyntaxNode }>> {
    let found = this.assigned.get(body);
    if (!found) {
      found = new Map();
      for (const assignment of assignmentsIn(this.source, body, { mainGuard: true })) {
        if (!assignment.value || assignment.update !== undefined || assignment.targets.length !== 1) continue;
        const list = found.get(assignment.targets[0]!) ?? [];
        list.push({ at: assignment.node.from, value: assignment.value });
        found.set(assignment.targets[0]!, list);
      }
      this.assigned.set(body, found);
    }
    return found;
  }

  /** The value last assigned to `name` in `body` before position `before`. */
  private lastAssigned(body: SyntaxNode, name: string, before: number): SyntaxNode | undefined {
    const list = this.assignments(body).get(name);
    return list ? lastBefore(list, before)?.value : undefined;
  }

  /** What a name used at `node` holds: an assignment before it in its function, else that parameter's default, else the module's. */
  private bound(node: SyntaxNode): SyntaxNode | undefined {
    const name = this.source.slice(node);
    let definition: SyntaxNode | null = node.parent;
    while (definition && definition.name !== 'FunctionDefinition') definition = definition.parent;
    const fn = definition ? functionOf(this.source, definition) : undefined;
    if (fn) {
      const local = this.lastAssigned(fn.body, name, node.from);
      if (local) return local;
      const parameter = fn.parameters.find((item) => item.name === name);
      if (parameter) return parameter.default;
    }
    // Module code sees what was assigned before it; a function runs once the whole module has.
    return this.lastAssigned(this.source.tree.topNode, name, fn ? Number.POSITIVE_INFINITY : node.from);
  }

  /** The port `node` evaluates to; strings count inside `int(...)` and as an environment default. */
  private portOf(node: SyntaxNode | undefined, text: boolean, hops = 0): PortValue | undefined {
    if (!node || hops > MAX_HOPS) return undefined;
    const { source } = this;
    switch (node.name) {
      case 'Number': {
        const port = validPort(integerLiteral(source, node));
        return port === undefined ? undefined : { port };
      }
      case 'String':
      case 'ContinuedString': {
        const port = text ? portInText(stringLiteral(source, node)) : undefined;
        return port === undefined ? undefined : { port };
      }
      case 'ParenthesizedExpression': {
        const inner = children(node).filter((child) => child.name !== '(' && child.name !== ')');
        return inner.length === 1 ? this.portOf(inner[0], text, hops + 1) : undefined;
      }
      case 'VariableName':
        return this.portOf(this.bound(node), text, hops + 1);
      case 'CallExpression': {
        const callee = calleeName(source, node);
        const args = positionalArguments(source, node);
        if (callee !== undefined && this.names.resolve(callee, node.from) === 'int' && args.length === 1) return this.portOf(args[0], true, hops + 1);
        const read = this.read(node);
        const fallback = read?.default ? this.portOf(read.default, true, hops + 1) : undefined;
        return fallback && read ? { port: fallback.port, expression: this.written(read) } : undefined;
      }
      case 'BinaryExpression': {
        // os.getenv("PORT") or 5000
        const [left, operator, right] = children(node);
        const read = left && operator?.name === 'or' ? this.read(left) : undefined;
        if (!read || read.strict || read.default !== undefined || !right) return undefined;
        const fallback = this.portOf(right, true, hops + 1);
        return fallback && { port: fallback.port, expression: `${this.written(read)} or ${source.slice(right)}` };
      }
      default:
        return undefined;
    }
  }

  /** `x.run(..., port=...)`: the port and the call as written (`app.run`, `create_app().run`, `run`). */
  runCall(): { value: PortValue; callee: string } | undefined {
    let found: { value: PortValue; callee: string } | undefined;
    walk(this.source.tree.topNode, (node) => {
      if (found) return false;
      if (node.name !== 'CallExpression') return undefined;
      const callee = this.runCallee(node);
      const value = callee === undefined ? undefined : this.portOf(keywordArgument(this.source, node, 'port'), false);
      if (value && callee !== undefined) found = { value, callee };
      return undefined;
    });
    return found;
  }

  /**
   * The callee of a `run` call as written: `app.run`, `uvicorn.run`, `create_app().run`; undefined
   * for other calls. A bare `run(port=...)` (bottle's) is its app kind's to read in the served
   * module (lib/tables/app-kinds.ts `ports`): a launcher script's dev port is not the server's.
   */
  private runCallee(call: SyntaxNode): string | undefined {
    const callee = call.firstChild;
    if (!callee) return undefined;
    const dotted = dottedName(this.source, callee);
    if (dotted !== undefined) return dotted.endsWith('.run') ? dotted : undefined;
    // create_app().run(...)
    const parts = callee.name === 'MemberExpression' ? children(callee) : [];
    const receiver = parts[0]?.name === 'CallExpression' ? calleeName(this.source, parts[0]) : undefined;
    return receiver !== undefined && parts.length === 3 && this.source.slice(parts[2]!) === 'run' ? `${receiver}().run` : undefined;
  }

  /** The first read of PORT with a default that is a port. */
  portDefault(): PortValue | undefined {
    let found: PortValue | undefined;
    walk(this.source.tree.topNode, (node) => {
      if (found) return false;
      const read = node.name === 'BinaryExpression' ? (node.firstChild ? this.read(node.firstChild) : undefined) : this.read(node);
      if (read?.variable !== 'PORT') return undefined;
      const value = this.portOf(node, false);
      if (value?.expression !== undefined) found = value;
      return undefined;
    });
    return found;
  }
}

/** The port a module states (see the top of this file), with where; undefined when it states none. */
export function portIn(source: PythonSource): Sourced<number> | undefined {
  const ports = new ModulePorts(source);
  const run = ports.runCall();
  if (run) return { value: run.value.port, source: `${source.file} ${run.value.expression ?? `${run.callee}(port=...)`}` };
  const environment = ports.portDefault();
  if (environment) return { value: environment.port, source: `${source.file} ${environment.expression}` };
  return undefined;
}

/** The port a parsed gunicorn.conf.py states: its top-level `bind` (`bind`), else a PORT default in it. */
export function portInGunicornConf(source: PythonSource): Sourced<number> | undefined {
  let bind: SyntaxNode | undefined;
  for (const statement of children(source.tree.topNode)) {
    const assignment = assignmentOf(source, statement);
    if (assignment?.value && assignment.targets.length === 1 && assignment.targets[0] === 'bind') bind = assignment.value;
  }
  // "0.0.0.0:8000", or the first of a list of them.
  const first = bind?.name === 'ArrayExpression' || bind?.name === 'TupleExpression' ? children(bind).find((child) => !['[', ']', '(', ')', ','].includes(child.name)) : bind;
  const address = stringLiteral(source, first);
  const port = address === undefined ? undefined : portInText(address.slice(address.lastIndexOf(':') + 1));
  if (address !== undefined && address.includes(':') && port !== undefined) return { value: port, source: `${source.file} bind` };
  const environment = new ModulePorts(source).portDefault();
  return environment ? { value: environment.port, source: `${source.file} ${environment.expression}` } : undefined;
}

function preference(module: PythonModule): [number, number, string] {
  const name = module.file.slice(module.file.lastIndexOf('/') + 1);
  const preferred = (PREFERRED_APP_FILES as readonly string[]).indexOf(name);
  return [preferred === -1 ? PREFERRED_APP_FILES.length : preferred, module.depth, module.file];
}

/** The port the project states, with where it says so; undefined when it states none. */
export async function findPort(project: ProjectFiles, entry?: EntryPoint, modules?: PythonModule[]): Promise<Sourced<number> | undefined> {
  const gunicorn = await project.python(GUNICORN_CONF);
  const fromConf = gunicorn ? portInGunicornConf(gunicorn) : undefined;
  if (fromConf) return fromConf;

  const all = [...(modules ?? (await listPythonModules(project)))].sort((a, b) => {
    const [pa, pb] = [preference(a), preference(b)];
    return pa[0] - pb[0] || pa[1] - pb[1] || (pa[2] < pb[2] ? -1 : pa[2] > pb[2] ? 1 : 0);
  });
  const entryFile = entry && entry.kind !== 'django' ? entry.source : undefined;
  const files = [...(entryFile ? [entryFile] : []), ...all.map((module) => module.file).filter((file) => file !== entryFile && file !== GUNICORN_CONF)];
  for (const file of files) {
    if (!file.endsWith('.py')) continue;
    const source = await project.python(file);
    const found = source ? portIn(source) : undefined;
    if (found) return found;
  }
  return undefined;
}
