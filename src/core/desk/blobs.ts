/**
 * Reading file versions out of the repository: many at once with one `git cat-file --batch`
 * (one process for the 400 versions of a 200-commit history), byte for byte (a BOM, CRLF line
 * endings and invalid UTF-8 survive, so versions parse exactly as the files did).
 */
import type { GitRunner } from './git-runner';

/**
 * Reads objects named by `specs` (`<commit>:<path>`, `:1:<path>`, or an object id). Paths are
 * repository-relative. A spec that names nothing (a file absent in that commit) maps to null;
 * so does a spec with a line break, which the batch protocol cannot carry.
 */
export async function readBlobs(
  root: GitRunner,
  specs: readonly string[],
): Promise<Map<string, Buffer | null>> {
  const out = new Map<string, Buffer | null>();
  for (const [spec, blob] of await readBlobEntries(root, specs)) out.set(spec, blob?.bytes ?? null);
  return out;
}

/** A blob and its object id (the same id means the same bytes). */
export interface BlobEntry {
  oid: string;
  bytes: Buffer;
}

/** {@link readBlobs}, with each blob's object id. */
export async function readBlobEntries(
  root: GitRunner,
  specs: readonly string[],
): Promise<Map<string, BlobEntry | null>> {
  const out = new Map<string, BlobEntry | null>();
  const asked = [...new Set(specs)].filter((s) => {
    if (!/[\n\r]/.test(s)) return true;
    out.set(s, null);
    return false;
  });
  if (asked.length === 0) return out;
  const res = await root.run(['cat-file', '--batch'], { input: `${asked.join('\n')}\n` });
  const buf = res.stdout;
  let pos = 0;
  for (const spec of asked) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) {
      out.set(spec, null);
      continue;
    }
    const header = buf.toString('utf8', pos, nl);
    pos = nl + 1;
    // `<oid> <type> <size>` or `<spec> missing` / `<spec> ambiguous`.
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m) {
      out.set(spec, null);
      continue;
    }
    const size = Number(m[3]);
    out.set(spec, m[2] === 'blob' ? { oid: m[1], bytes: buf.subarray(pos, pos + size) } : null);
    pos += size + 1; // the content, then a line feed
  }
  return out;
}
