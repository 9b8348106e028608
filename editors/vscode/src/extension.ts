import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RequestType,
  State,
  StaticFeature,
  DynamicFeature,
} from 'vscode-languageclient/node';
import {
  ServerSettings,
  StatusResult,
  didChangeConfigurationParams,
  formatStatus,
  isStatusResult,
  resolveServerPath,
  tableLocation,
  toServerSettings,
} from './settings';

const SECTION = 'copydesk';
const SOURCE = 'copydesk';
/** Commands this extension registers itself, even when the server also offers them. */
const CLIENT_COMMANDS = new Set(['copydesk.openTable', 'copydesk.restartServer', 'copydesk.showCard']);

interface StatusParams {
  uri?: string;
}
const StatusRequest = new RequestType<StatusParams, StatusResult, void>('copydesk/status');

/**
 * The client of vscode-languageclient registers every command the server lists in
 * `executeCommandProvider` as a VS Code command. `copydesk.openTable` is both a
 * server command and ours (ours also opens the file), so keep it out of that list.
 */
class CopydeskClient extends LanguageClient {
  /** Set when we stop this client (a restart, a new server path, deactivation). */
  public retiring = false;

  /**
   * A request the editor sent just before we stopped this client fails inside
   * vscode-languageclient with "Starting server failed" (the connection is gone by the
   * time the request gets it). That is our stop, not an error: answer it with the
   * default (no code actions, no hover) instead of an error line and a notification.
   */
  public override handleFailedRequest<T>(
    type: Parameters<LanguageClient['handleFailedRequest']>[0],
    token: Parameters<LanguageClient['handleFailedRequest']>[1],
    error: unknown,
    defaultValue: T,
    showNotification?: boolean,
  ): T {
    if (this.retiring) {
      return defaultValue;
    }
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification);
  }

  public override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const dynamic = feature as DynamicFeature<{ commands?: string[] }> & { registrationType?: { method: string } };
    if (dynamic.registrationType?.method === ExecuteCommandRequest.method) {
      const register = dynamic.register.bind(dynamic);
      dynamic.register = (data) => {
        const commands = (data.registerOptions?.commands ?? []).filter((c) => !CLIENT_COMMANDS.has(c));
        register({ ...data, registerOptions: { ...data.registerOptions, commands } });
      };
    }
    super.registerFeature(feature);
  }
}

let client: CopydeskClient | undefined;
/** The running server process, and whether we asked it to stop. */
let server: { process: cp.ChildProcess; stopping: boolean } | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
let startError: string | undefined;
let statusTimer: NodeJS.Timeout | undefined;
let statusRequestSupported = true;

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function workspaceFolderPath(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

function currentSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const { settings, problems } = toServerSettings(
    {
      tables: config.get('tables'),
      noDefaultTable: config.get('noDefaultTable'),
      rules: config.get('rules'),
      style: config.get('style'),
      publicationDate: config.get('publicationDate'),
      language: config.get('language'),
      dateOrder: config.get('dateOrder'),
    },
    { workspaceFolder: workspaceFolderPath(), home: os.homedir() },
  );
  for (const p of problems) {
    output.appendLine(`[settings] ${p}`);
  }
  return settings;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  startError = undefined;
  const resolved = resolveServerPath({
    configured: vscode.workspace.getConfiguration(SECTION).get<string>('server.path') ?? '',
    extensionPath: context.extensionPath,
    workspaceFolder: workspaceFolderPath(),
    home: os.homedir(),
    envPath: process.env.PATH,
    isExecutable,
  });
  if (!resolved.ok) {
    startError = resolved.message;
    output.appendLine(resolved.message);
    updateStatusSoon(0);
    const choice = await vscode.window.showErrorMessage(resolved.message, 'Open Settings');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.server.path');
    }
    return;
  }
  output.appendLine(`Starting ${resolved.command} lsp (${resolved.source})`);

  // We start the process ourselves (not with the client's `command` option) so that its
  // exit is ours to report: the client calls every exit an error, even the exit with
  // code 0 that follows a stop we asked for, as on a restart.
  const serverOptions = async (): Promise<cp.ChildProcess> => {
    const child = cp.spawn(resolved.command, ['lsp'], { cwd: workspaceFolderPath(), stdio: 'pipe' });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.on('error', (err) => output.appendLine(`copydesk server process: ${err.message}`));
    const run = { process: child, stopping: false };
    server = run;
    child.on('exit', (code, signal) => {
      if (server === run) {
        server = undefined;
      }
      const how = signal !== null ? `signal ${signal}` : `code ${code}`;
      if (run.stopping && code === 0) {
        output.appendLine('The copydesk server stopped.');
      } else if (run.stopping) {
        output.appendLine(`The copydesk server stopped with ${how}.`);
      } else {
        c.error(`The copydesk server exited with ${how}.`, undefined, false);
      }
    });
    return child;
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: () => currentSettings(),
    outputChannel: output,
    middleware: {
      workspace: {
        // Pull-style settings (workspace/configuration) get the same object as the push.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) {
            return answer;
          }
          return params.items.map((item, i) => (item.section === SECTION ? currentSettings() : answer[i]));
        },
      },
    },
  };

  const c = new CopydeskClient(SECTION, 'copydesk', serverOptions, clientOptions);
  client = c;
  c.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      statusRequestSupported = true;
    }
    updateStatusSoon(0);
  });
  try {
    await c.start();
  } catch (err) {
    startError = `copydesk server failed to start: ${err instanceof Error ? err.message : String(err)}`;
    output.appendLine(startError);
  }
  updateStatusSoon(0);
}

