#!/usr/bin/env node
// End-to-end test of the copydesk VSIX in a real VS Code: code-server (VS Code's
// workbench served over HTTP) installs the VSIX, Debian's Chromium shows it,
// and playwright-core drives the page like a person with a keyboard and mouse.
// Every assertion reads what the page shows (Problems panel, hover card, the
// editor's text), not the extension's internals.
//
// Usage:
//   node test/e2e.mjs --vsix copydesk-linux-x64.vsix --code-server DIR [--mode full|smoke]
//                     [--screenshot screenshot.png] [--keep]
//   DIR is the code-server npm package folder (test/setup-code-server.sh makes it).
//   The run works in a temporary folder (also TMPDIR for everything it starts) and removes
//   it at the end (--keep: keeps it); a failed run copies its screenshots and logs to
//   test-results/e2e-failure/ first.
//   smoke: only that the VSIX loads (commands, status bar, copydesk.json schema).
//   full: also diagnostics, hover card and a quick fix from the real server.
// Env: CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (one wait, default 60000).

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'code-server': { type: 'string' },
    mode: { type: 'string', default: 'full' },
    screenshot: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
if (!opts.vsix || !opts['code-server']) {
  console.error('usage: node test/e2e.mjs --vsix FILE --code-server DIR [--mode full|smoke] [--screenshot FILE] [--keep]');
  process.exit(2);
}
const FULL = opts.mode === 'full';
const WAIT = Number(process.env.E2E_TIMEOUT_MS ?? 60000);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const csEntry = path.join(path.resolve(opts['code-server']), 'out', 'node', 'entry.js');
const vsix = path.resolve(opts.vsix);

// The fixture article and what the server must find in it (1-based line/col as
// the Problems panel prints them).
const ARTICLE = 'defence-talks.md';
const EXPECT = [
  { word: 'Hoang Xuan Chien', code: 'name-diacritics' },
  { word: 'Permanent Secretary', code: 'title-mismatch' },
  { word: 'Wednesday', code: 'weekday-mismatch' },
  { word: 'Simon Ridlee', code: 'name-spelling' },
];
const FIX = { word: 'Hoang Xuan Chien', title: "Replace with 'Hoàng Xuân Chiến'", result: 'Hoàng Xuân Chiến' };
const CANONICAL = 'Hoàng Xuân Chiến';
const ALIAS = { word: 'Simon Ridlee', title: "Add 'Simon Ridlee' to the workspace table as an alias of Simon Ridley" };
const FIX_ALL = 'Fix all copydesk findings in this file';
const CLEAN_LINE = 'The two delegations plan a follow-up round later in the year.';
// A Vietnamese article of our own (lang: vi): tone-marked text stands before each finding,
// so the UTF-16 columns VS Code counts are not the UTF-8 bytes. `says` picks its row.
const VI = {
  file: 'tham-doan-anh-vi.md',
  expect: [
    { word: 'thứ Hai', code: 'weekday-mismatch', says: 'not a Monday' },
    { word: 'Hoang Xuân Chiến', code: 'name-diacritics', says: "'Hoang Xuân Chiến'" },
  ],
  fix: { word: 'Hoang Xuân Chiến', title: "Replace with 'Hoàng Xuân Chiến'", line: 'Thứ trưởng Hoàng Xuân Chiến cho biết' },
};

// ---------------------------------------------------------------------------
// small helpers

const t0 = Date.now();
function log(msg) {
  console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
}
const results = [];
function skip(name, why) {
  results.push({ name, ok: true, skipped: true });
  log(`skip - ${name}: ${why}`);
}
async function check(name, fn) {
  const start = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`ok   - ${name} (${Date.now() - start} ms)`);
    return true;
  } catch (err) {
    results.push({ name, ok: false, err });
    log(`FAIL - ${name}: ${err?.message ?? err}`);
    if (currentPage) {
      const file = path.join(root, `failure-${results.length}.png`);
      await currentPage.screenshot({ path: file }).then(() => log(`  screenshot ${file}`), () => {});
    }
    return false;
  }
}
function assert(cond, msg) {
  if (!cond) {
    throw new Error(msg);
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what, fn, timeout = WAIT) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) {
        return v;
      }
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
}
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
const norm = (s) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

