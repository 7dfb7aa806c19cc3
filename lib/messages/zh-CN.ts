/** 简体中文：生成器在终端里说的话，以及生成文件里用来讲解的注释。术语沿用原始笔记。 */
import type { DockerPlan } from '../decide/plan.js';
import type { GunicornHazard, SettingsReplacement } from '../read/types.js';
import { RUNTIME_LOADS } from '../tables/runtime-loads.js';
import type { UnservableApp } from '../read/types.js';
import { APP_KINDS, appKind } from '../tables/app-kinds.js';
import { DEFAULT_PYTHON_VERSION } from '../tables/versions.js';
import { cliZhCN } from './cli-zh-CN.js';
import { verifyZhCN } from './verify-zh-CN.js';
import { reportZhCN } from './report-zh-CN.js';
import type { Messages } from './types.js';

/** 镜像为什么不运行项目指定的 Django 设置（lib/read/django.ts）。 */
const SETTINGS_REPLACED_ZH: Readonly<Record<SettingsReplacement, string>> = {
  missing: '没有文件对应这个模块',
  empty: '它是一个空的设置包',
  development: '它是开发环境的设置',
  debug: '它设置了 DEBUG = True',
  elsewhere: '这个名字是相对于服务器模块所在包的',
};

/** 设置模块的名字由环境变量拼出来时：`（DJANGO_ENV 未设置时为 "dev"）`。 */
const namedFromEnvZh = (env: ReadonlyArray<{ variable: string; default: string }> | undefined) =>
  env && env.length > 0 ? `（${env.map((read) => `${read.variable} 未设置时为 "${read.default}"`).join('，')}）` : '';

/** 写在 /app 里的单个文件：怎样保留，以及为什么不能把卷挂在 /app 上。 */
const filesInAppZh = (p: DockerPlan, lineBreak = '') => {
  const files = p.filesInApp;
  return (
    `${files.join('、')} 直接写在 /app 里，随容器一起消失，用 --read-only 时写不了；${lineBreak}` +
    `把卷挂在 /app 上会挡住下一个镜像的代码：请把文件放到一个目录里（例如 data/）再挂载那个目录。${lineBreak}` +
    '你本地的那份不会进镜像（.dockerignore）'
  );
};

/** 在分支里设置时：`（ENVIRONMENT == "production" 时）`。 */
const whenZh = (condition: string | undefined) => (condition ? `，${condition} 时` : '');

/** gunicorn.conf.py 的这些设置为什么会让服务器在容器里起不来（lib/read/types.ts GunicornHazard）。 */
const HAZARD_WHY_ZH: Readonly<Record<GunicornHazard['setting'], string>> = {
  daemon: 'gunicorn 会转入后台，容器退出且没有日志',
  bind: 'EXPOSE 和 HEALTHCHECK 指向的地方没有任何进程监听',
  accesslog: '写到日志文件里的内容不会出现在 `docker logs` 中，而且应用用户不能写那个目录',
  errorlog: '写到日志文件里的内容不会出现在 `docker logs` 中，而且应用用户不能写那个目录',
  pidfile: 'pid 文件所在的目录应用用户不能写',
};

/** "psycopg（libpq）、python-magic（libmagic）"：每个包和它加载的库。 */
const loadsList = (p: DockerPlan) => p.runtimeLoads.matched.map((name) => `${name}（${RUNTIME_LOADS[name]!.library}）`);
const kindNames = (by: 'constructor' | 'script') => APP_KINDS.filter((kind) => kind.recognition.by === by).map((kind) => kind.name);

/** 生产镜像运行什么，几个字说清：`gunicorn 开 3 个 worker（WEB_CONCURRENCY）`、`streamlit run app.py`。 */
function runs(p: DockerPlan): string {
  if (p.server === 'python') return `\`python ${p.scriptEntry}\``;
  if (p.server === 'streamlit') return `\`streamlit run ${p.scriptEntry}\``;
  if (p.server === 'sanic') return `sanic 开 ${p.workers} 个 worker`;
  return `${p.server} 开 ${p.workers} 个 worker（WEB_CONCURRENCY）`;
}

