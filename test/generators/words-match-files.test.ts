/**
 * Words that match what was written: every Step paragraph and every comment in a generated
 * Dockerfile, for each base variant (slim, alpine, full), each sub-generator and both languages,
 * names only flags, files, paths, settings, commands and images that are in the file it describes
 * (or that it names on purpose as belonging elsewhere: a `docker run` flag, a generator option).
 * A comment written for Debian's useradd above Alpine's adduser, or "Slim base" above an alpine
 * FROM, fails here.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { result } from 'yeoman-test';
import { specsFor } from '../../lib/state/answers.js';
import { messagesFor } from '../../lib/messages/index.js';
import type { ComposePlan } from '../../lib/decide/compose.js';
import type { DockerPlan } from '../../lib/decide/plan.js';
import type { StepId } from '../../lib/decide/steps.js';
import { stepTitle } from '../../lib/yeoman/docker-steps.js';
import { type GeneratorName, runGenerator } from '../helpers/run.js';

/** The file each step's paragraph describes (the app step: the sample's files, checked as names). */
const STEP_FILES: Record<Exclude<StepId, 'app' | 'workshop'>, string> = {
  bad: 'Dockerfile.bad',
  better: 'Dockerfile.better',
  dockerignore: '.dockerignore',
  production: 'Dockerfile',
  multistage: 'Dockerfile.multistage',
};

/** Flags that belong to other commands, named on purpose: the generator's own options and docker's. */
const GENERATOR_FLAGS = [
  ...Object.values(specsFor('en')).flatMap((spec) => [`--${spec.option}`, `--no-${spec.option}`]),
  '--server', '--stage', '--align', '--defaults', '--force', '--dry-run',
];
/** `docker run` / `docker build` flags a text teaches next to the file (the file cannot carry them). */
const DOCKER_FLAGS = ['--read-only', '--init', '--no-cache', '--network', '-e', '-p', '-v', '--rm'];
/** Paths a comment names to say why the file does something, though the file never touches them. */
const EXPLAINED_PATHS = ['/etc/passwd', '/var/log/lastlog', '/tmp'];
/** Dockerfile.bad's comments list what it lacks: each PROBLEM names the setting a later step adds. */
const ABSENT_ON_PURPOSE: Record<string, string[]> = { 'Dockerfile.bad': ['PYTHONUNBUFFERED'] };
/** Commands a comment names that run outside the image build: docker's, git's, and gunicorn's control client. */
// The generator's own follow-up commands (`... compose --watch`) run the generator again: nothing of theirs is in the file.
const OUTSIDE_COMMANDS = /^(docker|docker-compose|git|python3 compare\.py|gunicornc|generator-python-docker|npx generator-python-docker|yo python-docker|node \S+cli\.js)\b/;

interface Described {
  /** Where the text was said: "Dockerfile comment" or "Step 5". */
  where: string;
  text: string;
  /** The file it describes. */
  file: string;
}

const instructionsOf = (content: string) =>
  content
    .split('\n')
    .filter((line) => !line.trim().startsWith('#') || line.trim().startsWith('# hadolint'))
    .join('\n');

