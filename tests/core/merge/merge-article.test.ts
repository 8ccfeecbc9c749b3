/** Field-level three-way merge of real article files (issue 11 "Merge by field"). */
import { describe, expect, it } from 'vitest';
import { applyPatch, parseArticle } from '../../../src/core/codec/index';
import { changes, edit, mergeFiles, seed, tempDir, text } from './helpers';

const tmp = tempDir();
const enc = (s: string) => new TextEncoder().encode(s);

describe('different fields on each side', () => {
  const ours = edit(seed, 'quality: 35', 'quality: 80');
  const theirs = edit(
    edit(seed, 'title: "Call for', 'title: "Editors call for'),
    '  name: AOL\n',
    '  name: AOL News\n',
  );

  it('keeps both changes, clean', () => {
    const m = mergeFiles(tmp, seed, ours, theirs);
    expect(m.result).toMatchObject({ clean: true, conflicts: [] });
    expect(m.data!.quality).toBe(80);
    expect(m.data!.title).toMatch(/^Editors call for/);
    expect((m.data!.provider as Record<string, unknown>).name).toBe('AOL News');
  });

  it('the merged file differs from each side only in the other side lines', () => {
    const m = mergeFiles(tmp, seed, ours, theirs);
    expect(changes(ours, m.out)).toEqual(changes(seed, theirs));
    expect(changes(theirs, m.out)).toEqual(changes(seed, ours));
  });

  it('takes their lines as written (quoting and comment), not re-rendered', () => {
    const t = edit(seed, '\ntype: article\n', "\ntype: 'feature' # moved\n");
    const o = edit(seed, 'heat: -1', 'heat: 12');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    expect(changes(o, m.out)).toEqual({
      removed: ['type: article'],
      added: ["type: 'feature' # moved"],
    });
  });

  it('the same change on both sides is no conflict', () => {
    const both = edit(seed, 'published: false', 'published: true');
    const m = mergeFiles(tmp, seed, edit(both, 'heat: -1', 'heat: 3'), both);
    expect(m.result).toMatchObject({ clean: true, conflicts: [] });
    expect(m.data).toMatchObject({ published: true, heat: 3 });
  });

  it('a side that changed nothing gives the other side unchanged', () => {
    expect(mergeFiles(tmp, seed, ours, seed).bytes).toEqual(enc(ours));
    expect(mergeFiles(tmp, seed, seed, theirs).bytes).toEqual(enc(theirs));
  });
});

describe('the same field changed on both sides', () => {
  const ours = edit(edit(seed, 'quality: 35', 'quality: 80'), 'heat: -1', 'heat: 5');
  const theirs = edit(
    edit(seed, 'quality: 35', 'quality: 20'),
    '  domain: aol.com',
    '  domain: aol.co.uk',
  );

  it('is a conflict per field: ours kept in a valid file, theirs reported, the rest merged', () => {
    const m = mergeFiles(tmp, seed, ours, theirs);
    expect(m.result.clean).toBe(false);
    expect(m.result.conflicts).toEqual([{ path: 'quality', base: 35, ours: 80, theirs: 20 }]);
    expect(m.malformed).toBe(false);
    expect(m.data).toMatchObject({ quality: 80, heat: 5, provider: { domain: 'aol.co.uk' } });
    expect(m.out).not.toMatch(/<<<<<<<|>>>>>>>|=======/);
  });

  it('reports nested paths (provider.name) and keeps the sibling change', () => {
    const o = edit(seed, '  name: AOL\n', '  name: AOL Mail\n');
    const t = edit(
      edit(seed, '  name: AOL\n', '  name: America Online\n'),
      '  domain: aol.com',
      '  domain: aol.net',
    );
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.conflicts).toEqual([
      { path: 'provider.name', base: 'AOL', ours: 'AOL Mail', theirs: 'America Online' },
    ]);
    expect(m.data!.provider).toEqual({ name: 'AOL Mail', domain: 'aol.net' });
  });

  it('deleted on one side and edited on the other is a conflict', () => {
    const o = edit(seed, 'heat: -1\n', '');
    const t = edit(seed, 'heat: -1', 'heat: 40');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.conflicts).toEqual([{ path: 'heat', base: -1, ours: undefined, theirs: 40 }]);
    expect(m.data).not.toHaveProperty('heat');
    const back = mergeFiles(tmp, seed, t, o);
    expect(back.result.conflicts).toEqual([
      { path: 'heat', base: -1, ours: 40, theirs: undefined },
    ]);
    expect(back.data!.heat).toBe(40);
  });

  it('a map removed on one side while a key of it is edited on the other is a conflict', () => {
    const withReview = edit(
      seed,
      'published: false\n',
      'published: false\nreview:\n  status: approved\n  by: ann\n',
    );
    const o = edit(withReview, 'review:\n  status: approved\n  by: ann\n', '');
    const t = edit(withReview, '  status: approved', '  status: rejected');
    const m = mergeFiles(tmp, withReview, o, t);
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['review']);
    expect(m.result.conflicts[0].theirs).toEqual({ status: 'rejected', by: 'ann' });
  });

  it('a field deleted on one side and untouched on the other is deleted', () => {
    const o = edit(seed, 'heat: -1\n', '');
    const t = edit(seed, 'quality: 35', 'quality: 1');
    const m = mergeFiles(tmp, seed, t, o);
    expect(m.result.clean).toBe(true);
    expect(m.data).not.toHaveProperty('heat');
    expect(changes(t, m.out)).toEqual({ removed: ['heat: -1'], added: [] });
  });
});

