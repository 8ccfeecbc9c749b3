/** Reading an article file: bytes -> {data, body, problems}. Never throws on bad content. */
import { createHash } from 'node:crypto';
import type { FrontMatter, Problem } from '../../shared/article';
import { splitFrontMatter } from './split';
import { parseFrontMatterYaml } from './yaml-parse';

/** A parsed article file. `data` is `null` (and `malformed` true) when it cannot be used. */
export interface ParsedArticle {
  data: FrontMatter | null;
  /** Raw front matter text between the fences. */
  frontMatter: string;
  body: string;
  problems: Problem[];
  /** `true` when the file cannot be parsed safely; such a file is never written. */
  malformed: boolean;
  /** sha1 hex of the raw bytes. */
  hash: string;
  eol: '\n' | '\r\n';
  bom: boolean;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** sha1 hex of the raw bytes (used for conflict detection). */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Decodes UTF-8 strictly, keeping a BOM as `\uFEFF` so that encoding the text again gives
 * back the exact bytes. Returns `null` for bytes that are not valid UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Parses an article file. Malformed content is reported in `problems`, never thrown. */
export function parseArticle(bytes: Uint8Array): ParsedArticle {
  const hash = hashBytes(bytes);
  const text = decodeUtf8(bytes);
  if (text === null) {
    const lossy = lenientDecoder.decode(bytes);
    const shown = splitFrontMatter(lossy);
    return {
      data: null,
      frontMatter: shown.ok
        ? lossy.slice(shown.split.innerStart, shown.split.innerEnd)
        : shown.frontMatter,
      body: shown.ok ? lossy.slice(shown.split.bodyStart) : shown.body,
      problems: [
        {
          path: '',
          severity: 'error',
          code: 'invalid-utf8',
          message: 'The file is not valid UTF-8 text.',
        },
      ],
      malformed: true,
      hash,
      eol: shown.ok ? shown.split.eol : shown.eol,
      bom: shown.ok ? shown.split.bom : shown.bom,
    };
  }
  const result = splitFrontMatter(text);
  if (!result.ok) {
    return {
      data: null,
      frontMatter: result.frontMatter,
      body: result.body,
      problems: [result.problem],
      malformed: true,
      hash,
      eol: result.eol,
      bom: result.bom,
    };
  }
  const { innerStart, innerEnd, bodyStart, eol, bom } = result.split;
  const frontMatter = text.slice(innerStart, innerEnd);
  const parsed = parseFrontMatterYaml(frontMatter, 1);
  return {
    data: parsed.data,
    frontMatter,
    body: text.slice(bodyStart),
    problems: parsed.problems,
    malformed: parsed.data === null,
    hash,
    eol,
    bom,
  };
}
