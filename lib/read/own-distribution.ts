/**
 * Code that reads its own distribution's metadata at run time, which exists only once the project
 * is installed: `importlib.metadata.version("notes")`, `pkg_resources.get_distribution(__name__)`,
 * `pkg_resources.require("notes")`. Copying the code is not enough then (PackageNotFoundError /
 * DistributionNotFound at import). Read on the parser (never run), in every module the server may
 * import, function bodies included (a view that reports the version).
 *
 * A read counts as the project's own when its argument names the project's distribution (the
 * name pyproject.toml, setup.cfg or setup.py declares) or one of its top-level packages, or is
 * `__name__` / `__package__`. Package data read through importlib.resources does not need an
 * install: the server imports the package from the copied code, data files included.
 */
import { RequirementSyntaxError, normalizeName, parsePep508 } from './pep508.js';
import type { ProjectFiles } from './project-files.js';
import { type PythonSource, type SyntaxNode, calleeName, keywordArgument, positionalArguments, stringLiteral, walk } from './python.js';
import { moduleNames, resolvedCalleeOf } from './python-names.js';
import { readPyproject } from './pyproject.js';
import { SETUP_CFG, SETUP_PY, setupCfgValue } from './setup-py.js';

/** Functions that read an installed distribution's metadata, by their full dotted name. */
export const DISTRIBUTION_READERS: ReadonlySet<string> = new Set(
  [
    ...['version', 'distribution', 'metadata', 'files', 'requires'].flatMap((name) => [`importlib.metadata.${name}`, `importlib_metadata.${name}`]),
    'pkg_resources.get_distribution',
    'pkg_resources.require',
  ],
);

export interface OwnDistributionRead {
  /** "file:line" of the call. */
  source: string;
  /** The call as written, e.g. `version("notes")`. */
  how: string;
  /** The files `pip install .` builds the project from (pyproject.toml, setup.py, setup.cfg), present in the project. */
  projectFiles: string[];
}

/** The distribution a requirement string names, normalized; the text itself when it does not parse. */
function requirementName(text: string): string {
  try {
    return normalizeName(parsePep508(text).name);
  } catch (error) {
    if (!(error instanceof RequirementSyntaxError)) throw error;
    return normalizeName(text);
  }
}

/** `__name__`, `__package__`, or an expression built on them (`__name__.split(".")[0]`). */
function namesThisPackage(source: PythonSource, node: SyntaxNode): boolean {
  let found = false;
  const check = (child: SyntaxNode) => {
    if (child.name === 'VariableName' && (source.slice(child) === '__name__' || source.slice(child) === '__package__')) found = true;
  };
  check(node);
  walk(node, (child) => {
    check(child);
    return !found;
  });
  return found;
}

/** The names the project goes by: its declared distribution name and its top-level packages, PEP 503-normalized. */
async function ownNames(project: ProjectFiles): Promise<Set<string>> {
  const names = new Set<string>();
  const pyproject = await readPyproject(project);
  if (pyproject?.name) names.add(normalizeName(pyproject.name));
  const cfg = await project.text(SETUP_CFG);
  const cfgName = cfg === undefined ? undefined : setupCfgValue(cfg, 'metadata', 'name');
  if (cfgName) names.add(normalizeName(cfgName));
  const setup = await project.python(SETUP_PY);
  if (setup) {
    walk(setup.tree.topNode, (node) => {
      if (node.name === 'CallExpression' && ['setup', 'setuptools.setup'].includes(calleeName(setup, node) ?? '')) {
        const name = stringLiteral(setup, keywordArgument(setup, node, 'name'));
        if (name) names.add(normalizeName(name));
      }
      return undefined;
    });
  }
  for (const folder of ['', 'src']) {
    for (const entry of await project.list(folder)) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.kind === 'directory' && (await project.isFile(`${path}/__init__.py`))) names.add(normalizeName(entry.name));
    }
  }
  return names;
}

/** The files `pip install .` builds the project from, when it can build it: a pyproject.toml project or build-system, or a setup.py. */
export async function projectBuildFiles(project: ProjectFiles): Promise<string[]> {
  const pyproject = await readPyproject(project);
  const files: string[] = [];
  if (pyproject && (pyproject.hasProject || pyproject.hasBuildSystem)) files.push('pyproject.toml');
  if (await project.isFile(SETUP_PY)) files.push(SETUP_PY);
  if (files.length > 0 && (await project.isFile(SETUP_CFG))) files.push(SETUP_CFG);
  return files;
}

/** The first call in `files` that reads the project's own distribution, when the project can be built (see the top of this file). */
export async function findOwnDistributionRead(project: ProjectFiles, files: readonly string[]): Promise<OwnDistributionRead | undefined> {
  const projectFiles = await projectBuildFiles(project);
  if (projectFiles.length === 0) return undefined;
  const names = await ownNames(project);
  for (const file of files) {
    const source = await project.python(file);
    if (!source) continue;
    const moduleBindings = moduleNames(source);
    let found: OwnDistributionRead | undefined;
    walk(source.tree.topNode, (node) => {
      if (found || node.name !== 'CallExpression') return !found;
      const callee = resolvedCalleeOf(source, moduleBindings, node);
      if (callee === undefined || !DISTRIBUTION_READERS.has(callee)) return undefined;
      const [first] = positionalArguments(source, node);
      if (!first) return undefined;
      const literal = stringLiteral(source, first);
      // pkg_resources.require("notes>=1.0"): a requirement, of which the name counts.
      const name = literal === undefined ? undefined : requirementName(literal);
      if (name !== undefined ? names.has(name) : namesThisPackage(source, first)) {
        found = { source: `${file}:${source.line(node.from)}`, how: source.slice(node), projectFiles };
      }
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

