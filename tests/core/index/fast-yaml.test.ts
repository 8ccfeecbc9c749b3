import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastParseFrontMatter } from '../../../src/core/index/fast-yaml';
import {
  docArb,
  mutatedSeedArb,
  renderScalar,
  seedShapedArb,
  stringArb,
  TRICKY_TOKENS,
} from './yaml-gen';

/** The full parser, configured as the codec uses it for the data it exposes. */
function full(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return {
      ok: true,
      value: parse(text, { schema: 'core', uniqueKeys: true, logLevel: 'error' }),
    };
  } catch {
    return { ok: false };
  }
}

/** The property every input must satisfy: fast result is null, or exactly the full result. */
function agrees(text: string): boolean {
  const fast = fastParseFrontMatter(text);
  if (fast === null) return true;
  const ref = full(text);
  return ref.ok && isDeepStrictEqual(fast, ref.value);
}

/** The real seed article's front matter (PRODUCT.md §1 / seed-article.md), verbatim. */
const SEED = `category: news
title: "Call for UK’s biggest police force to stop using facial recognition technology"
excerpt: "Fourteen campaign groups have written an open letter to the new boss of the Metropolitan Police on his first day in the job."
publishedDateTime: 2022-09-11T23:01:00Z
originalUrl: "https://www.aol.com/call-uk-biggest-police-force-230100278.html"
webUrl: "https://www.aol.com/call-uk-biggest-police-force-230100278.html"
type: article
quality: 35
heat: -1
published: false

provider:
  name: AOL
  domain: aol.com

topics:
  - Computer Vision
  - AI

images:
  - url: "https://s.yimg.com/ny/api/res/1.2/EmTgi_BFsHIoOAn8uJJfWQ--/YXBwaWQ9aGlnaGxhbmRlcjt3PTEyMDA7aD02NzU-/https://media.zenfs.com/en/aol_press_association_news_966/dd60738fa1bbe3b45f4f8512b77b4e3b"
    width: 1200
    height: 675
    isCached: true

related:
  - title: "Campaigners call on police to end use of face recognition technology"
    excerpt: "Fourteen campaign groups have published an open letter requesting the Metropolitan Police Commissioner to stop using \\"useless and highly invasive\\" facial recognition technologies."
    publishedDateTime: 2022-09-12T11:48:00Z
    webUrl: "https://eandt.theiet.org/content/articles/2022/09/campaigners-call-for-end-of-police-use-of-facial-recognition-technology/"
    type: article
    provider:
      name: IET
      domain: theiet.org
    quality: 54
    images:
      - url: "https://eandt.theiet.org/media/15480/dreamstime_l_208516777.jpg?crop=0,0.31791666666666668,0,0.18989583333333326&cropmode=percentage&width=1200&height=450&rnd=132617507000000000"
        width: 1200
        height: 450
        isCached: true
  - title: "Senators petition ICE to curtail ‘Orwellian’ use of facial recognition, surveillance technology"
    excerpt: "The letter is the latest instance of Congress seeking to rein in the purchase of Americans' personal data by law enforcement agencies."
    publishedDateTime: 2022-09-13T16:25:00Z
    webUrl: "https://www.fedscoop.com/senators-petition-ice-to-curtail-orwellian-use-of-facial-recognition-surveillance-technology/"
    type: article
    provider:
      name: FedScoop
      domain: fedscoop.com
    quality: 42
    images:
      - url: "https://www.fedscoop.com/wp-content/uploads/sites/5/2019/11/U.S._Citizenship_and_Immigration_Service.jpg?w=1200&h=500&crop=1"
        width: 1200
        height: 500
        isCached: true

secured: "TeVu8jCwW7mCmSwtJT7kbFaoDbQ8d/ZijzvXJeTqXQUYD46go8ycdPEhqGmx9A2TM8lgkoAAhgGDUGOOep2/6o/3Dn3hf7m8FWxTG31cmloO3wY70Ct6OSClNdGYU1C9IuBtc+9ZaoIMZloT0yuYyU5/GOxLHT2LiSK03G/3TeAFRLzWK5FxigzDjBhaGC1/ATAP+R1IWSCMNAufEE3il43Nl9pZohdd5loY0SgwdhJ22XPL0zyMhDxaJt1Qw1dX4wIfwjsCsGfde3qvJy6YXKar0TeKYbLxv07/ak4qivz7onfe5onGkL0VC/uJXB8zo+FDFINnFg1DkYAUo8yIGIyuxrCv7DNxfKYJ5fcmGT9Ar7GNYfDNARHqaJ3T5UQffKoYSKhoaFNUOzBlW2AB94GZ28v6uWYNV46oQASB1nrmsiBlZjz4rmWAtK73BNeEWFiyxxzaasTm18X+QnwXV6AkTnCaKSGiMVb7EdYIBvW9nfg/HyuAOLYw24VT6chY1ywhCxE2CTP0V18vZ2hqkQ==;bQG3Eck6wvDfGvIbASWhTg=="
`;

