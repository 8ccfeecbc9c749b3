import { describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/context';
import { CliValueError, parseCliValue } from '../../src/cli/yaml-value';

describe('parseArgs', () => {
  const spec = { json: 'boolean', by: 'string' } as const;

  it('separates positionals, switches and valued flags in any order', () => {
    expect(parseArgs(['a.md', '--json', '--by', 'lena', 'b.md'], spec)).toEqual({
      positionals: ['a.md', 'b.md'],
      flags: { json: true, by: 'lena' },
    });
    expect(parseArgs(['--by=max', 'x'], spec).flags.by).toBe('max');
    expect(parseArgs(['-h'], spec).flags.help).toBe(true);
  });

  it('treats everything after -- as positionals', () => {
    expect(parseArgs(['--', '--json', '-x.md'], spec)).toEqual({
      positionals: ['--json', '-x.md'],
      flags: {},
    });
  });

  it('refuses unknown flags, missing values and values given to switches', () => {
    expect(() => parseArgs(['--nope'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['-x'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['--by'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['--json=yes'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['--toString'], spec)).toThrow(UsageError);
  });
});

describe('parseCliValue', () => {
  it('parses YAML scalars, flow lists and flow maps with the core schema', () => {
    expect(parseCliValue('true')).toBe(true);
    expect(parseCliValue('40')).toBe(40);
    expect(parseCliValue('-1')).toBe(-1);
    expect(parseCliValue('[AI, Policy]')).toEqual(['AI', 'Policy']);
    expect(parseCliValue('{name: AOL, domain: aol.com}')).toEqual({
      name: 'AOL',
      domain: 'aol.com',
    });
    expect(parseCliValue('null')).toBeNull();
    expect(parseCliValue('')).toBeNull();
    // Dates stay strings exactly as written.
    expect(parseCliValue('2022-09-11T23:01:00Z')).toBe('2022-09-11T23:01:00Z');
    expect(parseCliValue('"true"')).toBe('true');
  });

  it('keeps text that YAML would misread as a map, a comment or an error', () => {
    expect(parseCliValue('Hello: world')).toBe('Hello: world');
    expect(parseCliValue('#1 story of the day')).toBe('#1 story of the day');
    expect(parseCliValue('[unclosed')).toBe('[unclosed');
    expect(parseCliValue('- a')).toBe('- a');
    expect(parseCliValue('Plain title')).toBe('Plain title');
  });
});

describe('parseCliValue: known text fields keep the typed text', () => {
  it.each([
    ['title', '1.10'],
    ['title', 'true'],
    ['title', '2022'],
    ['excerpt', 'yes'],
    ['category', '0x1F'],
    ['type', '.inf'],
    ['provider.name', '1e3'],
    ['provider.domain', '+5'],
    ['webUrl', '123'],
    ['originalUrl', '[a, b]'],
    ['topics[0]', '2020'],
    ['review.by', 'off'],
    ['notes', 'Hello: world'],
    ['assignee', '007'],
    ['related[1].title', '3.14'],
    ['related[0].provider.name', 'false'],
    ['publishedDateTime', '20221111'],
    ['title', '!breaking news'],
    ['title', '&a x'],
  ])('%s=%s is the text as typed', (path, text) => {
    expect(parseCliValue(text, path)).toBe(text);
  });

  it('empty, ~ and null are null in every field; a quoted value is read as YAML', () => {
    for (const t of ['', '~', 'null', 'Null', 'NULL', ' ']) {
      expect(parseCliValue(t, 'title')).toBeNull();
      expect(parseCliValue(t, 'quality')).toBeNull();
    }
    expect(parseCliValue('"a\\tb"', 'title')).toBe('a\tb');
    expect(parseCliValue("'it''s'", 'title')).toBe("it's");
  });

  it('numbers and booleans are still YAML; text items inside a typed list or map stay text', () => {
    expect(parseCliValue('1.10', 'quality')).toBe(1.1);
    expect(parseCliValue('0x1F', 'heat')).toBe(31);
    expect(parseCliValue('True', 'published')).toBe(true);
    expect(parseCliValue('1.10', 'version')).toBe(1.1);
    expect(parseCliValue('[1.10, 2020, AI]', 'topics')).toEqual(['1.10', '2020', 'AI']);
    expect(parseCliValue('{name: 1.10, domain: x.com}', 'provider')).toEqual({
      name: '1.10',
      domain: 'x.com',
    });
    expect(parseCliValue('[{title: 2.50, quality: 2.50}]', 'related')).toEqual([
      { title: '2.50', quality: 2.5 },
    ]);
  });

  it('a tag YAML would drop is refused with a one-line message, never applied silently', () => {
    for (const t of ['!breaking news', '!!binary aGk=', '!!timestamp 2022-01-01', '!foo 5']) {
      let message = '';
      try {
        parseCliValue(t, 'label');
      } catch (e) {
        expect(e).toBeInstanceOf(CliValueError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/^label: the YAML tag !\S+ is not one Curator knows/);
      expect(message).not.toContain('\n');
    }
    // Core tags mean what YAML says.
    expect(parseCliValue('!!str 123', 'label')).toBe('123');
    expect(parseCliValue('!!int "5"', 'label')).toBe(5);
  });

  it('a text field typed with a tag keeps the text and says so', () => {
    const notes: string[] = [];
    expect(parseCliValue('!breaking news', 'title', notes)).toBe('!breaking news');
    expect(notes).toEqual([
      'title: written as the text "!breaking news" (the YAML tag !breaking is not applied).',
    ]);
  });

  it('never makes yaml print a warning', () => {
    const emitted: unknown[] = [];
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation((w) => {
      emitted.push(w);
    });
    const warned: unknown[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args) => {
      warned.push(args);
    });
    try {
      for (const t of ['!breaking news', '!foo 5', '%FOO x', '!!binary aGk=']) {
        try {
          parseCliValue(t, 'label');
        } catch {
          // refused: that is fine
        }
        parseCliValue(t, 'title', []);
      }
    } finally {
      spy.mockRestore();
      warn.mockRestore();
    }
    expect(emitted).toEqual([]);
    expect(warned).toEqual([]);
  });
});