const wordIn = (word: string, text: string) => new RegExp(`(?<![\\w-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);

/** What a text names that its file must hold, each with why it is missing (empty: all there). */
function mismatches({ where, text, file }: Described, files: Record<string, string>): string[] {
  const content = files[file] ?? '';
  const code = instructionsOf(content);
  const isDockerfile = file.startsWith('Dockerfile');
  const problems: string[] = [];
  // Commands in backticks first: what they carry is theirs (`docker run --rm <image>`), not the file's.
  const commands = [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
  const prose = text.replace(/`[^`]*`/g, ' ');
  for (const command of commands) {
    if (OUTSIDE_COMMANDS.test(command)) continue;
    const instruction = /^(FROM|RUN|COPY|ENV|USER|EXPOSE|HEALTHCHECK|CMD|WORKDIR|SHELL)\b/.test(command);
    if (instruction && !isDockerfile) continue; // a .dockerignore comment about the Dockerfiles that read it
    // `pip wheel` is there as `pip --python /opt/venv/bin/python wheel`: each word, in order, on one line.
    const words = command.replace(/ <[^>]+>/g, '').split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (!new RegExp(words.join('(?:\\s|\\S)*?'), 'm').test(code.replace(/\\\n/g, ' '))) problems.push(`${where} names \`${command}\`, not in ${file}`);
  }
  // Long flags, and single-letter ones (adduser -S); "-dev headers" is a word, not a flag.
  for (const [flag] of prose.matchAll(/(?<![\w/.-])(?:--[a-zA-Z][\w-]*|-[a-zA-Z](?![\w-]))/g)) {
    if (GENERATOR_FLAGS.includes(flag) || DOCKER_FLAGS.includes(flag)) continue;
    if (!wordIn(flag, code)) problems.push(`${where} names ${flag}, not in ${file}`);
  }
  for (const [path] of prose.matchAll(/(?<![\w.])\/[a-z][\w.-]*(?:\/[\w.-]+)*(?<!\.)/g)) {
    if (EXPLAINED_PATHS.includes(path) || !isDockerfile) continue;
    if (!code.includes(path)) problems.push(`${where} names ${path}, not in ${file}`);
  }
  for (const [name] of prose.matchAll(/(?<![\w./-])[\w/-]+\.(?:py|txt|toml|lock|cfg)(?![\w-])/g)) {
    if (!(name in files) && !code.includes(name)) problems.push(`${where} names ${name}, which this run did not write and the project does not have`);
  }
  for (const [other] of prose.matchAll(/(?<![\w.])Dockerfile\.(?:bad|better|multistage)(?![\w-])/g)) {
    if (!(other in files)) problems.push(`${where} names ${other}, which is not in this folder`);
  }
  for (const [setting] of prose.matchAll(/\b(?:PYTHON[A-Z]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g)) {
    if (ABSENT_ON_PURPOSE[file]?.includes(setting)) continue;
    if (isDockerfile && !code.includes(setting)) problems.push(`${where} names ${setting}, not in ${file}`);
  }
  for (const [image] of prose.matchAll(/\bpython:[\d.]+(?:-\w+)?/g)) {
    if (!wordIn(image, code)) problems.push(`${where} names ${image}, not in ${file}`);
  }
  const variant = /\b(Slim|Alpine|Full)\b(?= base| 基础镜像)|(保留完整)基础镜像/.exec(prose);
  if (variant && isDockerfile) {
    const named = variant[1] ?? 'Full';
    const from = [...code.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]).at(-1) ?? '';
    const actual = from.endsWith('-slim') ? 'Slim' : from.endsWith('-alpine') ? 'Alpine' : 'Full';
    if (named !== actual) problems.push(`${where} says "${named} base", ${file} starts FROM ${from}`);
  }
  return problems;
}

