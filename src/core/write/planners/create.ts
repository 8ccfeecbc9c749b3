/**
 * "Save as new file" (issue "Trust on a live desk", §1): an article deleted on disk while it
 * was open is written again from what the editor holds: the file as last read (its raw front
 * matter and body) with the editor's unsaved patch applied surgically, like a save. The write
 * path creates the file only where no file is (a `create` target, engine.ts).
 */
import type { PatchOp } from '../../../shared/article';
import { parseArticle } from '../../codec/index';
import { malformedReason } from '../engine';
import { patchPlan, type FileAsRead, type Planner } from '../planner';

/** The article as the editor last read it, as the renderer holds it ({@link Article} fields). */
export interface ArticleText {
  /** The raw front matter between the fences (as `Article.frontMatter`). */
  frontMatter: string;
  /** Everything after the closing fence line (as `Article.body`). */
  body: string;
}

/**
 * The bytes of an article file from its parts: `---`, the front matter, `---`, the body. The
 * line ending is the front matter's own (CRLF when it uses CRLF); a front matter without a
 * final line break gets one, so the closing fence stays on its own line.
 */
export function articleBytes({ frontMatter, body }: ArticleText): Uint8Array {
  const eol = frontMatter.includes('\r\n') ? '\r\n' : '\n';
  const inner = frontMatter === '' || frontMatter.endsWith('\n') ? frontMatter : frontMatter + eol;
  return new TextEncoder().encode(`---${eol}${inner}---${eol}${body}`);
}

/**
 * Plans a new file: {@link articleBytes} of `text` with `ops` applied (at most the save's
 * limit of ops, checked by the contract). Refused when the text does not parse safely (then
 * Curator would be writing a file it lists as malformed) or the codec refuses the patch.
 */
export function createPlanner(text: ArticleText, ops: readonly PatchOp[]): Planner {
  const bytes = articleBytes(text);
  return (target) => {
    const parsed = parseArticle(bytes);
    if (parsed.malformed || parsed.data === null) {
      return {
        kind: 'refuse',
        code: 'malformed',
        reason: malformedReason(parsed),
        problems: parsed.problems,
      };
    }
    const file: FileAsRead = { ...target, bytes, parsed, data: parsed.data };
    const plan = patchPlan(file, ops, 'Saved as a new file');
    if (plan.kind !== 'unchanged') return plan;
    return { kind: 'write', bytes, parsed, note: 'Saved as a new file' };
  };
}
