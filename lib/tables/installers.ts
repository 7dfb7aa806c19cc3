/**
 * What the install steps need to know about installers and the packages they build: which
 * dependency groups are development-only, which index URLs are PyPI itself, which requirements
 * options uv does not honour, and which setuptools releases broke the setup.py files of their
 * past. One place to change when a tool changes.
 */

/**
 * Poetry dependency groups that are for development, not for the running app: a production image
 * installs every other group that is not `optional = true` (a `production` group may hold the
 * project's own server pin).
 */
export const DEV_GROUP_NAMES: readonly string[] = ['dev', 'develop', 'development', 'test', 'tests', 'testing', 'lint', 'linting', 'docs', 'doc', 'typing', 'types'];

/**
 * PyPI itself, as an index URL written into exported requirements (`-i https://pypi.org/simple`,
 * or the legacy host old Pipfiles name). Such a line would override the user's own index (a
 * company mirror) for pip, so the install steps drop it; lines naming any other index are kept.
 * An extended regular expression for sed, matched against a whole line.
 */
export const PYPI_INDEX_LINE = '^(-i|--index-url|--extra-index-url)[[:space:]=]+https?://(pypi\\.org|pypi\\.python\\.org)/simple/?[[:space:]]*$';

/**
 * Requirements-file options that uv reads differently from pip: its requirements parser ignores
 * `--pre`, `--prefer-binary`, `--trusted-host` and `--use-feature` (with a warning), so the same
 * file would install something else or fail where pip succeeds, and it never passes
 * `--global-option` to a setup.py. A project whose requirements carry one is installed with pip
 * (each language's messages say why, per option).
 */
export const UV_IGNORED_OPTIONS = ['--pre', '--prefer-binary', '--trusted-host', '--use-feature', '--global-option'] as const;
export type UvIgnoredOption = (typeof UV_IGNORED_OPTIONS)[number];

/**
 * setuptools releases that removed what setup.py files of their past imported, and when each came
 * out. A pinned release that publishes only an sdist, uploaded before one of these dates, is built
 * with setuptools below that release (a build constraint: the app's own setuptools is not touched).
 * setuptools 70 removed `setuptools.convert_path` and `setuptools.dep_util` (django-allauth up to
 * 0.61 imports convert_path in its setup.py); 72 removed the `test` command (`setuptools.command.test`).
 * setuptools 69.5.1, the newest below 70, still builds on Python 3.14.
 */
export const SETUPTOOLS_REMOVALS: readonly { below: string; released: string; removed: string }[] = [
  { below: '70', released: '2024-05-21', removed: 'setuptools.convert_path and setuptools.dep_util' },
  { below: '72', released: '2024-07-29', removed: 'setuptools.command.test' },
];
