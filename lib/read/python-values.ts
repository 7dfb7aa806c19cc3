/**
 * What a Python expression evaluates to when the module runs in an image with no environment
 * variable of its own set, as far as reading (never running) can tell: string literals, `+`,
 * `%` and `.format()` formatting, f-strings, names bound earlier in the module, and the default of
 * an environment read (`os.getenv("X", "d")`, `os.environ.get("X", "d")`, `os.getenv("X") or "d"`).
 * Anything else is unknown (undefined), never guessed.
 */
import {
  type Assignment,
  type PythonSource,
  type SyntaxNode,
  assignmentOf,
  assignmentsIn,
  callArguments,
  calleeName,
  children,
  importBindings,
  keywordArgument,
  positionalArguments,
  stringLiteral,
  walk,
} from './python.js';
import { lastBefore } from './python-names.js';

/** An environment variable read with a default: `os.getenv("DJANGO_ENV", "dev")`. */
export interface EnvDefault {
  variable: string;
  default: string;
}

export interface StringValue {
  value: string;
  /** The environment variables whose defaults the value took, in order. */
  env: EnvDefault[];
}

/** Callees that read one environment variable: `os.getenv("X"[, default])` and the like. */
const ENV_GETTERS = new Set(['os.getenv', 'getenv', 'os.environ.get', 'environ.get']);

export interface EnvRead {
  variable: string;
  /** The default argument, when given. */
  default?: SyntaxNode;
}

/** `os.getenv("X", d)` / `os.environ.get("X", d)`: the variable and its default; undefined for other calls. */
export function envGetterRead(source: PythonSource, call: SyntaxNode): EnvRead | undefined {
  if (call.name !== 'CallExpression') return undefined;
  const callee = calleeName(source, call);
  if (callee === undefined || !ENV_GETTERS.has(callee)) return undefined;
  const [first, second] = positionalArguments(source, call);
  const variable = stringLiteral(source, first);
  if (variable === undefined) return undefined;
  return { variable, default: second ?? keywordArgument(source, call, 'default') };
}

/** `os.environ["X"]` (or `environ["X"]`): the variable; undefined for anything else. */
export function environSubscript(source: PythonSource, node: SyntaxNode): string | undefined {
  if (node.name !== 'MemberExpression') return undefined;
  const parts = children(node);
  if (parts.length !== 4 || parts[1]!.name !== '[' || parts[3]!.name !== ']') return undefined;
  const base = source.slice(parts[0]!);
  if (base !== 'os.environ' && base !== 'environ') return undefined;
  return stringLiteral(source, parts[2]);
}

/**
 * The names bound before `position`, each to the last value assigned to it in the text: the
 * module's top-level statements, or with `anywhere` every assignment above it (a small script
 * such as manage.py binds its names inside `main()` or the main guard).
 */
export function namesBefore(source: PythonSource, position: number, options: { anywhere?: boolean } = {}): Map<string, SyntaxNode> {
  const names = new Map<string, SyntaxNode>();
  const assignments: Assignment[] = [];
  if (options.anywhere) {
    walk(source.tree.topNode, (node) => {
      const assignment = assignmentOf(source, node);
      if (assignment) assignments.push(assignment);
    });
  } else {
    assignments.push(...assignmentsIn(source).filter((assignment) => assignment.node.parent?.name === 'Script'));
  }
  for (const assignment of assignments.sort((a, b) => a.node.from - b.node.from)) {
    if (assignment.node.from >= position || assignment.update !== undefined || assignment.value === undefined) continue;
    for (const target of assignment.targets) names.set(target, assignment.value);
  }
  return names;
}

/** Where the text of an f-string token lies, between its prefix and quotes; `raw` for an rf-string. */
export function formatStringBody(source: PythonSource, node: SyntaxNode): { from: number; to: number; raw: boolean } {
  const text = source.slice(node);
  let prefix = 0;
  while (prefix < text.length && text[prefix] !== '"' && text[prefix] !== "'") prefix += 1;
  const quote = text.startsWith('"""', prefix) || text.startsWith("'''", prefix) ? 3 : 1;
  return { from: node.from + prefix + quote, to: node.to - quote, raw: text.slice(0, prefix).toLowerCase().includes('r') };
}

/** Splits a `%` format into its literal text and its `%s`-like directives; undefined for mapping keys and other forms not read. */
function percentFormat(format: string, values: string[]): string | undefined {
  let out = '';
  let next = 0;
  for (let index = 0; index < format.length; index += 1) {
    const char = format[index]!;
    if (char !== '%') {
      out += char;
      continue;
    }
    const directive = format[index + 1];
    if (directive === '%') {
      out += '%';
      index += 1;
    } else if (directive === 's' || directive === 'r' || directive === 'd') {
      if (next >= values.length) return undefined;
      out += values[next]!;
      next += 1;
      index += 1;
    } else return undefined;
  }
  return next === values.length ? out : undefined;
}

