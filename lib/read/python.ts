/**
 * Python source read as Python (never run): parsed with @lezer/python (linear in the input,
 * error-tolerant), with small typed queries over the tree for the readers: imports, module-level
 * assignments, functions and their parameters, calls and their arguments, literal values.
 *
 * Lezer's Python tree is flat in places (an import's dotted names, a parameter list and an
 * argument list are sequences of tokens), so the queries below walk those token sequences.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';

export type { SyntaxNode };

export interface PythonSource {
  /** Project-relative path. */
  file: string;
  text: string;
  tree: Tree;
  /** The line of the first syntax error; undefined when the whole file parses. */
  errorLine?: number;
  /** The line (from 1) of a character offset; line starts are computed once per file. */
  line(position: number): number;
  /** The source text of a node. */
  slice(node: SyntaxNode): string;
}

/** The line (from 1) of a character offset in `text`: line starts computed once, then a binary search per call. */
export function lineFinder(text: string): (position: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (position) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= position) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/**
 * Error nodes @lezer/python 1.1.19 puts into valid Python, which would otherwise skip a whole
 * file: a bare `yield` (a context manager or a fixture: `yield` with nothing after it) and the
 * parenthesized context managers of Python 3.10 (`with (open(a) as f, open(b) as g):`), whose
 * statement the parser still recovers with its body.
 */
function validPythonLezerRejects(error: SyntaxNode): boolean {
  if (error.from === error.to && error.prevSibling?.name === 'yield') return true;
  for (let node: SyntaxNode | null = error.parent; node && node.name !== 'Body'; node = node.parent) {
    if (node.name === 'WithStatement') {
      const body = node.getChild('Body');
      return body !== null && error.to <= body.from;
    }
  }
  return false;
}

/** CPython refuses brackets nested deeper than this ("too many nested parentheses"). */
const MAX_NESTED_BRACKETS = 200;

/** The position where brackets first nest deeper than CPython allows; undefined when they never do. Strings are not told apart: only a file the parser could not hold is scanned. */
function tooDeeplyNested(text: string): number | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '(' || char === '[' || char === '{') {
      depth += 1;
      if (depth > MAX_NESTED_BRACKETS) return index;
    } else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth -= 1;
  }
  return undefined;
}

export function parsePython(file: string, text: string): PythonSource {
  const line = lineFinder(text);
  let tree: Tree;
  try {
    tree = parser.parse(text);
  } catch (error) {
    // @lezer/common builds the tree recursively: thousands of nested brackets exhaust the stack.
    // CPython rejects such a file too, so it is one that does not parse, never a crash.
    if (!(error instanceof RangeError)) throw error;
    return { file, text, tree: parser.parse(''), errorLine: line(tooDeeplyNested(text) ?? 0), line, slice: (node) => text.slice(node.from, node.to) };
  }
  let errorAt: number | undefined;
  tree.iterate({
    enter(node) {
      if (errorAt !== undefined) return false;
      if (node.type.isError) {
        if (!validPythonLezerRejects(node.node)) errorAt = node.from;
        return false;
      }
      return undefined;
    },
  });
  return {
    file,
    text,
    tree,
    errorLine: errorAt === undefined ? undefined : line(errorAt),
    line,
    slice: (node) => text.slice(node.from, node.to),
  };
}

/** The children of a node, in order. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) found.push(child);
  return found;
}

/** Calls `visit` on every node below `node` (depth first); `visit` returning false skips a node's subtree. */
export function walk(node: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (visit(child) === false) continue;
    walk(child, visit);
  }
}

const SCOPES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);

