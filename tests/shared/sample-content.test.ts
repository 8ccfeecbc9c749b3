/**
 * The bundled sample folder (content/) must stay realistic and parseable, and its
 * deliberate problems must be found. Parsed with the yaml core schema directly, as the
 * codec does, so this test does not depend on the codec.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrontMatter } from '../../src/shared/article';
import { publishBlockers, validateArticle } from '../../src/shared/validation';
import { isDue, isKilled, isUnderEmbargo, scheduleStateOf } from '../../src/shared/workflow';
import { CONTENT_DIR, parseFrontMatter } from './helpers';

function listMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listMarkdown(full);
    return e.name.endsWith('.md') ? [full] : [];
  });
}

const files = listMarkdown(CONTENT_DIR).sort();
const articles = new Map<string, FrontMatter>(
  files.map((f) => [
    path.relative(CONTENT_DIR, f).split(path.sep).join('/'),
    parseFrontMatter(readFileSync(f, 'utf8')),
  ]),
);

describe('content/ sample folder', () => {
  it('holds the seed verbatim and at least 41 articles, some in sub-folders', () => {
    expect(readFileSync(path.join(CONTENT_DIR, 'seed-article.md'), 'utf8')).toContain(
      'title: "Call for UK’s biggest police force to stop using facial recognition technology"',
    );
    expect(files.length).toBeGreaterThanOrEqual(41);
    expect([...articles.keys()].filter((id) => id.includes('/')).length).toBeGreaterThanOrEqual(5);
  });

  it('is varied: providers, categories, review states, published, images', () => {
    const values = (f: (d: FrontMatter) => unknown) => new Set([...articles.values()].map(f));
    expect(values((d) => (d.provider as { name: string }).name).size).toBeGreaterThanOrEqual(10);
    expect(values((d) => d.category).size).toBeGreaterThanOrEqual(4);
    expect(
      values((d) => (d.review as { status?: string } | undefined)?.status ?? 'unreviewed'),
    ).toEqual(new Set(['approved', 'rejected', 'unreviewed']));
    expect(values((d) => d.published)).toEqual(new Set([true, false]));
    expect(
      [...articles.values()].filter((d) => Array.isArray(d.images)).length,
    ).toBeGreaterThanOrEqual(5);
    expect([...articles.values()].filter((d) => d.heat === -1).length).toBeGreaterThanOrEqual(5);
  });

  it('has related items that are exact copies of other sample articles', () => {
    const byUrl = new Map([...articles.values()].map((d) => [d.webUrl, d]));
    let copies = 0;
    for (const [id, d] of articles) {
      for (const item of (d.related as Array<Record<string, unknown>> | undefined) ?? []) {
        const target = byUrl.get(item.webUrl);
        expect(target, `${id} links to ${String(item.webUrl)}`).toBeDefined();
        expect(Object.keys(item)).toEqual(
          [
            'title',
            'excerpt',
            'publishedDateTime',
            'webUrl',
            'type',
            'provider',
            'quality',
            'images',
          ].filter((k) => k in item),
        );
        for (const key of Object.keys(item))
          expect(item[key], `${id} ${key}`).toEqual(target?.[key]);
        copies++;
      }
    }
    expect(copies).toBeGreaterThanOrEqual(30);
  });

  it('finds exactly the deliberate problems', () => {
    const found: Record<string, string[]> = {};
    for (const [id, d] of articles) {
      const problems = validateArticle(d, []);
      if (problems.length) found[id] = problems.map((p) => `${p.severity} ${p.path} ${p.code}`);
    }
    expect(found).toEqual({
      '2022/10/drones-map-flood-damage.md': ['error originalUrl url'],
      'period-tracking-apps-tighten-data-practices.md': ['warning excerpt required'],
      'regulator-opens-inquiry-into-driver-assistance-crashes.md': ['warning topics required'],
      'security/card-skimmers-found-in-self-checkouts.md': ['error quality range'],
      'social-networks-told-to-explain-recommendation-algorithms.md': [
        'warning related[2].webUrl duplicate-url',
      ],
    });
  });

  it('shows each workflow state: scheduled, under embargo, killed, assigned, with notes (issue 12)', () => {
    const all = [...articles.values()];
    // The sample's times lie years ahead, so opening it never publishes anything by itself.
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(all.filter((d) => scheduleStateOf(d) === 'scheduled')).toHaveLength(1);
    expect(all.filter((d) => isUnderEmbargo(d, now))).toHaveLength(1);
    expect(all.filter((d) => isKilled(d))).toHaveLength(1);
    expect(all.filter((d) => typeof d.assignee === 'string').length).toBeGreaterThanOrEqual(2);
    const notes = all.filter((d) => typeof d.notes === 'string');
    expect(notes.length).toBeGreaterThanOrEqual(2);
    expect(notes.every((d) => (d.notes as string).includes('\n'))).toBe(true);
    expect(all.filter((d) => isDue(d, now))).toEqual([]);
    // Written as Curator writes them: UTC times, a kill with its reason, by and at.
    for (const d of all) {
      for (const key of ['embargo', 'publishAt'] as const) {
        if (d[key] !== undefined) expect(d[key]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      if (d.kill !== undefined)
        expect(Object.keys(d.kill as object)).toEqual(['reason', 'by', 'at']);
    }
  });

  it('has an approved article that cannot be published, and approved ones that can', () => {
    const approved = [...articles].filter(
      ([, d]) => (d.review as { status?: string } | undefined)?.status === 'approved',
    );
    const blocked = approved.filter(([, d]) => publishBlockers(d).length > 0).map(([id]) => id);
    expect(blocked).toEqual(['regulator-opens-inquiry-into-driver-assistance-crashes.md']);
    const publishable = approved.filter(
      ([, d]) => d.published === false && publishBlockers(d).length === 0,
    );
    expect(publishable.length).toBeGreaterThanOrEqual(5);
  });
});
