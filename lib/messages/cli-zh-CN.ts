/** 简体中文：问题、选项说明、校验信息、错误，以及 compose.yaml 里的注释。 */
import type { DependencyReasonPart } from '../read/types.js';
import type { Sink } from '../decide/sinks.js';
import { serverChoices } from '../tables/app-kinds.js';
import type { CliTexts } from './cli-types.js';

/** Why a dependency manager was chosen, one part at a time (the readers give files and names, no words). */
function dependencyReasonPart(part: DependencyReasonPart): string {
  switch (part.key) {
    case 'found':
      return `找到 ${part.file}`;
    case 'foundInWorkspace':
      return `找到 ${part.file}（位于 ${part.root} 的 uv 工作区）`;
    case 'foundWithout':
      return `找到 ${part.file}（没有 ${part.missing}）`;
    case 'compiledFrom':
      return `由 ${part.file} 编译而来，${part.file} 本身不安装`;
    case 'notInstalled':
      return `不安装：${part.files.join('、')}`;
    case 'installedAsWritten':
      return `找到 ${part.file}，没有编译好的 ${part.missing}：按原样安装（用 \`pip-compile\` 编译它，构建才可重复）`;
    case 'tableWithout':
      return `在 ${part.file} 里找到 ${part.table}（没有 ${part.missing}）`;
    case 'noPackageFolder':
      return `没有 "${part.name}" 的包目录，所以只安装它的依赖`;
    case 'dependenciesOnly':
      return part.why === 'packageModeFalse' ? '`package-mode = false`：只安装依赖' : '不是可分发的包：只安装依赖';
    case 'pipInstallDot':
      return `找到 ${part.file}，用 \`pip install .\` 安装`;
    case 'setupFound':
      return part.installRequiresFirst
        ? `找到 ${part.files.join(' 和 ')}：先装 setup.cfg [options] install_requires，再 \`pip install .\``
        : `找到 ${part.files.join(' 和 ')}：用 \`pip install .\` 安装（需要代码）`;
    case 'alsoPresent':
      return `另外还有：${part.files.join('、')}`;
  }
}

const fallbackReason = (why: 'indexNotAsked' | 'indexUnreachable', within: string) =>
  `稳妥的选择：${why === 'indexNotAsked' ? '没有查询包索引（PYDOCKER_OFFLINE=1）' : '包索引没有应答'}，` +
  `所以没有核对固定版本的包有没有对应的 wheel${within ? `；在 ${within} 的范围内` : ''}`;

/** 被拒绝的值原本要写进哪里（lib/decide/sinks.ts）。 */
const SINK_NAMES_ZH: Record<Sink, string> = {
  shell: ' Dockerfile 的 RUN 行',
  exec: ' Dockerfile 的 CMD',
  dockerfile: ' Dockerfile 的 COPY 或 ENV',
  yaml: ' compose.yaml',
  yamlKey: ' compose.yaml 的键',
  dockerignore: ' .dockerignore',
};