/** Every node of type `name` below `node`, not looking inside nested functions, classes or lambdas. */
export function descendants(node: SyntaxNode, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  walk(node, (child) => {
    if (child.name === name) found.push(child);
    if (SCOPES.has(child.name)) return false;
    return undefined;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// Expressions

/** `a`, `a.b.c` as a dotted name; undefined for anything else (a call, a subscript...). */
export function dottedName(source: PythonSource, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.name === 'VariableName') return source.slice(node);
  if (node.name === 'MemberExpression') {
    const parts = children(node);
    const property = parts[parts.length - 1];
    if (parts.length !== 3 || parts[1]!.name !== '.' || property?.name !== 'PropertyName') return undefined;
    const base = dottedName(source, parts[0]);
    return base === undefined ? undefined : `${base}.${source.slice(property)}`;
  }
  if (node.name === 'ParenthesizedExpression') {
    const inner = children(node).filter((child) => child.name !== '(' && child.name !== ')');
    return inner.length === 1 ? dottedName(source, inner[0]) : undefined;
  }
  return undefined;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** The value of one string token (prefix, quotes and escapes handled); undefined for f-strings and bytes. */
function stringTokenValue(raw: string): string | undefined {
  const prefix = /^[A-Za-z]*/.exec(raw)![0].toLowerCase();
  if (prefix.includes('f') || prefix.includes('b') || prefix.includes('t')) return undefined;
  const body = raw.slice(prefix.length);
  const quote = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body[0]!;
  if (!body.endsWith(quote) || body.length < quote.length * 2) return undefined;
  const inner = body.slice(quote.length, body.length - quote.length);
  if (prefix.includes('r')) return inner;
  return inner.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|\n|.)/g, (match, escape: string) => {
    if (escape === '\n') return '';
    if (escape in SIMPLE_ESCAPES && escape !== '0') return SIMPLE_ESCAPES[escape]!;
    if (/^[0-7]{1,3}$/.test(escape)) return String.fromCodePoint(parseInt(escape, 8));
    if (/^[xuU]/.test(escape)) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return match; // \N{...} and unknown escapes stay as written
  });
}

/** A string literal's value (implicit concatenation included); undefined for f-strings, bytes or anything not a literal. */
export function stringLiteral(source: PythonSource, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.name === 'String') return stringTokenValue(source.slice(node));
  if (node.name === 'ContinuedString') {
    let value = '';
    for (const part of children(node)) {
      const piece = part.name === 'String' ? stringTokenValue(source.slice(part)) : undefined;
      if (piece === undefined) return undefined;
      value += piece;
    }
    return value;
  }
  if (node.name === 'ParenthesizedExpression') {
    const inner = children(node).filter((child) => child.name !== '(' && child.name !== ')');
    return inner.length === 1 ? stringLiteral(source, inner[0]) : undefined;
  }
  return undefined;
}

/** An integer literal's value (`8000`, `8_000`); undefined for anything else. */
export function integerLiteral(source: PythonSource, node: SyntaxNode | null | undefined): number | undefined {
  if (!node || node.name !== 'Number') return undefined;
  const text = source.slice(node).replace(/_/g, '');
  return /^[0-9]+$/.test(text) ? Number(text) : undefined;
}

export interface Argument {
  /** The keyword, for `name=value`. */
  name?: string;
  /** `*value` or `**value`. */
  star?: '*' | '**';
  value: SyntaxNode;
}

/** What is called (`Flask`, `web.Application`, `app.run`), as a dotted name; undefined for other callees. */
export function calleeName(source: PythonSource, call: SyntaxNode): string | undefined {
  return dottedName(source, call.firstChild);
}

/** The arguments of a call, in order. */
export function callArguments(source: PythonSource, call: SyntaxNode): Argument[] {
  const list = call.getChild('ArgList');
  if (!list) return [];
  const args: Argument[] = [];
  let pending: { name?: string; star?: '*' | '**' } = {};
  const tokens = children(list).filter((token) => token.name !== '(' && token.name !== ')');
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.name === ',') {
      pending = {};
      continue;
    }
    if (token.name === '*' || token.name === '**') {
      pending.star = token.name;
      continue;
    }
    if (token.name === 'VariableName' && tokens[index + 1]?.name === 'AssignOp') {
      pending.name = source.slice(token);
      index += 1;
      continue;
    }
    args.push({ ...pending, value: token });
    pending = {};
  }
  return args;
}

/** The keyword argument `name=` of a call, if given. */
export function keywordArgument(source: PythonSource, call: SyntaxNode, name: string): SyntaxNode | undefined {
  return callArguments(source, call).find((arg) => arg.name === name)?.value;
}