describe('fastParseFrontMatter: the fast path', () => {
  it('reads the seed article exactly as the full parser does', () => {
    const fast = fastParseFrontMatter(SEED);
    expect(fast).not.toBeNull();
    expect(fast).toStrictEqual(full(SEED).ok && (full(SEED) as { value: unknown }).value);
    expect(fast?.publishedDateTime).toBe('2022-09-11T23:01:00Z');
    expect((fast?.related as { excerpt: string }[])[0].excerpt).toContain(
      '"useless and highly invasive"',
    );
  });

  it('reads the seed with CRLF line endings', () => {
    const crlf = SEED.replace(/\n/g, '\r\n');
    const fast = fastParseFrontMatter(crlf);
    expect(fast).not.toBeNull();
    expect(fast).toStrictEqual(fastParseFrontMatter(SEED));
  });

  // Inputs the fast path must handle itself, with the value the full parser gives.
  const handled: string[] = [
    'a: 1\nb:\n- x\n- y\n', // indentless sequence
    'a:\n  - b: 1\n    c: 2\n  - d\n',
    'l:\n-   a: 1\n    b:\n    - x\n',
    'x: [a, "b", 1, \'c\', true, ~]\ny: {name: X, domain: y}\nz: []\nw: {}\n',
    'k: foo [bar] {baz}, qux\n',
    'k: a#b # comment\n',
    'k: "a\\u00e9\\x41\\U0001F600\\n\\t\\\\\\"\\/\\_\\N\\0"\n',
    'k: "\\ud83d\\ude00"\n',
    "k: 'it''s # not a comment'\n",
    'k: "x" # c\n#full\n  # indented\n\nj: 2\n',
    'a:\n  b: 1\n# c\n  c: 2\n',
    'a:\n  - x\n# c\n  - y\n',
    'k:\n  # only a comment\nj: 1\n',
    'k: # comment\n  n: 1\n',
    'n1: ~\nn2: null\nn3: Null\nn4: NULL\nn5: nULL\nn6:\n',
    'b1: true\nb2: True\nb3: TRUE\nb4: tRUE\nb5: yes\nb6: no\nb7: on\nb8: False\n',
    'i1: 0x1F\ni2: 0o17\ni3: 017\ni4: +12\ni5: -0\ni6: 1_000\ni7: 0X1F\ni8: 12345678901234567890\n',
    'f1: 1e3\nf2: 1.\nf3: .5\nf4: .inf\nf5: -.Inf\nf6: .nan\nf7: .NaN\nf8: 3.140\nf9: 1.5E-3\nf10: .\n',
    'd1: 2022-09-11T23:01:00Z\nd2: 2022-09-11\nd3: 12:30\n',
    'u: https://example.com/a?b=1&c=2#frag\n',
    'e1: ""\ne2: \'\'\n',
    '  a: 1\n  b: 2\n', // top-level map indented
    'k: ...\nj: -x\nm: --x\n',
    'constructor: 1\ntoString: 2\n',
    // Controls and odd Unicode inside scalars and comments are taken verbatim by yaml.
    'a: x\u0000y\u2028z\u0085\u00a0\nb: "\u0001\ufeff\u007f" # \u0000\u2029\nc: \'\u000b\'\n',
  ];
  it.each(handled)('handles %j', (text) => {
    const fast = fastParseFrontMatter(text);
    expect(fast).not.toBeNull();
    const ref = full(text);
    expect(ref.ok).toBe(true);
    expect(fast).toStrictEqual((ref as { value: unknown }).value);
  });

  it('mirrors the core schema on every tricky token, as value, list item and flow item', () => {
    let fast = 0;
    for (const token of TRICKY_TOKENS) {
      for (const style of ['plain', 'double', 'single', 'json'] as const) {
        const v = renderScalar({ value: token, style });
        for (const text of [`k: ${v}\n`, `k:\n  - ${v}\n`, `k: [${v}, x]\n`, `k: {a: ${v}}\n`]) {
          expect(agrees(text), text).toBe(true);
          if (fastParseFrontMatter(text) !== null) fast++;
        }
      }
    }
    expect(fast).toBeGreaterThan(TRICKY_TOKENS.length * 8);
  });

  it('mirrors the core schema on tricky scalars in every quoting style', () => {
    fc.assert(
      fc.property(
        stringArb,
        fc.constantFrom('plain', 'double', 'single', 'json') as fc.Arbitrary<'plain'>,
        (value, style) => {
          const text = `k: ${renderScalar({ value, style })}\nl: [${renderScalar({ value, style })}]\n`;
          return agrees(text);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('fastParseFrontMatter: block scalars', () => {
  // Literal and folded, each chomping indicator, blank lines inside and after, comments,
  // nested maps and CRLF: exactly what the full parser returns.
  it.each([
    'excerpt: >-\n  Fourteen campaign groups have written\n  an open letter.\ntype: article\n',
    'a: >\n  one  \n  two\n\n  three\n\n\nb: 1\n',
    'a: |\n  one  \n   two\n\n  three\n\n\nb: 1\n',
    'a: |+\n  one\n\n\nb: 1\n',
    'a: |-\n  one\n\n\nb: 1\n',
    'a: >+\n  one\n\n# c\n\nb: 1\n',
    'a: | # note\n  one\n # a comment\n  # not a comment\nb: 1\n',
    'x:\n  a: |\n    one\n    two\n  b: 2\n',
    'x:\n  - a: >-\n      one\n      two\n    b: 2\n',
    'a: >-\r\n  one\r\n  two\r\nb: 1\r\n',
    'a: |\n  - item\n  key: "v"\nb: 1\n',
  ])('reads %j as the full parser does', (text) => {
    const fast = fastParseFrontMatter(text);
    expect(fast).not.toBeNull();
    const ref = full(text);
    expect(ref.ok && ref.value).toStrictEqual(fast);
  });
});

describe('fastParseFrontMatter: falls back on anything else', () => {
  // Each must return null; `throws` marks inputs the full parser rejects outright.
  const fallback: { text: string; why: string }[] = [
    { text: 'a: 1\na: 2\n', why: 'duplicate key' },
    { text: 'p:\n  n: 1\n  n: 2\n', why: 'nested duplicate key' },
    { text: 'p: {n: 1, n: 2}\n', why: 'duplicate key in flow map' },
    { text: 'a: b: c\n', why: 'nested compact mapping' },
    { text: 'a: [1, 2\n', why: 'unterminated flow sequence' },
    { text: 'a: "x\n', why: 'unterminated quote' },
    { text: '- a\n- b\n', why: 'sequence, not a map' },
    { text: 'just a string\n', why: 'scalar, not a map' },
    { text: '42\n', why: 'number, not a map' },
    { text: '', why: 'empty' },
    { text: '# only a comment\n', why: 'no content' },
    { text: 'a: 1\n---\nb: 2\n', why: 'second document' },
    { text: 'a: 1\n...\n', why: 'document end marker' },
    { text: '%YAML 1.2\n---\na: 1\n', why: 'directive' },
    { text: 'a: &x 1\nb: *x\n', why: 'anchor and alias' },
    { text: 'a: &a [x,x]\nb: &b [*a,*a]\nc: &c [*b,*b]\n', why: 'alias bomb' },
    { text: 'a: !!str 1\n', why: 'tag' },
    { text: 'a: |2\n   text\n', why: 'block scalar with an indentation indicator' },
    { text: 'a: |\n\n  text\n', why: 'block scalar with a leading blank line' },
    { text: 'a: >\n  text\n   more\n', why: 'folded block scalar with a more-indented line' },
    { text: 'a: |\n  text\n    \n', why: 'block scalar with a line of spaces only' },
    { text: 'a: |\nb: 1\n', why: 'empty block scalar' },
    { text: 'a: |\n  text', why: 'block scalar without a final line break' },
    { text: 'a: |\n  te\u0085xt\n', why: 'block scalar with a next-line character' },
    { text: '- |\n  text\n', why: 'block scalar as a sequence item' },
    { text: 'a: long\n  continued\n', why: 'multi-line plain scalar' },
    { text: 'a: "long\n  continued"\n', why: 'multi-line quoted scalar' },
    { text: 'a:\n  "value on next line"\n', why: 'value on the next line' },
    { text: '? a\n: b\n', why: 'complex key' },
    { text: '"a": 1\n', why: 'quoted key' },
    { text: 'a b: 1\n', why: 'key with a space' },
    { text: 'og:title: x\n', why: 'key with a colon' },
    { text: '1: x\n', why: 'numeric key' },
    { text: 'true: x\n', why: 'boolean key' },
    { text: 'null: x\n', why: 'null key' },
    { text: '__proto__: x\n', why: 'prototype key' },
    { text: 'a:\n\tb: 1\n', why: 'tab indentation' },
    { text: 'a: x\tb\n', why: 'tab inside a value' },
    { text: 'a:\n  b: 1\n c: 2\n', why: 'odd indentation' },
    { text: 'a:\n  b: 1\n    c: 2\n', why: 'over-indented line' },
    { text: 'a:\n  - x\n  b: 1\n', why: 'sequence then key at the same indent' },
    { text: 'a: - x\n', why: 'sequence as inline value' },
    { text: 'a:\n  - - x\n', why: 'compact nested sequence' },
    { text: 'a: "x"#c\n', why: 'comment without a space' },
    { text: 'a: [x, [y]]\n', why: 'nested flow' },
    { text: 'a: [x,]\n', why: 'trailing comma' },
    { text: 'a: [x: 1]\n', why: 'pair in flow sequence' },
    { text: 'a: "\\q"\n', why: 'invalid escape' },
    { text: 'a: "\\u12"\n', why: 'short unicode escape' },
    { text: 'a: "x\\\n  y"\n', why: 'escaped line break' },
    { text: 'a: @x\n', why: 'reserved indicator' },
    { text: 'a: `x\n', why: 'reserved indicator' },
    { text: 'a: %x\n', why: 'directive indicator' },
    { text: 'a: x\rb: y\n', why: 'bare carriage return' },
    { text: '\uFEFFa: 1\n', why: 'byte order mark' },
    { text: 'a: \u0000x\n', why: 'control character starting a value' },
    { text: 'a: [\u2028x]\n', why: 'line separator starting a flow item' },
    { text: `${'k'.repeat(300)}: 1\n`, why: 'over-long key' },
  ];
  it.each(fallback)('returns null for $why', ({ text }) => {
    expect(fastParseFrontMatter(text)).toBeNull();
  });

  it('refuses an alias bomb quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(
        `${cur}: &${cur} [${Array(9)
          .fill('*' + prev)
          .join(',')}]`,
      );
    }
    const t0 = performance.now();
    expect(fastParseFrontMatter(lines.join('\n') + '\n')).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('fastParseFrontMatter: differential property against yaml.parse', () => {
  it('never disagrees with the full parser on generated and mutated documents', () => {
    fc.assert(fc.property(docArb, agrees), { numRuns: 6000 });
  });

  it('never disagrees on seed-shaped articles with random edits', () => {
    fc.assert(fc.property(mutatedSeedArb, agrees), { numRuns: 3000 });
  });

  it('takes the fast path for every seed-shaped article and agrees with the full parser', () => {
    fc.assert(
      fc.property(seedShapedArb, (text) => {
        const fast = fastParseFrontMatter(text);
        const ref = full(text);
        return fast !== null && ref.ok && isDeepStrictEqual(fast, ref.value);
      }),
      { numRuns: 1500 },
    );
  });

  it('takes the fast path for a good share of well-formed generated documents', () => {
    // Guards against a reader that "agrees" only by always falling back.
    const samples = fc.sample(docArb, { numRuns: 1000, seed: 42 });
    const wellFormedMaps = samples.filter((t) => {
      const r = full(t);
      return r.ok && r.value !== null && typeof r.value === 'object' && !Array.isArray(r.value);
    });
    const fast = wellFormedMaps.filter((t) => fastParseFrontMatter(t) !== null);
    expect(wellFormedMaps.length).toBeGreaterThan(100);
    expect(fast.length / wellFormedMaps.length).toBeGreaterThan(0.3);
  });
});
