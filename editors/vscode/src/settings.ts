// The extension's own logic, kept free of the `vscode` module so that it can be
// unit tested with node's test runner on the compiled JavaScript.

import * as path from 'node:path';

// Generated from the Rust rule list (tests/editor_files.rs).
import { LEVELS, RULE_CODES } from './rules.generated';

export const SEVERITIES = LEVELS;
export type Severity = (typeof SEVERITIES)[number];

/** The settings object of the contract: initializationOptions and didChangeConfiguration. */
export interface ServerSettings {
  tables: string[];
  noDefaultTable: boolean;
  rules: Record<string, Severity>;
  style: string[];
  publicationDate?: string;
  language?: string;
  dateOrder?: string;
}

/** What `workspace.getConfiguration('copydesk')` gives, before any checking. */
export interface RawSettings {
  tables?: unknown;
  noDefaultTable?: unknown;
  rules?: unknown;
  style?: unknown;
  publicationDate?: unknown;
  language?: unknown;
  dateOrder?: unknown;
}

export interface PathContext {
  /** File system path of the workspace folder that relative paths are taken from. */
  workspaceFolder?: string;
  /** Home directory, for `~`. */
  home?: string;
}

export interface Converted {
  settings: ServerSettings;
  /** One line per ignored or corrected value, for the user. */
  problems: string[];
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  information: 'information',
  info: 'information',
  hint: 'hint',
  off: 'off',
  none: 'off',
  ignore: 'off',
};

/** Expands `~`, `${workspaceFolder}` and `${userHome}`, then makes the path absolute. */
export function expandPath(p: string, ctx: PathContext): string {
  let out = p.trim();
  if (ctx.workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(ctx.workspaceFolder);
  }
  if (ctx.home !== undefined) {
    out = out.split('${userHome}').join(ctx.home);
    if (out === '~') {
      out = ctx.home;
    } else if (out.startsWith('~/') || out.startsWith('~\\')) {
      out = path.join(ctx.home, out.slice(2));
    }
  }
  if (!path.isAbsolute(out) && ctx.workspaceFolder !== undefined) {
    out = path.join(ctx.workspaceFolder, out);
  }
  return out;
}