/** The positional arguments of a call (no keywords, no stars). */
export function positionalArguments(source: PythonSource, call: SyntaxNode): SyntaxNode[] {
  return callArguments(source, call)
    .filter((arg) => arg.name === undefined && arg.star === undefined)
    .map((arg) => arg.value);
}

// ---------------------------------------------------------------------------------------------
// Statements

/** Is `node` the test `__name__ == "__main__"` (either order)? */
function isMainGuard(source: PythonSource, test: SyntaxNode | null): boolean {
  if (!test || test.name !== 'BinaryExpression') return false;
  const [left, op, right] = children(test);
  if (!left || !right || op?.name !== 'CompareOp' || source.slice(op) !== '==') return false;
  const sides = [left, right];
  return sides.some((side) => source.slice(side) === '__name__') && sides.some((side) => stringLiteral(source, side) === '__main__');
}

export interface StatementOptions {
  /** Include the body of `if __name__ == "__main__":` (runs when the file is run as a script, not when a server imports it). */
  mainGuard?: boolean;
}

/**
 * The statements that run when a module (or a function body) runs, in order: the direct
 * statements of `body`, and those inside if/elif/else, try/except/else/finally, with, for and
 * while blocks at that level; never the bodies of nested functions or classes (those run later,
 * if at all). `body` is the Script node (the module) or a function's Body.
 */
export function statements(source: PythonSource, body: SyntaxNode, options: StatementOptions = {}): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (block: SyntaxNode): void => {
    for (const statement of children(block)) {
      switch (statement.name) {
        case 'IfStatement': {
          found.push(statement);
          if (!options.mainGuard && isMainGuard(source, statement.getChild('BinaryExpression'))) break;
          for (const part of statement.getChildren('Body')) visit(part);
          break;
        }
        case 'TryStatement':
        case 'WithStatement':
        case 'ForStatement':
        case 'WhileStatement':
          found.push(statement);
          for (const part of statement.getChildren('Body')) visit(part);
          break;
        case 'MatchStatement':
          found.push(statement);
          for (const clause of statement.getChild('MatchBody')?.getChildren('MatchClause') ?? []) {
            for (const part of clause.getChildren('Body')) visit(part);
          }
          break;
        case 'DecoratedStatement': {
          const inner = statement.getChild('FunctionDefinition') ?? statement.getChild('ClassDefinition');
          found.push(inner ?? statement);
          break;
        }
        default:
          if (statement.type.isError || /^[:(){}[\],;]$/.test(statement.name)) break;
          found.push(statement);
      }
    }
  };
  visit(body);
  return found;
}

/** The module's top-level statements (see `statements`). */
export function moduleStatements(source: PythonSource, options: StatementOptions = {}): SyntaxNode[] {
  return statements(source, source.tree.topNode, options);
}

export interface ImportBinding {
  /** The name the import binds in the module: `y` for `import x as y`, `a` for `import a.b`, `Z` for `from m import Y as Z`; `*` for a star import. */
  local: string;
  /** The module imported from, without leading dots: `a.b` for `import a.b as c`, `m` for `from ..m import y` (with level 2). */
  module: string;
  /** The name imported from the module (`from m import NAME`); undefined for `import m`. */
  name?: string;
  /** Leading dots of a relative import (0 for absolute). */
  level: number;
  line: number;
}