describe('maps merge key by key', () => {
  it('review added on one side, provider edited on the other', () => {
    const o = edit(
      seed,
      'secured:',
      'review:\n  status: approved\n  by: ann\n  at: 2024-01-02T03:04:05Z\n\nsecured:',
    );
    const t = edit(seed, '  domain: aol.com', '  domain: aol.org');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.data!.review).toEqual({ status: 'approved', by: 'ann', at: '2024-01-02T03:04:05Z' });
    expect(m.data!.provider).toEqual({ name: 'AOL', domain: 'aol.org' });
  });

  it('both add review with the same status but different reviewers: per-key conflicts', () => {
    const add = (by: string) =>
      edit(seed, 'secured:', `review:\n  status: approved\n  by: ${by}\n\nsecured:`);
    const m = mergeFiles(tmp, seed, add('ann'), add('bob'));
    expect(m.result.conflicts).toEqual([
      { path: 'review.by', base: undefined, ours: 'ann', theirs: 'bob' },
    ]);
    expect(m.data!.review).toEqual({ status: 'approved', by: 'ann' });
  });

  it('a key added by them goes after its neighbour on their side', () => {
    const t = edit(seed, '  domain: aol.com\n', '  domain: aol.com\n  country: US\n');
    const o = edit(seed, '  name: AOL\n', '  name: AOL.com\n');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.out).toContain('provider:\n  name: AOL.com\n  domain: aol.com\n  country: US\n');
  });
});

