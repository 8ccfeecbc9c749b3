/**
 * Conflicted articles, field by field. A conflicted path's three versions are git's index
 * stages :1: (base), :2: (ours) and :3: (theirs); running the merge engine on them lists the
 * clashing fields with their base, ours and theirs values. Resolving applies the editor's
 * choice per field (mine / theirs / an edited value) to the file surgically (the merge engine's
 * resolveConflicts), writes it through the caller's write path, and stages it once no clash is
 * left; the next sync commits it.
 *
 * Choices made so far for a file are remembered in `<git dir>/curator-resolve.json`, keyed by
 * the three stage ids, so a file can be resolved one field at a time (`curator resolve a.md
 * --mine title`, then `--theirs excerpt`) without a field chosen earlier coming back.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceMergedFile } from '../write/index';
import type { ArticleConflicts, ConflictChoice, FieldConflict } from '../../shared/desk';
import { readBlobs } from './blobs';
import type { GitRunner } from './git-runner';
import type { DeskLocation } from './locate';
import { mergeArticle, resolveConflicts, type Choice } from './merge-port';
import { stagePaths } from './commit';
import { attributesLine } from './merge-driver';
import { literal, toArticleId, toRepoPath } from './paths';

/** What conflict listing and resolving need of the desk. */
export interface ConflictContext {
  root: GitRunner;
  location: DeskLocation;
}

/** The three versions of one unmerged path. */
export interface Stages {
  repoPath: string;
  base: Buffer | null;
  ours: Buffer | null;
  theirs: Buffer | null;
  /** The stage object ids, `-` for a missing stage: identifies this conflict. */
  key: string;
}

/**
 * Reads the unmerged stages of every conflicted path (or of `repoPaths`) with
 * `git ls-files -u` and one batch read of their objects.
 */
export async function readStages(
  root: GitRunner,
  repoPaths?: readonly string[],
): Promise<Map<string, Stages>> {
  const args = ['ls-files', '-u', '-z'];
  if (repoPaths) args.push('--', ...repoPaths.map(literal));
  const text = await root.text(args);
  const oids = new Map<string, [string, string, string]>();
  for (const line of text.split('\0')) {
    if (!line) continue;
    // `<mode> <oid> <stage>\t<path>`
    const tab = line.indexOf('\t');
    const [, oid, stage] = line.slice(0, tab).split(' ');
    const path = line.slice(tab + 1);
    const entry = oids.get(path) ?? ['-', '-', '-'];
    entry[Number(stage) - 1] = oid;
    oids.set(path, entry);
  }
  const blobs = await readBlobs(
    root,
    [...oids.values()].flat().filter((o) => o !== '-'),
  );
  const out = new Map<string, Stages>();
  for (const [repoPath, [b, o, t]] of oids) {
    const get = (oid: string): Buffer | null => (oid === '-' ? null : (blobs.get(oid) ?? null));
    out.set(repoPath, {
      repoPath,
      base: get(b),
      ours: get(o),
      theirs: get(t),
      key: `${b} ${o} ${t}`,
    });
  }
  return out;
}