function stringList(value: unknown, name: string, problems: string[]): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`copydesk.${name} should be a list of strings; ignored.`);
    return [];
  }
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') {
      problems.push(`copydesk.${name}: ignored ${JSON.stringify(item)}, not a string.`);
      continue;
    }
    const trimmed = item.trim();
    if (trimmed !== '' && !out.includes(trimmed)) {
      out.push(trimmed);
    }
  }
  return out;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) {
    return false;
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/** Turns the VS Code settings into the server's settings object. */
export function toServerSettings(raw: RawSettings, ctx: PathContext = {}): Converted {
  const problems: string[] = [];

  const tables: string[] = [];
  for (const t of stringList(raw.tables, 'tables', problems)) {
    const full = expandPath(t, ctx);
    if (!tables.includes(full)) {
      tables.push(full);
    }
  }

  let noDefaultTable = false;
  if (typeof raw.noDefaultTable === 'boolean') {
    noDefaultTable = raw.noDefaultTable;
  } else if (raw.noDefaultTable !== undefined && raw.noDefaultTable !== null) {
    problems.push('copydesk.noDefaultTable should be true or false; ignored.');
  }

  const rules: Record<string, Severity> = {};
  if (raw.rules !== undefined && raw.rules !== null) {
    if (typeof raw.rules !== 'object' || Array.isArray(raw.rules)) {
      problems.push('copydesk.rules should be an object like { "style-variant": "hint" }; ignored.');
    } else {
      for (const [code, value] of Object.entries(raw.rules as Record<string, unknown>)) {
        const severity = typeof value === 'string' ? SEVERITY_ALIASES[value.trim().toLowerCase()] : undefined;
        if (severity === undefined) {
          problems.push(
            `copydesk.rules["${code}"]: ${JSON.stringify(value)} is not one of ${SEVERITIES.join(', ')}; ignored.`,
          );
          continue;
        }
        if (!(RULE_CODES as readonly string[]).includes(code)) {
          problems.push(`copydesk.rules: "${code}" is not a rule this extension knows; passed on as is.`);
        }
        rules[code] = severity;
      }
    }
  }

  const style = stringList(raw.style, 'style', problems);

  const settings: ServerSettings = { tables, noDefaultTable, rules, style };

  if (typeof raw.publicationDate === 'string') {
    const date = raw.publicationDate.trim();
    if (date !== '') {
      if (isIsoDate(date)) {
        settings.publicationDate = date;
      } else {
        problems.push(`copydesk.publicationDate: "${date}" is not a date written YYYY-MM-DD; ignored.`);
      }
    }
  } else if (raw.publicationDate !== undefined && raw.publicationDate !== null) {
    problems.push('copydesk.publicationDate should be a string YYYY-MM-DD; ignored.');
  }

  const choice = (value: unknown, name: 'language' | 'dateOrder', allowed: string[]): void => {
    if (value === undefined || value === null || value === '') {
      return;
    }
    const v = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    if (v !== undefined && allowed.includes(v)) {
      settings[name] = v;
    } else if (v !== '') {
      problems.push(`copydesk.${name}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}; ignored.`);
    }
  };
  choice(raw.language, 'language', ['en', 'vi']);
  choice(raw.dateOrder, 'dateOrder', ['dmy', 'mdy']);

  return { settings, problems };
}

/** The params of workspace/didChangeConfiguration, in the contract's shape. */
export function didChangeConfigurationParams(settings: ServerSettings): { settings: { copydesk: ServerSettings } } {
  return { settings: { copydesk: settings } };
}

// ---------------------------------------------------------------------------
// Finding the server binary

export interface ServerPathContext extends PathContext {
  /** Value of `copydesk.server.path` ('' when unset). */
  configured: string;
  /** Folder the extension is installed in. */
  extensionPath: string;
  /** Value of the PATH environment variable. */
  envPath?: string;
  platform?: NodeJS.Platform;
  /** Whether a file exists there and may be run. */
  isExecutable: (file: string) => boolean;
}

export type ServerPath =
  | { ok: true; command: string; source: 'setting' | 'bundled' | 'path' }
  | { ok: false; message: string };

export const BUNDLED_SERVER = ['server', 'copydesk'];

function exeName(base: string, platform: NodeJS.Platform): string {
  return platform === 'win32' && !base.toLowerCase().endsWith('.exe') ? `${base}.exe` : base;
}

/** Looks a bare command name up in PATH. */
export function searchPath(name: string, ctx: ServerPathContext): string | undefined {
  const platform = ctx.platform ?? process.platform;
  const sep = platform === 'win32' ? ';' : ':';
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of (ctx.envPath ?? '').split(sep)) {
    if (dir === '') {
      continue;
    }
    const candidate = join(dir, exeName(name, platform));
    if (ctx.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * Order: `copydesk.server.path` if set; else the server bundled in the VSIX at
 * `server/copydesk`; else `copydesk` on PATH.
 */
export function resolveServerPath(ctx: ServerPathContext): ServerPath {
  const platform = ctx.platform ?? process.platform;
  const configured = ctx.configured.trim();
  if (configured !== '') {
    const bare = !configured.includes('/') && !configured.includes('\\') && !configured.startsWith('~') &&
      !configured.includes('${');
    if (bare) {
      const found = searchPath(configured, ctx);
      if (found !== undefined) {
        return { ok: true, command: found, source: 'setting' };
      }
      return {
        ok: false,
        message: `copydesk.server.path is "${configured}", which is not found on PATH.`,
      };
    }
    const file = expandPath(configured, ctx);
    if (ctx.isExecutable(file)) {
      return { ok: true, command: file, source: 'setting' };
    }
    return {
      ok: false,
      message: `copydesk.server.path points to ${file}, which is not an executable file.`,
    };
  }

  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const bundled = join(ctx.extensionPath, ...BUNDLED_SERVER.slice(0, -1), exeName(BUNDLED_SERVER[BUNDLED_SERVER.length - 1], platform));
  if (ctx.isExecutable(bundled)) {
    return { ok: true, command: bundled, source: 'bundled' };
  }
  const onPath = searchPath('copydesk', ctx);
  if (onPath !== undefined) {
    return { ok: true, command: onPath, source: 'path' };
  }
  return {
    ok: false,
    message:
      'No copydesk server found: this build of the extension has no bundled server and `copydesk` is not on PATH. ' +
      'Install copydesk (cargo install --locked --path . in the copydesk repository) or set copydesk.server.path.',
  };
}

// ---------------------------------------------------------------------------
// Status bar

/** Result of the `copydesk/status` request. */
export interface StatusResult {
  tables: { path: string; entries: number }[];
  entries: number;
  findings: number | null;
}

export function isStatusResult(v: unknown): v is StatusResult {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const o = v as Record<string, unknown>;
  return Array.isArray(o.tables) && typeof o.entries === 'number' &&
    (o.findings === null || typeof o.findings === 'number');
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export interface StatusView {
  text: string;
  tooltip: string;
}

/**
 * Status bar text. `status` is the server's answer (undefined if the server has no
 * `copydesk/status`); `diagnosticCount` counts copydesk diagnostics in the active
 * file (undefined when no checked file is active).
 */
export function formatStatus(status: StatusResult | undefined, diagnosticCount: number | undefined): StatusView {
  const parts: string[] = [];
  const tips: string[] = [];
  if (status !== undefined) {
    parts.push(`$(book) ${plural(status.entries, 'entry', 'entries')}`);
    for (const t of status.tables) {
      tips.push(`${t.path}: ${plural(t.entries, 'entry', 'entries')}`);
    }
  }
  const findings = status !== undefined && status.findings !== null ? status.findings : diagnosticCount;
  if (findings !== undefined) {
    parts.push(`${findings === 0 ? '$(check)' : '$(warning)'} ${plural(findings, 'finding', 'findings')}`);
    tips.push(`${plural(findings, 'finding', 'findings')} in this file`);
  }
  const text = parts.length > 0 ? `copydesk: ${parts.join('  ')}` : 'copydesk';
  const tooltip = ['copydesk', ...tips].join('\n');
  return { text, tooltip };
}

/** The server's `copydesk.openTable` answer: a URI string, or (leniently) a plain path. */
export function tableLocation(result: unknown): { uri: string } | { path: string } | undefined {
  if (typeof result !== 'string' || result.trim() === '') {
    return undefined;
  }
  const s = result.trim();
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(s) && !/^[a-zA-Z]:[\\/]/.test(s)) {
    return { uri: s };
  }
  return { path: s };
}