describe('lists merge by item', () => {
  const newItem = [
    '  - title: "Met police chief faces questions on facial recognition"',
    '    excerpt: "A new item added by the other editor."',
    '    publishedDateTime: 2022-09-14T08:00:00Z',
    '    webUrl: "https://example.com/met-police"',
    '    type: article',
    '    provider:',
    '      name: Example',
    '      domain: example.com',
    '    quality: 50',
  ].join('\n');

  it('one adds a related item while the other edits the title', () => {
    const o = edit(seed, 'title: "Call for', 'title: "New call for');
    const t = edit(seed, '\nsecured:', `${newItem}\n\nsecured:`);
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.data!.title).toMatch(/^New call for/);
    const related = m.data!.related as Array<Record<string, unknown>>;
    expect(related.map((r) => r.webUrl)).toEqual([
      'https://eandt.theiet.org/content/articles/2022/09/campaigners-call-for-end-of-police-use-of-facial-recognition-technology/',
      'https://www.fedscoop.com/senators-petition-ice-to-curtail-orwellian-use-of-facial-recognition-surveillance-technology/',
      'https://example.com/met-police',
    ]);
    expect(changes(o, m.out)).toEqual(changes(seed, t));
    expect(changes(t, m.out)).toEqual(changes(seed, o));
  });

  it('topics added on both sides (different items) give the union', () => {
    const o = edit(seed, '  - AI\n', '  - AI\n  - Privacy\n');
    const t = edit(seed, '  - AI\n', '  - AI\n  - Policing\n');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.data!.topics).toEqual(['Computer Vision', 'AI', 'Privacy', 'Policing']);
  });

  it('a topic removed on one side and another added on the other', () => {
    const o = edit(seed, '  - Computer Vision\n', '');
    const t = edit(seed, '  - AI\n', '  - AI\n  - Ethics\n');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.data!.topics).toEqual(['AI', 'Ethics']);
  });

  it('a related item removed on one side and edited on the other is a conflict on related', () => {
    const o = applyPatch(enc(seed), [{ op: 'unset', path: 'related[1]' }]);
    const t = applyPatch(enc(seed), [{ op: 'set', path: 'related[1].quality', value: 99 }]);
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['related']);
    expect((m.result.conflicts[0].theirs as unknown[]).length).toBe(2);
    expect((m.data!.related as unknown[]).length).toBe(1);
  });

  it('one related item edited on both sides in different keys merges key by key', () => {
    const o = applyPatch(enc(seed), [{ op: 'set', path: 'related[0].quality', value: 60 }]);
    const t = applyPatch(enc(seed), [{ op: 'set', path: 'related[0].title', value: 'Refreshed' }]);
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.data!.related).toMatchObject([{ quality: 60, title: 'Refreshed' }, {}]);
  });

  it('images: one adds an image, the other removes the only existing one', () => {
    const img = seed.match(/\nimages:\n((?: {2}.*\n)+)/)![1];
    const extra = '  - url: "https://example.com/b.jpg"\n    width: 800\n    height: 600\n';
    const t = edit(seed, img, img + extra);
    const o = edit(seed, 'quality: 35', 'quality: 36');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    expect((m.data!.images as unknown[]).length).toBe(2);
  });

  it('both reordering the same list differently is a conflict', () => {
    const base = edit(seed, '  - AI\n', '  - AI\n  - Policy\n');
    const o = edit(base, '  - Computer Vision\n  - AI\n', '  - AI\n  - Computer Vision\n');
    const t = edit(base, '  - AI\n  - Policy\n', '  - Policy\n  - AI\n');
    const m = mergeFiles(tmp, base, o, t);
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['topics']);
  });

  it('a reorder on one side and an addition on the other are both kept', () => {
    const o = edit(seed, '  - Computer Vision\n  - AI\n', '  - AI\n  - Computer Vision\n');
    const t = edit(seed, '  - AI\n', '  - AI\n  - Policy\n');
    const m = mergeFiles(tmp, seed, o, t);
    expect(m.result.clean).toBe(true);
    const topics = m.data!.topics as string[];
    expect([...topics].sort()).toEqual(['AI', 'Computer Vision', 'Policy']);
    expect(topics.indexOf('AI')).toBeLessThan(topics.indexOf('Computer Vision'));
  });
});

describe('body', () => {
  const withBody = `${seed}First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n`;

  it('non-overlapping edits are both kept, with field edits', () => {
    const o = edit(
      edit(withBody, 'First paragraph.', 'First paragraph, edited.'),
      'heat: -1',
      'heat: 2',
    );
    const t = edit(withBody, 'Fourth paragraph.', 'Fourth paragraph, theirs.');
    const m = mergeFiles(tmp, withBody, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.body).toBe(
      '\nFirst paragraph, edited.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph, theirs.\n',
    );
    expect(m.data!.heat).toBe(2);
  });

  it('an overlapping edit is a conflict on body: our body kept, no conflict markers', () => {
    const o = edit(edit(withBody, 'Second paragraph.', 'Ours.'), 'heat: -1', 'heat: 2');
    const t = edit(edit(withBody, 'Second paragraph.', 'Theirs.'), 'quality: 35', 'quality: 1');
    const m = mergeFiles(tmp, withBody, o, t);
    expect(m.result.clean).toBe(false);
    expect(m.result.conflicts).toEqual([
      {
        path: 'body',
        base: parseArticle(enc(withBody)).body,
        ours: parseArticle(enc(o)).body,
        theirs: parseArticle(enc(t)).body,
      },
    ]);
    expect(m.body).toBe(parseArticle(enc(o)).body);
    expect(m.data).toMatchObject({ heat: 2, quality: 1 });
    expect(m.out).not.toMatch(/<<<<<<<|>>>>>>>/);
  });

  it('the same body edit on both sides, plus another edit far away on one side, is clean', () => {
    const both = edit(withBody, 'Second paragraph.', 'Second, fixed.');
    const o = edit(both, 'Fourth paragraph.', 'Fourth, ours.');
    const m = mergeFiles(tmp, withBody, o, both);
    expect(m.result.clean).toBe(true);
    expect(m.body).toBe(parseArticle(enc(o)).body);
  });

  it('a final newline removed on one side and a line edited far away', () => {
    const o = withBody.replace(/\n$/, '');
    const t = edit(withBody, 'First paragraph.', 'First.');
    const m = mergeFiles(tmp, withBody, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.out.endsWith('Fourth paragraph.')).toBe(true);
    expect(m.body).toContain('\nFirst.\n');
  });
});

