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
    return fail(
      problem('no-front-matter', 'The file has no front matter (it must start with a --- line).'),
    );
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
    return fail(
      problem(
        'foreign-front-matter',
        `The front matter is written in "${language}", not YAML; it is never evaluated and the file cannot be edited.`,
      ),
      fm,
      innerEnd >= 0 ? text.slice(bodyStart) : '',
    );
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
