/**
 * compose.yaml, built as data and written by a YAML library (`yaml`), comments included, in the
 * user's language. No line is assembled by hand, so no value can add a key: a value from the
 * project is a quoted scalar (ComposePlan's ComposeValue: control characters refused, `$`
 * doubled), a key from the project a name (ComposeKey), and every comment has its control
 * characters escaped, so a U+2028 or a CR in a path cannot end a comment line either.
 *
 * Values are double-quoted, as the file has always had them: docker-compose 1.29 reads YAML 1.1,
 * where a plain 5000:5000 is a base-60 number and a plain yes is true.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { escapeControls } from '../escape.js';
import type { ComposePlan } from '../decide/compose.js';
import type { ComposeComments } from '../messages/cli-types.js';

type Node = Scalar | YAMLMap | YAMLSeq;

/** A comment as the library writes it: one "# " line per line of the text (a bare "#" for an empty one). */
function commentText(text: string): string {
  return escapeControls(text, { keepNewlines: true })
    .split('\n')
    .map((line) => (line === '' ? '' : ` ${line}`))
    .join('\n');
}

/** A double-quoted string scalar. */
function quoted(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** A plain scalar, for our own words and numbers (context, 10s, retries). */
function plain(value: string | number | boolean | null): Scalar {
  return new Scalar(value);
}

function sequence(items: readonly Node[], flow = false): YAMLSeq {
  const seq = new YAMLSeq();
  seq.items = [...items];
  seq.flow = flow;
  return seq;
}

/** One entry of a mapping: its key, its value, and comment lines above it; `blankBefore` adds an empty line first. */
interface Entry {
  key: string;
  value: Node;
  comment?: string;
  blankBefore?: boolean;
}

function mapping(entries: ReadonlyArray<Entry | undefined>, comment?: string): YAMLMap {
  const map = new YAMLMap();
  if (comment) map.commentBefore = commentText(comment);
  for (const entry of entries) {
    if (!entry) continue;
    const key = new Scalar(entry.key);
    if (entry.comment !== undefined) key.commentBefore = commentText(entry.comment);
    if (entry.blankBefore) key.spaceBefore = true;
    map.items.push(new Pair(key, entry.value));
  }
  return map;
}

const joined = (...comments: Array<string | undefined>) => comments.filter((comment) => comment !== undefined).join('\n');

/** The text of compose.yaml for a compose plan, with comments from `c` (the user's language). */
export function composeYaml(plan: ComposePlan, c: ComposeComments): string {
  const { watch } = plan;
  const required = plan.requiredEnv.map(({ name, value }, index): Entry => ({ key: name, value: quoted(value), comment: index === 0 ? c.requiredEnv : undefined }));
  const environment: Entry[] = [
    ...required,
    ...plan.environment.map(([name, value]): Entry => ({ key: name, value: quoted(value), comment: name === 'WEB_CONCURRENCY' ? c.workers(plan.server, plan.workers) : undefined })),
    ...(watch?.reloadEnv ?? []).map(([name, value]): Entry => ({ key: name, value: quoted(value), comment: c.reloadEnv })),
  ];
  const volumes = sequence(plan.volumes.map(({ mount }) => plain(mount)));
  // read_only, or the comment that says why not: above tmpfs when there is no read_only key.
  const writesWorkdir = plan.writesWorkdir.length > 0 && !watch;
  const readOnlyComment = writesWorkdir ? c.notReadOnlyWrites(plan.writesWorkdir) : plan.readOnly ? c.readOnly : c.notReadOnly;
  const readOnly = !writesWorkdir && plan.readOnly;
  const initComment = plan.init ? c.init : c.noInit(plan.server);

  const developWatch = watch
    ? sequence([
        mapping(
          [
            { key: 'action', value: plain(watch.codeAction) },
            { key: 'path', value: plain('.') },
            { key: 'target', value: plain(watch.target) },
            { key: 'ignore', value: sequence(watch.ignore.map(quoted)), comment: c.ignore },
          ],
          joined(watch.codeAction === 'sync' ? c.syncReload(plan.server) : c.syncRestart, watch.installsProject ? c.installsProject : undefined),
        ),
        ...watch.rebuild.map((file, index) =>
          mapping(
            [
              { key: 'action', value: plain('rebuild') },
              { key: 'path', value: quoted(file) },
            ],
            index === 0 ? c.rebuild : undefined,
          ),
        ),
      ])
    : undefined;

  const web = mapping([
    {
      key: 'build',
      value: mapping([
        { key: 'context', value: plain('.') },
        { key: 'dockerfile', value: plain('Dockerfile') },
        plan.additionalContexts
          ? { key: 'additional_contexts', value: mapping(plan.additionalContexts.map(([name, path]): Entry => ({ key: name, value: quoted(path) }))), comment: c.additionalContexts }
          : undefined,
      ]),
    },
    { key: 'image', value: quoted(plan.image), comment: c.image },
    { key: 'ports', value: sequence([quoted(`${plan.port}:${plan.port}`)]), comment: c.ports(plan.port) },
    environment.length > 0 ? { key: 'environment', value: mapping(environment) } : undefined,
    plan.volumes.length > 0 ? { key: 'volumes', value: volumes, comment: c.volumes } : undefined,
    plan.migrate
      ? { key: 'depends_on', value: mapping([{ key: plan.migrate.service, value: mapping([{ key: 'condition', value: plain('service_completed_successfully') }]) }]), comment: c.dependsOn }
      : undefined,
    readOnly ? { key: 'read_only', value: plain(true), comment: readOnlyComment } : undefined,
    { key: 'tmpfs', value: sequence([plain('/tmp')]), comment: readOnly ? undefined : readOnlyComment },
    plan.init ? { key: 'init', value: plain(true), comment: initComment } : undefined,
    {
      key: 'healthcheck',
      value: mapping([
        { key: 'test', value: sequence(plan.healthcheckTest.map(quoted), true) },
        { key: 'interval', value: plain(plan.healthcheck.interval) },
        { key: 'timeout', value: plain(plan.healthcheck.timeout) },
        { key: 'start_period', value: plain(plan.healthcheck.startPeriod) },
        { key: 'retries', value: plain(plan.healthcheck.retries) },
      ]),
      comment: joined(plan.init ? undefined : initComment, c.healthcheck),
    },
    developWatch ? { key: 'develop', value: mapping([{ key: 'watch', value: developWatch }]), comment: joined(c.noRestart(plan.service), c.develop(watch!.minimumCompose)) } : undefined,
  ]);
  // No develop section: the restart comment closes the service.
  if (!developWatch) web.comment = commentText(c.noRestart(plan.service));

  const migrate = plan.migrate
    ? mapping([
        { key: 'image', value: quoted(plan.image) },
        {
          key: 'command',
          value: sequence(plan.migrate.command.map(quoted), true),
          comment: plan.writesWorkdir.length > 0 ? c.migrateOwnCopy(plan.writesWorkdir, plan.service) : undefined,
        },
        plan.requiredEnv.length > 0 ? { key: 'environment', value: mapping(plan.requiredEnv.map(({ name, value }) => ({ key: name, value: quoted(value) }))) } : undefined,
        plan.volumes.length > 0 ? { key: 'volumes', value: sequence(plan.volumes.map(({ mount }) => plain(mount))) } : undefined,
      ])
    : undefined;

  const services = mapping([
    { key: plan.service, value: web },
    migrate && plan.migrate ? { key: plan.migrate.service, value: migrate, comment: c.migrateService(plan.migrate.service), blankBefore: true } : undefined,
  ]);
  const root = mapping([
    { key: 'services', value: services, comment: joined(c.header, watch ? c.watchNeeds(watch.minimumCompose) : plan.additionalContexts ? undefined : c.worksWithBoth) },
    plan.volumes.length > 0 ? { key: 'volumes', value: mapping(plan.volumes.map(({ name }) => ({ key: name, value: plain(null) }))), blankBefore: true } : undefined,
  ]);
  const doc = new Document();
  doc.contents = root;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, nullStr: '' });
}
