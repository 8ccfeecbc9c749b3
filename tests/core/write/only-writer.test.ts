/**
 * Only the write path writes or renames article files (issue 10, "One write path"). This test
 * reads every source file of src/ with the TypeScript parser and lists each call that changes
 * the file system: a mutating node:fs function (write, rename, unlink, chmod, mkdir, …) called
 * by name or through an fs namespace, an `open` with write flags, and any write through a file
 * handle that an fs `open` returned. The list must be exactly the one below: the atomic
 * replacement of src/core/write, plus the few modules that write their own files, never an
 * article (a new write anywhere, even in an allowed module, fails the test until it is
 * reviewed and listed).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', '..', '..', 'src');

/** node:fs functions that change the file system. */
const MUTATING = new Set([
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'rename',
  'renameSync',
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'truncate',
  'truncateSync',
  'ftruncate',
  'ftruncateSync',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'link',
  'linkSync',
  'symlink',
  'symlinkSync',
  'chmod',
  'chmodSync',
  'lchmod',
  'chown',
  'chownSync',
  'lchown',
  'fchmod',
  'fchmodSync',
  'fchown',
  'fchownSync',
  'utimes',
  'utimesSync',
  'futimes',
  'lutimes',
  'createWriteStream',
  'write',
  'writeSync',
  'writev',
  'mkdir',
  'mkdirSync',
  'mkdtemp',
  'mkdtempSync',
]);
/** FileHandle methods that change the file. */
const HANDLE_MUTATING = new Set([
  'write',
  'writeFile',
  'writev',
  'appendFile',
  'truncate',
  'chmod',
  'chown',
  'utimes',
]);
const OPENERS = new Set(['open', 'openSync']);
const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
/** Open flags that write. */
const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_APPEND|O_TRUNC|^['"`][^'"`]*[wa+]/;

/**
 * Every file-system change in src/, by file: the operations, in source order. Reviewed:
 * - core/write/atomic-replace.ts: the one place article files are written, renamed,
 *   linked, unlinked (its own temp files) and given their mode and owner;
 * - core/settings-store.ts: the settings file in the config folder;
 * - core/index/index-cache.ts: the index cache in the cache folder (never in the content folder);
 * - core/bench/*: the benchmark's generated corpus in a temp folder (and its simulated
 *   external edit of a file of that corpus);
 * - core/desk/conflicts.ts: the per-field resolution records in the repository's `.git` folder;
 * - core/desk/git-runner.ts: the empty hooks folder Curator points git at (never the content);
 * - core/desk/merge-driver.ts: the merge driver's line in `.git/info/attributes`;
 * - core/write/atomic-replace.ts also replaces merged files during a sync (replaceMergedFile:
 *   no fsync, git's index holds every side until the merge is committed);
 * - core/bench/process-bench.ts: fresh copies of the generated corpus, the cache and config
 *   folders and the peak-RSS file, all in its temp folder;
 * - cli/build-ui.ts: the first serve of a checkout builds the browser UI into the app's own
 *   `out/` folder (its lock folder there);
 * - cli/index.ts: `writeSync(1, …)`, the CLI's standard output when it is redirected to a file.
 */
const ALLOWED: Record<string, string[]> = {
  'core/write/atomic-replace.ts': [
    'renameSync',
    'linkSync',
    'unlinkSync',
    'unlink',
    'unlinkSync',
    'renameSync',
    'open(write)',
    'handle.writeFile',
    'handle.chmod',
    'handle.chown',
    'unlink',
    'writeFileSync',
    'renameSync',
    'rmSync',
  ],
  'core/desk/conflicts.ts': ['rm', 'writeFile', 'rename'],
  'core/desk/git-runner.ts': ['mkdir'],
  'core/desk/merge-driver.ts': ['mkdir', 'writeFile', 'rename'],
  'core/settings-store.ts': ['mkdir', 'open(write)', 'handle.writeFile', 'rename', 'unlink'],
  'core/index/index-cache.ts': [
    'mkdirSync',
    'open(write)',
    // (its temp file: lines copied from the old cache, and the header's final figures)
    'writeSync',
    'writeSync',
    'rename',
    'rmSync',
    'writeSync',
    'unlink',
  ],
  'core/bench/process-bench.ts': [
    'rmSync',
    'cpSync',
    'rmSync',
    'open(write)',
    'mkdtempSync',
    'rmSync',
    'rmSync',
    'rmSync',
    'rmSync',
    'rmSync',
    'mkdirSync',
  ],
  'cli/build-ui.ts': ['mkdirSync', 'mkdirSync', 'rmSync'],
  'cli/index.ts': ['writeSync'],
  'core/bench/corpus.ts': ['mkdirSync', 'writeFileSync'],
  'core/bench/desk-bench.ts': ['writeFileSync', 'mkdtempSync', 'rmSync', 'rmSync'],
  'core/bench/run-bench.ts': ['mkdtemp', 'rmSync', 'rm', 'writeFileSync'],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(abs));
    else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(abs);
  }
  return out;
}

