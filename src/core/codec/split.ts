/**
 * Front-matter splitter: finds the exact character offsets of the `---` fences so edits can be
 * spliced into the original text, and cross-checks the result against gray-matter (which is
 * configured so that it can never evaluate anything).
 */
import matter from 'gray-matter';
import type { Problem } from '../../shared/article';

/** Where the parts of an article file are, as offsets into the decoded text (BOM included). */
export interface FrontMatterSplit {
  /** Offset of the first character of the front matter (after the opening fence line). */
  innerStart: number;
  /** Offset just after the front matter (start of the closing fence line). */
  innerEnd: number;
  /** Offset of the first character of the body (after the closing fence line). */
  bodyStart: number;
  /** Line ending of the opening fence line. */
  eol: '\n' | '\r\n';
  bom: boolean;
}

export type SplitResult =
  | { ok: true; split: FrontMatterSplit }
  | {
      ok: false;
      problem: Problem;
      frontMatter: string;
      body: string;
      eol: '\n' | '\r\n';
      bom: boolean;
    };

const BOM = '\uFEFF';
const CLOSING_FENCE = /^---[ \t]*$/;

/** Thrown by every non-YAML gray-matter engine so that nothing is ever evaluated. */
class ForeignLanguageError extends Error {}

function refuse(language: string): never {
  throw new ForeignLanguageError(language);
}

/**
 * gray-matter options. Passing an options object also disables gray-matter's unbounded
 * parse cache. `engines: {js: false}` would NOT stop `---js` from being evaluated, so every
 * language gray-matter knows (and the aliases it maps to them) gets a parser that throws; an
 * unknown language makes gray-matter throw by itself. The YAML engine only reports the text it
 * was given: the real parse is done on our own exact offsets by `yaml-parse.ts`.
 */
function grayMatterOptions(seen: { yaml: string | null }) {
  const throwing = { parse: (): object => refuse('javascript') };
  return {
    language: 'yaml',
    excerpt: false,
    engines: {
      yaml: {
        parse: (text: string): object => {
          seen.yaml = text;
          return {};
        },
      },
      javascript: throwing,
      js: throwing,
      json: { parse: (): object => refuse('json') },
      coffee: { parse: (): object => refuse('coffee') },
      coffeescript: { parse: (): object => refuse('coffee') },
      cson: { parse: (): object => refuse('coffee') },
      toml: { parse: (): object => refuse('toml') },
    },
  };
}

function problem(code: string, message: string): Problem {
  return { path: '', severity: 'error', code, message };
}

/**
 * Splits decoded file text into front matter and body.
 * A file without a leading `---` fence is not an article (problem `no-front-matter`).
 */
export function splitFrontMatter(text: string): SplitResult {
  const bom = text.startsWith(BOM);
  const start = bom ? 1 : 0;
  const firstNl = text.indexOf('\n', start);
  const eol: '\n' | '\r\n' = firstNl > 0 && text[firstNl - 1] === '\r' ? '\r\n' : '\n';
  const fail = (p: Problem, frontMatter = '', body = text.slice(start)): SplitResult => ({
    ok: false,
    problem: p,
    frontMatter,
    body,
    eol,
    bom,
  });

  if (!text.startsWith('---', start) || text[start + 3] === '-') {
    return fail(otherFrontMatter(text.slice(start, firstNl < 0 ? text.length : firstNl)));
  }
  if (firstNl < 0) {
    return fail(
      problem('unterminated-front-matter', 'The front matter is never closed by a --- line.'),
    );
  }
  const openLine = text.slice(start, firstNl).replace(/\r$/, '');
  const language = openLine.slice(3).trim();
  const innerStart = firstNl + 1;

  let innerEnd = -1;
  let bodyStart = -1;
  let pos = innerStart;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    if (CLOSING_FENCE.test(line)) {
      innerEnd = pos;
      bodyStart = nl < 0 ? text.length : nl + 1;
      break;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }

  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    const fm = innerEnd >= 0 ? text.slice(innerStart, innerEnd) : text.slice(innerStart);
    return fail(foreignLanguage(language), fm, innerEnd >= 0 ? text.slice(bodyStart) : '');
  }
  const marker = documentEndMarker(text, innerStart, innerEnd < 0 ? text.length : innerEnd);
  if (marker) {
    const fm = innerEnd >= 0 ? text.slice(innerStart, innerEnd) : text.slice(innerStart);
    return fail(marker, fm, innerEnd >= 0 ? text.slice(bodyStart) : '');
  }
  if (innerEnd < 0) {
    return fail(
      problem('unterminated-front-matter', 'The front matter is never closed by a --- line.'),
      text.slice(innerStart),
      '',
    );
  }

  const check = crossCheck(text.slice(start), language, innerEnd - start);
  if (check) return fail(check, text.slice(innerStart, innerEnd), text.slice(bodyStart));
  return { ok: true, split: { innerStart, innerEnd, bodyStart, eol, bom } };
}

