/**
 * Persistent user settings of the app (reviewer name, last and recent folders, saved views),
 * kept in one JSON file under a config directory: Electron's userData in desktop
 * mode, `~/.config/curator` (or `$CURATOR_CONFIG_DIR`) for `curator serve`.
 */
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { savedViewSchema, type SavedView } from '../shared/contract';

/** Shape of the settings file. Unknown or ill-typed values are ignored on load. */
export interface StoredSettings {
  reviewer?: string;
  /** E-mail of the editor: with the reviewer name, the author of desk commits (else git's identity). */
  email?: string;
  /** Content folders whose repository hooks run on sync (off everywhere else). */
  hookFolders?: string[];
  lastFolder?: string;
  recentFolders: string[];
  /** The editor's saved views (named filter sets), in tab order. */
  views: SavedView[];
}

/** How many saved views are kept. */
export const MAX_VIEWS = 50;

/** How many folders File › Open Recent remembers. */
export const MAX_RECENT = 10;

/** Name of the settings file inside the config directory. */
export const SETTINGS_FILE = 'settings.json';

/** The config directory of browser mode and the CLI: `$CURATOR_CONFIG_DIR` or `~/.config/curator`. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.CURATOR_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'curator')
  );
}

/** The OS user name, used as reviewer when none is set. */
export function osUserName(): string {
  try {
    return userInfo().username || 'editor';
  } catch {
    // userInfo throws when the uid has no passwd entry (some containers).
    return process.env.USER || process.env.USERNAME || 'editor';
  }
}

/**
 * A plausible e-mail for a git identity: one `@`, no spaces, no `<>` (git would reject or
 * mangle those in `Name <email>`), at most 200 characters.
 */
export function isEmail(s: string): boolean {
  return s.length <= 200 && /^[^\s<>@]+@[^\s<>@]+$/.test(s);
}

function sanitize(raw: unknown): StoredSettings {
  const out: StoredSettings = { recentFolders: [], views: [] };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.reviewer === 'string' && r.reviewer.trim()) out.reviewer = r.reviewer.trim();
  if (typeof r.email === 'string' && isEmail(r.email.trim())) out.email = r.email.trim();
  if (Array.isArray(r.hookFolders)) {
    out.hookFolders = r.hookFolders.filter(
      (f): f is string => typeof f === 'string' && f.length > 0,
    );
  }
  if (typeof r.lastFolder === 'string' && r.lastFolder) out.lastFolder = r.lastFolder;
  if (Array.isArray(r.recentFolders)) {
    out.recentFolders = r.recentFolders
      .filter((f): f is string => typeof f === 'string' && f.length > 0)
      .slice(0, MAX_RECENT);
  }
  if (Array.isArray(r.views)) {
    // A view the current schema does not accept (hand-edited, older) is dropped, not served.
    for (const v of r.views.slice(0, MAX_VIEWS)) {
      const parsed = savedViewSchema.safeParse(v);
      if (parsed.success) out.views.push(parsed.data);
    }
  }
  return out;
}

/** Reads and writes the settings file; writes are atomic (temp file + rename). */
export class SettingsStore {
  private data: StoredSettings = { recentFolders: [], views: [] };
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {}

  /** Loads the file; a missing or corrupt file yields defaults (settings are not precious). */
  async load(): Promise<StoredSettings> {
    try {
      this.data = sanitize(JSON.parse(await readFile(join(this.dir, SETTINGS_FILE), 'utf8')));
    } catch {
      this.data = { recentFolders: [], views: [] };
    }
    return this.get();
  }

  /** A copy of the current settings. */
  get(): StoredSettings {
    return {
      ...this.data,
      recentFolders: [...this.data.recentFolders],
      views: structuredClone(this.data.views),
    };
  }

  /** Merges `patch` and persists. Writes are serialized so the last update wins on disk. */
  update(patch: Partial<StoredSettings>): Promise<void> {
    this.data = sanitize({ ...this.data, ...patch });
    const snapshot = JSON.stringify(this.data, null, 2) + '\n';
    this.writing = this.writing.then(() => this.write(snapshot)).catch(() => this.write(snapshot));
    return this.writing;
  }

  /** Records `folder` as opened: it becomes the last folder and heads the recent list. */
  rememberFolder(folder: string): Promise<void> {
    const recent = [folder, ...this.data.recentFolders.filter((f) => f !== folder)];
    return this.update({ lastFolder: folder, recentFolders: recent.slice(0, MAX_RECENT) });
  }

  private async write(text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, SETTINGS_FILE);
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }
}