/** 1-based line and column of `word` in the fixture text. */
function positionOf(text, word) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i].indexOf(word);
    if (col >= 0) {
      return { line: i + 1, col: col + 1 };
    }
  }
  throw new Error(`fixture has no "${word}"`);
}

// ---------------------------------------------------------------------------
// set up a fresh code-server

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-e2e-'));
const userData = path.join(root, 'user-data');
const extDir = path.join(root, 'extensions');
const workspace = path.join(root, 'workspace');
const browserData = path.join(root, 'chromium');
const xdg = path.join(root, 'xdg');
// Everything the run writes stays in `root`: code-server, the extension host, the server,
// Chromium and playwright take their temporary files from TMPDIR, and their config, data
// and caches (code-server's config.yaml, Chromium's crash reports) from the XDG folders.
const tmp = path.join(root, 'tmp');
fs.mkdirSync(tmp);
process.env.TMPDIR = tmp;
process.env.XDG_CONFIG_HOME = path.join(xdg, 'config');
process.env.XDG_DATA_HOME = path.join(xdg, 'data');
process.env.XDG_CACHE_HOME = path.join(xdg, 'cache');
// A failed run leaves its evidence in the package's ignored test-results folder.
const failures = path.join(here, '..', 'test-results', 'e2e-failure');
fs.cpSync(path.join(here, 'fixtures', 'workspace'), workspace, { recursive: true });
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'git.enabled': false,
      'chat.commandCenter.enabled': false,
      'chat.disableAIFeatures': true,
      'editor.minimap.enabled': false,
      'editor.hover.delay': 200,
      'editor.lightbulb.enabled': 'on',
      'editor.fontSize': 15,
      'editor.wordWrap': 'on',
      'markdown.validate.enabled': false,
      'window.restoreWindows': 'none',
      'files.hotExit': 'off',
      'workbench.colorTheme': 'Default Light Modern',
      // Reaches the server as initializationOptions: checked in the Problems panel.
      'copydesk.rules': { 'weekday-mismatch': 'error' },
    },
    null,
    2,
  ),
);
const env = { ...process.env };
delete env.VSCODE_IPC_HOOK_CLI;
const csArgs = ['--user-data-dir', userData, '--extensions-dir', extDir];

let codeServer;
let browser;
let installedDir;
let currentPage;
let exitCode = 1;
const csLog = path.join(root, 'code-server.log');

