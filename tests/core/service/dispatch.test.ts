import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, idsOf, toErrorInfo } from '../../../src/core/dispatch';
import { createService, type CuratorService } from '../../../src/core/service';
import { methodNames } from '../../../src/shared/contract';
import { CuratorError } from '../../../src/shared/errors';
import { makeContent, type ContentFixture } from '../../helpers/shell-fixtures';

let fx: ContentFixture;
let service: CuratorService;

beforeEach(async () => {
  fx = await makeContent();
  service = createService({ configDir: fx.configDir, watch: false, defaultReviewer: 'ed' });
  await service.start(fx.dir);
});
afterEach(async () => {
  await service.close();
  await fx.cleanup();
});

describe('dispatch', () => {
  it('has a service function for every contract method', () => {
    for (const m of methodNames) expect(typeof service[m]).toBe('function');
  });

  it('runs a valid call and returns its result', async () => {
    const r = await dispatch(service, 'getArticle', { id: 'world/gamma.md' });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect((r.result as { summary: { title: string } }).summary.title).toBe(
        'Gamma markets rally',
      );
  });

  it('refuses unknown methods, including Object.prototype names', async () => {
    for (const m of [
      'nope',
      'constructor',
      '__proto__',
      'toString',
      'resolveId',
      'close',
      'start',
    ]) {
      const r = await dispatch(service, m, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('refuses arguments of the wrong shape before they reach the core', async () => {
    const bad: Array<[string, unknown]> = [
      ['getArticle', { id: 42 }],
      ['getArticle', { id: '../outside.md' }],
      ['getArticle', { id: '/etc/passwd.md' }],
      ['getArticle', { id: 'alpha.txt' }],
      ['getArticle', { id: 'alpha.md', extra: true }],
      ['getArticle', 'alpha.md'],
      ['query', { limit: 'ten' }],
      ['save', { id: 'alpha.md', patch: [{ op: 'delete', path: 'title' }], baseHash: 'x' }],
      ['review', { ids: ['alpha.md'], status: 'maybe' }],
      ['openFolder', { path: 7 }],
    ];
    for (const [m, args] of bad) {
      const r = await dispatch(service, m, args);
      expect(r, `${m} ${JSON.stringify(args)}`).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
  });

  it('refuses ids that resolve outside the folder through a symlink, and writes nothing', async () => {
    const outside = join(fx.base, 'outside');
    await mkdir(outside);
    const victim = join(outside, 'v.md');
    const original = '---\ntitle: Victim\npublished: false\n---\n';
    await writeFile(victim, original);
    await symlink(outside, join(fx.dir, 'escape'));
    const r = await dispatch(service, 'bulkEdit', {
      ids: ['alpha.md', 'escape/v.md'],
      patch: [{ op: 'set', path: 'published', value: true }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await readFile(victim, 'utf8')).toBe(original);
    expect(await readFile(join(fx.dir, 'alpha.md'), 'utf8')).toMatch(/published: false/);
  });

  it('maps core errors to transportable codes', async () => {
    const r = await dispatch(service, 'getArticle', { id: 'missing.md' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(toErrorInfo(new CuratorError('no-folder', 'x'))).toEqual({
      code: 'no-folder',
      message: 'x',
    });
    expect(toErrorInfo(Object.assign(new Error('denied'), { code: 'EACCES' }))).toEqual({
      code: 'io',
      message: 'denied',
    });
    expect(toErrorInfo('boom')).toEqual({ code: 'internal', message: 'boom' });
  });

  it('collects the ids of an argument object', () => {
    expect(idsOf({ id: 'a.md' })).toEqual(['a.md']);
    expect(idsOf({ ids: ['a.md', 'b.md'] })).toEqual(['a.md', 'b.md']);
    expect(idsOf({})).toEqual([]);
  });
});
