/**
 * What the names of one module refer to, read as Python binds them (never run): imports anywhere
 * in the file (`import os as o`, `from os import environ as e`, `from decouple import config`)
 * and names bound to another name (`get = os.getenv`) or to an object a call builds
 * (`env = environ.Env()`). A name means what its last binding before the place it is used says;
 * a name used before any binding (in a function defined above its import) means what the file's
 * last binding says, as it does when the function runs. Function parameters and loop variables
 * are not followed: a reader that needs them looks itself.
 */
import { type ImportBinding, type PythonSource, type SyntaxNode, assignmentOf, calleeName, dottedName, importBindings, walk } from './python.js';

/** What a binding makes a name mean. */
export type Bound =
  /** An import: `full` is the dotted name imported (`os.environ`, `.base.env` for `from .base import env`). */
  | { by: 'import'; full: string; binding: ImportBinding; at: number }
  /** `NAME = other.name` */
  | { by: 'alias'; dotted: string; at: number }
  /** `NAME = Callee(...)`: the object a call returns. */
  | { by: 'call'; callee: string; call: SyntaxNode; at: number };

export interface ModuleNames {
  /**
   * The full dotted name that `dotted`, written at position `at`, refers to: `o.getenv` is
   * `os.getenv` after `import os as o`; a name bound to a call's result reads as the callee
   * followed by `()` (`env.str` is `environ.Env().str` after `env = environ.Env()`); a name
   * bound by nothing the file shows stays as written.
   */
  resolve(dotted: string, at: number): string;
  /** The binding in effect for a plain name at `at` (see the top of this file). */
  binding(name: string, at: number): Bound | undefined;
  /** Every import binding in the file, in file order, function-level and `*` imports included. */
  imports: readonly ImportBinding[];
}

/** The last item of a list in file order that is placed before `at` (a binary search). */
export function lastBefore<T extends { at: number }>(list: readonly T[], at: number): T | undefined {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]!.at < at) low = middle + 1;
    else high = middle;
  }
  return list[low - 1];
}

/** Alias chains longer than this are given up (`a = b` / `b = a` loops). */
const MAX_HOPS = 8;

/** The names of a parsed module (see ModuleNames): one pass over the file. */
export function moduleNames(source: PythonSource): ModuleNames {
  const bindings = new Map<string, Bound[]>();
  const imports: ImportBinding[] = [];
  const add = (name: string, bound: Bound) => {
    const list = bindings.get(name);
    if (list) list.push(bound);
    else bindings.set(name, [bound]);
  };
  walk(source.tree.topNode, (node) => {
    if (node.name === 'ImportStatement') {
      for (const binding of importBindings(source, node)) {
        imports.push(binding);
        if (binding.local === '*') continue;
        const module = '.'.repeat(binding.level) + binding.module;
        add(binding.local, { by: 'import', full: binding.name === undefined ? module : `${module}.${binding.name}`, binding, at: node.from });
      }
      return false;
    }
    if (node.name === 'AssignStatement') {
      const assignment = assignmentOf(source, node);
      const value = assignment?.value;
      if (assignment && value && assignment.targets.length === 1 && !assignment.targets[0]!.includes('.')) {
        const dotted = dottedName(source, value);
        const callee = value.name === 'CallExpression' ? calleeName(source, value) : undefined;
        if (dotted !== undefined) add(assignment.targets[0]!, { by: 'alias', dotted, at: node.from });
        else if (callee !== undefined) add(assignment.targets[0]!, { by: 'call', callee, call: value, at: node.from });
      }
    }
    return undefined;
  });

  const binding = (name: string, at: number): Bound | undefined => {
    const list = bindings.get(name);
    if (!list) return undefined;
    // The last binding before `at`, else the file's last one.
    return lastBefore(list, at) ?? list[list.length - 1];
  };

  const resolve = (dotted: string, at: number, hops = 0): string => {
    if (hops > MAX_HOPS) return dotted;
    const parts = dotted.split('.');
    for (let length = parts.length; length >= 1; length -= 1) {
      const head = parts.slice(0, length).join('.');
      const bound = binding(head, at);
      if (!bound) continue;
      // `x = x.y` (or an import of the same name) means the earlier x: resolve from the binding's own place.
      const base =
        bound.by === 'import'
          ? bound.full
          : bound.by === 'alias'
            ? resolve(bound.dotted, bound.at, hops + 1)
            : `${resolve(bound.callee, bound.at, hops + 1)}()`;
      return [base, ...parts.slice(length)].join('.');
    }
    return dotted;
  };

  return { resolve: (dotted, at) => resolve(dotted, at), binding, imports };
}

/** The full dotted name a call's callee refers to (see ModuleNames.resolve); undefined for a callee that is no dotted name. */
export function resolvedCalleeOf(source: PythonSource, names: ModuleNames, call: SyntaxNode): string | undefined {
  const callee = calleeName(source, call);
  return callee === undefined ? undefined : names.resolve(callee, call.from);
}
