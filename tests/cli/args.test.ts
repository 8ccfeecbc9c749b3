import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/context';
import { parseCliValue } from '../../src/cli/yaml-value';

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