/** The bindings an import statement makes. */
export function importBindings(source: PythonSource, statement: SyntaxNode): ImportBinding[] {
  if (statement.name !== 'ImportStatement') return [];
  const tokens = children(statement);
  const line = source.line(statement.from);
  const bindings: ImportBinding[] = [];
  if (tokens[0]?.name === 'from') {
    let index = 1;
    let level = 0;
    const moduleParts: string[] = [];
    for (; index < tokens.length && tokens[index]!.name !== 'import'; index += 1) {
      const token = tokens[index]!;
      if (token.name === '.' && moduleParts.length === 0) level += 1;
      else if (token.name === 'Ellipsis' || source.slice(token) === '...') level += 3;
      else if (token.name === 'VariableName') moduleParts.push(source.slice(token));
    }
    const module = moduleParts.join('.');
    const names = tokens.slice(index + 1).filter((token) => !['(', ')', ','].includes(token.name));
    for (let at = 0; at < names.length; at += 1) {
      const token = names[at]!;
      if (token.name === '*') {
        bindings.push({ local: '*', module, name: '*', level, line });
        continue;
      }
      if (token.name !== 'VariableName') continue;
      const name = source.slice(token);
      const alias = names[at + 1]?.name === 'as' ? names[at + 2] : undefined;
      if (alias) at += 2;
      bindings.push({ local: alias ? source.slice(alias) : name, module, name, level, line });
    }
    return bindings;
  }
  // import a.b.c, x as y
  let parts: string[] = [];
  let alias: string | undefined;
  const flush = () => {
    if (parts.length > 0) {
      const module = parts.join('.');
      bindings.push(alias ? { local: alias, module, level: 0, line } : { local: parts[0]!, module: parts[0]!, level: 0, line });
      // `import a.b` also makes a.b reachable as an attribute of a: record the full module too.
      if (!alias && parts.length > 1) bindings.push({ local: module, module, level: 0, line });
    }
    parts = [];
    alias = undefined;
  };
  for (let index = 1; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.name === ',') flush();
    else if (token.name === 'as') {
      alias = tokens[index + 1] ? source.slice(tokens[index + 1]!) : undefined;
      index += 1;
    } else if (token.name === 'VariableName') parts.push(source.slice(token));
  }
  flush();
  return bindings;
}

/** Every import binding made where `body` runs (see `statements`), in order. */
export function importsIn(source: PythonSource, body: SyntaxNode = source.tree.topNode, options: StatementOptions = {}): ImportBinding[] {
  return statements(source, body, options).flatMap((statement) => importBindings(source, statement));
}

export interface Assignment {
  /** The names assigned, as dotted names (`app`, `app.config`); tuple targets give several; subscripts are left out. */
  targets: string[];
  /** `NAME: annotation = value` */
  annotation?: SyntaxNode;
  /** The value assigned; undefined for a bare annotation. */
  value?: SyntaxNode;
  /** The augmented operator (`+=`), for an update. */
  update?: string;
  node: SyntaxNode;
  line: number;
}

/** The assignment a statement makes, if it is one (`a = b = value`, `x: T = value`, `n += 1`). */
export function assignmentOf(source: PythonSource, statement: SyntaxNode): Assignment | undefined {
  if (statement.name !== 'AssignStatement' && statement.name !== 'UpdateStatement') return undefined;
  const tokens = children(statement);
  const operators = tokens.map((token, index) => (token.name === 'AssignOp' || token.name === 'UpdateOp' ? index : -1)).filter((index) => index >= 0);
  const last = operators[operators.length - 1];
  const targets: string[] = [];
  let annotation: SyntaxNode | undefined;
  const targetTokens = last === undefined ? tokens : tokens.slice(0, last);
  for (const token of targetTokens) {
    if (token.name === 'TypeDef') annotation = children(token).find((child) => child.name !== ':');
    const name = dottedName(source, token);
    if (name !== undefined) targets.push(name);
    else if (token.name === 'TupleExpression' || token.name === 'ParenthesizedExpression' || token.name === 'ArrayExpression') {
      for (const inner of children(token)) {
        const innerName = dottedName(source, inner);
        if (innerName !== undefined) targets.push(innerName);
      }
    }
  }
  const valueTokens = last === undefined ? [] : tokens.slice(last + 1);
  return {
    targets,
    annotation,
    value: valueTokens.length === 1 ? valueTokens[0] : valueTokens.length > 1 ? statement : undefined,
    update: statement.name === 'UpdateStatement' && last !== undefined ? source.slice(tokens[last]!) : undefined,
    node: statement,
    line: source.line(statement.from),
  };
}

/** Every assignment made where `body` runs (see `statements`), in order. */
export function assignmentsIn(source: PythonSource, body: SyntaxNode = source.tree.topNode, options: StatementOptions = {}): Assignment[] {
  return statements(source, body, options)
    .map((statement) => assignmentOf(source, statement))
    .filter((assignment): assignment is Assignment => assignment !== undefined);
}

export interface Parameter {
  name: string;
  kind: 'positional' | 'keywordOnly' | 'varArgs' | 'varKeywords';
  hasDefault: boolean;
  annotation?: SyntaxNode;
  default?: SyntaxNode;
}