/** The kind of conflict a path's stages make. */
export function kindOf(s: Stages): ArticleConflicts['kind'] {
  if (!s.ours) return 'deleted-by-us';
  if (!s.theirs) return 'deleted-by-them';
  if (!s.base) return 'added-by-both';
  return 'both-edited';
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const text = (b: Buffer | null): string | null => (b ? decoder.decode(b) : null);
/** JSON has no `undefined`: an absent value is `null`. */
const defined = (v: unknown): unknown => (v === undefined ? null : v);

/** The clashing fields of one conflicted path, before any choice. */
export function rawConflicts(s: Stages): FieldConflict[] {
  if (!s.ours || !s.theirs) {
    // Deleted on one side, edited on the other: the whole file is the clash.
    return [{ path: '', base: text(s.base), ours: text(s.ours), theirs: text(s.theirs) }];
  }
  const merged = mergeArticle(s.base, s.ours, s.theirs);
  return merged.conflicts.map((c) => ({
    path: c.path,
    base: defined(c.base),
    ours: defined(c.ours),
    theirs: defined(c.theirs),
  }));
}

/** `true` when a choice for `choicePath` settles the clash at `path` (itself or inside it). */
export function covers(choicePath: string, path: string): boolean {
  return (
    choicePath === '' ||
    choicePath === path ||
    path.startsWith(`${choicePath}.`) ||
    path.startsWith(`${choicePath}[`)
  );
}

interface Record {
  key: string;
  choices: Choice[];
}

function recordFile(location: DeskLocation): string {
  return join(location.gitDir, 'curator-resolve.json');
}

async function loadRecords(location: DeskLocation): Promise<Map<string, Record>> {
  try {
    const raw = JSON.parse(await fsp.readFile(recordFile(location), 'utf8')) as unknown;
    if (!raw || typeof raw !== 'object') return new Map();
    return new Map(Object.entries(raw as { [path: string]: Record }));
  } catch {
    return new Map();
  }
}

async function saveRecords(location: DeskLocation, records: Map<string, Record>): Promise<void> {
  const file = recordFile(location);
  if (records.size === 0) {
    await fsp.rm(file, { force: true });
    return;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, JSON.stringify(Object.fromEntries(records), null, 2));
  await fsp.rename(tmp, file);
}

/** Choices recorded for these stages (none when the conflict is a new one). */
function recorded(records: Map<string, Record>, s: Stages): Choice[] {
  const r = records.get(s.repoPath);
  return r && r.key === s.key && Array.isArray(r.choices) ? r.choices : [];
}

/** Articles in conflict (all, or just `id`), each with the fields still to resolve. */
export async function conflictsOf(ctx: ConflictContext, id?: string): Promise<ArticleConflicts[]> {
  const { root, location } = ctx;
  const stages = await readStages(
    root,
    id === undefined ? undefined : [toRepoPath(location.prefix, id)],
  );
  const records = await loadRecords(location);
  const out: ArticleConflicts[] = [];
  for (const s of stages.values()) {
    const articleId = toArticleId(location.prefix, s.repoPath);
    if (articleId === null) continue;
    const settled = recorded(records, s);
    const conflicts = rawConflicts(s).filter((c) => !settled.some((ch) => covers(ch.path, c.path)));
    out.push({ path: articleId, kind: kindOf(s), conflicts });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The editor's choice for one field path. */
export interface FieldChoice {
  /** A clashing field path (as listed), `body`, or `''` for the whole file. */
  path: string;
  choice: ConflictChoice;
}

/**
 * Writes an article's new bytes through the caller's write path (the Library in the app, the
 * CLI's atomic write) if the file still holds `expected` (null: the file is absent).
 * @throws when the file changed meanwhile.
 */
export type ArticleWriter = (
  abs: string,
  bytes: Uint8Array,
  expected: Uint8Array | null,
) => Promise<void>;

/** Outcome of resolving (some fields of) one article. */
export interface ResolveOutcome {
  path: string;
  /** `true` when no clash is left and the file is staged: the next sync commits it. */
  staged: boolean;
  /** Clashes still to resolve. */
  remaining: FieldConflict[];
}

/** Why a resolve was refused (nothing written). */
export class ResolveRefused extends Error {
  constructor(
    readonly code: 'not-conflicted' | 'bad-field' | 'bad-choice',
    message: string,
  ) {
    super(message);
    this.name = 'ResolveRefused';
  }
}

function toChoice(c: FieldChoice): Choice {
  if (c.choice === 'mine') return { path: c.path, take: 'ours' };
  if (c.choice === 'theirs') return { path: c.path, take: 'theirs' };
  return { path: c.path, value: c.choice.value };
}

/**
 * Resolves clashing fields of article `id`: `choices` per field, or one side for every clash
 * still open (`'mine'` / `'theirs'`).
 * @throws ResolveRefused when the article is not in conflict or a named field does not clash;
 *   CodecError from the merge engine when a value cannot be written exactly.
 */
export async function resolveArticle(
  ctx: ConflictContext,
  id: string,
  choices: readonly FieldChoice[] | 'mine' | 'theirs',
  write: ArticleWriter,
): Promise<ResolveOutcome> {
  const { root, location } = ctx;
  const repoPath = toRepoPath(location.prefix, id);
  const s = (await readStages(root, [repoPath])).get(repoPath);
  if (!s) throw new ResolveRefused('not-conflicted', `${id} is not in conflict.`);
  const records = await loadRecords(location);
  const prior = recorded(records, s);
  const open = rawConflicts(s).filter((c) => !prior.some((ch) => covers(ch.path, c.path)));
  const asked: FieldChoice[] =
    typeof choices === 'string'
      ? open.map((c) => ({ path: c.path, choice: choices }))
      : [...choices];
  for (const c of asked) {
    const all = rawConflicts(s);
    if (!all.some((k) => covers(c.path, k.path) || covers(k.path, c.path))) {
      throw new ResolveRefused(
        'bad-field',
        `${c.path || '(whole file)'} is not a clashing field of ${id}.`,
      );
    }
  }
  const abs = join(location.root, ...repoPath.split('/'));
  let current = await fsp.readFile(abs).catch(() => null);

  if (!s.ours || !s.theirs) {
    // Deleted on one side: the choice is between the article and its deletion.
    const c = asked.find((k) => k.path === '') ?? asked[0];
    if (!c) return { path: id, staged: false, remaining: open };
    const keep =
      c.choice === 'mine' ? s.ours : c.choice === 'theirs' ? s.theirs : encodeValue(c.choice.value);
    if (keep === null) {
      await root.run(['rm', '--quiet', '--force', '--', literal(repoPath)]);
    } else {
      if (current === null) {
        // Deleted here: git itself brings their version back (Curator's write path edits files,
        // it never creates one); an edited value is written on top of it next.
        await root.run(['checkout', '--theirs', '--', literal(repoPath)]);
        current = await fsp.readFile(abs).catch(() => null);
      }
      if (!current || Buffer.compare(current, Buffer.from(keep)) !== 0)
        await write(abs, keep, current);
      await root.run(['add', '--', literal(repoPath)]);
    }
    records.delete(repoPath);
    await saveRecords(location, records);
    return { path: id, staged: true, remaining: [] };
  }

  const whole = asked.find((k) => k.path === '' && typeof k.choice === 'string');
  if (whole) {
    // One side's whole file (a malformed side is only ever resolved so): git writes that
    // version itself, byte for byte, as `git checkout --ours/--theirs` does.
    await root.run([
      'checkout',
      whole.choice === 'mine' ? '--ours' : '--theirs',
      '--',
      literal(repoPath),
    ]);
    await root.run(['add', '--', literal(repoPath)]);
    records.delete(repoPath);
    await saveRecords(location, records);
    return { path: id, staged: true, remaining: [] };
  }

  const merged = [
    ...prior.filter((p) => !asked.some((a) => a.path === p.path)),
    ...asked.map(toChoice),
  ];
  const base = current ?? s.ours;
  const res = resolveConflicts(base, s.base, s.ours, s.theirs, merged);
  if (!current || Buffer.compare(current, Buffer.from(res.bytes)) !== 0) {
    await write(abs, res.bytes, current);
  }
  const remaining = res.remaining.map((c) => ({
    path: c.path,
    base: defined(c.base),
    ours: defined(c.ours),
    theirs: defined(c.theirs),
  }));
  if (remaining.length === 0) {
    await root.run(['add', '--', literal(repoPath)]);
    records.delete(repoPath);
  } else {
    records.set(repoPath, { key: s.key, choices: merged });
  }
  await saveRecords(location, records);
  return { path: id, staged: remaining.length === 0, remaining };
}

function encodeValue(value: unknown): Uint8Array {
  if (typeof value !== 'string') {
    throw new ResolveRefused('bad-choice', 'A whole article can only be replaced by its text.');
  }
  return new TextEncoder().encode(value);
}

/** Whether the driver's attributes line routes `repoPath` to Curator's merge. */
function routedToDriver(prefix: string, repoPath: string): boolean {
  if (!repoPath.toLowerCase().endsWith('.md')) return false;
  return attributesLine(prefix).startsWith('*.md') || repoPath.startsWith(`${prefix}/`);
}

/**
 * Merges, in this process, every unmerged `.md` path the merge driver is registered for, with
 * the same engine and the same bytes as `curator merge-file` (the driver a plain `git pull`
 * runs). A sync's `git merge` passes a stand-in driver that only records the conflict (ours
 * kept, stages 1–3 in the index), because starting a Node process per file costs about
 * 150 ms of CPU: 1,000 concurrently edited articles would take minutes instead of seconds.
 *
 * For each such path whose working file is still what git left (our version) or what the
 * engine writes: the merged bytes are written, and staged when nothing clashed. A file the
 * editor changed since, a deletion on one side, and a clash stay unmerged for the editor.
 * @returns how many paths were merged cleanly and staged.
 */
export async function mergeUnmerged(ctx: ConflictContext): Promise<number> {
  const { root, location } = ctx;
  const stages = [...(await readStages(root)).values()].filter(
    (s) => s.ours && s.theirs && routedToDriver(location.prefix, s.repoPath),
  );
  const clean: string[] = [];
  // CPU work on small files: synchronous reads and writes cost a fraction of promise-based
  // ones here; the event loop gets a turn every few files (the app stays responsive).
  for (let k = 0; k < stages.length; k++) {
    if (k % 16 === 15) await new Promise((r) => setImmediate(r));
    const s = stages[k];
    const abs = join(location.root, ...s.repoPath.split('/'));
    let current: Buffer;
    try {
      current = readFileSync(abs);
    } catch {
      continue; // gone from the working tree: left for the editor
    }
    const merged = mergeArticle(s.base, s.ours!, s.theirs!);
    const bytes = Buffer.from(
      merged.bytes.buffer,
      merged.bytes.byteOffset,
      merged.bytes.byteLength,
    );
    const same = current.equals(bytes);
    if (!same && !current.equals(s.ours!)) continue; // changed by the editor since the merge
    if (!same) replaceMergedFile(abs, bytes);
    if (merged.clean) clean.push(s.repoPath);
  }
  clean.sort();
  await stagePaths(root, clean);
  return clean.length;
}
