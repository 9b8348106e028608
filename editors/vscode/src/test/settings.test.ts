import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  didChangeConfigurationParams,
  expandPath,
  formatStatus,
  isIsoDate,
  isStatusResult,
  tableLocation,
  toServerSettings,
} from '../settings';

const ctx = { workspaceFolder: '/news/desk', home: '/home/ana' };

test('defaults give the empty settings object of the contract', () => {
  const { settings, problems } = toServerSettings({}, ctx);
  assert.deepEqual(settings, { tables: [], noDefaultTable: false, rules: {}, style: [] });
  assert.deepEqual(problems, []);
  assert.equal('publicationDate' in settings, false, 'an empty date is left out, not sent as ""');
});

test('VS Code defaults (empty strings, lists, object) send nothing surprising', () => {
  const { settings, problems } = toServerSettings(
    { tables: [], noDefaultTable: false, rules: {}, style: [], publicationDate: '' },
    ctx,
  );
  assert.deepEqual(settings, { tables: [], noDefaultTable: false, rules: {}, style: [] });
  assert.deepEqual(problems, []);
});

test('every setting reaches the server object under its contract name', () => {
  const { settings, problems } = toServerSettings(
    {
      tables: ['tables/people.table.json', '/srv/shared/desk.table.json'],
      noDefaultTable: true,
      rules: { 'style-variant': 'hint', 'second-reference': 'off', 'title-mismatch': 'error' },
      style: ['Việt Nam', 'Hà Nội'],
      publicationDate: '2025-03-05',
    },
    ctx,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, {
    tables: ['/news/desk/tables/people.table.json', '/srv/shared/desk.table.json'],
    noDefaultTable: true,
    rules: { 'style-variant': 'hint', 'second-reference': 'off', 'title-mismatch': 'error' },
    style: ['Việt Nam', 'Hà Nội'],
    publicationDate: '2025-03-05',
  });
  // The object survives JSON (it is sent as initializationOptions).
  assert.deepEqual(JSON.parse(JSON.stringify(settings)), settings);
});

test('table paths: ~, ${workspaceFolder}, ${userHome}, duplicates and blanks', () => {
  const { settings } = toServerSettings(
    { tables: ['~/tables/a.json', '${workspaceFolder}/b.json', '${userHome}/c.json', '  ', 'b.json', './b.json'] },
    ctx,
  );
  assert.deepEqual(settings.tables, ['/home/ana/tables/a.json', '/news/desk/b.json', '/home/ana/c.json']);
});

test('relative table paths stay relative when there is no workspace folder', () => {
  const { settings } = toServerSettings({ tables: ['people.table.json'] }, { home: '/home/ana' });
  assert.deepEqual(settings.tables, ['people.table.json']);
});

test('expandPath', () => {
  assert.equal(expandPath('~', ctx), '/home/ana');
  assert.equal(expandPath('~/x', ctx), '/home/ana/x');
  assert.equal(expandPath('x/../y', ctx), '/news/desk/y');
  assert.equal(expandPath('/abs/z', ctx), '/abs/z');
});

test('severity spellings are normalised, bad ones dropped with a message', () => {
  const { settings, problems } = toServerSettings(
    { rules: { 'name-spelling': 'Warn', 'invalid-date': 'info', 'weekday-mismatch': 'loud', 'style-variant': 3 } },
    ctx,
  );
  assert.deepEqual(settings.rules, { 'name-spelling': 'warning', 'invalid-date': 'information' });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /weekday-mismatch/);
  assert.match(problems[1], /style-variant/);
});

test('an unknown rule code is passed on, with a note', () => {
  const { settings, problems } = toServerSettings({ rules: { 'future-rule': 'hint' } }, ctx);
  assert.deepEqual(settings.rules, { 'future-rule': 'hint' });
  assert.equal(problems.length, 1);
});

test('wrong types are ignored with a message', () => {
  const { settings, problems } = toServerSettings(
    { tables: 'one.json', noDefaultTable: 'yes', rules: ['off'], style: [1, 'Hà Nội'], publicationDate: 20250304 },
    ctx,
  );
  assert.deepEqual(settings, { tables: [], noDefaultTable: false, rules: {}, style: ['Hà Nội'] });
  assert.equal(problems.length, 5);
});

test('publication date must be a real calendar date', () => {
  assert.equal(isIsoDate('2025-03-04'), true);
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2025-02-29'), false);
  assert.equal(isIsoDate('1900-02-29'), false);
  assert.equal(isIsoDate('2000-02-29'), true);
  assert.equal(isIsoDate('2025-13-01'), false);
  assert.equal(isIsoDate('2025-3-4'), false);
  assert.equal(isIsoDate('4 March 2025'), false);
  const { settings, problems } = toServerSettings({ publicationDate: '2025-02-30' }, ctx);
  assert.equal(settings.publicationDate, undefined);
  assert.equal(problems.length, 1);
  assert.equal(toServerSettings({ publicationDate: ' 2025-03-04 ' }, ctx).settings.publicationDate, '2025-03-04');
});

test('didChangeConfiguration params have the contract shape', () => {
  const { settings } = toServerSettings({ style: ['Hà Nội'] }, ctx);
  assert.deepEqual(didChangeConfigurationParams(settings), {
    settings: { copydesk: { tables: [], noDefaultTable: false, rules: {}, style: ['Hà Nội'] } },
  });
});

test('status: entries and findings from the server', () => {
  const status = { tables: [{ path: '(default)', entries: 1234 }, { path: '/d/x.table.json', entries: 1 }], entries: 1235, findings: 3 };
  assert.equal(isStatusResult(status), true);
  const view = formatStatus(status, 99);
  assert.equal(view.text, 'copydesk: $(book) 1,235 entries  $(warning) 3 findings');
  assert.match(view.tooltip, /\(default\): 1,234 entries/);
  assert.match(view.tooltip, /x\.table\.json: 1 entry/);
});

test('status: counted diagnostics when the server has no count or no status', () => {
  assert.equal(formatStatus({ tables: [], entries: 1, findings: null }, 0).text, 'copydesk: $(book) 1 entry  $(check) 0 findings');
  assert.equal(formatStatus(undefined, 1).text, 'copydesk: $(warning) 1 finding');
  assert.equal(formatStatus(undefined, undefined).text, 'copydesk');
  assert.equal(isStatusResult({ entries: 1 }), false);
  assert.equal(isStatusResult(null), false);
});

test('openTable answer: URI or path', () => {
  assert.deepEqual(tableLocation('file:///tmp/copydesk/default.table.json'), { uri: 'file:///tmp/copydesk/default.table.json' });
  assert.deepEqual(tableLocation('/tmp/x.json'), { path: '/tmp/x.json' });
  assert.deepEqual(tableLocation('C:\\tables\\x.json'), { path: 'C:\\tables\\x.json' });
  assert.equal(tableLocation(null), undefined);
  assert.equal(tableLocation(''), undefined);
});