/** 找到了、但服务器按代码现状加载不了的应用，以及怎样才能加载。 */
function unservable(app: UnservableApp): string {
  const kind = appKind(app.kind);
  const name = kind?.name ?? app.kind;
  const where = `${app.file}:${app.line}`;
  switch (app.why) {
    case 'needsArguments':
      return `${name} 应用工厂函数 "${app.name}"（${where}）需要参数（服务器调用它时不传参数）`;
    case 'asyncFactory':
      return `${name} 应用工厂函数 "${app.name}"（${where}）是 async 的（服务器调用工厂函数时不会 await）`;
    case 'noServedName':
      return `${name} 应用 "${app.name}"（${where}）没有服务器能导入的名字${kind?.nameIt ? `：在 ${app.file} 里加上 \`${kind.nameIt.replace(/\bapp\b/, app.name)}\`` : ''}`;
    case 'notImportable':
      return `${app.file} 里的 ${name} 应用，服务器无法按名字导入这个文件`;
  }
}

/** 指向讲义；只有示例项目才有 WORKSHOP.md。 */
const see = (p: DockerPlan, section: number) => (p.sample ? ` 详见 WORKSHOP.md 第 ${section} 节。` : '');

/** ERA_COMPANIONS' reasons (lib/tables/versions.ts), by the package added. */
const ERA_WHY_ZH: Record<string, string> = {
  setuptools: 'gunicorn 21 之前的版本会导入 pkg_resources，而 setuptools 81 起不再提供它',
  werkzeug: 'Flask 2.3 之前的版本会导入 werkzeug.urls.url_quote，Werkzeug 3 已把它删掉',
};

export const zhCN: Messages = {
  lang: 'zh-CN',
  cli: cliZhCN,
  verify: verifyZhCN,
  report: reportZhCN,
  steps: {
    app: {
      title: (p) => `第 1 步 - 应用（${p.scriptEntry}、requirements.txt）`,
      body: (p) =>
        `一个 Flask 应用，在 ${p.port} 端口返回 "Hello from <HOSTNAME>!"。依赖固定为当前版本：` +
        `原始笔记里的 Flask 2.2.3 和 gunicorn 20.1.0 都有已公开的 CVE。` + see(p, 1),
    },
    bad: {
      title: '第 2 步 - Dockerfile.bad：最直觉的写法（故意保留为反面教材）',
      body: (p) =>
        `完整的 ${p.images.full} 镜像，先拷贝代码再安装依赖，没有 Python 环境变量${p.devCommandIsScript ? '，python 作为 PID 1' : ''}。` +
        `动手看看：改一下 ${p.scriptEntry} 再构建，依赖安装会重跑` +
        (p.devCommandIsScript ? '；`docker stop` 要等 10 秒。' : '。') +
        see(p, 2),
    },
    better: {
      title: '第 3 步 - Dockerfile.better：构建更快，日志实时可见',
      body: (p) =>
        `${p.baseVariant === 'alpine' ? 'Alpine 基础镜像' : p.baseVariant === 'full' ? '保留完整基础镜像（--base-variant full）' : 'Slim 基础镜像'}，` +
        `PYTHONUNBUFFERED / PYTHONDONTWRITEBYTECODE，先装依赖、后拷代码。` +
        `动手看看：改一下 ${p.scriptEntry} 再构建，依赖安装那一步显示 CACHED；print() 立刻出现在 \`docker logs\` 里。` +
        see(p, 3),
    },
    dockerignore: {
      title: '第 4 步 - .dockerignore：把密钥和杂物挡在构建之外',
      body: (p, facts) =>
        (facts?.letIn?.length
          ? `虚拟环境、各种缓存和（每一层目录里的）__pycache__ 都不会进入构建上下文；但 ${facts.letIn.join(' 和 ')} 仍会进入，` +
            `这是你自己的例外规则放行的（见上面的警告），所以在这里构建的每个镜像都会包含它们。`
          : `.git、.env 文件、虚拟环境、各种缓存和（每一层目录里的）__pycache__ 都不会进入构建上下文，` + `也就不可能被打进镜像。`) +
        see(p, 4),
    },
    production: {
      title: '第 5 步 - Dockerfile：生产级',
      body: (p) =>
        `非 root 用户 ${p.uid}:${p.gid}，${runs(p)}，` +
        `HEALTHCHECK${p.server === 'gunicorn' || p.server === 'uvicorn' ? '，可以 --read-only 运行' : ''}。动手看看：\`docker stop\`${p.server === 'python' ? '' : ' 大约一秒就返回'}；` +
        `\`docker exec <容器> id -u\` 输出 ${p.uid}。` +
        see(p, 5),
    },
    multistage: {
      title: '第 6 步 - Dockerfile.multistage：编译工具只留在构建阶段',
      body: (p) =>
        (p.builder.scanRuntimeLibraries
          ? `依赖在 ${p.builder.image} 里构建（自带编译器和常用头文件${p.builder.packages.length > 0 ? `，另装 ${p.builder.packages.join('、')}` : ''}）；最终镜像只拷贝虚拟环境 ${p.venv}` +
            '，并安装编译出的模块所链接的共享库（由 ldd 找出）'
          : `依赖在装有 ${p.buildPackages.join('、')} 的构建阶段里安装；最终镜像只拷贝虚拟环境 ${p.venv}` +
            (p.runtimePackages.length > 0 ? `，并安装 ${p.runtimePackages.join('、')}` : '')) +
        `。动手看看：\`docker run --rm <镜像> sh -c 'command -v gcc || echo no compiler'\`。` +
        see(p, 6),
    },
    workshop: {
      title: 'WORKSHOP.md - 讲义',
      body: () => '三大痛点、每一步改了什么，以及亲眼看到效果的命令。从这里开始。',
    },
  },
  text: {
    warning: (message) => `警告：${message}`,
    planWarning: (w) => {
      switch (w.kind) {
        case 'endOfLife':
          return w.heldBy
            ? `Python ${w.minor} 已于 ${w.date} 停止维护，不会再有安全修复；是这些固定版本把镜像留在了这个 Python 上：${w.heldBy.join('、')}。升级它们才能换到仍受支持的 Python（默认版本是 ${DEFAULT_PYTHON_VERSION}）。`
            : `Python ${w.minor} 已于 ${w.date} 停止维护，不会再有安全修复：只适合用来复现旧资料，默认版本是 ${DEFAULT_PYTHON_VERSION}。`;
        case 'noMuslWheel':
          return `Alpine（musl）：${w.packages.join('、')} 没有发布 musllinux wheel，pip 只能从源码编译（慢，而且需要构建阶段），甚至会失败；这个项目更适合用 slim 作为基础镜像。`;
        case 'noWheelForPython':
          return `Python ${w.version}：${w.packages.join('、')} 没有这个版本的 wheel，pip 会从源码编译（很慢，缺编译器时直接失败）；请选它们有 wheel 的 Python，或者升级它们。`;
        case 'compilesUnknownHeaders':
          return `${w.packages.join('、')} 没有 Linux 的 wheel，pip 要从源码编译，需要哪些 -dev 头文件本生成器并不知道：Dockerfile.multistage 在完整的 python 镜像里编译（自带编译器和常用头文件），再用 ldd 扫描找出运行时需要的库；单阶段的 Dockerfile（slim，没有编译器）编译不了。`;
        case 'eraCompanion':
          return `镜像里加上 ${w.added}：${ERA_WHY_ZH[w.added.split('==')[0]!.toLowerCase()] ?? w.why}；项目固定了 ${w.pinned}（升级它，或者自己固定这个包，就不再需要这一步）。`;
        case 'eraUnsupported':
          return `${w.pinned} 配上如今版本的依赖无法启动：${w.pinned.startsWith('flask==') ? 'Flask 1.x 还需要固定 Jinja2<3.1、itsdangerous<2.1、MarkupSafe<2.1 和 Werkzeug<2.1：把它们写进依赖文件，或者升级到 Flask 2.3+' : w.fix}。`;
        case 'needsTomllib':
          return `在镜像里读取 pyproject.toml 的依赖需要 tomllib（Python 3.11+）；Python ${w.version} 会在这一步失败。`;
        case 'pkgResourcesCompanion':
          return `镜像里加上 ${w.added}：${w.sources.join('、')} 导入了 pkg_resources，它需要 setuptools<81（81 起已删除它，而 Python 3.12+ 的镜像和虚拟环境里根本没有 setuptools）。`;
        case 'pkgResourcesGone':
          return `${w.sources.join('、')} 导入了 pkg_resources，但项目固定的 ${w.pinned} 已经没有它了：请固定 setuptools<81，或者改用 importlib.metadata / importlib.resources。`;
      }
    },
    readFromProject: '从项目中读到：',
    overrideHint: '可以用 --python-version、--port、--wsgi-app、--server 覆盖。',
    serverChosen: (command, added) =>
      `启动命令：${command}${added.length > 0 ? `（项目没有依赖它，镜像里会额外安装 ${added.join('、')}）` : ''}`,
    serverForPython: (server, version, newest, newestNeeds, python) =>
      `服务器：${server} ${version}，能装在 Python ${python} 上的最新版本（${server} ${newest} 需要 Python ${newestNeeds} 或更新）`,
    workspaceBuild: (root, member, buildContext) =>
      `工作区：${member} 是 ${root} 处 uv 工作区（workspace）的成员，uv.lock 和 .python-version 都从那里读取。在这个目录下这样构建：\`docker build --build-context ${buildContext} -t app .\``,
    pythonFromPins: (choice) => {
      const d = choice.decision;
      if (d.kind !== 'heldBack' && d.kind !== 'era' && d.kind !== 'eraWithinRange') return undefined;
      return `项目固定的版本 ${d.pins.map((pin) => `${pin.name} ${pin.version}`).join('、')}，原因见下文`;
    },
    pythonChoice: (choice, version) => {
      const d = choice.decision;
      const named = (pins: readonly { name: string; version: string }[]) => pins.map((pin) => `${pin.name} ${pin.version}`).join('、');
      switch (d.kind) {
        case 'era':
          return `python ${version}：在项目最新的固定版本（${named(d.pins)}，发布于 ${d.pins[0]!.released}）之前发布的最新 Python；${d.newer} 发布得更晚（${d.newerReleased}），固定的版本遇到比自己新的 Python 常常会出错。可以用 --python-version 另选。`;
        case 'eraWithinRange':
          return `python ${version}：项目最新的固定版本（${named(d.pins)}，发布于 ${d.pins[0]!.released}）属于 Python ${d.era} 的年代，比项目允许的范围还旧：选范围内最旧的 Python。`;
        case 'heldBack':
          return `python ${version}，而不是 ${d.newer}：被这些包拖住了：${d.pins.map((pin) => `${pin.name} ${pin.version}（${pin.kind === 'sourceByDate' ? `只有源码，发布于 ${pin.released}` : `只有 ${pin.minors!.join('、')} 的 wheel`}）`).join('；')}。`;
        case 'noneFits':
          return `python：从 ${d.newest} 到 ${d.oldest} 没有哪个 Python 能让每个固定的包都有 wheel：${named(d.pins)}；pip 会从源码编译它们。`;
        case 'unchecked':
          return `python ${version}：没有访问或访问不到包索引，${d.unreachable.length} 个固定版本的 wheel 没有检查；${version} 比最新版低一个，近期的固定版本通常都有它的 wheel。`;
        default:
          return undefined;
      }
    },
    existingProject: '发现已有的 Python 项目：只添加 Docker 相关文件，不会改动你的代码和依赖文件。',
    workshopAgain: '这里是之前一次运行生成的工作坊：重新写入它的 Docker 文件。',
    gitHistory: (tags) =>
      `Git 历史：每一步一个提交，标签依次为 ${tags.join('、')}。` +
      `\`git checkout ${tags[2]}\` 切到某一步；\`git diff ${tags[1]} ${tags[2]}\` 看这一步改了什么。`,
    gitNotForProject: '--git 用来生成示例应用的讲解历史；这个目录里已经有你自己的项目，所以不做任何提交。',
    gitWorkshopExists: '--git：这个目录里是之前一次运行生成的工作坊；git 历史只在第一次生成工作坊时建立，所以这次不做任何提交。',
    dockerignoreMerged: (added, file) => `${file}：保留了你原有的内容，追加了 ${added.join('、')}`,
    dockerignoreUnchanged: (file) => `${file}：你的文件已经包含所有条目，未作改动`,
    dockerignoreMergedOurs: (added, file) => `${file}（之前一次运行写的）：保留了原有的内容，追加了 ${added.join('、')}`,
    dockerignoreUnchangedOurs: (file) => `${file}（之前一次运行写的）已经包含所有条目，未作改动`,
    dockerignoreKeptExceptions: (patterns, file) => `${file}：你特意放行了其中一部分，所以没有追加：${patterns.join('、')}`,
    dockerignoreLetsIn: (file, names, exceptions) =>
      `${file} 仍然让 ${names.join(' 和 ')} 进入构建上下文（你的 ${exceptions.length > 0 ? exceptions.join(' ') : '规则'}）：文件是你的，所以保留了，但在这里构建的每个镜像都会拿到它们，COPY . . 会把它们打进镜像；除非这正是你想要的，请删掉这条例外`,
    nextSteps: (p) => `下一步：\`docker build${p.workspace ? ` --build-context ${p.workspace.buildContext}` : ''} -t app . && docker run --rm -p ${p.port}:${p.port} app\`，然后打开 http://localhost:${p.port}/`,
    runtimeNeeds: (p) => {
      const lines: string[] = [];
      const d = p.django;
      if (d) {
        if (d.replaced) {
          lines.push(
            `django：${d.settingsSource} 指定的是 ${d.replaced.named}${namedFromEnvZh(d.namedFromEnv)}，${SETTINGS_REPLACED_ZH[d.replaced.why]}：` +
              `镜像改为运行 ${d.settingsModule}（镜像里设置了 DJANGO_SETTINGS_MODULE；docker run 时用 -e DJANGO_SETTINGS_MODULE=<模块> 可以换成别的）`,
          );
        } else if (d.settingsModuleEnv) lines.push(`django：服务器运行 ${d.settingsModule}（${d.settingsSource}）：镜像设置了 DJANGO_SETTINGS_MODULE，manage.py 命令也用它`);
        if (d.unresolved) {
          lines.push(
            `django：${d.settingsSource} 指定的 ${d.settingsModule}${namedFromEnvZh(d.namedFromEnv)} 没有对应的文件，也没有可替代的生产设置：` +
              '镜像不设置 DJANGO_SETTINGS_MODULE；请在 docker run 时用 -e DJANGO_SETTINGS_MODULE=<模块> 指定',
          );
        }
        if (d.forcedBy) lines.push(`django：${d.forcedBy} 用 os.environ[...] = 强制设置了 DJANGO_SETTINGS_MODULE，镜像里的设置无法覆盖它：请改成 os.environ.setdefault(...)`);
        if (!d.unresolved) lines.push(
          d.collectstatic
            ? `静态文件：构建时运行 collectstatic 到 STATIC_ROOT（${d.staticRoot}）${d.whitenoise ? '，由 whitenoise 提供' : ''}` +
                (d.placeholders.length > 0 ? `；${d.placeholders.map(([name]) => name).join('、')} 只在构建时用占位值，不进入镜像的环境变量` : '')
            : '静态文件：设置里没有 STATIC_ROOT，所以不运行 collectstatic（要从镜像提供静态文件，请设置它）',
        );
        lines.push(`迁移：永远不放进 CMD；每次发布运行一次：\`docker run --rm${p.requiredEnv.map((read) => ` -e ${read.name}`).join('')} <镜像> ${d.migrateArgs.join(' ')}\``);
      }
      if (p.ownDistribution) {
        lines.push(
          `也安装项目本身：${p.ownDistribution.source} 读取项目自己安装后的元数据（${p.ownDistribution.how}）；` +
            `代码复制进来后运行 \`pip install --no-deps .\`，按 ${p.ownDistribution.projectFiles.join('、')} 声明的方式构建`,
        );
      }
      if (p.runtimeLoads.matched.length > 0) {
        lines.push(`运行时加载的库：${loadsList(p).join('、')} 通过 ctypes 或 cffi 打开它们，ldd 扫描看不到：镜像会安装 ${p.runtimeLoads.packages.join('、')}`);
      }
      if (p.requiredEnv.length > 0) {
        lines.push(
          `启动时需要（代码里没有默认值）：${p.requiredEnv.map((read) => `${read.name}（${read.source}）`).join('、')}；` +
            `用 docker run -e NAME=value 传入；compose.yaml 要求提供`,
        );
      }
      if (p.writablePaths.length > 0) {
        const owners = [
          ...(p.writableDirs.includes('/app') ? ['/app 属于应用用户'] : []),
          ...(p.writesHome ? [`~ 是应用用户自己的主目录 ${p.home}`] : []),
        ];
        const files = p.filesInApp.length > 0 ? filesInAppZh(p) : '';
        lines.push(
          `运行时写入：${p.writablePaths.join('、')}；${owners.join('，')}，所以它能创建这些路径。` +
            (p.volumes.length > 0 ? `要保留数据（以及用 --read-only 运行）请挂载卷：${p.volumes.map((volume) => `-v ${volume.flag}`).join(' ')}` : '') +
            (p.volumes.length > 0 && files ? '。' : '') +
            files,
        );
      }
      return lines;
    },
    entryAlternatives: (others) =>
      `还找到了：${others.join('、')}；按上面的规则选第一个来运行，要换别的请用 --wsgi-app MODULE:APP 指定`,
    servingDecision: (d) => {
      switch (d.kind) {
        case 'confInForce':
          return `${d.file} 会生效：gunicorn 会自动从工作目录加载它${d.settings.length > 0 ? `（它设置了 ${d.settings.join('、')}）` : ''}；CMD 只补充必需的参数`;
        case 'bindKept':
          return `${d.from} 绑定 ${d.bind}：保留，EXPOSE 和 HEALTHCHECK 用这个端口`;
        case 'bindOverridden':
          return `${d.from} ${d.bind === undefined ? '没有设置 bind（gunicorn 会监听 127.0.0.1:8000 或 $PORT）' : `绑定 ${d.bind}`}：改用 --bind 0.0.0.0:${d.port}，让服务监听在 EXPOSE 和 HEALTHCHECK 指向的地方`;
        case 'procfileKept':
          return `沿用 Procfile 的 web: 命令（${d.command}），保留它的参数，并填入 $PORT`;
        case 'procfileIgnored':
          return d.byUser
            ? `Procfile 的 web: 运行 ${d.program}；你指定了 --server ${d.server}，镜像里运行 ${d.server}`
            : `Procfile 的 web: 运行 ${d.program}，本生成器不在生产环境运行它：镜像里运行 ${d.server}（可用 --server 选择）`;
        case 'flagDropped':
          return `去掉了 Procfile web: 中的 ${[d.flag, d.value].filter(Boolean).join(' ')}：exec 形式的 CMD 不展开 shell 变量（请在 docker run 时用 -e 设置）`;
        case 'appReplaced':
          return `项目命令里的应用 ${d.from} 换成了 ${d.to}（--wsgi-app）`;
        case 'srcLayout':
          return `src/ 布局：\`${d.flag} ${d.pythonPath}\` 把包加入导入路径`;
        case 'confBypassed':
          return (
            `不加载 ${d.file}：它设置了 \`daemon = ${d.hazard.value}\`（${d.hazard.source}${whenZh(d.hazard.condition)}），gunicorn 会转入后台，容器立即退出且没有任何日志；` +
            `CMD 用 --config /dev/null 和生成器的参数运行 gunicorn${d.kept.length > 0 ? `，保留它的 ${d.kept.map((flag) => `\`${flag}\``).join('、')}` : ''}`
          );
        case 'confSettingOverridden':
          return `${d.hazard.source}${whenZh(d.hazard.condition)} 的 ${d.hazard.setting} = ${d.hazard.value}：${HAZARD_WHY_ZH[d.hazard.setting]}；用 ${d.flag} ${d.value} 覆盖`;
      }
    },
    noAppFound:
      `没有找到要运行的应用：查找了 Django（manage.py）、项目 .py 文件里（最多往下 5 层目录，包括 src/<包>/）的 ${kindNames('constructor').join('、')} 应用或工厂函数、${kindNames('script').join('、')} 脚本、Procfile 的 web: 行和 gunicorn.conf.py 的 wsgi_app；请用 --wsgi-app MODULE:APP（或 MODULE:create_app()）指定应用，或用 --server python 直接运行脚本；没有写入任何文件`,
    unservableApp: (apps) =>
      `没有服务器能按代码现状加载的应用：找到了 ${apps.map(unservable).join('；')}；请修改代码，或用 --wsgi-app MODULE:APP（或 MODULE:create_app()）指定应用、用 --server 指定服务器；没有写入任何文件`,
    loopbackOnly: (host, source) =>
      `${source} 只监听 ${host}：在容器里，容器之外的任何东西都连不到这个地址；请去掉这个参数（镜像会让应用监听所有网卡）或改成 "0.0.0.0"，然后重新运行；没有写入任何文件`,
    unknownScript: (file) =>
      `没有找到本生成器能运行的那类应用（${kindNames('constructor').join('、')} 应用，${kindNames('script').join('、')} 脚本，Django）；${file} 也许会自己启动服务器：可以用 --server python 原样运行它（它必须监听 0.0.0.0 和 --port 指定的端口），或用 --wsgi-app MODULE:APP 指定应用；没有写入任何文件`,
    unimportableApp: (files) =>
      `${files.join('、')} 里的应用无法被服务器导入：模块名必须是 Python 标识符（字母、数字、下划线）；请改名（例如 ${files[0]!.replace(/[^A-Za-z0-9_/.]/g, '_')}）后重新运行，或用 --wsgi-app 指定别的应用；没有写入任何文件`,
    noDependencyFile: (framework) =>
      `代码用到了 ${framework}，但没有任何依赖文件列出它（没有 requirements.txt、pyproject.toml、Pipfile、uv.lock 或 poetry.lock）：请先写一个（例如在项目的虚拟环境里运行 \`pip freeze > requirements.txt\`）再运行；没有写入任何文件`,
  },
  compare: {
    col_dockerfile: "Dockerfile",
    col_size: "镜像体积",
    col_cold: "冷构建",
    col_rebuild: "改代码后重建",
    col_deps: "重建时依赖安装",
    col_stop: "docker stop",
    col_uid: "运行 UID",
    cached: "CACHED（命中缓存）",
    reran: "重新执行",
    no_install_step: "没找到依赖安装步骤",
    root: "{uid}（root）",
    html_title: "Dockerfile 对比",
    html_intro: "每个 Dockerfile 一根柱子：越短越好。",
    chart_size: "镜像体积（MB）：推送、拉取、打补丁都更省",
    chart_cold: "冷构建（秒）：docker build --no-cache",
    chart_rebuild: "只改代码后的重建（秒）：依赖层缓存在起作用",
    chart_stop: "docker stop（秒）：约 10 秒说明 SIGTERM 被忽略，应用是被强杀的",
    description: "构建本项目的每个 Dockerfile，比较镜像体积、构建耗时、缓存命中、`docker stop` 耗时，以及应用运行时的用户。",
    epilog: "构建使用 BuildKit（除非你自己设置了 DOCKER_BUILDKIT，否则会设为 1）。\n容器用 -p PORT:PORT 发布端口；加 --network-host 则改为共享宿主机网络\n（仅限 Linux，适用于没有 Docker 默认网桥（bridge）网络的机器）。\n结束时会删除它构建的镜像，以及这些构建新增的构建缓存（加 --keep 则保留）。\n其他输出文件请命名为 compare*.html / compare*.json：.dockerignore 会把它们挡在构建之外。\n示例：\n  python3 compare.py\n  python3 compare.py --dockerfiles Dockerfile.bad,Dockerfile --out compare-sizes.html\n  python3 compare.py --network-host --json compare.json\n  python3 compare.py --build-flag=--pull --run-flag='--memory 256m' --run-flag=--read-only",
    help_dockerfiles: "要比较的 Dockerfile，用逗号分隔（默认：这里的每个 Dockerfile*）",
    help_port: "应用在容器内监听的端口（默认：%(default)s）",
    help_app_file: "「只改代码」时修改的文件（默认：%(default)s）",
    help_network_host: "构建和运行时使用 --network host，而不是发布端口",
    help_build_flag: "额外的 docker build 参数（可重复；见下面的示例）",
    help_run_flag: "额外的 docker run 参数（可重复；见下面的示例）",
    help_docker: "使用的 docker 命令（默认：$DOCKER，否则为 docker）",
    help_out: "要写入的 HTML 图表（默认：%(default)s）",
    help_json: "同时把数据以 JSON 写入这个文件",
    help_keep: "保留镜像和构建缓存（默认：删除本次运行新增的）",
    help_timeout: "等待应用应答的秒数（默认：%(default)s）",
    help_tag_prefix: "镜像名和容器名的前缀（默认：%(default)s）",
    step_cold: "[{n}/{total}] {dockerfile}：冷构建（docker build --no-cache）……",
    step_rebuild: "[{n}/{total}] {dockerfile}：只改 {app_file} 的代码后重建……",
    step_run: "[{n}/{total}] {dockerfile}：运行，等待 http://127.0.0.1:{port}/ 应答，然后 docker stop……",
    took: "      {seconds:.1f} 秒",
    unknown: "?",
    megabytes: "{value:.0f} MB",
    seconds: "{value:.1f} 秒",
    wrote: "已写入 {path}",
    cleaned: "已清理本次运行新增的 {images} 个镜像和 {records} 条构建缓存记录",
    err_no_docker: "找不到「{docker}」：请安装 Docker，或设置 DOCKER=/path/to/docker",
    err_no_engine: "「{docker}」连不上 Docker 引擎：Docker 在运行吗？（{detail}）",
    err_missing_file: "在 {folder} 里找不到 {path}",
    err_no_dockerfiles: "在 {folder} 里找不到 Dockerfile",
    err_build: "docker build -f {dockerfile} 失败（退出码 {code}）：{detail}",
    err_run: "docker run {image} 失败（退出码 {code}）：{detail}",
    err_port_busy: "127.0.0.1:{port} 上已经有程序在应答：请先停掉它",
    err_exited: "{dockerfile}：容器在应答之前就退出了：{detail}",
    err_no_answer: "{dockerfile}：{timeout} 秒内 http://127.0.0.1:{port}/ 没有应答（--port 写错了？Linux 上没有 Docker 的 bridge 网络时，请用 --network-host）",
    interrupted: "已中断：{app_file} 已还原，容器已删除。",
    ap_usage: "用法：",
    ap_options: "选项",
    ap_optional_arguments: "选项",
    ap_help: "显示这段帮助并退出",
    ap_error: "%(prog)s：错误：%(message)s\n",
    ap_unrecognized: "不认识的参数：%s",
    ap_argument: "参数 %(argument_name)s：%(message)s",
    ap_expected_one: "后面要跟一个值",
    ap_invalid_value: "不是有效的 %(type)s 值：%(value)r",
    ap_ambiguous: "选项 %(option)s 有歧义，可能是 %(matches)s",
    ap_ignored_explicit: "这个选项不带值，收到的是 %r",
  },
  comments: {
    bad: {
      header:
        'Dockerfile.bad：大多数人的第一版。它能构建、也能运行，\n' +
        '但故意保留为反面教材：下面每个「问题」都会在后面的步骤里解决（见 WORKSHOP.md）。',
      problemImage: '问题 1：完整镜像带着应用根本用不到的编译器和 -dev 头文件（约 1 GB）。',
      problemOrder: (p) =>
        '问题 2：先拷贝全部代码再安装依赖，两者被绑在了一起：\n' +
        `${p.scriptEntry} 一改，这一层缓存就失效，每次构建都要重装依赖。`,
      problemBuffer: '问题 3：没有设置 PYTHONUNBUFFERED，print() 的输出卡在缓冲区里，\n' + '迟迟不出现在 `docker logs` 里。',
      problemPid1:
        '问题 4：python 是 PID 1，而 PID 1 没有默认的信号处理：它会忽略 SIGTERM，\n' +
        '所以 `docker stop` 要等满 10 秒再强杀。另外它以 root 身份运行，用的还是开发服务器。',
      problemRoot: '问题 4：以 root 身份运行。',
    },
    better: {
      header: 'Dockerfile.better：构建更快，日志实时可见。',
      fixSlim: '优化 1：slim 是不带编译器的 Debian，体积只有完整镜像的零头。',
      fixAlpine: '优化 1：alpine 是基于 musl 的极简镜像，体积只有完整镜像的零头。',
      fixFullSkipped: '（跳过优化 1：--base-variant full 保留了带编译器的大镜像；slim 只有它的零头。）',
      fixEnv:
        '优化 2：为容器设置 Python 专属环境变量。\n' +
        '  PYTHONDONTWRITEBYTECODE=1  运行时不生成 __pycache__/*.pyc：容器用完即弃，这些缓存毫无意义\n' +
        '  PYTHONUNBUFFERED=1         关闭输出缓冲，print() 立刻出现在 `docker logs` 里',
      fixOrder:
        '优化 3：先装依赖，后拷代码。只要输入不变，Docker 就复用这一层（分层缓存），\n' +
        '所以依赖文件不变时，依赖安装直接命中构建缓存。',
      codeLast: (p) => `最后拷贝代码：改 ${p.scriptEntry} 只会从这里开始重新构建。`,
      stillScript: '还没解决（见 Dockerfile）：以 root 运行、用的是开发服务器、作为 PID 1 忽略 SIGTERM。',
      stillServer: '还没解决（见 Dockerfile）：以 root 运行，也没有健康检查。',
    },
    production: {
      header: 'Dockerfile：生产级。构建快、日志实时可见（先装依赖后拷代码，为容器设置 Python 环境变量），\n' + '另外加上非 root 用户、生产级服务器、优雅停止和健康检查。',
      dependenciesFirst: '先装依赖（依赖文件不变就走缓存），最后拷代码。',
    },
    multistage: {
      header:
        'Dockerfile.multistage：多阶段构建，在一个镜像里构建，在另一个镜像里运行。\n' +
        '构建阶段带编译器和头文件；最终镜像只拿到装好的包，\n' +
        '所以体积小，也没有能被攻击者利用的编译器。',
      builder: '---- 阶段一：构建者 ----',
      buildTools: '编译器和头文件，只存在于这个阶段。',
      venv: (p) =>
        `所有东西都装进虚拟环境 ${p.venv}：一个自成一体的目录，\n` +
        '方便整体拷贝到下一阶段。能用基础镜像自带的 pip 往里装的地方，就用 --without-pip 创建，\n' +
        'pip 本身不会被带走。',
      runtime: '---- 阶段二：运行者 ----',
      venvOnPath: '上面构建好的虚拟环境放在 PATH 最前面。',
      runtimeLibraries: '编译出来的包需要链接的共享库（不含编译器）。',
      copyVenv: '只把装好的包带过来；编译器、工具和构建缓存都留在构建阶段。',
      builderFull: (p) =>
        '构建阶段从完整的 python 镜像开始：编译器和常用的 -dev 头文件\n' +
        '（libpq、libssl、libffi、MySQL、libxml2……）都已经在里面，不用再 apt-get。\n' +
        `下面的运行阶段${p.baseVariant === 'full' ? '也从完整镜像开始（--base-variant full）' : '仍然用 slim'}。`,
      buildHeaders: '完整镜像里没有的头文件，只装在这个阶段。',
      scanLibraries:
        '编译出来的模块运行时需要哪些系统库？ldd 列出虚拟环境里每个 .so 链接到的外部库；\n' +
        'dpkg -S 找出提供每个文件的 Debian 包。运行阶段正好安装这份清单，\n' +
        '不管编译的是哪个包。',
      installLibraries: '构建阶段列出的共享库（比如 psycopg2 需要的 libpq5），去掉镜像里已有的；\n' + '什么都不缺时根本不运行 apt-get。',
    },
    cacheMountPip:
      '--mount=type=cache：下载的文件留在 BuildKit 的缓存里，跨构建保留，永远不进镜像，\n' +
      '所以依赖变了只下载变了的部分。`pip wheel` 把每个文件都存进 wheelhouse/\n' +
      '（pip 的 HTTP 缓存只存索引响应头允许的内容），`pip install` 从那里安装。',
    cacheMountTool: 'uv、Poetry 和 Pipenv 有自己的缓存，也放在各自的缓存挂载里。',
    cacheMountApt: 'apt 的包列表和安装包也放在缓存挂载里：不进镜像，也不重复下载。',
    gracefulTimeout: (p) =>
      `  --${p.server === 'uvicorn' ? 'timeout-graceful-shutdown' : 'graceful-timeout'} ${p.gracefulTimeoutS}   \`docker stop\` 时正在处理的请求有 ${p.gracefulTimeoutS} 秒完成，远在 docker 的 10 秒之内`,
    runtimeEnv:
      'PYTHONDONTWRITEBYTECODE / PYTHONUNBUFFERED：运行时不写 .pyc，日志直接进 `docker logs`。\n' +
      'WEB_CONCURRENCY：服务器的 worker 数；运行时可用 -e WEB_CONCURRENCY=8 调整。\n' +
      'XDG_RUNTIME_DIR：gunicorn >= 25.1 会在这里创建控制 socket（给 `gunicornc` 用）；\n' +
      '  /dev/shm 即使在 `docker run --read-only` 下也可写，$HOME 则不行。',
    uvicornWorkerHealthcheck:
      'UVICORN_TIMEOUT_WORKER_HEALTHCHECK：多个 worker 时，uvicorn 会重启 5 秒内没有回应 ping 的 worker；\n' +
      '在繁忙或限制了 CPU 的主机上冷启动更久，worker 会被反复杀掉。旧版 uvicorn 会忽略这个变量。',
    nonRootUser:
      '创建非 root 用户，使用固定的数字 UID/GID（挂载卷时文件属主可预期，数字形式的 `USER`\n' +
      '也能让 Kubernetes 的 runAsNonRoot 校验通过），并且有真实存在的家目录\n' +
      '（pip、gunicorn 和很多库都默认它存在）。--skel /nonexistent：不拷贝 shell 配置文件，反正没人登录；\n' +
      '--no-log-init：UID 很大时，否则会生成一个巨大的稀疏文件 /var/log/lastlog。',
    nonRootUserAlpine:
      '创建非 root 用户，使用固定的数字 UID/GID（挂载卷时文件属主可预期，数字形式的 `USER`\n' +
      '也能让 Kubernetes 的 runAsNonRoot 校验通过），并且有真实存在的家目录\n' +
      '（pip、gunicorn 和很多库都默认它存在）。BusyBox 的 adduser：-S 系统账号，-D 不设密码（没人登录），\n' +
      '-h 家目录，-s /sbin/nologin 不给登录 shell。',
    unpinnedDebian:
      '没有固定系统包版本：基础镜像的标签已经固定了 Debian 版本，\n' + '而固定的版本号会随着每次安全更新从镜像源里消失。',
    unpinnedAlpine:
      '没有固定系统包版本：基础镜像的标签已经固定了 Alpine 版本，\n' + '而固定的版本号会随着每次安全更新从镜像源里消失。',
    compileAndRemove: (packages) =>
      `${packages.join('、')} 需要从源码编译：先装编译工具，编译完在同一层里再删掉，\n` +
      '这样它们永远不会留在镜像里（多阶段构建用两个阶段做到同样的事）。',
    unpinnedDebianShort: '没有固定系统包版本：基础镜像的标签已经固定了 Debian 版本。',
    unpinnedAlpineShort: '没有固定系统包版本：基础镜像的标签已经固定了 Alpine 版本。',
    noCacheBoth: '--no-cache-dir / --no-cache：下载缓存只会让镜像变大。',
    noCachePip: '--no-cache-dir：pip 的下载缓存只会让镜像变大。',
    installNote: (note) => {
      switch (note.kind) {
        case 'pdmLock':
          return 'pdm.lock：精确版本（默认分组），由 `pdm export` 导出，再用 pip 安装。';
        case 'setupCfg':
          return '先装 setup.cfg [options] install_requires 里的依赖（走缓存），再用 --no-deps 安装项目本身。';
        case 'setupPy':
          return 'setup.py 是一段程序，可能会导入代码，所以安装项目必须先有代码：这里没法单独缓存依赖层。';
        case 'requirementsInstallProject':
          return `${note.file} 会安装项目本身（-e .），必须先有代码：这里没法单独缓存依赖层。`;
        case 'pyprojectDependencies':
          return '先装 pyproject.toml [project] 里的依赖（走缓存），再用 --no-deps 安装项目本身。';
        case 'uvLock':
          return 'uv.lock：精确版本；锁文件和 pyproject.toml 对不上时，`uv sync --locked` 直接失败。';
        case 'uvWorkspace':
          return `这个目录是 ${note.root} 处 uv 工作区（workspace）的成员：uv.lock 和它用到的其他成员都在那里，\n` +
            `作为第二个构建上下文传入：\`docker build --build-context workspace=${note.root} .\`（--frozen：其他成员不会被复制进来）。`;
        case 'poetryLock':
          return 'poetry.lock：精确版本（main 分组），由 `poetry export` 导出，再用 pip 安装。';
        case 'poetryNoLock':
          return '没有 poetry.lock：版本在构建时才解析（`poetry lock`）；提交锁文件，构建才可重复。';
        case 'pipfileLock':
          return 'Pipfile.lock：精确版本，由 `pipenv requirements` 导出，再用 pip 安装。';
        case 'pipfileNoLock':
          return '没有 Pipfile.lock：版本在构建时才解析（`pipenv lock`）；提交锁文件，构建才可重复。';
        case 'readsOwnDistribution':
          return (
            `${note.source} 在运行时读取项目自己安装后的元数据（${note.how}），只复制代码是没有的：\n` +
            '所以也安装项目本身，不带依赖，用它声明的构建后端构建。'
          );
      }
    },
    projectAfterCode: '代码到位后再安装项目本身（它的依赖已经来自上面的缓存层）。',
    copyCode:
      '最后拷贝代码。--chown 把文件交给应用用户，适合要在代码旁边写文件的应用\n' +
      '（SQLite 文件、上传目录）；代码不会变的话，留给 root、对应用只读更安全。',
    userSwitch: '从这里开始不再是 root。用数字形式，运行时不读 /etc/passwd 也能校验。',
    healthcheck: (p) => `${p.healthPath} 返回 500 以下的状态码就算健康（404 也说明应用在跑）；只用 Python 标准库，\n` + '镜像里不需要 curl。',
    serverGunicorn: (p) =>
      'gunicorn 是生产级 WSGI 服务器，以 exec 形式作为 PID 1 运行：它能收到 `docker stop`\n' +
      '发出的 SIGTERM 并优雅退出，远在 docker 的 10 秒期限之内。\n' +
      `  --bind             监听容器所有网卡的 ${p.port} 端口\n` +
      '  --worker-tmp-dir   worker 心跳文件放在 /dev/shm（内存）里，镜像因此可以 --read-only 运行\n' +
      '  --access-logfile - 访问日志输出到 stdout，`docker logs` 从这里读取',
    serverUvicorn: (p) =>
      'uvicorn 是 ASGI 服务器，以 exec 形式作为 PID 1 运行：它能收到 `docker stop` 发出的\n' +
      'SIGTERM 并优雅退出。它同样从 WEB_CONCURRENCY 读取 worker 数。\n' +
      `  --host 0.0.0.0 --port ${p.port}   监听容器所有网卡`,
    serverFromProject: (p) =>
      `按项目自己的 ${p.servingFrom === 'Procfile' ? 'Procfile web: 行' : 'gunicorn.conf.py'} 运行 ${p.server}，以 exec 形式作为 PID 1\n` +
      `（能收到 \`docker stop\` 的 SIGTERM）。${p.servingFrom === 'Procfile' ? '保留它的参数，并填入 $PORT。' : 'gunicorn 会自动从 /app 加载 gunicorn.conf.py。'}\n` +
      `只补充镜像需要的：监听所有网卡的 ${p.port} 端口，也就是 EXPOSE 和\n` +
      'HEALTHCHECK 指向的地方（保留了什么、覆盖了什么，见生成器的输出）。',
    loadedLibraries: (p) =>
      `${loadsList(p).join('、')} 在运行时通过 ctypes 或 cffi 打开库：\n` +
      `没有哪个编译出来的模块链接到它们，所以 ldd 扫描看不到；slim 镜像里也没有 ${p.runtimeLoads.packages.join('、')}。`,
    gunicornConfBypassed: (p) => {
      const bypass = p.servingDecisions.find((d) => d.kind === 'confBypassed');
      return bypass?.kind === 'confBypassed'
        ? `${bypass.file} 设置了 \`daemon = ${bypass.hazard.value}\`（${bypass.hazard.source}${whenZh(bypass.hazard.condition)}）：gunicorn 会 fork 到\n` +
            '后台，PID 1 立即以 0 退出，没有任何日志。所以用 --config /dev/null，不加载任何配置文件\n' +
            `（gunicorn 会警告 /dev/null 没有 .py 扩展名：这是预期的）；下面的参数给出镜像需要的设置${bypass.kept.length > 0 ? `，\n并保留该文件里写成固定值的设置：${bypass.kept.map((flag) => `\`${flag}\``).join('、')}` : ''}。`
        : '';
    },
    serverSanic: (p) =>
      'Sanic 自带的服务器，以 exec 形式作为 PID 1 运行：它能收到 `docker stop` 发出的 SIGTERM 并优雅退出\n' +
      `（上面的 SANIC_GRACEFUL_SHUTDOWN_TIMEOUT：${p.gracefulTimeoutS} 秒，远在 docker 的 10 秒之内）。\n` +
      `  --host 0.0.0.0 --port ${p.port}   监听容器所有网卡\n` +
      `  --workers ${p.workers}   worker 进程数（Sanic 不读 WEB_CONCURRENCY）\n` +
      '  --access-logs   访问日志输出到 stdout，`docker logs` 从这里读取',
    serverStreamlit: (p) =>
      `\`streamlit run ${p.scriptEntry}\`，以 exec 形式作为 PID 1 运行：Streamlit 的服务器收到 SIGTERM 就会停止。\n` +
      `  --server.address 0.0.0.0 --server.port ${p.port}   监听容器所有网卡\n` +
      '  --server.headless true   启动时不打开浏览器，也不询问电子邮件\n' +
      '  --server.fileWatcherType none   镜像里的代码不会变，不需要监视文件',
    serverScript: (p) => `应用自己的脚本（${p.scriptEntry}）会启动服务器，以 exec 形式作为 PID 1 运行。`,
    stopSignal: () =>
      '作为 PID 1，Python 会忽略 `docker stop` 发出的 SIGTERM，除非代码自己处理它（docker 会等 10 秒\n' +
      '再强行结束）；SIGINT 总会以 KeyboardInterrupt 送到 Python，所以它会立刻停止。',
    kindEnv: (p) =>
      p.runtimeEnv.settings.some((setting) => setting.startsWith('GRADIO_'))
        ? 'GRADIO_SERVER_NAME / GRADIO_SERVER_PORT：代码没有传 server_name / server_port 时，launch() 按它们监听：\n' +
          `容器的所有网卡，${p.port} 端口。\n` +
          'GRADIO_ANALYTICS_ENABLED=False：容器不发送使用统计。'
        : '应用所用框架启动时读取的设置。',
    writablePaths: (p) =>
      p.writableDirs.includes('/app')
        ? `应用运行时写入 ${p.writablePaths.join('、')}：工作目录本身（不只是复制进来的文件）和它写入的\n` +
          '每个目录都属于应用用户，它才能创建它们。写在这里的数据随容器一起消失：要保留就挂载卷。'
        : `应用运行时写入 ${p.writablePaths.join('、')}，在应用用户的主目录（${p.home}）里：每个目录都在这里\n` +
          '创建并交给应用用户，可以直接挂载卷（用 --read-only 运行时必须挂载）。',
    djangoSettingsModule: (p) =>
      (p.django?.replaced
        ? `${p.django.settingsSource} 指定的是 ${p.django.replaced.named}${namedFromEnvZh(p.django.namedFromEnv)}，${SETTINGS_REPLACED_ZH[p.django.replaced.why]}：\n` +
          `镜像运行 ${p.django.settingsModule}。在这里设置后，服务器、collectstatic、migrate 和其他\n` +
          'manage.py 命令都用同一份设置。'
        : `服务器运行 ${p.django?.settingsModule}（${p.django?.settingsSource}）；manage.py 默认用另一份设置。\n` +
          '在这里设置后，collectstatic、migrate 和其他 manage.py 命令都用同一份。'),
    collectstatic: (p) =>
      `构建时把静态文件收集到 STATIC_ROOT（${p.django?.staticRoot}）${p.django?.whitenoise ? '，由 whitenoise 提供' : ''}：\n` +
      '它们必须在镜像里，启动时没有谁会写它们。' +
      ((p.django?.placeholders.length ?? 0) > 0
        ? `\n导入设置需要 ${p.django?.placeholders.map(([name]) => name).join('、')}：只在构建时用的占位值，\n` +
          '只写在这一行（不是 ENV），镜像里不留任何值；真正的值在 `docker run` 时提供。'
        : ''),
    runtimeNeeds: (p) => {
      const parts: string[] = [];
      if (p.requiredEnv.length > 0) {
        parts.push(
          '启动时需要，代码里没有默认值（缺了容器就会退出）：\n' +
            p.requiredEnv.map((read) => `  ${read.name}   \`${read.how}\`，${read.source}`).join('\n') +
            '\n运行时提供：docker run -e NAME=value（或 compose.yaml）；不要写进镜像。',
        );
      }
      if (p.writablePaths.length > 0) {
        parts.push(
          `运行时写入：${p.writablePaths.join('、')}。` +
            (p.volumes.length > 0 ? `要保留（以及用 --read-only 时）：${p.volumes.map((volume) => `-v ${volume.flag}`).join(' ')}` : '') +
            (p.filesInApp.length > 0 ? `\n${filesInAppZh(p, '\n')}。` : ''),
        );
      }
      if (p.django) {
        parts.push(
          '迁移不放进 CMD（多个副本会竞争，失败的迁移会让服务器反复崩溃）。\n' +
            `每次发布运行一次：\`docker run --rm${p.requiredEnv.map((read) => ` -e ${read.name}`).join('')} <镜像> ${p.django.migrateArgs.join(' ')}\``,
        );
      }
      return parts.join('\n');
    },
    dockerignore: {
      header:
        '.dockerignore：永远不进入构建上下文（因此也永远不会进镜像）的东西。\n' +
        '构建上下文越小，构建越快，`COPY . .` 也越少无谓地失去缓存。\n' +
        '规则从构建上下文根目录开始匹配：加上 "**/" 才能匹配每一层目录。',
      vcs: '版本控制',
      secrets: '密钥和本地配置：绝不能打进镜像',
      venvs: '本地 Python 环境：为你的电脑构建，不适用于容器',
      caches: '测试、lint 和类型检查的缓存',
      appData: '应用运行时在代码旁写入的文件：你本地的那份（例如 SQLite 数据库）留在你的电脑上',
      docker: 'Docker 和生成器自己的文件：改动它们不应让 `COPY . .` 失去缓存',
      editors: '编辑器、操作系统和其他工具链',
    },
    sample: {
      docstring: '工作坊的示例 Web 应用：只有一个路由，告诉你是哪个容器在响应。',
      factoryDocstring: (wsgiApp) => `应用工厂：gunicorn 在每个 worker 里调用一次（${wsgiApp}）。`,
      printNote: '只有设置了 PYTHONUNBUFFERED=1，这行输出才会立刻出现在 `docker logs` 里（见 Dockerfile.better）。',
      hostNote: '注意：Host 必须设为 0.0.0.0 而不是 127.0.0.1，否则从容器外部无法访问。',
    },
    requirements:
      '固定版本，保证每台电脑构建出同样的镜像。原始笔记里的 Flask 2.2.3 和\n' +
      'gunicorn 20.1.0 都有已公开的安全公告；这里是本生成器发布时最新的修复版本。\n' +
      '上生产前请检查有没有更新的版本。',
  },
};
