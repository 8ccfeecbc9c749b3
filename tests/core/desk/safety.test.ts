/**
 * The safety rule set's pure parts: which settings are always overridden, how settings from
 * the repository's own config are neutralised while the user's own stay in force, and the
 * environment git children get.
 */
import { describe, expect, it } from 'vitest';
import { childEnv } from '../../../src/core/desk/git-runner';
import {
  alwaysConfig,
  neutralisedConfig,
  packOptions,
  parseConfigList,
  safetyEnv,
  sameKey,
  type ConfigEntry,
} from '../../../src/core/desk/safety';

const local = (key: string, value: string | null): ConfigEntry => ({
  scope: 'local',
  origin: 'file:.git/config',
  key,
  value,
});
const global = (key: string, value: string): ConfigEntry => ({
  scope: 'global',
  origin: 'file:/home/ann/.gitconfig',
  key,
  value,
});

describe('safety rules', () => {
  it('always turns off fsmonitor, hooks, editors, pagers and the ext transport', () => {
    const pairs = alwaysConfig();
    expect(pairs).toEqual(
      expect.arrayContaining([
        'core.fsmonitor=false',
        'core.hooksPath=/dev/null',
        'core.editor=:',
        'sequence.editor=:',
        'core.pager=cat',
        'protocol.ext.allow=never',
        'log.showSignature=false',
      ]),
    );
    expect(alwaysConfig({ runHooks: true }).some((p) => p.startsWith('core.hooksPath='))).toBe(
      false,
    );
    expect(alwaysConfig({ mergeDriver: "'node' 'c.js' merge-file %O %A %B" })).toContain(
      "merge.curator.driver='node' 'c.js' merge-file %O %A %B",
    );
  });

  it('neutralises programs named by the repository’s config, keeping the user’s own', () => {
    const entries = [
      global('credential.helper', 'osxkeychain'),
      global('core.sshCommand', 'ssh -i ~/.ssh/desk'),
      local('credential.helper', 'touch /tmp/pwned; true'),
      local('core.sshCommand', 'touch /tmp/pwned; ssh'),
      local('core.askPass', '/tmp/evil'),
      local('filter.Evil.smudge', 'touch /tmp/pwned'),
      local('filter.Evil.required', 'true'),
      local('merge.evil.driver', 'touch /tmp/pwned'),
      local('diff.external', 'touch /tmp/pwned'),
      local('gpg.program', '/tmp/evil-gpg'),
      local('commit.gpgSign', 'true'),
      local('remote.origin.uploadpack', 'touch /tmp/pwned; git-upload-pack'),
      local('protocol.ext.allow', 'always'),
      local('pager.log', '/tmp/evil-pager'),
      local('user.name', 'Ann'),
      local('core.fsmonitor', 'touch /tmp/pwned'),
    ];
    expect(neutralisedConfig(entries)).toEqual([
      'credential.helper=',
      'credential.helper=osxkeychain',
      'core.sshCommand=ssh -i ~/.ssh/desk',
      'core.askPass=',
      'filter.Evil.smudge=',
      'filter.Evil.required=false',
      'merge.evil.driver=exit 1',
      'diff.external=',
      'gpg.program=gpg',
      'commit.gpgSign=false',
      'protocol.ext.allow=never',
      'pager.log=false',
    ]);
  });

  it('overrides first-value-wins settings on the command line and in the environment', () => {
    const entries = [
      local('remote.origin.uploadpack', 'touch /tmp/pwned; git-upload-pack'),
      local('remote.origin.receivepack', 'touch /tmp/pwned; git-receive-pack'),
      local('core.gitProxy', 'touch /tmp/pwned'),
      global('remote.backup.uploadpack', '/opt/git/bin/git-upload-pack'),
    ];
    expect(packOptions(entries, 'origin')).toEqual({
      fetch: ['--upload-pack=git-upload-pack'],
      push: ['--receive-pack=git-receive-pack'],
    });
    expect(packOptions(entries, 'backup')).toEqual({ fetch: [], push: [] });
    expect(safetyEnv(entries)).toEqual({ GIT_PROXY_COMMAND: '' });
    expect(safetyEnv([global('core.gitProxy', 'corkscrew')])).toEqual({});
  });

  it('replaces a tampered curator driver only when Curator passes its own', () => {
    const entries = [local('merge.curator.driver', 'touch /tmp/pwned')];
    expect(neutralisedConfig(entries, true)).toEqual([]);
    expect(neutralisedConfig(entries, false)).toEqual(['merge.curator.driver=exit 1']);
  });

  it('compares keys as git does: section and name without case, subsection exactly', () => {
    expect(sameKey('filter.LFS.smudge', 'Filter.LFS.Smudge')).toBe(true);
    expect(sameKey('filter.LFS.smudge', 'filter.lfs.smudge')).toBe(false);
    expect(sameKey('core.sshCommand', 'core.sshcommand')).toBe(true);
  });

  it('parses `git config --list -z --show-scope --show-origin`', () => {
    const text =
      'global\0file:/h/.gitconfig\0user.name\nAnn\0local\0file:.git/config\0core.bare\nfalse\0' +
      'local\0file:.git/config\0core.flag\0';
    expect(parseConfigList(text)).toEqual([
      { scope: 'global', origin: 'file:/h/.gitconfig', key: 'user.name', value: 'Ann' },
      { scope: 'local', origin: 'file:.git/config', key: 'core.bare', value: 'false' },
      { scope: 'local', origin: 'file:.git/config', key: 'core.flag', value: null },
    ]);
  });

  it('gives git children no GIT_* variable, editor or pager from the environment', () => {
    const env = childEnv({
      PATH: '/usr/bin',
      HOME: '/home/ann',
      GIT_DIR: '/elsewhere',
      GIT_SSH_COMMAND: 'touch /tmp/pwned',
      git_exec_path: '/tmp',
      EDITOR: 'vim',
      PAGER: 'less',
      GIT_TERMINAL_PROMPT: '1',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/ann',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
      LANGUAGE: 'C',
    });
  });
});
