/**
 * Electron main process: wires the service (src/core) to one hardened window through
 * typed IPC. Kept thin; everything testable lives in the modules it imports.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { createService } from '../core/service';
import { APP_URL, registerAppProtocol, registerAppScheme } from './app-protocol';
import { forwardEvents, registerIpc, sendMenuCommand, TrustedSenders } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenWebContents, openExternalSafely, secureSession } from './security';
import { createMainWindow } from './window';

// Every renderer is sandboxed, whatever a window's own preferences say.
app.enableSandbox();
// The page's origin is curator://app (never file://); schemes are registered before ready.
registerAppScheme(protocol);

const isDev = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const appUrl = isDev ? String(process.env.ELECTRON_RENDERER_URL) : APP_URL;

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  secureSession(session.defaultSession);
  registerAppProtocol(protocol, join(__dirname, '../renderer'));
  let win: BrowserWindow | null = null;

  const service = createService({
    configDir: app.getPath('userData'),
    sampleFolder: join(app.getAppPath(), 'content'),
    // The renderer opens only what the user chose in the dialog, or a recent folder.
    allowTypedPaths: false,
    openExternal: async (url) => {
      await openExternalSafely(shell, url);
    },
    pickFolder: async () => {
      const options: Electron.OpenDialogOptions = {
        title: 'Open Content Folder',
        properties: ['openDirectory'],
      };
      const r = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    },
  });

  const trusted = new TrustedSenders(appUrl);
  registerIpc(ipcMain, service, trusted);
  forwardEvents(service, () => (win && !win.isDestroyed() ? [win.webContents] : []));

  const refreshMenu = async (): Promise<void> => {
    const recent = await service.recentFolders({});
    const template = buildMenuTemplate({
      isMac: process.platform === 'darwin',
      isDev,
      recent,
      send: (cmd) =>
        sendMenuCommand(BrowserWindow.getFocusedWindow()?.webContents ?? win?.webContents, cmd),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  service.onEvent((e) => {
    if (e.type === 'folder-opened') void refreshMenu();
  });
  await refreshMenu();

  const openWindow = (): void => {
    win = createMainWindow({ preload: join(__dirname, '../preload/index.js'), appUrl });
    trusted.add(win.webContents);
    win.on('closed', () => {
      win = null;
    });
  };
  // The window opens at once; `getFolder` waits for the initial folder, and the scan
  // reports progress through events meanwhile.
  void service.start().catch((err: unknown) => console.error('Could not open a folder:', err));
  openWindow();

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (!win) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void service.close();
  });
}