async function main() {
  log(`temp folder ${root}`);
  const ok = await check('code-server installs the VSIX', async () => {
    const r = spawnSync(process.execPath, [csEntry, ...csArgs, '--install-extension', vsix, '--force'], {
      env,
      encoding: 'utf8',
      timeout: 120000,
    });
    assert(r.status === 0, `--install-extension exited ${r.status}: ${r.stdout}\n${r.stderr}`);
    const list = spawnSync(process.execPath, [csEntry, ...csArgs, '--list-extensions', '--show-versions'], {
      env,
      encoding: 'utf8',
    });
    assert(/copydesk\.copydesk@/.test(list.stdout), `not listed: ${list.stdout} ${list.stderr}`);
    const installed = fs.readdirSync(extDir).find((d) => d.startsWith('copydesk.copydesk'));
    installedDir = path.join(extDir, installed);
    const server = path.join(installedDir, 'server', 'copydesk');
    assert(fs.existsSync(server), `no bundled server at ${server}`);
    assert((fs.statSync(server).mode & 0o111) !== 0, 'bundled server is not executable');
  });
  if (!ok) {
    return;
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  const logFd = fs.openSync(csLog, 'w');
  codeServer = spawn(
    process.execPath,
    [
      csEntry,
      ...csArgs,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, stdio: ['ignore', logFd, logFd], detached: true },
  );
  codeServer.on('exit', (code, sig) => log(`code-server exited (${code ?? sig})`));

  if (!(await check('code-server answers on 127.0.0.1', () =>
    waitFor('code-server /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok)))) {
    return;
  }

  const context = await chromium.launchPersistentContext(browserData, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
  });
  browser = context;
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT);
  currentPage = page;
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  const shot = async (file) => {
    await page.screenshot({ path: file });
    log(`screenshot ${file}`);
  };

  if (!(await check('the workbench loads with the fixture folder', async () => {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: ARTICLE }).first().waitFor();
  }))) {
    return;
  }

  // ---- open the article
  const articleText = fs.readFileSync(path.join(workspace, ARTICLE), 'utf8');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const runCommand = async (label, { opensPicker = false } = {}) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await page.keyboard.press('Enter');
    if (!opensPicker) {
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
  };
  const goTo = async (line, col) => {
    await editor.click();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${col}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  };
  const editorText = async () =>
    norm((await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()));

  if (!(await check(`the article opens in a Markdown editor`, async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: ARTICLE }).first().dblclick();
    await page.locator('.tab.active', { hasText: ARTICLE }).waitFor();
    await waitFor('article text', async () => (await editorText()).includes('Senior Lieutenant General'));
    await waitFor('language Markdown in the status bar', async () =>
      (await page.locator('#status\\.editor\\.mode').innerText()).includes('Markdown'));
  }))) {
    return;
  }

  await check('the extension contributes its three commands', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>copydesk');
    for (const label of ['copydesk: Restart Server', 'copydesk: Open Reference Table', 'copydesk: Show Card']) {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    }
    await page.keyboard.press('Escape');
  });

  await check('the status bar shows the copydesk item', async () => {
    await page.locator('.statusbar-item', { hasText: 'copydesk' }).first().waitFor();
  });

  const jsonProblem = async (file, pattern) => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(file);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: path.basename(file) }).waitFor();
    // The JSON language server marks the bad value.
    await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: pattern }).first();
    await row.waitFor();
    log(`  problem: ${norm(await row.innerText())}`);
    await page.keyboard.press('Control+W');
    await page.locator('.tab.active', { hasText: ARTICLE }).waitFor();
  };

  await check('copydesk.json is checked against the settings schema', () =>
    jsonProblem('schema-check/copydesk.json', /Value is not accepted.*\[Ln 3, Col 25\]/));

  if (fs.existsSync(path.join(installedDir, 'schemas', 'table.schema.json'))) {
    await check('*.table.json is checked against the table schema', () =>
      jsonProblem('schema-check/bad.table.json', /Incorrect type.*\[Ln 2, Col 14\]/));
  } else {
    skip('*.table.json is checked against the table schema', 'this VSIX has no schemas/table.schema.json');
  }

  if (!FULL) {
    if (opts.screenshot) {
      await shot(opts.screenshot);
    }
    return;
  }

  // ---- the real server
  await check('the status bar counts table entries and findings', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'copydesk' }).first();
    const text = await waitFor('entries and findings', async () => {
      const t = norm(await item.innerText());
      return /entr(y|ies)/.test(t) && /findings?/.test(t) ? t : undefined;
    });
    log(`  status bar: ${text}`);
    assert(/[1-9]/.test(text), `no counts in "${text}"`);
  });

  const problems = {};
  await check('the Problems panel lists each finding at the right word (line:col)', async () => {
    await editor.click();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor();
    const rows = panel.locator('.monaco-list-row');
    await waitFor(`${EXPECT.length} copydesk problems`, async () => {
      const texts = await rows.allInnerTexts();
      return EXPECT.every((e) => texts.some((t) => t.includes(e.code)));
    });
    const texts = (await rows.allInnerTexts()).map(norm);
    for (const t of texts) {
      log(`  problem: ${t}`);
    }
    for (const e of EXPECT) {
      const want = positionOf(articleText, e.word);
      const row = texts.find((t) => t.includes(e.code));
      const m = /\[Ln (\d+), Col (\d+)\]/.exec(row);
      assert(m, `no [Ln, Col] in "${row}"`);
      assert(Number(m[1]) === want.line && Number(m[2]) === want.col,
        `${e.code} at ${m[1]}:${m[2]}, expected ${want.line}:${want.col} ("${e.word}")`);
      assert(/copydesk/.test(row), `source copydesk missing in "${row}"`);
      problems[e.code] = row;
    }
    // copydesk.rules from the user settings (initializationOptions) set the severity.
    const weekdayRow = rows.filter({ hasText: 'weekday-mismatch' }).first();
    assert(await weekdayRow.locator('.codicon-error').count() === 1, 'weekday-mismatch is not shown as an error');
    const nameRow = rows.filter({ hasText: 'name-diacritics' }).first();
    assert(await nameRow.locator('.codicon-warning').count() === 1, 'name-diacritics is not shown as a warning');
    const cleanLine = positionOf(articleText, CLEAN_LINE).line;
    const onClean = texts.filter((t) => t.includes('copydesk') && new RegExp(`\\[Ln ${cleanLine}, `).test(t));
    assert(onClean.length === 0, `findings on the correct sentence: ${onClean.join(' | ')}`);
  });

  await check('squiggles are drawn in the editor', async () => {
    const n = await waitFor('squiggles', async () => editor.locator('[class*="squiggly-"]').count());
    log(`  ${n} squiggle decorations`);
    assert(n >= EXPECT.length, `only ${n} squiggles`);
  });

  await check('copydesk.showCard shows the hover card for the name', async () => {
    const p = positionOf(articleText, FIX.word);
    await goTo(p.line, p.col + 2);
    await runCommand('copydesk: Show Card');
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor();
    // The card starts with the canonical name in bold (the finding's message may
    // name it too, so look for the bold one).
    await hover.locator('strong', { hasText: CANONICAL }).first().waitFor();
    const text = norm(await hover.innerText());
    log(`  hover: ${text.slice(0, 300)}`);
    assert(text.includes('name-diacritics'), 'the hover does not show the finding under the cursor');
    await page.keyboard.press('Escape');
  });

  await check('mouse hover on a squiggled word shows the finding and the card', async () => {
    const box = await wordBox(page, FIX.word);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor();
    await hover.locator('strong', { hasText: CANONICAL }).first().waitFor();
    const text = norm(await hover.innerText());
    assert(!text.includes('**'), `card Markdown not rendered: ${text}`);
    assert(text.includes('name-diacritics'), 'the hover does not show the finding');
    await sleep(500);
    if (opts.screenshot) {
      await shot(opts.screenshot);
    }
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  // Ctrl+. at a position until the menu offers `title`. VS Code answers "No code actions
  // available" when its request was overtaken (a diagnostics refresh, a cursor move), and a
  // user would press again: so do we, a few times, and say so in the log.
  async function openActions(pos, title) {
    const menu = page.locator('.action-widget');
    for (let attempt = 1; ; attempt++) {
      await goTo(pos.line, pos.col + 2);
      await page.keyboard.press('Control+.');
      const row = menu.locator('.monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 8000 });
        return menu;
      } catch (err) {
        if (attempt >= 4) {
          throw err;
        }
        log(`  no "${title}" in the menu yet (attempt ${attempt}); pressing Ctrl+. again`);
        await page.keyboard.press('Escape');
        await sleep(500);
      }
    }
  }

  // Choose the action with the keyboard (the menu's overlay takes the mouse).
  async function chooseAction(menu, title) {
    await waitFor(`"${title}" focused`, async () => {
      const focused = norm(await menu.locator('.monaco-list-row.focused').first().innerText().catch(() => ''));
      if (focused.includes(title)) {
        return true;
      }
      await page.keyboard.press('ArrowDown');
      return false;
    }, 10000);
    await page.keyboard.press('Enter');
  }

  await check(`quick fix "${FIX.title}" changes the text`, async () => {
    const p = positionOf(articleText, FIX.word);
    const menu = await openActions(p, FIX.title);
    log(`  actions: ${(await menu.locator('.monaco-list-row').allInnerTexts()).map(norm).join(' | ')}`);
    await chooseAction(menu, FIX.title);
    await waitFor('fixed text', async () => (await editorText()).includes(FIX.result));
    const text = await editorText();
    assert(!text.includes(FIX.word), `"${FIX.word}" still in the text`);
    await waitFor('name-diacritics gone from Problems', async () => {
      const texts = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      return !texts.some((t) => t.includes('name-diacritics'));
    });
  });

  await check(`"${ALIAS.title}" writes copydesk.table.json (workspace/applyEdit) and the finding goes`, async () => {
    const p = positionOf(articleText, ALIAS.word);
    const menu = await openActions(p, ALIAS.title);
    await chooseAction(menu, ALIAS.title);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'copydesk.table.json' }).first().waitFor();
    // The edit may leave the new table open in an editor: save everything so the
    // server reads it from disk, and come back to the article.
    await page.keyboard.press('Control+K');
    await page.keyboard.press('S');
    const table = await waitFor('copydesk.table.json on disk with the alias', async () => {
      const f = path.join(workspace, 'copydesk.table.json');
      const t = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
      return t.includes(ALIAS.word) ? t : undefined;
    });
    log(`  copydesk.table.json: ${table.length} bytes`);
    await page.locator('.tab', { hasText: ARTICLE }).first().click();
    const rows = page.locator('.markers-panel .monaco-list-row');
    try {
      await waitFor('name-spelling gone from Problems', async () =>
        !(await rows.allInnerTexts()).some((t) => t.includes('name-spelling')));
    } catch (err) {
      const bar = norm(await page.locator('.statusbar-item', { hasText: 'copydesk' }).first().innerText());
      throw new Error(`${err.message}; status bar: "${bar}"`);
    }
  });

  await check('a settings change reaches the server (copydesk.rules: weekday-mismatch off)', async () => {
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'copydesk.rules': { 'weekday-mismatch': 'off' } }, null, 2));
    const rows = page.locator('.markers-panel .monaco-list-row');
    try {
      await waitFor('weekday-mismatch gone from Problems', async () =>
        !(await rows.allInnerTexts()).some((t) => t.includes('weekday-mismatch')));
    } catch (err) {
      // Say what the server's own count (copydesk/status, in the status bar) was meanwhile.
      const bar = norm(await page.locator('.statusbar-item', { hasText: 'copydesk' }).first().innerText());
      throw new Error(`${err.message}; status bar: "${bar}"`);
    }
    fs.writeFileSync(settingsFile, '{}');
    await waitFor('weekday-mismatch back in Problems, as an error (user settings)', async () =>
      (await rows.filter({ hasText: 'weekday-mismatch' }).locator('.codicon-error').count()) === 1);
  });

  await check('copydesk.openTable opens the table the server names', async () => {
    await runCommand('copydesk: Open Reference Table');
    const tab = await waitFor('a new active tab', async () => {
      const t = norm(await page.locator('.tab.active').first().innerText());
      return t && !t.includes(ARTICLE) ? t : undefined;
    });
    log(`  opened: ${tab}`);
    assert(/json/i.test(tab), `not a JSON table: ${tab}`);
    await waitFor('table text', async () => (await editorText()).includes('{'));
    await page.keyboard.press('Control+W');
  });

  await check('copydesk.restartServer starts a new server, and the findings come back', async () => {
    await editor.click();
    await runCommand('copydesk: Restart Server');
    // Hovers while the old server stops and the new one starts: a request caught by the
    // stop must not be reported as an error (the next check reads Output for one).
    const lines = await page.locator('.editor-instance .monaco-editor .view-lines').first().boundingBox();
    for (let i = 0; i < 6; i++) {
      await page.mouse.move(lines.x + 40, lines.y + 10);
      await sleep(200);
      await page.mouse.move(lines.x + 140, lines.y + 10);
      await sleep(200);
    }
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await waitFor('title-mismatch listed again', async () =>
      (await rows.allInnerTexts()).some((t) => t.includes('title-mismatch')));
    // Output > copydesk has one "Starting ..." line per server start.
    await runCommand('Output: Show Output Channels', { opensPicker: true });
    const input = page.locator('.quick-input-widget input');
    await waitFor('the channel picker', async () => (await input.getAttribute('placeholder'))?.includes('Output'));
    await input.fill('copydesk');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'copydesk' }).first().waitFor();
    await page.keyboard.press('Enter');
    const out = page.locator('.output-view .monaco-editor .view-lines').first();
    // Counted in the channel's whole text (its log file) as well as on screen: the panel
    // shows only the lines that fit, so a long Output scrolls the first start away.
    const countStarts = (text) => (norm(text).match(/Starting \S+ lsp/g) ?? []).length;
    const starts = await waitFor('two server starts in Output', async () => {
      const inFiles = outputChannelFiles().map((f) => countStarts(fs.readFileSync(f, 'utf8')));
      const n = Math.max(countStarts(await out.innerText()), ...inFiles);
      return n >= 2 ? n : undefined;
    });
    log(`  ${starts} starts in Output > copydesk`);
    const outText = (await out.innerText()).replace(/\u00a0/g, ' ');
    for (const line of outText.split('\n').filter((l) => l.trim() !== '').slice(0, 30)) {
      log(`  output: ${line}`);
    }
    const item = page.locator('.statusbar-item', { hasText: 'copydesk' }).first();
    await waitFor('the status bar counts again', async () => /findings?/.test(norm(await item.innerText())));
  });

  await check('a restart is not an error: Output > copydesk has no error line', async () => {
    // What the panel shows, and the channel's whole text (VS Code keeps it in a log file).
    const shown = (await page.locator('.output-view .monaco-editor .view-lines').first().innerText())
      .replace(/\u00a0/g, ' ');
    const files = outputChannelFiles();
    assert(files.length > 0, `no copydesk output channel file under ${userData}`);
    const whole = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    log(`  ${files.length} channel file(s), ${whole.split('\n').length} lines`);
    assert(/The copydesk server stopped\./.test(whole), `no "The copydesk server stopped." line:\n${whole}`);
    for (const text of [shown, whole]) {
      const bad = text.split('\n').filter((l) => /\[Error|exited with code/.test(l));
      assert(bad.length === 0, `error lines in Output > copydesk: ${bad.join(' | ')}`);
    }
  });

  await check(`Ctrl+. offers "${FIX_ALL}" as a quick fix, and it fixes every finding`, async () => {
    await page.locator('.tab', { hasText: ARTICLE }).first().click();
    const p = positionOf(articleText, 'Wednesday');
    const menu = await openActions(p, FIX_ALL);
    log(`  actions: ${(await menu.locator('.monaco-list-row').allInnerTexts()).map(norm).join(' | ')}`);
    await chooseAction(menu, FIX_ALL);
    await waitFor('both fixes in the text', async () => {
      const text = await editorText();
      return text.includes('on Tuesday, March 4, 2025') && text.includes('Second Permanent Secretary Simon Ridley');
    });
    const rows = page.locator('.markers-panel .monaco-list-row');
    await waitFor('no copydesk finding left in Problems', async () =>
      !(await rows.allInnerTexts()).some((t) => /weekday-mismatch|title-mismatch/.test(t)));
  });

  // ---- a Vietnamese article
  const viText = fs.readFileSync(path.join(workspace, VI.file), 'utf8');
  if (!(await check(`the Vietnamese article ${VI.file} opens`, async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(VI.file);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: VI.file }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: VI.file }).waitFor();
    await waitFor('the Vietnamese text', async () => (await editorText()).includes('Bộ Quốc phòng'));
  }))) {
    return;
  }

  await check('Vietnamese: each finding at its UTF-16 column, underlined over exactly its word', async () => {
    await editor.click();
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await waitFor('the Vietnamese findings in Problems', async () => {
      const texts = await rows.allInnerTexts();
      return VI.expect.every((e) => texts.some((t) => t.includes(e.code) && t.includes(e.says)));
    });
    const texts = (await rows.allInnerTexts()).map(norm);
    const squiggles = editor.locator('[class*="squiggly-"]');
    await waitFor('squiggles', async () => (await squiggles.count()) >= VI.expect.length);
    const boxes = [];
    for (const sq of await squiggles.all()) {
      boxes.push(await sq.boundingBox());
    }
    for (const e of VI.expect) {
      const want = positionOf(viText, e.word);
      const line = viText.split('\n')[want.line - 1];
      assert(Buffer.byteLength(line.slice(0, want.col - 1)) > want.col - 1,
        `fixture: no tone-marked text before "${e.word}"`);
      const row = texts.find((t) => t.includes(e.code) && t.includes(e.says));
      log(`  problem: ${row}`);
      const m = /\[Ln (\d+), Col (\d+)\]/.exec(row);
      assert(m, `no [Ln, Col] in "${row}"`);
      assert(Number(m[1]) === want.line && Number(m[2]) === want.col,
        `${e.code} at ${m[1]}:${m[2]}, expected ${want.line}:${want.col} ("${e.word}")`);
      // The underline starts and ends where the word does: one character off is a
      // whole character's width (about 9 px at this font size).
      const word = await wordBox(page, e.word);
      const under = boxes.filter((b) => b && Math.abs(b.y - word.y) < word.height);
      const exact = under.find((b) =>
        Math.abs(b.x - word.x) <= 2 && Math.abs(b.x + b.width - (word.x + word.width)) <= 2);
      assert(exact, `no underline over exactly "${e.word}" (x ${word.x.toFixed(1)}..${(word.x + word.width).toFixed(1)}); `
        + `on its line: ${under.map((b) => `${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)}`).join(', ') || 'none'}`);
      log(`  underline ${exact.x.toFixed(1)}..${(exact.x + exact.width).toFixed(1)} px, `
        + `"${e.word}" ${word.x.toFixed(1)}..${(word.x + word.width).toFixed(1)} px`);
    }
  });

  await check('Vietnamese: the hover card is in Vietnamese', async () => {
    const box = await wordBox(page, VI.fix.word);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor();
    await hover.locator('strong', { hasText: CANONICAL }).first().waitFor();
    const text = norm(await hover.innerText());
    log(`  hover: ${text.slice(0, 300)}`);
    for (const want of ['Chức danh:', 'Thứ trưởng Bộ Quốc phòng', 'Tiếng Anh: Deputy Defence Minister', 'Gọi lần sau: Chiến']) {
      assert(text.includes(want), `the card has no "${want}"`);
    }
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  await check(`Vietnamese: quick fix "${VI.fix.title}" changes the text`, async () => {
    const p = positionOf(viText, VI.fix.word);
    const menu = await openActions(p, VI.fix.title);
    await chooseAction(menu, VI.fix.title);
    await waitFor('fixed text', async () => (await editorText()).includes(VI.fix.line));
    assert(!(await editorText()).includes(VI.fix.word), `"${VI.fix.word}" still in the text`);
    const rows = page.locator('.markers-panel .monaco-list-row');
    await waitFor('its finding gone from Problems, the weekday one kept', async () => {
      const texts = await rows.allInnerTexts();
      return !texts.some((t) => t.includes(VI.expect[1].says))
        && texts.some((t) => t.includes(VI.expect[0].says));
    });
  });

  if (pageErrors.length) {
    log(`page errors (not failures): ${pageErrors.slice(0, 5).join(' | ')}`);
  }
}

/** The log files VS Code keeps of the Output > copydesk channel. */
function outputChannelFiles() {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(full);
      } else if (/^\d+-copydesk\.log$/.test(e.name)) {
        found.push(full);
      }
    }
  };
  walk(path.join(userData, 'logs'));
  return found;
}