export interface FunctionDefinition {
  name: string;
  async: boolean;
  parameters: Parameter[];
  /** The `-> annotation` expression. */
  returns?: SyntaxNode;
  /** The decorators as written, without the `@` (`app.route("/")`, `staticmethod`). */
  decorators: string[];
  body: SyntaxNode;
  node: SyntaxNode;
  line: number;
}

/** The parameters of a `def`'s ParamList. */
export function parametersOf(source: PythonSource, list: SyntaxNode | null): Parameter[] {
  if (!list) return [];
  const parameters: Parameter[] = [];
  let keywordOnly = false;
  let star: 'varArgs' | 'varKeywords' | undefined;
  const tokens = children(list).filter((token) => token.name !== '(' && token.name !== ')');
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.name === ',') {
      star = undefined; // a bare `*` only makes what follows keyword-only
      continue;
    }
    if (token.name === '*') {
      star = 'varArgs';
      keywordOnly = true;
      continue;
    }
    if (token.name === '**') {
      star = 'varKeywords';
      continue;
    }
    if (token.name === '/' || source.slice(token) === '/') continue;
    if (token.name !== 'VariableName') continue;
    const parameter: Parameter = { name: source.slice(token), kind: star ?? (keywordOnly ? 'keywordOnly' : 'positional'), hasDefault: false };
    star = undefined;
    if (tokens[index + 1]?.name === 'TypeDef') {
      parameter.annotation = children(tokens[index + 1]!).find((child) => child.name !== ':');
      index += 1;
    }
    if (tokens[index + 1]?.name === 'AssignOp') {
      parameter.hasDefault = true;
      parameter.default = tokens[index + 2];
      index += 2;
    }
    parameters.push(parameter);
  }
  return parameters;
}

/** The `def` a statement is (decorated or not), if it is one. */
export function functionOf(source: PythonSource, statement: SyntaxNode): FunctionDefinition | undefined {
  const definition = statement.name === 'DecoratedStatement' ? statement.getChild('FunctionDefinition') : statement.name === 'FunctionDefinition' ? statement : null;
  if (!definition) return undefined;
  const nameNode = definition.getChild('VariableName');
  const body = definition.getChild('Body');
  if (!nameNode || !body) return undefined;
  const decorated = definition.parent?.name === 'DecoratedStatement' ? definition.parent : undefined;
  // Lezer keeps a decorator's expression as a flat run of tokens: take its text.
  const decorators = (decorated?.getChildren('Decorator') ?? []).map((decorator) => source.slice(decorator).replace(/^@\s*/, '').trim());
  const returns = definition.getChild('TypeDef');
  return {
    name: source.slice(nameNode),
    async: definition.getChild('async') !== null,
    parameters: parametersOf(source, definition.getChild('ParamList')),
    returns: returns ? children(returns).find((child) => child.name !== '->' && child.name !== ':') : undefined,
    decorators,
    body,
    node: definition,
    line: source.line(definition.from),
  };
}

/** Every `def` where `body` runs (see `statements`), in order. */
export function functionsIn(source: PythonSource, body: SyntaxNode = source.tree.topNode, options: StatementOptions = {}): FunctionDefinition[] {
  return statements(source, body, options)
    .map((statement) => functionOf(source, statement))
    .filter((fn): fn is FunctionDefinition => fn !== undefined);
}

/** True when a function can be called with no argument: every parameter has a default or is *args / **kwargs. */
export function callableWithoutArguments(fn: FunctionDefinition): boolean {
  return fn.parameters.every((parameter) => parameter.hasDefault || parameter.kind === 'varArgs' || parameter.kind === 'varKeywords');
}

/** The values a function returns (its `return X` statements, not those of nested functions). */
export function returnValues(fn: FunctionDefinition): SyntaxNode[] {
  return descendants(fn.body, 'ReturnStatement')
    .map((statement) => children(statement).find((child) => child.name !== 'return'))
    .filter((node): node is SyntaxNode => node !== undefined);
}

/** Every call below `node` (not inside nested functions, classes or lambdas), in order. */
export function callsIn(node: SyntaxNode): SyntaxNode[] {
  return descendants(node, 'CallExpression');
}
