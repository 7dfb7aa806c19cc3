/** TOML and JSON project files, parsed with one-line UsageErrors that name the file. */
import { TomlError, parse } from 'smol-toml';
import { UsageError } from '../errors.js';
import { readTextIfExists } from './files.js';

/** Lock files can be large; config files this large are still read. */
const MAX_DATA_BYTES = 64_000_000;

export type TomlTable = Record<string, unknown>;

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Parses TOML `text` read from `file`; a syntax error becomes `file: invalid TOML at line N, column M: reason`. */
export function parseToml(file: string, text: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = firstLine(error.message).replace(/^Invalid TOML document:\s*/, '');
      throw new UsageError(`${file}: invalid TOML at line ${error.line}, column ${error.column}: ${reason}`);
    }
    throw error;
  }
}

/** Reads and parses `root/file` when it exists. */
export async function readTomlIfExists(root: string, file: string): Promise<TomlTable | undefined> {
  const text = await readTextIfExists(root, file, MAX_DATA_BYTES);
  return text === undefined ? undefined : parseToml(file, text);
}

/** Reads and parses `root/file` as JSON when it exists; bad JSON becomes `file: invalid JSON: reason`. */
export async function readJsonIfExists(root: string, file: string): Promise<unknown> {
  const text = await readTextIfExists(root, file, MAX_DATA_BYTES);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file}: invalid JSON: ${firstLine((error as Error).message)}`);
  }
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