/** `"{}".format(a)` / `"{0}{1}"`: positional fields only. */
function braceFormat(format: string, values: string[]): string | undefined {
  let out = '';
  let auto = 0;
  for (let index = 0; index < format.length; index += 1) {
    const char = format[index]!;
    if (char === '{' && format[index + 1] === '{') {
      out += '{';
      index += 1;
    } else if (char === '}' && format[index + 1] === '}') {
      out += '}';
      index += 1;
    } else if (char === '{') {
      const end = format.indexOf('}', index);
      if (end < 0) return undefined;
      const field = format.slice(index + 1, end);
      const position = field === '' ? auto++ : /^[0-9]+$/.test(field) ? Number(field) : -1;
      if (position < 0 || position >= values.length) return undefined;
      out += values[position]!;
      index = end;
    } else out += char;
  }
  return out;
}

/** What stringValue looks a name up in: a Map (namesBefore), or what a name holds where it is used (valueScope). */
export interface NameValues {
  get(name: string): SyntaxNode | undefined;
}

/** Scopes of their own: what is assigned in them is local to them. */
const VALUE_SCOPES = new Set(['FunctionDefinition', 'LambdaExpression', 'ClassDefinition']);

/** The function, lambda or class a node is in; null at module level. */
function scopeOf(node: SyntaxNode): SyntaxNode | null {
  for (let parent = node.parent; parent; parent = parent.parent) if (VALUE_SCOPES.has(parent.name)) return parent;
  return null;
}

/**
 * What names hold where they are used, from one pass over a module: a name is followed only when
 * every binding the file makes of it is a plain `NAME = value` (never a parameter, a loop or `as`
 * target, an import, `global`, `+=`, a tuple target or a walrus: those hold values reading cannot
 * know). Used in module or class code, a name holds the value last assigned before the use in that
 * scope; in a function, its own last assignment before the use, else (assigned nowhere in it) the
 * module's last, as the module has run by the time the function is called.
 */
export function valueScope(source: PythonSource): (at: SyntaxNode) => NameValues {
  const assigned = new Map<string, Map<SyntaxNode | null, Array<{ at: number; value: SyntaxNode }>>>();
  const loose = new Set<string>();
  const bindsLoosely = (node: SyntaxNode | null | undefined) => {
    if (node?.name === 'VariableName') loose.add(source.slice(node));
    else if (node && ['TupleExpression', 'ParenthesizedExpression', 'ArrayExpression'].includes(node.name)) for (const inner of children(node)) bindsLoosely(inner);
  };
  source.tree.iterate({
    enter(ref) {
      const node = ref.node;
      switch (node.name) {
        case 'AssignStatement': {
          const assignment = assignmentOf(source, node);
          const target = assignment?.targets.length === 1 ? assignment.targets[0]! : undefined;
          const plain = children(node).filter((child) => child.name !== 'AssignOp' && child.name !== 'TypeDef').length === 2;
          if (assignment?.value && target !== undefined && !target.includes('.') && plain) {
            const scope = scopeOf(node);
            const scopes = assigned.get(target) ?? new Map<SyntaxNode | null, Array<{ at: number; value: SyntaxNode }>>();
            assigned.set(target, scopes);
            const list = scopes.get(scope) ?? [];
            scopes.set(scope, list);
            list.push({ at: node.from, value: assignment.value });
          } else for (const child of children(node)) if (child.name !== 'AssignOp') bindsLoosely(child);
          break;
        }
        case 'UpdateStatement':
          bindsLoosely(node.firstChild);
          break;
        case 'ImportStatement':
          for (const binding of importBindings(source, node)) loose.add(binding.local);
          break;
        case 'NamedExpression':
        case 'ScopeStatement':
        case 'DeleteStatement':
          for (const child of children(node)) bindsLoosely(child);
          break;
        case 'ParamList':
          for (const child of children(node)) if (child.name === 'VariableName' && child.prevSibling?.name !== 'AssignOp') bindsLoosely(child);
          break;
        case 'FunctionDefinition':
        case 'ClassDefinition':
          bindsLoosely(node.getChild('VariableName'));
          break;
        default: {
          // for TARGETS in ... (statements and comprehensions), ... as NAME (with, except)
          for (let child = node.firstChild; child; child = child.nextSibling) {
            if (child.name === 'as') bindsLoosely(child.nextSibling);
            if (child.name !== 'for') continue;
            for (let target = child.nextSibling; target && target.name !== 'in'; target = target.nextSibling) bindsLoosely(target);
          }
        }
      }
    },
  });
  return (at) => {
    // Found on the first look-up only: most expressions asked about are literals that look up nothing.
    let scope: SyntaxNode | null | undefined;
    return {
      get(name) {
        const scopes = loose.has(name) ? undefined : assigned.get(name);
        if (!scopes) return undefined;
        if (scope === undefined) scope = scopeOf(at);
        const own = scopes.get(scope);
        if (own) return lastBefore(own, at.from)?.value;
        // A function inside a function: the enclosing one's names are not followed (methods see the module's).
        let outer = scope ? scopeOf(scope) : null;
        while (outer?.name === 'ClassDefinition') outer = scopeOf(outer);
        if (outer) return undefined;
        const module = scopes.get(null);
        const runsLater = scope !== null && scope.name !== 'ClassDefinition';
        return module ? lastBefore(module, runsLater ? Number.POSITIVE_INFINITY : at.from)?.value : undefined;
      },
    };
  };
}