/** Screen box of a word in the editor. */
async function wordBox(page, word) {
  const box = await page.evaluate((w) => {
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ n, start: text.length });
        text += n.data;
      }
      const at = text.replace(/\u00a0/g, ' ').indexOf(w);
      if (at < 0) {
        continue;
      }
      const locate = (off) => {
        const hit = nodes.filter((x) => x.start <= off).pop();
        return [hit.n, off - hit.start];
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + w.length));
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, word);
  assert(box, `"${word}" not on screen`);
  return box;
}

try {
  await main();
} catch (err) {
  results.push({ name: 'unexpected error', ok: false, err });
  log(`FAIL - unexpected error: ${err?.stack ?? err}`);
} finally {
  if (browser) {
    await browser.close().catch(() => {});
  }
  if (codeServer && codeServer.exitCode === null) {
    const gone = new Promise((resolve) => codeServer.once('exit', resolve));
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      codeServer.kill('SIGTERM');
    }
    await Promise.race([gone, sleep(5000)]);
  }
  const failed = results.filter((r) => !r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  const passed = results.length - failed - skipped;
  if (failed > 0) {
    fs.rmSync(failures, { recursive: true, force: true });
    fs.mkdirSync(failures, { recursive: true });
    for (const f of fs.readdirSync(root)) {
      if (/^failure-.*\.png$|^code-server\.log$/.test(f)) {
        fs.copyFileSync(path.join(root, f), path.join(failures, f));
      }
    }
    if (fs.existsSync(path.join(userData, 'logs'))) {
      fs.cpSync(path.join(userData, 'logs'), path.join(failures, 'logs'), { recursive: true });
    }
    log(`copied code-server.log, the workbench logs and failure-*.png to ${failures}`);
    if (fs.existsSync(csLog)) {
      const tail = fs.readFileSync(csLog, 'utf8').split('\n').slice(-30).join('\n');
      console.log(`--- code-server.log (last lines)\n${tail}\n---`);
    }
  }
  if (opts.keep) {
    log(`kept ${root}`);
  } else {
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  }
  console.log(`e2e (${FULL ? 'full' : 'smoke'}): ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}
process.exit(exitCode);
