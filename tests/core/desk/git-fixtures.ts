/**
 * Real git repositories for the desk tests: a bare repository in a temp folder is the desk's
 * remote, clones are the editors (each with its own user.name / user.email). The tests' own
 * git commands are plain `git` (the editor at a terminal), never Curator's runner.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temp folder removed by {@link cleanup}. */
const made: string[] = [];

/** An isolated HOME, so the machine's own ~/.gitconfig never leaks into a test. */
let home: string | null = null;

/** The environment of the tests' own git commands and of Curator's runner (HOME isolated). */
export function isolateHome(): string {
  if (!home) {
    home = mkdtempSync(join(tmpdir(), 'curator-home-'));
    made.push(home);
    writeFileSync(join(home, '.gitconfig'), '[init]\n\tdefaultBranch = main\n');
  }
  process.env.HOME = home;
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.XDG_CONFIG_HOME = join(home, '.config');
  return home;
}

/** A fresh temp folder. */
export function tempDir(name = 'desk'): string {
  const dir = mkdtempSync(join(tmpdir(), `curator-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes every temp folder made so far. */
export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  home = null;
}

/** Runs plain git in `cwd`; returns stdout. Throws with stderr on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs plain git and returns its exit code and output instead of throwing. */
export function gitStatus(cwd: string, ...args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: git(cwd, ...args) };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Writes files (relative path → text or bytes) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, ...rel.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Reads a file under `dir` as text. */
export function read(dir: string, rel: string): string {
  return readFileSync(join(dir, ...rel.split('/')), 'utf8');
}

/** A desk: a bare remote seeded with `files`, and a function to clone editors from it. */
export interface DeskFixture {
  remote: string;
  /** Clones the remote as an editor called `name` (user.name = name, user.email = name@desk). */
  editor(name: string): string;
}

/** Creates a bare remote whose `main` holds `files` in one first commit. */
export function makeDesk(files: Record<string, string | Uint8Array>): DeskFixture {
  isolateHome();
  const base = tempDir('remote');
  const remote = join(base, 'desk.git');
  git(base, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  const seed = join(base, 'seed');
  git(base, 'clone', '--quiet', remote, seed);
  configure(seed, 'Seeder');
  writeFiles(seed, files);
  git(seed, 'add', '-A');
  git(seed, 'commit', '--quiet', '-m', 'Seed the desk');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  git(seed, 'branch', '--quiet', '--set-upstream-to=origin/main');
  return {
    remote,
    editor(name) {
      const dir = join(tempDir(`editor-${name.toLowerCase()}`), 'desk');
      git(dirname(dir), 'clone', '--quiet', remote, dir);
      configure(dir, name);
      return dir;
    },
  };
}

/** Sets an editor's identity in a clone. */
export function configure(dir: string, name: string): void {
  git(dir, 'config', 'user.name', name);
  git(dir, 'config', 'user.email', `${name.toLowerCase()}@desk.example`);
}

/** One article in the real format (PRODUCT.md §1), with a few fields to vary. */
export function article(o: {
  title: string;
  excerpt?: string;
  topics?: string[];
  published?: boolean;
  review?: string;
  body?: string;
  extra?: string;
}): string {
  const topics = (o.topics ?? ['AI']).map((t) => `  - ${t}`).join('\n');
  return [
    '---',
    'category: news',
    `title: "${o.title}"`,
    `excerpt: "${o.excerpt ?? `Excerpt of ${o.title}.`}"`,
    'publishedDateTime: 2022-09-11T23:01:00Z',
    'webUrl: "https://www.example.com/web"',
    'type: article',
    'quality: 35',
    `published: ${o.published ?? false}`,
    'provider:',
    '  name: AOL',
    '  domain: aol.com',
    'topics:',
    topics,
    ...(o.review ? [o.review] : []),
    ...(o.extra ? [o.extra] : []),
    '---',
    o.body ?? `Body of ${o.title}.`,
    '',
  ].join('\n');
}
