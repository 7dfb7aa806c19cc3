/**
 * What a folder with no Python project holds that makes it someone else's: `yo python-docker`
 * scaffolds the workshop's sample app only into a folder that is empty but for what never makes
 * a project (dotfiles and dot-folders: .git, .gitignore, .editorconfig, .vscode; README, LICENSE
 * and the like) and the files the generator itself writes. Anything else (a package.json and
 * index.js, a go.mod, a src/ folder, someone's notes) is reported, so the run can refuse instead
 * of scaffolding a Flask app into it.
 */
import { readdir } from 'node:fs/promises';

/** Names that never make a folder a project: documents every repository carries. */
const DOCUMENTS = /^(readme|licen[cs]e|copying|notice|authors|contributors|contributing|changelog|changes|history|security|code_of_conduct)(\.[\w.-]+)?$/i;

/** The entries of `root` that are not dotfiles, documents or one of `ours`, sorted (folders end in "/"). */
export async function otherContent(root: string, ours: readonly string[]): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => !entry.name.startsWith('.') && !DOCUMENTS.test(entry.name) && !ours.includes(entry.name))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
}
