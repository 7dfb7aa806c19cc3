/**
 * setuptools projects with no pyproject [project] table: `setup.cfg` `[options] install_requires`
 * (read as INI, the way setuptools reads it) and `setup.py`'s `install_requires=[...]` when it is
 * a literal list of strings (setup.py is never run). Only names and exact pins are taken.
 */
import type { ProjectFiles } from './project-files.js';
import { RequirementSyntaxError, normalizeName, parsePep508 } from './pep508.js';

export const SETUP_PY = 'setup.py';
export const SETUP_CFG = 'setup.cfg';

export interface SetupFacts {
  /** The files present: setup.py and/or setup.cfg. */
  files: string[];
  packages: string[];
  pins: Record<string, string>;
  /** setup.cfg has [options] install_requires, so the dependencies can be installed before the code. */
  setupCfgRequires: boolean;
}

/** `[options] install_requires` of a setup.cfg: one requirement a line (continuation lines), `;` markers kept. */
export function setupCfgRequires(text: string): string[] | undefined {
  let section = '';
  let collecting = false;
  let found: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = header[1]!.trim();
      collecting = false;
      continue;
    }
    if (/^\s*[#;]/.test(raw)) continue;
    const key = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(raw);
    if (key && !/^\s/.test(raw)) {
      collecting = section === 'options' && key[1]!.replace(/-/g, '_') === 'install_requires';
      if (collecting) {
        found = [];
        if (key[2]!.trim() !== '') found.push(key[2]!.trim());
      }
      continue;
    }
    if (collecting && /^\s+\S/.test(raw)) found!.push(raw.trim());
  }
  return found?.filter((line) => line !== '');
}

/** A one-line value of a setup.cfg key (`[metadata] name = notes`); undefined when absent. */
export function setupCfgValue(text: string, wanted: string, wantedKey: string): string | undefined {
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const key = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(raw);
    if (key && section === wanted && key[1]!.replace(/-/g, '_') === wantedKey && key[2]!.trim() !== '') return key[2]!.trim();
  }
  return undefined;
}

/** The strings of a literal `install_requires=[...]` list in setup.py; undefined when it is not a literal. */
export function setupPyRequires(text: string): string[] | undefined {
  const match = /install_requires\s*=\s*\[([^\]]*)\]/.exec(text);
  if (!match) return undefined;
  const body = match[1]!.replace(/#[^\n]*/g, '');
  const items = [...body.matchAll(/(['"])([^'"]+)\1/g)].map((item) => item[2]!.trim());
  const rest = body.replace(/(['"])([^'"]+)\1/g, '').replace(/[\s,]/g, '');
  return rest === '' ? items : undefined;
}

function namesAndPins(requirements: readonly string[]): { packages: string[]; pins: Record<string, string> } {
  const packages: string[] = [];
  const pins: Record<string, string> = {};
  for (const text of requirements) {
    try {
      const requirement = parsePep508(text);
      const name = normalizeName(requirement.name);
      if (!packages.includes(name)) packages.push(name);
      const exact = /^==\s*([0-9][0-9A-Za-z.+!-]*)$/.exec(requirement.specifier?.trim() ?? '');
      if (exact && requirement.marker === undefined) pins[name] = exact[1]!;
    } catch (error) {
      if (!(error instanceof RequirementSyntaxError)) throw error;
    }
  }
  return { packages, pins };
}

/** Reads setup.cfg / setup.py; undefined when neither exists. */
export async function readSetupProject(project: ProjectFiles): Promise<SetupFacts | undefined> {
  const cfg = await project.text(SETUP_CFG);
  const py = await project.text(SETUP_PY);
  if (cfg === undefined && py === undefined) return undefined;
  const fromCfg = cfg === undefined ? undefined : setupCfgRequires(cfg);
  const fromPy = py === undefined ? undefined : setupPyRequires(py);
  const requirements = fromCfg ?? fromPy ?? [];
  return {
    files: [...(py !== undefined ? [SETUP_PY] : []), ...(cfg !== undefined ? [SETUP_CFG] : [])],
    ...namesAndPins(requirements),
    setupCfgRequires: fromCfg !== undefined,
  };
}
