/**
 * Safe YAML parsing of front matter with the `yaml` package: core schema (dates stay strings),
 * unique keys, bounded alias expansion. Turns every failure into a {@link Problem}.
 */
import { parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { FrontMatter, Problem } from '../../shared/article';

/** Alias expansions allowed per document; a billion-laughs file exceeds it almost at once. */
export const MAX_ALIAS_COUNT = 100;

/** Options for every parse of front matter (index and edits alike). */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  uniqueKeys: true,
  prettyErrors: true,
  strict: true,
  // Not 'silent': that level also drops the "multiple documents" error.
  logLevel: 'error',
};

export interface YamlParseResult {
  /** `null` when the front matter cannot be used (then `problems` holds an error). */
  data: FrontMatter | null;
  problems: Problem[];
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/**
 * Parses front matter text into plain data.
 * @param lineOffset number of file lines before the front matter, so that line numbers in
 *   messages are line numbers of the file.
 */
export function parseFrontMatterYaml(text: string, lineOffset = 1): YamlParseResult {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = err.linePos?.[0];
    const where = pos ? ` at line ${pos.line + lineOffset}, column ${pos.col}` : '';
    const duplicate = err.code === 'DUPLICATE_KEY';
    return {
      data: null,
      problems: [
        {
          path: '',
          severity: 'error',
          code: duplicate ? 'duplicate-key' : 'malformed-yaml',
          message: duplicate
            ? `Duplicate key in the front matter${where}.`
            : `Malformed YAML${where}: ${firstLine(err.message)}.`,
        },
      ],
    };
  }
  const problems: Problem[] = doc.warnings.map((w) => {
    const pos = w.linePos?.[0];
    const where = pos ? ` (line ${pos.line + lineOffset})` : '';
    return {
      path: '',
      severity: 'warning',
      code: 'yaml-warning',
      message: `${firstLine(w.message)}${where}.`,
    };
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const aliasBomb = err instanceof ReferenceError || /alias/i.test(String(err));
    return {
      data: null,
      problems: [
        {
          path: '',
          severity: 'error',
          code: aliasBomb ? 'alias-limit' : 'malformed-yaml',
          message: aliasBomb
            ? 'The front matter expands too many YAML aliases (possible "billion laughs" attack); it was not parsed.'
            : `Malformed YAML: ${firstLine(String(err))}.`,
        },
      ],
    };
  }
  if (value === null || value === undefined) return { data: {}, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'a list' : `a single ${typeof value}`;
    return {
      data: null,
      problems: [
        {
          path: '',
          severity: 'error',
          code: 'not-a-map',
          message: `The front matter is ${kind}, not a map of fields.`,
        },
      ],
    };
  }
  return { data: value as FrontMatter, problems };
}