/**
 * The string `node` evaluates to (see the top of this file). `names` are the names bound before
 * it (namesBefore); each is followed at most a few levels deep.
 */
export function stringValue(source: PythonSource, node: SyntaxNode | null | undefined, names: NameValues = new Map(), depth = 0): StringValue | undefined {
  if (!node || depth > 8) return undefined;
  const of = (inner: SyntaxNode | null | undefined) => stringValue(source, inner, names, depth + 1);
  const literal = stringLiteral(source, node);
  if (literal !== undefined) return { value: literal, env: [] };
  switch (node.name) {
    case 'VariableName': {
      const bound = names.get(source.slice(node));
      return bound === undefined ? undefined : of(bound);
    }
    case 'ParenthesizedExpression': {
      const inner = children(node).filter((child) => child.name !== '(' && child.name !== ')');
      return inner.length === 1 ? of(inner[0]) : undefined;
    }
    case 'FormatString': {
      // f"a.{NAME}.b": the text between the replacements, and each replacement's value.
      const { from: bodyFrom, to: bodyTo, raw: rawPrefix } = formatStringBody(source, node);
      let value = '';
      const env: EnvDefault[] = [];
      let at = bodyFrom;
      for (const part of children(node).filter((child) => child.name === 'FormatReplacement')) {
        value += source.text.slice(at, part.from);
        const inner = children(part).filter((child) => child.name !== '{' && child.name !== '}');
        if (inner.length !== 1) return undefined; // a conversion or a format spec
        const piece = of(inner[0]);
        if (!piece) return undefined;
        value += piece.value;
        env.push(...piece.env);
        at = part.to;
      }
      value += source.text.slice(at, bodyTo);
      return rawPrefix || !value.includes('\\') ? { value, env } : undefined;
    }
    case 'BinaryExpression': {
      const [left, operator, right] = children(node);
      const op = operator ? source.slice(operator) : '';
      if (op === 'or') {
        // os.getenv("X") or "d": the default when the variable is unset (or empty).
        const read = left ? envGetterRead(source, left) : undefined;
        const fallback = of(right);
        if (read && read.default === undefined && fallback) return { value: fallback.value, env: [{ variable: read.variable, default: fallback.value }, ...fallback.env] };
        return undefined;
      }
      if (op !== '+' && op !== '%') return undefined;
      const a = of(left);
      if (!a) return undefined;
      if (op === '+') {
        const b = of(right);
        return b ? { value: a.value + b.value, env: [...a.env, ...b.env] } : undefined;
      }
      if (op === '%') {
        const items = right?.name === 'TupleExpression' || right?.name === 'ParenthesizedExpression' ? children(right).filter((child) => !['(', ')', ','].includes(child.name)) : [right];
        const values = items.map((item) => of(item));
        if (values.some((value) => value === undefined)) return undefined;
        const formatted = percentFormat(a.value, values.map((value) => value!.value));
        return formatted === undefined ? undefined : { value: formatted, env: [...a.env, ...values.flatMap((value) => value!.env)] };
      }
      return undefined;
    }
    case 'CallExpression': {
      const read = envGetterRead(source, node);
      if (read) {
        const fallback = read.default ? of(read.default) : undefined;
        return fallback ? { value: fallback.value, env: [{ variable: read.variable, default: fallback.value }, ...fallback.env] } : undefined;
      }
      // "pattern".format(a, b)
      const callee = node.firstChild;
      if (callee?.name !== 'MemberExpression') return undefined;
      const parts = children(callee);
      if (parts.length !== 3 || source.slice(parts[2]!) !== 'format') return undefined;
      const format = of(parts[0]);
      const args = callArguments(source, node);
      if (!format || args.some((arg) => arg.name !== undefined || arg.star !== undefined)) return undefined;
      const values = args.map((arg) => of(arg.value));
      if (values.some((value) => value === undefined)) return undefined;
      const formatted = braceFormat(format.value, values.map((value) => value!.value));
      return formatted === undefined ? undefined : { value: formatted, env: [...format.env, ...values.flatMap((value) => value!.env)] };
    }
    default:
      return undefined;
  }
}