/** Names of the front-matter languages other tools mark after `---` (`---toml`, `---js`). */
const LANGUAGE_NAMES: Record<string, string> = {
  toml: 'TOML',
  json: 'JSON',
  js: 'JavaScript',
  javascript: 'JavaScript',
  coffee: 'CoffeeScript',
  coffeescript: 'CoffeeScript',
  cson: 'CoffeeScript',
};

/** The problem of a front matter marked with another language after its fence (`---toml`). */
function foreignLanguage(language: string): Problem {
  const name = LANGUAGE_NAMES[language.toLowerCase()];
  const what = name ? `${name} (---${language})` : `"${language}" (---${language}), not YAML`;
  return problem(
    'foreign-front-matter',
    `The front matter is written in ${what}, which Curator does not edit; it is never evaluated. Curator edits YAML front matter between --- lines.`,
  );
}

/**
 * The problem of a file that does not open with a `---` line: front matter in another
 * tool's format (TOML between `+++` lines, as Hugo writes it; JSON between `;;;` lines or as a
 * bare `{ … }` object), or no front matter at all.
 * @param firstLine the file's first line, without BOM or line ending.
 */
function otherFrontMatter(firstLine: string): Problem {
  const line = firstLine.replace(/\r$/, '').trimEnd();
  const foreign = (what: string) =>
    problem(
      'foreign-front-matter',
      `The front matter is ${what}, which Curator does not edit; it is never evaluated. Curator edits YAML front matter between --- lines.`,
    );
  if (line === '+++') return foreign('TOML (between +++ lines)');
  if (line === ';;;') return foreign('JSON (between ;;; lines)');
  if (line.startsWith('{')) return foreign('JSON (a { … } object at the top of the file)');
  return problem(
    'no-front-matter',
    'The file has no front matter (it must start with a --- line).',
  );
}

/** Matches a YAML document end marker line (`...`, optionally followed by spaces or a comment). */
const DOCUMENT_END = /^\.\.\.(?:[ \t]+(?:#.*)?)?$/;

/**
 * Finds a `...` line (a YAML document end marker, which Pandoc also accepts as the end of the
 * front matter) between `from` and `to`. Tools disagree on where such a front matter ends
 * (gray-matter and Curator read to the next `---` line), so the file is refused with a
 * problem that names the marker.
 */
function documentEndMarker(text: string, from: number, to: number): Problem | null {
  let pos = from;
  let line = 2; // the opening fence is line 1
  while (pos < to) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 || nl > to ? to : nl;
    if (DOCUMENT_END.test(text.slice(pos, end).replace(/\r$/, ''))) {
      return problem(
        'document-end-marker',
        `The front matter ends with a ... line (a YAML document end marker) at line ${line}; Curator expects a --- line to close the front matter.`,
      );
    }
    if (nl < 0) break;
    pos = nl + 1;
    line++;
  }
  return null;
}

/**
 * Runs gray-matter on the same text and makes sure it sees the same language and the same
 * closing fence. They can disagree when a line such as `----` or `---x` appears inside the
 * front matter: such a file is ambiguous, so it is refused rather than guessed.
 */
function crossCheck(text: string, language: string, closeLineStart: number): Problem | null {
  const seen: { yaml: string | null } = { yaml: null };
  let file: { matter: string; language: string };
  try {
    file = matter(text, grayMatterOptions(seen));
  } catch (err) {
    if (err instanceof ForeignLanguageError || /not registered/.test(String(err))) {
      return problem(
        'foreign-front-matter',
        'The front matter is not YAML; it is never evaluated.',
      );
    }
    return problem('ambiguous-fence', `The front matter could not be split: ${String(err)}`);
  }
  const grayLanguage = file.language || 'yaml';
  const openRaw = text.slice(3, text.search(/\r?\n/));
  // gray-matter's matter runs from after the language (when there is one) to the "\n" before
  // the closing fence.
  const expected = text.slice(language ? 3 + openRaw.length : 3, closeLineStart - 1);
  const ourLanguage = language === 'yml' ? 'yml' : language || 'yaml';
  if (grayLanguage !== ourLanguage || file.matter !== expected) {
    return problem(
      'ambiguous-fence',
      'The front matter fences are ambiguous (a line starting with --- inside the front matter?).',
    );
  }
  if (seen.yaml !== null && seen.yaml !== expected) {
    return problem('ambiguous-fence', 'The front matter fences are ambiguous.');
  }
  return null;
}