export const cliZhCN: CliTexts = {
  questions: {
    pythonVersion: '基础镜像的 Python 版本',
    baseVariant: '基础镜像类型（slim：Debian，体积小；alpine：musl，最小；full：带编译器，约 1 GB）',
    port: '应用监听的端口（1024-65535）',
    wsgiApp: 'gunicorn 要运行的 WSGI 应用（模块:变量）',
    workers: 'gunicorn 的 worker 进程数',
    uid: '非 root 用户的数字 UID',
    gid: '非 root 用户组的数字 GID',
    lang: '讲解文字的语言（终端信息、注释、WORKSHOP.md）',
    git: '要不要建一个 git 仓库，每一步一个带标签的提交？',
    compose: '要不要同时生成本地开发用的 compose.yaml？',
    watch: '要不要加上 `docker compose watch` 用的 develop.watch（需要 Compose v2.22+；docker-compose 1.x 不认这个文件）？',
  },
  languageNames: { en: '英语', 'zh-CN': '简体中文' },
  options: {
    defaults: '什么都不问：依次使用命令行选项、你保存过的选择、项目里写明的值、默认值',
    server: `生产镜像运行的服务器：${serverChoices().join('|')}`,
    stage: '生成哪个 Dockerfile：bad|better|production [默认：production]',
    help: '显示这个命令的帮助',
    version: '显示 generator-python-docker 的版本号',
    align: '同时让生成器写过的其他文件与本次运行一致：其他 Dockerfile、compose.yaml，以及 workshop 目录里它的文件（绝不碰你项目的代码）',
  },
  envOptions: {
    '--cwd': '在这个目录里运行，没有就创建',
    '--skip-install': '不自动安装依赖',
    '--skip-cache': '不记住问题的回答',
    '--local-config-only': '在本地生成 .yo-rc-global.json',
    '--ask-answered': '已经配置过的选项也再问一遍',
    '--force': '覆盖所有文件',
    '--dry-run': '什么都不写入：显示一次运行会写什么，以及每个冲突的差异',
    '--whitespace': '只有空白变化时不算冲突',
    '--bail': '遇到第一个冲突就停止',
    '--skip-yo-resolve': '忽略 .yo-resolve 文件',
    '--force-install': '安装依赖出错时让运行失败',
  },
  helpWords: {
    usage: '用法：',
    options: '选项：',
    defaultValue: (value) => `（默认：${value}）`,
    valuesLegend: '选项后面的 [...]：不给这个选项时，在这个目录里运行会用的值，以及这个值从哪里来。',
  },
  defaultNote: (value) => `[默认：${value}]`,
  helpValues: {
    stored: (value) => `[${value}，保存在 .yo-rc.json 里]`,
    fromProject: (value, source) => `[${value}，来自 ${source}]`,
    fallback: (value, why, within) => `[${value}，${fallbackReason(why, within)}]`,
    serverDefault: '[默认：应用类型所用的服务器，否则 gunicorn]',
    unreadable: (reason) => `为 --help 读取项目失败（${reason}）：下面显示的是默认值`,
  },
  prompts: {
    navigate: '移动',
    select: '选定',
    yes: '是',
    no: '否',
    yesNoHint: (defaultYes) => (defaultYes ? '（是/否，默认：是）' : '（是/否，默认：否）'),
    yesNoError: '请回答 是（y）或 否（n）',
  },
  statusWords: { create: '新建', update: '更新', merge: '合并', force: '覆盖', identical: '未变', conflict: '冲突', skip: '跳过' },
  dryRunStatusWords: { create: '将新建', update: '将更新', merge: '将合并', force: '将覆盖', identical: '未变', conflict: '冲突', skip: '跳过' },
  dryRunDone: '--dry-run：什么都没有写入。不加它运行时，会写入上面标着“将新建”和“将覆盖”的文件，并对每个“冲突”的文件先询问。',
  validation: {
    names: { port: '端口', workers: 'worker 数', uid: 'UID', gid: 'GID' },
    wholeNumber: (what, min, max, got) => `${what}必须是 ${min} 到 ${max} 之间的整数，收到的是 "${got}"`,
    range: (what, min, max, value) => `${what}必须在 ${min} 到 ${max} 之间，收到的是 ${value}`,
    privilegedPort: (port) =>
      `端口必须在 1024 到 65535 之间，收到的是 ${port}：1024 以下是特权端口，而应用以非 root 用户运行；换一个，比如 8080，再用 -p ${port}:8080 发布出去`,
    pythonFormat: (got) => `Python 版本的写法应该像 3.14（或 3.14.1），收到的是 "${got}"`,
    pythonNotSupported: (text, oldest) => `不支持 Python ${text}：最老可用的是 ${oldest}`,
    pythonTooNew: (text, newest) => `Python ${text} 还没有发布：最新可用的是 ${newest}`,
    oneOf: (what, choices, got) => `${what}只能是 ${choices.join('、')} 之一，收到的是 "${got}"`,
    wsgiApp: (got) => `WSGI 应用的写法是 "模块:变量" 或 "模块:工厂函数()"（例如 main:app、myapp.web:create_app()），收到的是 "${got}"`,
    rootId: (what) => `${what} 0 就是 root：这个设置的意义正是非 root 用户`,
    yesNo: (got) => `请回答是（yes）或否（no），收到的是 "${got}"`,
    invalidFlag: (flag, message) => `${flag} 的值无效：${message}`,
    invalidStored: (key, message) => `.yo-rc.json 里的 ${key} 无效：${message}`,
    detectedUnusable: (source, message) => `${source}：${message}；改用默认值`,
    what: { baseVariant: '基础镜像类型', lang: '语言', server: '服务器', stage: '阶段' },
  },
  read: {
    title: '从项目中读到：',
    valuesTitle: '本次使用的值：',
    labels: {
      pythonVersion: 'Python 版本',
      baseVariant: '基础镜像类型',
      port: '端口',
      wsgiApp: 'WSGI 应用',
      workers: 'worker 数',
      uid: 'UID',
      gid: 'GID',
      lang: '语言',
      git: 'git 历史',
      compose: 'compose.yaml',
      watch: 'develop.watch',
      server: '服务器',
    },
    line: (label, value, origin) => `${label}：${value}${origin}`,
    flag: '（命令行选项）',
    stored: '（保存在 .yo-rc.json 里）',
    fromProject: (source) => `（来自 ${source}）`,
    fallback: (why, within) => `（${fallbackReason(why, within)}）`,
    byDefault: '（默认值）',
    defaultOf: (by) => `（${by} 的默认值）`,
    dependencies: (manager, files, parts) =>
      `依赖：${manager}${parts && parts.length > 0 ? `（${parts.map(dependencyReasonPart).join('；')}）` : files.length > 0 ? `（${files.join('、')}）` : ''}`,
    noDependencies: '依赖：没有找到',
    entry: (target, kind, source) => `入口：${target}（${kind}）（来自 ${source}）`,
    noEntry: '入口：没有找到',
    compiled: (packages, build, runtime, untabled) =>
      `需要编译的依赖：${(packages.length > 0 ? packages : untabled).join('、')}` +
      (packages.length > 0 ? `；系统包：构建时 ${build.length > 0 ? build.join('、') : '无'}，运行时 ${runtime.length > 0 ? runtime.join('、') : '无'}` : '') +
      (untabled.length > 0 ? `${packages.length > 0 ? `；${untabled.join('、')}` : ''}（需要的 -dev 头文件本生成器不认识：见警告）` : ''),
    noCompiled: '需要编译的依赖：无',
    yes: '是',
    no: '否',
  },
  errors: {
    unsafeValue: (origin, value, sink, reason) =>
      `${origin ? `${origin}：` : ''}"${value}" 无法安全地写进${SINK_NAMES_ZH[sink]}：` +
      (reason === 'control' ? '它含有控制字符' : '它含有在那里会被当作语法的字符') +
      '；请在项目里改名（或用选项指定这个值）；没有写入任何文件',
    outputOutside: (file, kind) =>
      `${file} ${kind === 'symlink' ? '是一个符号链接' : '所在的目录通向项目之外'}：本生成器只在项目内写真实的文件；删掉或改名后再运行；没有写入任何文件`,
    prefix: (program) => `${program}：错误：`,
    cancelled: '已取消：没有得到回答，什么都没有写入',
    noProject: (root, command) =>
      `${root} 里没有 Python 项目（没有 requirements.txt、pyproject.toml、Pipfile 或 .py 文件）：请在你的项目里运行，或者在空目录里运行 \`${command}\` 生成示例应用`,
    noTerminal: '没有终端可以提问：加上 --defaults',
    unknownSubGenerator: (name, choices) => `没有叫 "${name}" 的子生成器：可用的是 ${choices.join('、')}`,
    cwdNeedsFolder: '--cwd 后面要跟一个目录',
    unknownOption: (option, hint) => `没有 ${option} 这个选项${hint ? `（是不是想用 ${hint}？）` : ''}：见 --help`,
    optionNeedsValue: (option) => `${option} 后面要跟一个值：见 --help`,
    unexpectedArguments: (words, subCommands) =>
      `多出来的参数 ${words.map((word) => `"${word}"`).join(' ')}：最多给一个子命令（${subCommands.join('、')}），其余都是选项`,
    commandLine: (detail) => `命令行有误：${detail}`,
    yoRcInvalid: (line, column) => `.yo-rc.json 不是有效的 JSON（第 ${line} 行第 ${column} 列）：修正它，或者删掉它重新开始`,
    otherProject: (found) =>
      `这个目录里已经有别的东西（${found.join('、')}）：工作坊的示例应用只生成到空目录里（点开头的文件、README 和 LICENSE 不算）；请换一个新目录运行，或者到你的 Python 项目里运行，为它添加 Docker 文件`,
  },
  conflict: {
    mergeable: (file) => `${file} 在生成之后被改过；本次的改动可以合并在你的修改周围（你的每一行都保留）。合并会对你的文件做这些改动：`,
    editedClash: (file, regions) =>
      regions > 0
        ? `${file} 在生成之后被改过，而本次运行要改的地方有 ${regions} 处正是你改过的。本次的版本会对你的文件做这些改动：`
        : `${file} 在生成之后被改过（而且无法重建它之前的版本来合并）。本次的版本会对你的文件做这些改动：`,
    notOurs: (file) => `${file} 已经存在，但没有生成器写过它的记录。本次的版本会对它做这些改动：`,
    moreLines: (count) => `……还有 ${count} 行差异`,
    question: (file) => `${file}：怎么处理？`,
    choices: {
      merge: '写入合并结果（保留你的修改）',
      beside: (newFile) => `保留你的版本，把本次的版本写在旁边：${newFile}`,
      overwrite: '用本次的版本覆盖（你的修改会丢失）',
      keep: '保留你的版本，什么都不写（它仍是旧的）',
    },
  },
  rerun: {
    merged: (file) => `${file}：生成之后被改过；已把本次的改动合并进去，你的每一行都保留`,
    staleTitle: '与本次运行不一致：',
    staleKept: (file, changes) => `${file}：你保留了自己的版本${changes.length > 0 ? `；它是按 ${changes.join('、')} 生成的` : ''}`,
    staleOther: (file, changes) => `${file}：${changes.length > 0 ? `按 ${changes.join('、')} 生成` : '生成于项目（或本生成器）变化之前'}`,
    staleBeside: (file, newFile, command) => `${file}：保持你改过的样子；本次的版本在 ${newFile}；比较：\`${command}\``,
    valueChange: (label, from, to) => `${label} ${from}（现在是 ${to}）`,
    alignWith: (command) => `  让它们一致：\`${command}\``,
  },
  migratedStore: (dropped, flags, kept) =>
    `.yo-rc.json 是旧版本写的，它保存了不是你选择的值（项目里写明的值、你接受的默认值）；已更新：` +
    [
      dropped.length > 0 ? `去掉了 ${dropped.join('、')}，以后每次运行都从项目重新读取或使用默认值（要自己指定，用 ${flags.join('、')}）` : '',
      kept.length > 0 ? `保留 ${kept.join('、')} 作为你的选择` : '',
    ].filter(Boolean).join('；'),
  composeNeedsDockerfile: (dockerfile, command) => `compose.yaml 要构建 ${dockerfile}，但这个目录里还没有：先运行 \`${command}\`。`,
  composeStep: (compose, toggleCommand) => {
    const lines = [
      'compose.yaml - 本地开发循环',
      `  一个服务 "${compose.service}"，用生产级 Dockerfile 构建：运行 \`docker compose up --build\`，然后打开 ` +
        `http://localhost:${compose.port}/；大约 ${compose.healthcheck.interval} 内 \`docker compose ps\` 会显示它是 (healthy)。` +
        `\`docker compose down\` 停止并删除它。`,
    ];
    if (compose.watch) {
      lines.push(
        `  develop.watch：运行 \`docker compose watch\`（需要 Compose v${compose.watch.minimumCompose}+，用 \`docker compose version\` 查看）：` +
          `保存代码时会把它拷进容器${compose.watch.codeAction === 'sync' ? `，${compose.server} 会重新加载` : '，然后重启容器'}；` +
          (compose.watch.rebuild.length > 0 ? `改动 ${compose.watch.rebuild.join('、')} 会重建镜像。` : '') +
          `较老的 docker-compose 1.x 不认这个文件：在那里去掉 develop.watch 重新生成：\`${toggleCommand}\`。`,
      );
    } else {
      lines.push(`  它也能用较老的 docker-compose 1.29 运行。想在编辑时同步代码（Compose v2.22+）：\`${toggleCommand}\`。`);
    }
    return lines.join('\n');
  },
  nextInFolder: (folder) => `下一步：cd ${folder}`,
  dockerignoreMergeHeader: '# 由 generator-python-docker 追加：构建 Python 镜像时不该看到的文件',
  binHelp: {
    subCommands: '子命令（默认：app）：',
    subGenerators: '子生成器：',
    perCommand: (program) => `每个子命令有自己的选项：${program} <子命令> --help`,
    descriptions: {
      app: '整套讲解：示例应用和每一步的 Docker 文件（在已有项目里：只生成它的 Docker 文件）',
      dockerfile: '一个 Dockerfile：--stage bad|better|production',
      dockerignore: '.dockerignore，合并进你已有的文件',
      multistage: 'Dockerfile.multistage',
      compose: '本地开发循环用的 compose.yaml',
    },
  },
  compareComments: {
    moduleDoc: (scriptEntry) =>
      `compare.py：构建这个项目里的每个 Dockerfile，并把它们放在一起比较。\n\n对每个 Dockerfile，它测量工作坊关心的几件事：\n  - 镜像大小                             （完整的基础镜像带着编译器：约 1 GB）\n  - 冷构建时间                           （\`docker build --no-cache\`）\n  - 改动代码后的重建时间                 （在 ${scriptEntry} 末尾追加一行注释，之后撤销）\n  - 这次重建时，依赖安装是否来自构建缓存\n  - \`docker stop\` 花多长时间             （约 10 秒说明应用忽略了 SIGTERM，被强行杀掉）\n  - 应用以哪个 UID 运行                  （0 是 root）\n它打印一张表格，并把同样的数字画成柱状图，写进一个自包含的 HTML 文件。\n最后它删除自己构建的镜像和这些构建新增的构建缓存（加 --keep 则保留）。\n\n只需要 Python 3.9+ 和 docker（Linux、macOS、带 WSL 的 Windows）：\n    \`python3 compare.py\`，然后打开 compare.html`,
    argparseWords: "argparse 自己的文字（usage:、options:、它的错误信息）也用同一种语言：它在打印时\n通过 gettext 的 `_` 查找每一句。",
    textTable: "这个工具所有给人看的文字都集中在这里，使用工作坊的语言（生成器的\n--lang）：--help 说明、进度信息、错误，以及表格和图表里的文字。",
    filledIn: "由生成器根据你的回答填入。",
    teachingOrder: "工作坊的各个步骤按教学顺序排在前面；其他 Dockerfile* 排在后面。",
    buildkitSteps: "BuildKit 的 plain 进度输出先写出每一步，再说明这一步的结果：",
    dependencyStep: "依赖安装那一步：用 pip、uv、poetry 或 pipenv 安装的 RUN（不是 python3-pip）。",
    uniqueEdit: "每次运行都不一样，这样以前运行留下的构建缓存不可能匹配被改动的文件。",
    idStar: "构建正在使用某条记录时，它的 ID 以 \"*\" 结尾。",
    onlyNewRecords: "只删除这次运行期间出现的记录，并且只在引擎能列出它们时才删。",
    coldBuild: "1. 冷构建：--no-cache 忽略所有缓存层，就像在新电脑或 CI 里第一次构建。",
    codeEdit: "2. 你每天都在做的事：改代码，重新构建。只有从拷贝代码那一层开始的层\n   应该重新运行；如果依赖安装也重新运行，说明 Dockerfile 拷贝代码拷得太早了。",
    untagged: "重建拿走了标签：冷构建的镜像现在成了没有标签的 <none> 镜像。现在就删掉它\n（加了 --keep 也删：已经没有东西能用到它了）。",
    runIt: "3. 运行它：应用以谁的身份运行？请求停止时（SIGTERM）它会停下吗？",
    outputSection: "---- 输出：同样的数字，做成文本表格、带柱状图的 HTML 页面和 JSON ----",
    shellSplit: "对 docker 来说 \"--build-flag='--network host'\" 是两个参数：像 shell 那样拆开。",
    buildkitDefault: "BuildKit 会打印上面读取的 \"#8 CACHED\" 这类行（Docker 23 起它是默认构建器）。",
    status404: "404 也说明应用在运行",
    leftOver: "上次运行被中断时留下的",
    sigkill: "先发 SIGTERM，10 秒后发 SIGKILL",
    fewPasses: "一条记录要等建立在它之上的记录都删掉后才能删：只要这一轮删掉了记录，就再删一轮",
    onePerCall: "每次调用删一条：Docker 20.10 的每个过滤器只接受一个值",
    alignment: "名称左对齐，数字右对齐",
    divideByZero: "绝不除以零",
    hostNetwork: "运行那一侧在 run_and_stop 里处理（使用主机网络时不加 -p）",
    finallyRestores: "会执行每个 `finally`：被改动的文件会被还原",
    failureDoc: "用户能处理的错误；打印成一行。",
    findDockerfilesDoc: "folder 里所有的 Dockerfile 和 Dockerfile.*，工作坊的排在前面。",
    slugDoc: "Dockerfile.bad -> bad，Dockerfile -> dockerfile：可以用作镜像名的一部分。",
    dependencyStepCachedDoc: "每个安装步骤都打印了 CACHED 时返回 True，有一步重新运行时返回 False，找不到安装步骤时返回 None。",
    installSecondsDoc: "安装应用依赖的步骤用了多少秒（BuildKit 的 DONE 时间），找不到安装步骤时返回 None。",
    installerItself: "只安装安装工具本身的步骤（`pip install uv==...`）不算应用的依赖。",
    dockerDoc: "运行 docker，stdout 和 stderr 合在一起（BuildKit 把进度写到 stderr）。",
    buildDoc: "计时的 `docker build`。返回 (seconds, output)。",
    codeOnlyEditDoc: "在 path 末尾追加一行注释，之后一定把文件还原，按了 Ctrl-C 也一样。",
    appAnswersDoc: "127.0.0.1:port 上的 HTTP 服务器返回小于 500 的状态码时为 True（和 HEALTHCHECK 一样）。",
    runAndStopDoc: "启动镜像，等它应答，读出 UID，给 `docker stop` 计时。返回 (uid, seconds)。",
    buildCacheIdsDoc: "BuildKit 构建缓存记录的 ID；这个 docker 列不出来时返回 None。",
    cleanUpDoc: "删除这次运行新增的东西：它的镜像，以及它的构建新建的构建缓存记录。\n别的都不动：其他镜像和其他构建缓存都保留。",
    measureDoc: "一个 Dockerfile 的所有数字。把它构建的镜像记在 built 里（用于清理）。",
    cellsDoc: "表格的一行，文本形式。",
    displayWidthDoc: "字符串在终端里占几列：中日韩字符占两列。",
    svgChartDoc: "内嵌 SVG 的横向柱状图：每个 Dockerfile 一根带标签的柱子。",
    renderHtmlDoc: "不依赖任何外部文件、脚本或字体的页面：离线可用，哪台投影仪都能放。",
    errorPrefix: "compare.py：错误：",
  },
  composeComments: {
    additionalContexts:
      '这个目录是 uv 工作区（workspace）的成员：uv.lock 在工作区根目录，作为第二个构建上下文传给构建\n' +
      '（需要 Compose v2.17 或更新的版本；docker-compose 1.x 构建不了）。',
    header:
      'compose.yaml：本地开发循环。`docker compose up --build` 构建生产级 Dockerfile，\n' +
      '并带上你原本要在 `docker run` 后面敲的所有参数运行它；`docker compose down` 停止并删除它。\n' +
      '没有 `version:` 这一行：Compose 规范已经把它废弃了。',
    watchNeeds: (minimum) =>
      `下面的 \`develop:\` 需要 Compose v${minimum} 或更新的版本（\`docker compose version\`）；\n` +
      '较老的 docker-compose 1.x 会拒绝整个文件。要用它的话，去掉 --watch 重新生成。',
    worksWithBoth: '`docker compose`（v2）和较老的 `docker-compose` 1.29 都能用。',
    image: '构建出的镜像的名字（否则会用目录名和服务名拼出一个）。',
    ports: (port) => `主机端口:容器端口。写成 "127.0.0.1:${port}:${port}" 可以让应用不暴露到你的网络上。`,
    workers: (server, workers) => `${server} 的 worker 数：在这里改，不用重建（镜像里的默认值是 ${workers}）。`,
    reloadEnv: '改了代码不用重启就重新加载：这正是下面 `sync` 有用的原因。只用于本地开发。',
    readOnly: '和生产环境一样：应用改不了自己的镜像，/tmp 是内存盘，\n留给 Python 库写临时文件。',
    notReadOnly: '这里没有 read_only：`docker compose watch` 会把你保存的代码拷进 /app，\n只读的根文件系统会拒绝。不加 --watch 时，这个文件以只读方式运行。',
    init: '一个小小的 init 作为 PID 1，把 `docker compose stop` 的 SIGTERM 转给你的脚本并回收子进程，\n所以停止只要一秒，而不是等 10 秒超时。',
    noInit: (server) => `没有 \`init: true\`：${server} 就是 PID 1，自己处理 SIGTERM（快速、优雅地停止）。`,
    healthcheck: '和 Dockerfile 里的 HEALTHCHECK 是同一个检查（compose 的 healthcheck 会替换镜像里的），\n写在这里方便阅读和调整；`docker compose ps` 会显示 (healthy)。',
    noRestart: (service) => `没有 \`restart:\` 策略：本地开发时崩溃就该停下来并给出报错\n（\`docker compose logs ${service}\`），而不是反复重启。`,
    develop: (minimum) => `\`docker compose watch\` 会构建、启动，然后跟踪你的修改（Compose v${minimum}+）：`,
    syncReload: (server) => `代码：每次保存都拷进运行中的容器；${server} 会重新加载。`,
    syncRestart: '代码：每次保存都拷进容器，然后重启容器\n（sync+restart：Compose v2.23+），因为普通脚本不会自己重新加载。',
    installsProject: '这个项目会把自己作为包安装：如果不是可编辑安装，运行的是安装好的那份，\n而不是 /app；那就把这里改成 `action: rebuild`。',
    ignore: '永远不拷贝：本地虚拟环境、缓存和密钥（.dockerignore 的规则同样生效）。',
    rebuild: '依赖：一有改动就重建镜像（它缓存的依赖层）并重新创建容器。',
    requiredEnv: '应用读取它们时没有默认值：在设置好之前 Compose 拒绝启动（在你的 shell 里设置，\n或者写进这个文件旁边的 .env 文件，.dockerignore 会把它挡在镜像之外）。',
    volumes: '应用运行时会往这里写：具名卷让这些数据在 `docker compose down` / `up` 之后依然保留。',
    dependsOn: '等下面的数据库迁移跑完才启动。',
    notReadOnlyWrites: (files) =>
      `没有 read_only：应用会在 /app 里直接写 ${files.join('、')}。想以只读方式运行，\n就把${files.length === 1 ? '这个文件' : '这些文件'}指到一个挂了卷的目录里。`,
    migrateService: (service) =>
      `Django 的数据库迁移，在 web 服务启动前跑一次（绝不放进镜像的 CMD：多个副本会互相争抢）。\n也可以手动运行：\`docker compose run --rm ${service}\`。`,
    migrateOwnCopy: (files, web) =>
      `${files.join('、')} 在每个容器自己的 /app 里：这个服务迁移的是它自己的那份。\n把数据库放到卷上（或者用数据库服务器），才能和 "${web}" 共用。`,
  },
};