describe('line endings, BOM, comments, anchors, flow style', () => {
  const crlfBom = (s: string) => `\uFEFF${s.replace(/\n/g, '\r\n')}`;

  it('CRLF + BOM on every side: merged with CRLF and the BOM kept', () => {
    const base = crlfBom(seed);
    const o = edit(base, 'quality: 35', 'quality: 80');
    const t = edit(edit(base, '  - AI\r\n', '  - AI\r\n  - Privacy\r\n'), 'heat: -1', 'heat: 7');
    const m = mergeFiles(tmp, base, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.out.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(m.out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(m.data).toMatchObject({
      quality: 80,
      heat: 7,
      topics: ['Computer Vision', 'AI', 'Privacy'],
    });
    expect(changes(o, m.out)).toEqual(changes(base, t));
  });

  it('base and ours CRLF, theirs converted to LF: their line endings and both changes kept', () => {
    const base = seed.replace(/\n/g, '\r\n');
    const o = edit(base, 'quality: 35', 'quality: 80');
    const t = edit(seed, 'heat: -1', 'heat: 9') + 'A new body line.\n';
    const m = mergeFiles(tmp, base, o, t);
    expect(m.result.clean).toBe(true);
    // Their change of the line endings is a change too (never dropped silently).
    expect(m.out).toBe(edit(t, 'quality: 35', 'quality: 80'));
    expect(m.data).toMatchObject({ quality: 80, heat: 9 });
    expect(m.body).toBe('\nA new body line.\n');
  });

  it('comments, anchors and flow style stay byte for byte', () => {
    const base = [
      '---',
      '# Desk article',
      'title: "Base" # the headline',
      'defaults: &def {name: Wire, domain: wire.example}',
      'provider: *def',
      'topics: [AI, Policy]',
      'quality: 10',
      '---',
      'Body.',
      '',
    ].join('\n');
    const o = edit(base, 'quality: 10', 'quality: 11');
    const t = edit(base, 'topics: [AI, Policy]', 'topics: [AI, Policy, Chips]');
    const m = mergeFiles(tmp, base, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(edit(o, 'topics: [AI, Policy]', 'topics: [AI, Policy, Chips]'));
  });

  it('a file without a final newline keeps it that way', () => {
    const base = seed.replace(/\n+$/, '');
    const o = edit(base, 'quality: 35', 'quality: 80');
    const t = edit(base, 'heat: -1', 'heat: 4');
    const m = mergeFiles(tmp, base, o, t);
    expect(m.out.endsWith('---')).toBe(true);
    expect(m.data).toMatchObject({ quality: 80, heat: 4 });
  });
});

describe('malformed sides are never merged', () => {
  const good = edit(seed, 'quality: 35', 'quality: 80');
  const broken: Array<[string, string | Uint8Array]> = [
    ['unparseable YAML', edit(seed, 'heat: -1', 'heat: [unclosed')],
    ['duplicate keys', edit(seed, 'heat: -1', 'heat: -1\nheat: 2')],
    ['not a map', '---\n- a\n- b\n---\nbody\n'],
    [
      'non-UTF-8',
      Buffer.concat([Buffer.from(edit(seed, 'heat: -1', 'heat: "caf')), Buffer.from([0xe9, 0x22])]),
    ],
    ['unterminated front matter', seed.replace(/\n---\n+$/, '\n')],
    ['JavaScript front matter', '---js\n{ title: "x" }\n---\n'],
    ['over the size limit', `${seed}${'x'.repeat(9 * 1024 * 1024)}\n`],
    [
      'front matter over 1 MiB',
      edit(seed, 'heat: -1', `heat: -1\nnote: ${'y'.repeat(1024 * 1024 + 16)}`),
    ],
  ];

  for (const [what, bad] of broken) {
    it(`theirs ${what}: conflict, our bytes unchanged`, () => {
      const m = mergeFiles(tmp, seed, good, bad);
      expect(m.result.clean).toBe(false);
      expect(m.result.malformed).toBe('theirs');
      expect(m.result.conflicts.map((c) => c.path)).toEqual(['']);
      expect(m.bytes).toEqual(m.before.ours);
    });
  }

  it('a body over 1 MiB under a small front matter is merged (only the front matter is bounded)', () => {
    const big = `${seed}${'z'.repeat(2 * 1024 * 1024)}\n`;
    const m = mergeFiles(
      tmp,
      big,
      edit(big, 'quality: 35', 'quality: 80'),
      edit(big, 'heat: -1', 'heat: 4'),
    );
    expect(m.result.clean).toBe(true);
    expect(m.data).toMatchObject({ quality: 80, heat: 4 });
  });

  it('ours malformed: conflict, our bytes unchanged', () => {
    const bad = edit(seed, 'heat: -1', 'heat: -1\nheat: 2');
    const m = mergeFiles(tmp, seed, bad, good);
    expect(m.result).toMatchObject({ clean: false, malformed: 'ours' });
    expect(m.bytes).toEqual(m.before.ours);
  });

  it('base malformed: conflict, our bytes unchanged', () => {
    const m = mergeFiles(tmp, '---\na: [\n---\n', good, edit(seed, 'heat: -1', 'heat: 1'));
    expect(m.result).toMatchObject({ clean: false, malformed: 'base' });
    expect(m.bytes).toEqual(m.before.ours);
  });

  it('a billion-laughs side is refused quickly', () => {
    const bomb =
      '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n';
    const m = mergeFiles(tmp, seed, good, bomb);
    expect(m.result.malformed).toBe('theirs');
    expect(m.bytes).toEqual(m.before.ours);
  });
});

describe('no common ancestor (add/add)', () => {
  it('the same file added on both sides is clean', () => {
    expect(mergeFiles(tmp, null, seed, seed).result.clean).toBe(true);
  });

  it('different fields added on both sides are merged against an empty base', () => {
    const o = '---\ntitle: "Shared"\nquality: 3\n---\nSame body.\n';
    const t = '---\ntitle: "Shared"\nheat: 9\n---\nSame body.\n';
    const m = mergeFiles(tmp, null, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.data).toEqual({ title: 'Shared', quality: 3, heat: 9 });
  });

  it('the same field added with different values is a conflict with no base value', () => {
    const m = mergeFiles(tmp, new Uint8Array(), '---\ntitle: A\n---\n', '---\ntitle: B\n---\n');
    expect(m.result.conflicts).toEqual([
      { path: 'title', base: undefined, ours: 'A', theirs: 'B' },
    ]);
    expect(text(m.bytes)).toBe('---\ntitle: A\n---\n');
  });
});

describe('a value that cannot be written by field', () => {
  it('a complex key (a file Curator never writes): a whole-file conflict, our bytes kept', () => {
    const base = '---\ntitle: A\n? [a, b]\n: 1\n---\n';
    const ours = '---\ntitle: B\n? [a, b]\n: 1\n---\n';
    const theirs = '---\ntitle: A\n? [a, b]\n: 2\n---\n';
    const m = mergeFiles(tmp, base, ours, theirs);
    expect(m.result.clean).toBe(false);
    expect(m.result.malformed).toBeTruthy();
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['']);
    expect(m.out).toBe(ours);
  });
});
