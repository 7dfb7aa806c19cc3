/**
 * Property (issue 18): any string a project file can hold, put into any plan field that comes
 * from a project file, is either refused (an UnsafeValueError, one line, escaped) or written
 * inert: the Dockerfiles have the same instructions and the same RUN shapes (shell operators,
 * word counts) as with a plain value in that place, CMD is the same JSON array with the value in
 * it, compose.yaml parses to exactly what its plan says, and no output holds a control character.
 * fast-check draws the strings (control characters, quotes, shell and YAML metacharacters) and
 * shrinks a failure to its smallest form; the seed it prints replays it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import fc from 'fast-check';
import { planCompose } from '../../lib/decide/compose.js';
import { planDocker, type ProjectInput } from '../../lib/decide/plan.js';
import { isUnsafeValueError } from '../../lib/decide/sinks.js';
import { en } from '../../lib/messages/en.js';
import { composeYaml } from '../../lib/render/compose-yaml.js';
import { dockerTemplateData } from '../../lib/render/render.js';
import { DEFAULT_ANSWERS } from '../../lib/state/answers.js';
import { assertComposeMatchesPlan, assertNoControls, dockerfileShape } from '../helpers/inert.js';
import { REPO_ROOT } from '../helpers/paths.js';

const TEMPLATES = join(REPO_ROOT, 'templates', 'docker');
const today = new Date('2026-11-28T00:00:00Z');

/** Characters a hostile file may put in a value: plain ones, shell, JSON and YAML syntax, and every class of control character. */
const CHARACTERS = [
  ...'abcXYZ019_-./ ',
  ...`;&|$()\`'"\\<>*?[]{}#!~:,=%@^+`,
  '\n', '\r', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202e', '\u2066', '\u200f', '\u061c',
];
const hostileString = fc.string({ unit: fc.constantFrom(...CHARACTERS), minLength: 1, maxLength: 16 });

