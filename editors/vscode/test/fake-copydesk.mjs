#!/usr/bin/env node
// A stand-in for `copydesk lsp`, only for testing the test: it knows the e2e
// fixture's four findings and speaks just enough LSP for the extension. With it,
// `COPYDESK_BIN=test/fake-copydesk.mjs test.sh` checks that e2e.mjs reads the page
// correctly when no real server is at hand. It is never packaged for users.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

if (process.argv[2] !== 'lsp') {
  console.error('fake copydesk: only `lsp` is supported');
  process.exit(2);
}

const FINDINGS = [
  {
    find: 'Hoang Xuan Chien',
    code: 'name-diacritics',
    severity: 2,
    message: "Name without its diacritics: 'Hoàng Xuân Chiến'",
    fix: 'Hoàng Xuân Chiến',
  },
  {
    find: 'Permanent Secretary',
    code: 'title-mismatch',
    severity: 2,
    message: 'Simon Ridley is Second Permanent Secretary at the Home Office',
    fix: 'Second Permanent Secretary',
    notAfter: 'Second ',
  },
  { find: 'Wednesday', code: 'weekday-mismatch', severity: 1, message: 'March 4, 2025 was a Tuesday', fix: 'Tuesday' },
  {
    find: 'Simon Ridlee',
    code: 'name-spelling',
    severity: 2,
    message: "'Simon Ridlee' is not in the table; the nearest name is 'Simon Ridley'",
    fix: 'Simon Ridley',
    alias: 'Simon Ridley',
  },
];
const aliases = new Set();
let rootPath;
let nextId = 1000;
const CARD = { names: ['Hoang Xuan Chien', 'Hoàng Xuân Chiến'], markdown: '**Hoàng Xuân Chiến**\n\nDeputy Minister of National Defence (Viet Nam)\n\n*fake server*' };

const docs = new Map();
let settings = { rules: {} };
let buffer = Buffer.alloc(0);

function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function positionAt(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
function offsetAt(text, pos) {
  const lines = text.split('\n');
  let off = 0;
  for (let i = 0; i < pos.line; i++) {
    off += lines[i].length + 1;
  }
  return off + pos.character;
}

function diagnostics(text) {
  const out = [];
  for (const f of FINDINGS) {
    if (settings.rules?.[f.code] === 'off' || aliases.has(f.find)) {
      continue;
    }
    let at = text.indexOf(f.find);
    while (at >= 0) {
      if (f.notAfter !== undefined && text.slice(0, at).endsWith(f.notAfter)) {
        at = text.indexOf(f.find, at + f.find.length);
        continue;
      }
      out.push({
        range: { start: positionAt(text, at), end: positionAt(text, at + f.find.length) },
        severity: f.severity,
        code: f.code,
        source: 'copydesk',
        message: f.message,
        data: f.fix ? { fix: f.fix, alias: f.alias, name: f.find } : undefined,
      });
      at = text.indexOf(f.find, at + f.find.length);
    }
  }
  return out;
}

function publish(uri) {
  send({ method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: diagnostics(docs.get(uri) ?? '') } });
}