/** Stops the client and its server: shutdown and exit, then a kill if it is still there. */
async function stopClient(): Promise<void> {
  const c = client;
  const run = server;
  client = undefined;
  if (run !== undefined) {
    run.stopping = true;
  }
  if (c !== undefined) {
    c.retiring = true;
    try {
      await c.stop(5000);
    } catch (err) {
      output.appendLine(`stopping the server: ${String(err)}`);
    }
  }
  if (run !== undefined && run.process.exitCode === null && run.process.signalCode === null) {
    const exited = new Promise<void>((resolve) => run.process.once('exit', () => resolve()));
    const late = setTimeout(() => run.process.kill(), 2000);
    await exited;
    clearTimeout(late);
  }
}

function isChecked(doc: vscode.TextDocument): boolean {
  return (doc.languageId === 'markdown' || doc.languageId === 'plaintext') &&
    (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

function countFindings(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).length;
}

function updateStatusSoon(delay = 250): void {
  if (statusTimer !== undefined) {
    clearTimeout(statusTimer);
  }
  statusTimer = setTimeout(() => {
    statusTimer = undefined;
    void updateStatus();
  }, delay);
}

/**
 * The document the status bar is about: the active editor's if copydesk checks it;
 * the last checked one while the focus is in a panel (Output, a settings editor);
 * none when another file is active.
 */
let lastChecked: vscode.Uri | undefined;
function statusDocument(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc !== undefined && isChecked(doc)) {
    lastChecked = doc.uri;
    return doc.uri;
  }
  if (doc !== undefined && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled')) {
    lastChecked = undefined;
    return undefined;
  }
  if (lastChecked !== undefined && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === lastChecked?.toString())) {
    lastChecked = undefined;
  }
  return lastChecked;
}

async function updateStatus(): Promise<void> {
  const uri = statusDocument();
  if (startError !== undefined) {
    statusItem.text = '$(error) copydesk';
    statusItem.tooltip = `${startError}\nClick to restart.`;
    statusItem.command = 'copydesk.restartServer';
    statusItem.show();
    return;
  }
  const c = client;
  if (c === undefined || !c.isRunning()) {
    statusItem.text = '$(sync~spin) copydesk';
    statusItem.tooltip = 'copydesk: starting the server';
    statusItem.command = 'copydesk.restartServer';
    if (uri !== undefined) {
      statusItem.show();
    }
    return;
  }
  let status: StatusResult | undefined;
  if (statusRequestSupported) {
    try {
      const answer = await c.sendRequest(StatusRequest, uri !== undefined ? { uri: uri.toString() } : {});
      status = isStatusResult(answer) ? answer : undefined;
    } catch (err) {
      // MethodNotFound: count diagnostics instead, and stop asking.
      if ((err as { code?: number }).code === -32601) {
        statusRequestSupported = false;
      }
    }
  }
  const view = formatStatus(status, uri !== undefined ? countFindings(uri) : undefined);
  statusItem.text = view.text;
  statusItem.tooltip = `${view.tooltip}\nClick to open the Problems panel.`;
  statusItem.command = 'workbench.actions.view.problems';
  if (uri !== undefined) {
    statusItem.show();
  } else {
    statusItem.hide();
  }
}

async function openTable(): Promise<void> {
  const c = client;
  if (c === undefined || !c.isRunning()) {
    void vscode.window.showWarningMessage('The copydesk server is not running.');
    return;
  }
  let result: unknown;
  try {
    // With an article's URI the server names the most specific table that article uses.
    const article = statusDocument();
    result = await c.sendRequest(ExecuteCommandRequest.type, {
      command: 'copydesk.openTable',
      arguments: article !== undefined ? [article.toString()] : [],
    });
  } catch (err) {
    void vscode.window.showErrorMessage(`copydesk.openTable failed: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const where = tableLocation(result);
  if (where === undefined) {
    void vscode.window.showWarningMessage('The copydesk server did not name a table file.');
    return;
  }
  const uri = 'uri' in where ? vscode.Uri.parse(where.uri) : vscode.Uri.file(where.path);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('copydesk');
  statusItem = vscode.window.createStatusBarItem('copydesk.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'copydesk';
  context.subscriptions.push(output, statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restartServer', async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand('copydesk.openTable', openTable),
    vscode.commands.registerCommand('copydesk.showCard', () =>
      vscode.commands.executeCommand('editor.action.showHover')),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) {
        return;
      }
      if (e.affectsConfiguration(`${SECTION}.server.path`)) {
        await stopClient();
        await startClient(context);
        return;
      }
      const c = client;
      if (c !== undefined && c.isRunning()) {
        await c.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(currentSettings()));
        updateStatusSoon(500);
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatusSoon(0)),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const shown = statusDocument()?.toString();
      if (shown !== undefined && e.uris.some((u) => u.toString() === shown)) {
        updateStatusSoon();
      }
    }),
    { dispose: () => void stopClient() },
  );

  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
