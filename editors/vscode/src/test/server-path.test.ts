import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveServerPath, ServerPathContext } from '../settings';

function ctx(files: string[], over: Partial<ServerPathContext> = {}): ServerPathContext {
  const set = new Set(files);
  return {
    configured: '',
    extensionPath: '/ext/copydesk-0.1.0',
    workspaceFolder: '/news/desk',
    home: '/home/ana',
    envPath: '/usr/local/bin:/usr/bin:/home/ana/.cargo/bin',
    platform: 'linux',
    isExecutable: (f) => set.has(f),
    ...over,
  };
}

test('the bundled server comes first when nothing is configured', () => {
  assert.deepEqual(resolveServerPath(ctx(['/ext/copydesk-0.1.0/server/copydesk', '/usr/bin/copydesk'])), {
    ok: true,
    command: '/ext/copydesk-0.1.0/server/copydesk',
    source: 'bundled',
  });
});

test('then copydesk on PATH, in PATH order', () => {
  assert.deepEqual(resolveServerPath(ctx(['/home/ana/.cargo/bin/copydesk', '/usr/bin/copydesk'])), {
    ok: true,
    command: '/usr/bin/copydesk',
    source: 'path',
  });
});

test('empty PATH entries are skipped (not the current folder)', () => {
  const r = resolveServerPath(ctx(['copydesk'], { envPath: ':/nowhere' }));
  assert.equal(r.ok, false);
});

test('nothing found: a message that says what to do', () => {
  const r = resolveServerPath(ctx([]));
  assert.equal(r.ok, false);
  assert.ok(!r.ok && /copydesk\.server\.path/.test(r.message));
});

test('the setting wins over the bundled server', () => {
  const r = resolveServerPath(
    ctx(['/ext/copydesk-0.1.0/server/copydesk', '/opt/copydesk/bin/copydesk'], { configured: '/opt/copydesk/bin/copydesk' }),
  );
  assert.deepEqual(r, { ok: true, command: '/opt/copydesk/bin/copydesk', source: 'setting' });
});

test('setting: ~, ${workspaceFolder} and relative paths', () => {
  assert.deepEqual(resolveServerPath(ctx(['/home/ana/bin/copydesk'], { configured: '~/bin/copydesk' })), {
    ok: true, command: '/home/ana/bin/copydesk', source: 'setting',
  });
  assert.deepEqual(resolveServerPath(ctx(['/news/desk/target/release/copydesk'], { configured: '${workspaceFolder}/target/release/copydesk' })), {
    ok: true, command: '/news/desk/target/release/copydesk', source: 'setting',
  });
  assert.deepEqual(resolveServerPath(ctx(['/news/desk/target/debug/copydesk'], { configured: './target/debug/copydesk' })), {
    ok: true, command: '/news/desk/target/debug/copydesk', source: 'setting',
  });
});

test('setting: a bare name is looked up on PATH', () => {
  assert.deepEqual(resolveServerPath(ctx(['/usr/local/bin/copydesk-dev'], { configured: 'copydesk-dev' })), {
    ok: true, command: '/usr/local/bin/copydesk-dev', source: 'setting',
  });
  const r = resolveServerPath(ctx([], { configured: 'copydesk-dev' }));
  assert.ok(!r.ok && /not found on PATH/.test(r.message));
});

test('setting that points nowhere is an error, not a silent fallback', () => {
  const r = resolveServerPath(ctx(['/ext/copydesk-0.1.0/server/copydesk'], { configured: '/opt/missing/copydesk' }));
  assert.ok(!r.ok && /\/opt\/missing\/copydesk/.test(r.message));
});

test('a blank setting counts as unset', () => {
  const r = resolveServerPath(ctx(['/ext/copydesk-0.1.0/server/copydesk'], { configured: '   ' }));
  assert.deepEqual(r, { ok: true, command: '/ext/copydesk-0.1.0/server/copydesk', source: 'bundled' });
});

test('windows: .exe names and ; in PATH', () => {
  const r = resolveServerPath({
    configured: '',
    extensionPath: 'C:\\ext\\copydesk',
    envPath: 'C:\\Windows;C:\\Tools',
    platform: 'win32',
    isExecutable: (f) => f === 'C:\\Tools\\copydesk.exe',
  });
  assert.deepEqual(r, { ok: true, command: 'C:\\Tools\\copydesk.exe', source: 'path' });
  const b = resolveServerPath({
    configured: '',
    extensionPath: 'C:\\ext\\copydesk',
    platform: 'win32',
    isExecutable: (f) => f === 'C:\\ext\\copydesk\\server\\copydesk.exe',
  });
  assert.deepEqual(b, { ok: true, command: 'C:\\ext\\copydesk\\server\\copydesk.exe', source: 'bundled' });
});