function handle(msg) {
  const { id, method, params } = msg;
  switch (method) {
    case 'initialize':
      settings = params.initializationOptions ?? settings;
      rootPath = params.rootUri ? new URL(params.rootUri).pathname : undefined;
      return send({
        id,
        result: {
          capabilities: {
            positionEncoding: 'utf-16',
            textDocumentSync: { openClose: true, change: 1 },
            hoverProvider: true,
            codeActionProvider: { codeActionKinds: ['quickfix'] },
            executeCommandProvider: { commands: ['copydesk.openTable', 'copydesk.addToTable'] },
          },
          serverInfo: { name: 'copydesk (fake, for tests)', version: '0' },
        },
      });
    case 'workspace/didChangeConfiguration':
      settings = params.settings?.copydesk ?? settings;
      for (const uri of docs.keys()) {
        publish(uri);
      }
      return;
    case 'textDocument/didOpen':
      docs.set(params.textDocument.uri, params.textDocument.text);
      return publish(params.textDocument.uri);
    case 'textDocument/didChange':
      docs.set(params.textDocument.uri, params.contentChanges[params.contentChanges.length - 1].text);
      return publish(params.textDocument.uri);
    case 'textDocument/didClose':
      docs.delete(params.textDocument.uri);
      return send({ method: 'textDocument/publishDiagnostics', params: { uri: params.textDocument.uri, diagnostics: [] } });
    case 'textDocument/hover': {
      const text = docs.get(params.textDocument.uri) ?? '';
      const off = offsetAt(text, params.position);
      for (const name of CARD.names) {
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
          if (off >= at && off <= at + name.length) {
            return send({
              id,
              result: {
                contents: { kind: 'markdown', value: CARD.markdown },
                range: { start: positionAt(text, at), end: positionAt(text, at + name.length) },
              },
            });
          }
        }
      }
      return send({ id, result: null });
    }
    case 'textDocument/codeAction': {
      const uri = params.textDocument.uri;
      const actions = [];
      for (const d of params.context.diagnostics) {
        if (d.source === 'copydesk' && d.data?.fix) {
          actions.push({
            title: `Replace with '${d.data.fix}'`,
            kind: 'quickfix',
            diagnostics: [d],
            isPreferred: true,
            edit: { changes: { [uri]: [{ range: d.range, newText: d.data.fix }] } },
          });
          if (d.data.alias) {
            actions.push({
              title: `Add '${d.data.name}' to the workspace table as an alias of ${d.data.alias}`,
              kind: 'quickfix',
              diagnostics: [d],
              command: { title: 'add', command: 'copydesk.addToTable', arguments: [d.data.name, d.data.alias] },
            });
          }
        }
      }
      // Fix-all, as a quick fix on a fixable finding when the file has two fixes or more.
      const all = diagnostics(docs.get(uri) ?? '').filter((d) => d.data?.fix);
      if (all.length >= 2 && params.context.diagnostics.some((d) => d.source === 'copydesk' && d.data?.fix)) {
        actions.push({
          title: `Fix all copydesk findings in this file (${all.length})`,
          kind: 'quickfix',
          edit: { changes: { [uri]: all.map((d) => ({ range: d.range, newText: d.data.fix })) } },
        });
      }
      return send({ id, result: actions });
    }
    case 'workspace/executeCommand': {
      if (params.command === 'copydesk.openTable') {
        const file = path.join(os.tmpdir(), 'copydesk-fake-table.json');
        fs.writeFileSync(file, JSON.stringify({ people: [{ name: 'Hoàng Xuân Chiến' }] }, null, 2));
        return send({ id, result: pathToFileURL(file).href });
      }
      if (params.command === 'copydesk.addToTable' && rootPath) {
        const [name, of] = params.arguments;
        const tableUri = pathToFileURL(path.join(rootPath, 'copydesk.table.json')).href;
        const text = JSON.stringify({ people: [{ name: of, aliases: [name] }] }, null, 2) + '\n';
        send({
          id: nextId++,
          method: 'workspace/applyEdit',
          params: {
            label: 'copydesk: add alias',
            edit: {
              documentChanges: [
                { kind: 'create', uri: tableUri, options: { ignoreIfExists: true } },
                {
                  textDocument: { uri: tableUri, version: null },
                  edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }],
                },
              ],
            },
          },
        });
        aliases.add(name);
        setTimeout(() => {
          for (const uri of docs.keys()) {
            publish(uri);
          }
        }, 300);
        return send({ id, result: null });
      }
      return send({ id, error: { code: -32602, message: `unknown command ${params.command}` } });
    }
    case 'copydesk/status': {
      const text = params?.uri !== undefined ? docs.get(params.uri) : undefined;
      return send({
        id,
        result: {
          tables: [{ path: '(fake table)', entries: 3 }],
          entries: 3,
          findings: text === undefined ? null : diagnostics(text).length,
        },
      });
    }
    case 'shutdown':
      return send({ id, result: null });
    case 'exit':
      return process.exit(0);
    default:
      if (id !== undefined && method !== undefined) {
        return send({ id, error: { code: -32601, message: `fake server: no ${method}` } });
      }
  }
}

process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) {
      return;
    }
    const m = /Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'));
    const len = Number(m?.[1] ?? 0);
    if (buffer.length < headerEnd + 4 + len) {
      return;
    }
    const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
    buffer = buffer.subarray(headerEnd + 4 + len);
    handle(JSON.parse(body));
  }
});
process.stdin.on('end', () => process.exit(0));