/** The comment blocks of a generated Dockerfile (consecutive comment lines; hadolint directives are code). */
function commentsOf(file: string, content: string): Described[] {
  const blocks: string[][] = [[]];
  for (const line of content.split('\n')) {
    if (line.startsWith('#') && !line.startsWith('# hadolint')) blocks.at(-1)!.push(line.replace(/^# ?/, ''));
    else if (blocks.at(-1)!.length > 0) blocks.push([]);
  }
  return blocks.filter((block) => block.length > 0).map((block) => ({ where: `${file} comment "${block[0].slice(0, 60)}"`, text: block.join('\n'), file }));
}

type Generated = { files: Record<string, string>; plan: DockerPlan; written: Array<{ step: StepId }>; compose?: ComposePlan };

async function generate(name: GeneratorName, options: Record<string, unknown>, inProject: boolean): Promise<Generated> {
  const run = runGenerator(name);
  if (inProject) {
    run.doInDir((dir) => {
      writeFileSync(join(dir, 'requirements.txt'), 'Flask==3.1.3\ngunicorn==23.0.0\npsycopg2==2.9.10\n');
      writeFileSync(join(dir, 'web.py'), 'from flask import Flask\n\napplication = Flask(__name__)\n');
    });
  }
  await run.withOptions({ defaults: true, ...options } as never);
  const generator = result.generator as unknown as { plan: DockerPlan; written: Array<{ step: StepId }>; compose?: ComposePlan };
  const names = ['main.py', 'web.py', 'requirements.txt', 'Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage', '.dockerignore', 'compose.yaml', 'WORKSHOP.md'];
  const files = Object.fromEntries(names.filter((file) => existsSync(join(result.cwd, file))).map((file) => [file, readFileSync(join(result.cwd, file), 'utf8')]));
  return { files, plan: generator.plan, written: generator.written, compose: generator.compose };
}

/** Every Step paragraph this run printed, and every comment of every Dockerfile it wrote. */
function describedTexts({ files, plan, written, compose }: Generated, lang: string): Described[] {
  const messages = messagesFor(lang);
  const texts: Described[] = [];
  for (const { step } of written) {
    const message = messages.steps[step];
    const text = `${stepTitle(message, plan)}\n${message.body(plan)}`;
    if (step === 'app' || step === 'workshop') texts.push({ where: `step ${step}`, text, file: plan.scriptEntry });
    else texts.push({ where: `step ${step}`, text, file: STEP_FILES[step] });
  }
  if (compose) texts.push({ where: 'compose step', text: messages.cli.composeStep(compose, 'generator-python-docker compose --defaults --watch'), file: 'compose.yaml' });
  for (const [file, content] of Object.entries(files)) if (file.startsWith('Dockerfile')) texts.push(...commentsOf(file, content));
  return texts;
}

const RUNS: Array<{ name: GeneratorName; options: Record<string, unknown>; inProject: boolean; langs: string[] }> = [
  { name: 'app', options: { wsgiApp: 'web:application' }, inProject: false, langs: ['en', 'zh-CN'] },
  { name: 'app', options: {}, inProject: true, langs: ['en', 'zh-CN'] },
  { name: 'dockerfile', options: { stage: 'bad' }, inProject: true, langs: ['en'] },
  { name: 'dockerfile', options: { stage: 'better' }, inProject: true, langs: ['en'] },
  { name: 'dockerfile', options: {}, inProject: true, langs: ['en'] },
  { name: 'multistage', options: {}, inProject: true, langs: ['en', 'zh-CN'] },
  { name: 'dockerignore', options: {}, inProject: true, langs: ['en'] },
  { name: 'compose', options: {}, inProject: true, langs: ['en'] },
];

describe('words match what was written: Step paragraphs and Dockerfile comments', function () {
  this.timeout(300_000);

  it('the check catches a comment or paragraph that names what its file lacks', () => {
    const files = { 'Dockerfile': 'FROM python:3.14-alpine\nRUN adduser -S -D app\n', 'web.py': '' };
    assert.deepEqual(mismatches({ where: 'c', text: '--skel /nonexistent: no dotfiles', file: 'Dockerfile' }, files), ['c names --skel, not in Dockerfile', 'c names /nonexistent, not in Dockerfile']);
    assert.deepEqual(mismatches({ where: 's', text: 'Slim base, PYTHONUNBUFFERED', file: 'Dockerfile' }, files), ['s names PYTHONUNBUFFERED, not in Dockerfile', 's says "Slim base", Dockerfile starts FROM python:3.14-alpine']);
    assert.deepEqual(mismatches({ where: 't', text: 'Step 1 - the app (main.py, requirements.txt)', file: 'web.py' }, files).length, 2);
    assert.deepEqual(mismatches({ where: 'ok', text: '-S -D: a system user; `docker run --read-only`', file: 'Dockerfile' }, files), []);
  });

  for (const variant of ['slim', 'alpine', 'full']) {
    for (const spec of RUNS) {
      for (const lang of spec.langs) {
        const label = `${spec.name}${spec.options.stage ? ` --stage ${spec.options.stage}` : ''} ${spec.inProject ? 'in a project' : '(the workshop)'}, --base-variant ${variant}, ${lang}`;
        it(label, async () => {
          const generated = await generate(spec.name, { ...spec.options, baseVariant: variant, lang }, spec.inProject);
          const texts = describedTexts(generated, lang);
          assert.ok(texts.length > 0, 'something was checked');
          assert.deepEqual(texts.flatMap((described) => mismatches(described, generated.files)), []);
        });
      }
    }
  }
});
