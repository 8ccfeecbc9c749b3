/**
 * Safe YAML parsing of front matter with the `yaml` package: core schema (dates stay strings),
 * unique keys, bounded alias expansion. Turns every failure into a {@link Problem}.
 */
import {
  isCollection,
  isPair,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import type { FrontMatter, Problem } from '../../shared/article';
import { firstLine, taggedNodePath, warningMessage } from './yaml-messages';

/** Alias expansions allowed per document; a billion-laughs file exceeds it almost at once. */
export const MAX_ALIAS_COUNT = 100;

/** The key a map key becomes in plain data (`yaml`'s own rule: null → `''`, else `String`). */
function dataKey(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * Two keys of one map are duplicates when they become the same key in plain data: `1` and
 * `"1"`, or `null` and `""`, would otherwise silently collapse into one field, which no
 * edit could then address (a file Curator cannot edit safely shows a problem instead).
 */
function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return isScalar(a) && isScalar(b) && dataKey(a.value) === dataKey(b.value);
}

/** Options for every parse of front matter (index and edits alike). */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  uniqueKeys: sameKey,
  // `!!timestamp`, `!!binary`, `!!set`, `!!omap` and `!!pairs` would otherwise give Dates,
  // Buffers and Maps under the core schema: data that is not JSON, breaks "dates stay
  // strings", and cannot be compared or written back. Unresolved, they read as their plain
  // value with a warning (a problem of the file), and their text is kept as written.
  resolveKnownTags: false,
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

/**
 * An alias inside the node its anchor names (`a: &x [*x]`) makes the data circular: it could
 * not be compared, shown or sent anywhere. Returns that alias's line (1-based in `text`), or 0.
 */
function circularAliasLine(doc: Document, text: string): number {
  let line = 0;
  visit(doc, {
    Alias: (_, alias) => {
      const target = alias.resolve(doc) as Node | undefined;
      const a = alias.range;
      const t = target?.range;
      if (!isCollection(target) || !a || !t || a[0] < t[0] || a[1] > t[1]) return undefined;
      line = text.slice(0, a[0]).split('\n').length;
      return visit.BREAK;
    },
  });
  return line;
}

/**
 * The first map key that is not a scalar (`? [a, b]`, `{a: 1}: x`, `*k : x`), with its source
 * and 1-based line in `text`, or `null`. Such a key becomes a string only in plain data (`a,b`),
 * so no edit can address it and no write could keep it: Curator never writes such a file.
 */
function complexKey(doc: Document, text: string): { source: string; line: number } | null {
  let found: { source: string; line: number } | null = null;
  visit(doc, {
    Pair: (_, pair) => {
      if (!isPair(pair) || pair.key === null || isScalar(pair.key)) return undefined;
      const range = (pair.key as Node).range;
      if (!range) return undefined;
      let source = text.slice(range[0], range[1]).split(/\r?\n/)[0].trim();
      if (source.length > 40) source = `${source.slice(0, 37)}...`;
      // An explicit key (`? [a, b]`) is shown with its `?`.
      const before = text.slice(text.lastIndexOf('\n', range[0] - 1) + 1, range[0]);
      if (/\?\s*$/.test(before)) source = `? ${source}`;
      found = { source, line: text.slice(0, range[0]).split('\n').length };
      return visit.BREAK;
    },
  });
  return found;
}

function hasAlias(doc: Document): boolean {
  let found = false;
  visit(doc, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
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
    const tag = w.code === 'TAG_RESOLVE_FAILED';
    return {
      path: tag ? taggedNodePath(doc, w.pos[0]) : '',
      severity: 'warning',
      code: tag ? 'yaml-tag' : 'yaml-warning',
      message: warningMessage(w, where),
    };
  });
  const circular = text.includes('*') && hasAlias(doc) ? circularAliasLine(doc, text) : 0;
  if (circular > 0) {
    return {
      data: null,
      problems: [
        {
          path: '',
          severity: 'error',
          code: 'circular-alias',
          message: `A YAML alias refers to the value it is part of (line ${circular + lineOffset}), so the front matter never ends; it was not parsed.`,
        },
      ],
    };
  }
  // Cheap guard: a non-scalar key needs `?`, a flow collection or an alias.
  const key = /[?[{*]/.test(text) ? complexKey(doc, text) : null;
  if (key) {
    return {
      data: null,
      problems: [
        {
          path: '',
          severity: 'error',
          code: 'complex-key',
          message: `A complex key (\`${key.source}\`, line ${key.line + lineOffset}) cannot be kept exactly: Curator does not write this file.`,
        },
      ],
    };
  }
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
