import assert from 'node:assert/strict';
import { parseLang } from '../../lib/state/answers.js';
import { LANGUAGES, languageFromLocale } from '../../lib/messages/index.js';

/** Every key path of a texts object, with the kind of value (string or function). */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => shape(child, path ? `${path}.${key}` : key));
  }
  return [`${path}: ${typeof value}`];
}

describe('languages', () => {
  it('every language has every key, of the same kind', () => {
    const english = shape(LANGUAGES.en).filter((line) => !line.startsWith('lang:')).sort();
    for (const [tag, messages] of Object.entries(LANGUAGES)) {
      assert.deepEqual(shape(messages).filter((line) => !line.startsWith('lang:')).sort(), english, tag);
      assert.equal(messages.lang, tag);
    }
  });

  it('no text is left empty', () => {
    for (const messages of Object.values(LANGUAGES)) {
      const walk = (value: unknown): void => {
        if (typeof value === 'string') assert.ok(value.trim().length > 0);
        else if (typeof value === 'object' && value) Object.values(value).forEach(walk);
      };
      walk(messages);
    }
  });

  it('takes the default language from the locale, falling back to English', () => {
    assert.equal(languageFromLocale({ LANG: 'zh_CN.UTF-8' }), 'zh-CN');
    assert.equal(languageFromLocale({ LC_ALL: 'zh_CN', LANG: 'en_US.UTF-8' }), 'zh-CN');
    assert.equal(languageFromLocale({ LANG: 'zh_TW.UTF-8' }), 'en');
    assert.equal(languageFromLocale({ LANG: 'C.UTF-8' }), 'en');
    assert.equal(languageFromLocale({}), 'en');
  });

  it('accepts zh-CN in the usual spellings, and nothing unknown', () => {
    for (const spelling of ['zh-CN', 'zh_CN', 'zh-cn', 'zh']) assert.equal(parseLang(spelling), 'zh-CN');
    assert.equal(parseLang('EN'), 'en');
    assert.throws(() => parseLang('fr'), /language must be one of en, zh-CN, got "fr"/);
  });
});
