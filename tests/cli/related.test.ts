import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec/index';
import { Library } from '../../src/core/library/library';
import { articleText, changedLines, makeFolder, relatedBlock } from '../core/related/fixtures';
import { REPO, curator } from './run-cli';

let root: string;
const read = (rel: string): string => readFileSync(join(root, rel), 'utf8');
const related = (rel: string): Array<{ title: string; webUrl: string }> =>
  (parseArticle(readFileSync(join(root, rel))).data?.related ?? []) as Array<{
    title: string;
    webUrl: string;
  }>;

beforeAll(() => {
  // Build the bundle once up front instead of racing rebuilds in parallel spawns.
  execFileSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO });
  root = makeFolder({
    'police.md': articleText('police', {
      title: 'Call for police to stop using facial recognition technology',
      topics: ['Computer Vision', 'AI'],
      related:
        relatedBlock('One', 'https://x.example/1') +
        relatedBlock('Two', 'https://x.example/2') +
        relatedBlock('Three', 'https://x.example/3'),
    }),
    'campaign.md': articleText('campaign', {
      title: 'Campaigners call on police to end use of face recognition technology',
      topics: ['Computer Vision', 'Privacy'],
      provider: { name: 'IET', domain: 'theiet.org' },
    }),
    'ice.md': articleText('ice', {
      title: 'Senators petition ICE to curtail use of facial recognition',
      topics: ['Computer Vision', 'Policy'],
      provider: { name: 'FedScoop', domain: 'fedscoop.com' },
    }),
    'football.md': articleText('football', {
      title: 'Late goal settles the derby',
      excerpt: 'A stoppage-time header decided the match.',
      topics: ['Sport'],
      provider: { name: 'BBC', domain: 'bbc.co.uk' },
    }),
    'bad.md': '---\ntitle: [unclosed\n---\n',
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('curator related', () => {
  it('add --from copies the other article in, and --reciprocal links back', async () => {
    const r = await curator(
      ['related', 'add', 'police.md', '--from', 'campaign.md', '--reciprocal'],
      root,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(related('police.md').map((x) => x.title)).toEqual([
      'One',
      'Two',
      'Three',
      'Campaigners call on police to end use of face recognition technology',
    ]);
    expect(related('campaign.md')).toEqual([
      expect.objectContaining({
        title: 'Call for police to stop using facial recognition technology',
        webUrl: 'https://news.example.com/police',
      }),
    ]);
    expect(read('police.md')).toContain(
      '  - title: "Campaigners call on police to end use of face recognition technology"\n    excerpt: "What happened in campaign."\n',
    );
  });

  it('refuses a duplicate and a self-link with exit 1, leaving the file alone', async () => {
    const before = read('police.md');
    const dup = await curator(['related', 'add', 'police.md', '--from', 'campaign.md'], root);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already links');
    const self = await curator(['related', 'add', 'police.md', '--from', 'police.md'], root);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('itself');
    const recip = await curator(
      ['related', 'add', 'football.md', '--from', 'bad.md', '--reciprocal'],
      root,
    );
    expect(recip.code).toBe(1);
    expect(read('police.md')).toBe(before);
    expect(related('football.md')).toEqual([]);
  });

  it('add by hand needs --url and --title; usage errors exit 2', async () => {
    expect(
      (await curator(['related', 'add', 'football.md', '--url', 'https://x.example/h'], root)).code,
    ).toBe(2);
    expect(
      (await curator(['related', 'add', 'football.md', '--url', 'nope', '--title', 'T'], root))
        .code,
    ).toBe(1);
    expect((await curator(['related', 'rm', 'football.md', 'first'], root)).code).toBe(2);
    expect((await curator(['related', 'frobnicate', 'football.md'], root)).code).toBe(2);
    const ok = await curator(
      ['related', 'add', 'football.md', '--url', 'https://x.example/h', '--title', 'Match report'],
      root,
    );
    expect(ok.code).toBe(0);
    expect(related('football.md')).toEqual([
      { title: 'Match report', webUrl: 'https://x.example/h' },
    ]);
  });

  it('mv and rm change only the lines of the item concerned', async () => {
    const before = read('police.md');
    const mv = await curator(['related', 'mv', 'police.md', '0', '2'], root);
    expect(mv.code).toBe(0);
    expect(
      related('police.md')
        .map((x) => x.title)
        .slice(0, 3),
    ).toEqual(['Two', 'Three', 'One']);
    const block = relatedBlock('One', 'https://x.example/1');
    expect(read('police.md').replace(block, '')).toBe(before.replace(block, ''));

    const afterMove = read('police.md');
    const rm = await curator(['related', 'rm', 'police.md', '1'], root);
    expect(rm.code).toBe(0);
    expect(changedLines(afterMove, read('police.md'))).toEqual({
      removed: relatedBlock('Three', 'https://x.example/3').trimEnd().split('\n'),
      added: [],
    });
    expect((await curator(['related', 'rm', 'police.md', '9'], root)).code).toBe(1);
  });

  it('list --json shows stale copies; refresh fixes only the stale line', async () => {
    writeFileSync(
      join(root, 'campaign.md'),
      articleText('campaign', {
        title: 'Campaigners urge police to drop face recognition',
        topics: ['Computer Vision', 'Privacy'],
        provider: { name: 'IET', domain: 'theiet.org' },
        related: relatedBlock(
          'Call for police to stop using facial recognition technology',
          'https://news.example.com/police',
        ),
      }),
    );
    const list = await curator(['related', 'list', 'police.md', '--json'], root);
    expect(list.code).toBe(0);
    const json = JSON.parse(list.stdout) as {
      related: Array<{ index: number; linkedId: string | null; problems: Array<{ code: string }> }>;
    };
    const stale = json.related.find((r) => r.linkedId === 'campaign.md');
    expect(stale?.problems.map((p) => p.code)).toContain('related-stale');

    const human = await curator(['related', 'list', 'police.md'], root);
    expect(human.stdout).toContain('out of date');

    const before = read('police.md');
    const r = await curator(['related', 'refresh', 'police.md'], root);
    expect(r.code).toBe(0);
    expect(changedLines(before, read('police.md'))).toEqual({
      removed: [
        '  - title: "Campaigners call on police to end use of face recognition technology"',
      ],
      added: ['  - title: "Campaigners urge police to drop face recognition"'],
    });
    const again = await curator(['related', 'list', 'police.md', '--json'], root);
    expect(
      JSON.parse(again.stdout).related.flatMap((x: { problems: Array<{ code: string }> }) =>
        x.problems.map((p) => p.code),
      ),
    ).not.toContain('related-stale');
  });

  it('suggest ranks the facial-recognition stories first and leaves out linked articles', async () => {
    const r = await curator(['related', 'suggest', 'ice.md', '--json'], root);
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout) as Array<{ id: string }>).map((s) => s.id);
    // Both other stories are about facial recognition (`face` and `facial` count as one word).
    expect(ids.slice(0, 2).sort()).toEqual(['campaign.md', 'police.md']);
    expect(ids).not.toContain('ice.md');
    expect(ids).not.toContain('football.md');
    // police.md already links campaign.md: not suggested to it again.
    const p = await curator(['related', 'suggest', 'police.md'], root);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('ice.md');
    expect(p.stdout).not.toContain('campaign.md');
  });

  it('validate reports stale related copies as warnings and still exits 0', async () => {
    const folder = makeFolder({
      'x.md': articleText('x', {
        title: 'Police facial recognition row',
        related: relatedBlock('Old title of y', 'https://news.example.com/y', {
          excerpt: 'What happened in y.',
        }),
      }),
      'y.md': articleText('y', { title: 'New title of y' }),
    });
    try {
      const r = await curator(['validate', folder, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({
        files: [
          {
            path: 'x.md',
            malformed: false,
            problems: [
              expect.objectContaining({
                path: 'related[0]',
                severity: 'warning',
                code: 'related-stale',
              }),
            ],
          },
        ],
        errorCount: 0,
        warningCount: 1,
      });
      const human = await curator(['validate', folder]);
      expect(human.stdout).toMatch(/^x\.md: warning related\[0\] — Related item 1 is out of date/m);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('lib.validate() and curator validate give the same answer on a folder with stale copies', async () => {
    const folder = makeFolder({
      'x.md': articleText('x', {
        related:
          relatedBlock('Old title of y', 'https://news.example.com/y', {
            excerpt: 'What happened in y.',
          }) + relatedBlock('Story z', 'https://news.example.com/z', { excerpt: 'Old excerpt.' }),
      }),
      'y.md': articleText('y', { title: 'New title of y' }),
      'z.md': articleText('z'),
      'bad.md': '---\ntitle: [unclosed\n---\n',
    });
    try {
      const lib = await Library.open(folder, { cache: false });
      const report = await lib.validate();
      await lib.close();
      // Both stale copies are in the Library's own answer, with the malformed file.
      expect(report.files.map((f) => [f.id, f.problems.map((p) => p.code)])).toEqual([
        ['bad.md', ['malformed-yaml']],
        ['x.md', ['related-stale', 'related-stale']],
      ]);
      const r = await curator(['validate', folder, '--json']);
      expect(r.code).toBe(1);
      const cli = JSON.parse(r.stdout);
      expect(cli).toEqual({
        files: report.files.map((f) => ({
          path: f.id,
          malformed: f.malformed,
          problems: f.problems,
        })),
        errorCount: report.errorCount,
        warningCount: report.warningCount,
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
