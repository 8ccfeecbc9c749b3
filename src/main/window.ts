/**
 * The main window: sandboxed renderer, context isolation, no Node, the preload as the
 * only bridge. Shown when ready to avoid a white flash.
 */
import { BrowserWindow } from 'electron';

/** Where the window's page and preload live. */
export interface WindowOptions {
  /** Absolute path of the built preload (CommonJS). */
  preload: string;
  /** The app's page: `curator://app/index.html` (src/main/app-protocol.ts) or the dev server URL. */
  appUrl: string;
}

/** The webPreferences every Curator window uses (exported for tests). */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

/** Creates and loads the main window. */
export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Curator',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(opts.preload),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.appUrl);
  return win;
}