/** The plan fields that come from a project file, each as a way to put a value into the project input. */
const FIELDS: Record<string, (value: string) => Partial<ProjectInput>> = {
  'requirements file (RUN pip install -r)': (value) => ({
    dependencies: { manager: 'pip', files: [value], requirementsFile: value, installsProject: false, packages: ['flask'], reasonParts: [] },
  }),
  'an included requirements file (COPY)': (value) => ({
    dependencies: { manager: 'pip', files: ['requirements.txt', `reqs/${value}`], requirementsFile: 'requirements.txt', installsProject: false, packages: ['flask'], reasonParts: [] },
  }),
  'a folder the app writes (RUN mkdir, volume)': (value) => ({ writes: [{ path: `${value}/`, source: 'app.py:3' }] }),
  // A file next to the code: no "/" in it (lib/read/writes.ts turns logs/app.log into the folder logs/).
  'a file the app writes (comments)': (value) => ({ writes: [{ path: value.replace(/\//g, '_'), source: 'app.py:3' }] }),
  'where a write was read (comments)': (value) => ({ writes: [{ path: 'logs/', source: `${value}:3` }] }),
  'where a required variable was read (comments, ${X:?...})': (value) => ({ requiredEnv: [{ name: 'API_KEY', source: `${value}:2`, how: 'os.environ["API_KEY"]' }] }),
  'the script python runs (CMD)': (value) => ({ server: 'python', scriptEntry: value }),
  'a Procfile flag value (CMD)': (value) => ({
    serving: { procfile: { command: `gunicorn --name ${value} app:app`, argv: ['gunicorn', '--name', value, 'app:app'], program: 'gunicorn', target: 'app:app' } },
  }),
  "Django's settings module and its sources (ENV, comments)": (value) => ({
    django: {
      settingsModule: value,
      settingsSource: `${value}/wsgi.py`,
      manageDefault: 'mysite.settings',
      settingsFiles: ['mysite/settings.py'],
      staticRoot: `${value}:40`,
      staticfilesApp: true,
      whitenoise: false,
      settings: { ALLOWED_HOSTS: { variable: 'ALLOWED_HOSTS', required: false, commaList: true, source: `${value}:9` } },
    },
  }),
  // Issue 20: what gunicorn.conf.py sets in a branch, the settings module the image replaces, a read of the project's own version.
  'a gunicorn.conf.py daemon setting, its branch and a literal it keeps (comments, CMD)': (value) => ({
    serving: {
      gunicornConf: {
        file: 'gunicorn.conf.py',
        bindComputed: false,
        sets: [],
        hazards: [{ setting: 'daemon', value, source: `${value}:3`, condition: value }],
        flags: [['--name', value]],
      },
    },
  }),
  'a gunicorn.conf.py log file in a branch (comments)': (value) => ({
    serving: { gunicornConf: { file: 'gunicorn.conf.py', bindComputed: false, sets: [], hazards: [{ setting: 'accesslog', value, source: `${value}:3`, condition: value }] } },
  }),
  "Django's replaced settings module and the variable its name came from (comments)": (value) => ({
    django: {
      settingsModule: 'mysite.settings.production',
      settingsSource: 'mysite/wsgi.py',
      replaced: { named: value, why: 'development' },
      namedFromEnv: [{ variable: value, default: value }],
      forcedBy: `${value}:2`,
      settingsFiles: ['mysite/settings/production.py'],
      staticfilesApp: false,
      whitenoise: false,
      settings: {},
    },
  }),
  'a folder the app writes under its home (RUN mkdir, volume)': (value) => ({ writes: [{ path: `~/${value.replace(/\//g, '_')}/`, source: 'app.py:3', home: true }] }),
  "a read of the project's own version (comments)": (value) => ({ ownDistribution: { source: `${value}:3`, how: value, projectFiles: ['setup.py'] } }),
};

function input(overrides: Partial<ProjectInput>): ProjectInput {
  return {
    dependencies: { manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages: ['flask', 'gunicorn'], reasonParts: [] },
    server: 'gunicorn',
    scriptEntry: 'main.py',
    sample: false,
    ...overrides,
  };
}

function render(project: ProjectInput): { dockerfiles: string[]; compose: string; composePlan: ReturnType<typeof planCompose> } {
  const plan = planDocker(DEFAULT_ANSWERS, project, today);
  const data = dockerTemplateData(plan, en);
  const dockerfiles = ['Dockerfile.production.ejs', 'Dockerfile.multistage.ejs'].map((name) => {
    const file = join(TEMPLATES, name);
    return ejs.render(readFileSync(file, 'utf8'), data, { filename: file });
  });
  const composePlan = planCompose(plan, { folderName: 'app', watch: true, dependencyFiles: project.dependencies.files });
  return { dockerfiles, compose: composeYaml(composePlan, en.cli.composeComments), composePlan };
}

/** A Dockerfile's shape: its instructions, each RUN's shell operators and word count, each other instruction's word count. */
const shape = (dockerfile: string) => dockerfileShape(dockerfile).map(({ keyword, tokens }) => ({ keyword, operators: tokens.filter((token) => token.startsWith('op:')), words: tokens.length }));

describe('property: a project value in any plan field is refused or written inert', () => {
  for (const [field, put] of Object.entries(FIELDS)) {
    it(field, () => {
      // The plain value in the same place; with a $ when the value has one (a Procfile word with $ is dropped, by design).
      const renderOrRefuse = (value: string) => {
        try {
          return render(input(put(value)));
        } catch (error) {
          if (isUnsafeValueError(error)) return undefined;
          throw error;
        }
      };
      const plain = { without: render(input(put('plainvalue'))), with: renderOrRefuse('plain$value') };
      fc.assert(
        fc.property(hostileString, (value) => {
          let out: ReturnType<typeof render>;
          try {
            out = render(input(put(value)));
          } catch (error) {
            if (!isUnsafeValueError(error)) throw error;
            assert.ok(!error.message.includes('\n'));
            assertNoControls(error.message, 'the refusal');
            return;
          }
          out.dockerfiles.forEach((dockerfile, index) => {
            assertNoControls(dockerfile, 'a Dockerfile');
            const twins = value.includes('$') ? plain.with : plain.without;
            assert.ok(twins, `${JSON.stringify(value)} was written where a plain value with $ is refused`);
            const twin = twins.dockerfiles[index]!;
            assert.deepEqual(shape(dockerfile), shape(twin), `${JSON.stringify(value)} changed the Dockerfile's shape`);
          });
          assertComposeMatchesPlan(out.compose, out.composePlan);
        }),
        { numRuns: 100 },
      );
    });
  }

  it('the value itself arrives whole: one shell word in RUN, one JSON argument in CMD', () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        let out: ReturnType<typeof render>;
        try {
          out = render(input({ writes: [{ path: `${value}/`, source: 'app.py:3' }], serving: { procfile: { command: '', argv: ['gunicorn', '--name', value, 'app:app'], program: 'gunicorn', target: 'app:app' } } }));
        } catch (error) {
          if (isUnsafeValueError(error)) return;
          throw error;
        }
        const tokens = dockerfileShape(out.dockerfiles[0]!);
        const mkdir = tokens.find(({ keyword, tokens: words }) => keyword === 'RUN' && words[0] === 'mkdir')!;
        assert.ok(mkdir.tokens.includes(`/app/${value}`), `${JSON.stringify(value)} is one word of ${JSON.stringify(mkdir.tokens)}`);
        const cmd = tokens.filter(({ keyword }) => keyword === 'CMD').pop()!;
        if (!value.includes('$')) assert.ok(cmd.tokens.includes(value), `${JSON.stringify(value)} is one argument of ${JSON.stringify(cmd.tokens)}`);
      }),
      { numRuns: 150 },
    );
  });
});