/** The file-system changing calls of one source file, in source order. */
function fsWrites(text: string, fileName: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const named = new Map<string, string>(); // local name -> fs export name
  const namespaces = new Set<string>(); // fs module objects (fs, fsp, promises)
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (!FS_MODULES.has(st.moduleSpecifier.text) || !st.importClause) continue;
    const clause = st.importClause;
    if (clause.name) namespaces.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        const imported = (el.propertyName ?? el.name).text;
        if (imported === 'promises') namespaces.add(el.name.text);
        else named.set(el.name.text, imported);
      }
    }
  }
  const fsName = (callee: ts.Expression): string | null => {
    if (ts.isIdentifier(callee)) return named.get(callee.text) ?? null;
    if (ts.isPropertyAccessExpression(callee)) {
      let obj = callee.expression;
      if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'promises') obj = obj.expression;
      if (ts.isIdentifier(obj) && namespaces.has(obj.text)) return callee.name.text;
    }
    return null;
  };
  const handles = new Set<string>();
  const found: string[] = [];
  const isOpenCall = (e: ts.Expression): e is ts.CallExpression => {
    const inner = ts.isAwaitExpression(e) ? e.expression : e;
    if (!ts.isCallExpression(inner)) return false;
    const name = fsName(inner.expression);
    return name !== null && OPENERS.has(name);
  };
  const visit = (node: ts.Node): void => {
    // Variables holding what an fs `open` returned are file handles.
    if (ts.isVariableDeclaration(node) && node.initializer && isOpenCall(node.initializer)) {
      if (ts.isIdentifier(node.name)) handles.add(node.name.text);
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(node.left) &&
      isOpenCall(node.right)
    ) {
      handles.add(node.left.text);
    }
    if (ts.isCallExpression(node)) {
      const name = fsName(node.expression);
      if (name !== null && MUTATING.has(name)) found.push(name);
      if (name !== null && OPENERS.has(name)) {
        const flags = node.arguments[1];
        if (flags && WRITE_FLAGS.test(flags.getText(sf))) found.push('open(write)');
      }
      const callee = node.expression;
      if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        handles.has(callee.expression.text) &&
        HANDLE_MUTATING.has(callee.name.text)
      ) {
        found.push(`handle.${callee.name.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('only the write path writes article files', () => {
  const all = Object.fromEntries(
    sourceFiles(SRC)
      .map(
        (abs) =>
          [
            relative(SRC, abs).split(sep).join('/'),
            fsWrites(readFileSync(abs, 'utf8'), abs),
          ] as const,
      )
      .filter(([, ops]) => ops.length > 0),
  );

  it('finds every file-system change in src/, and they are exactly the reviewed ones', () => {
    expect(all).toEqual(ALLOWED);
  });

  it('inside src/core/write, only the atomic replacement touches the disk', () => {
    expect(Object.keys(all).filter((f) => f.startsWith('core/write/'))).toEqual([
      'core/write/atomic-replace.ts',
    ]);
  });

  it('would notice a new writer (the scanner itself is checked)', () => {
    const sample = `
      import { promises as fsp, renameSync } from 'node:fs';
      import * as fs from 'fs';
      import { open } from 'node:fs/promises';
      async function sneaky(p: string) {
        renameSync(p, p + '.bak');
        await fsp.writeFile(p, 'x');
        fs.promises.unlink(p);
        const h = await open(p, 'r+');
        await h.write('y');
        const r = await open(p, 'r');
        await r.read();
        res.write('not a file');
      }`;
    expect(fsWrites(sample, 'sample.ts')).toEqual([
      'renameSync',
      'writeFile',
      'unlink',
      'open(write)',
      'handle.write',
    ]);
  });
});
