import * as path from 'path';
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, DiagnosticTag, TextEdit, WorkspaceEdit } from './languageServer';
import { findRule, skipRuleEdit } from '../engine';
import type { DockerfileModel, Finding, Fix, FixSafety, Range, Severity } from '../engine';

export const DIAGNOSTIC_SOURCE = 'layerlens';

/** `editor.codeActionsOnSave: { "source.fixAll.layerlens": "explicit" }` applies every safe fix. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.layerlens`;

/** True when the client asks for fix-all actions (this kind, or a parent kind of it), not quick fixes. */
export function wantsFixAll(only: string[] | undefined): boolean {
  return only !== undefined && only.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`));
}

/** True when the client's filter lets actions of `kind` through: no filter, the kind, or a parent of it. */
export function wantsKind(only: string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The package root: the bundle lives in `dist/`, the rule pages in `docs/rules/`. */
const PACKAGE_ROOT = path.resolve(__dirname, '..');

/**
 * What a diagnostic carries for its code action: the fix's name, not its edits. Edits can hold the
 * very text a secret finding is about, and diagnostics travel to every client and its logs; the
 * edits are looked up again, for the same version, when the user picks the fix.
 */
export interface DiagnosticData {
  fix?: { title: string; safety: FixSafety };
}

/** Each rule page's link, made once: a pull converts every finding of the version, and building a file URL is not free. */
const docLinks = new Map<string, string>();

function docLink(docs: string): string {
  let link = docLinks.get(docs);
  if (link === undefined) docLinks.set(docs, (link = pathToFileURL(path.join(PACKAGE_ROOT, docs)).toString()));
  return link;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = finding.fix ? { fix: { title: finding.fix.title, safety: finding.fix.safety } } : {};
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: docLink(finding.docs) },
    message: finding.message,
    tags: finding.tags?.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated)),
    data,
  };
}

/** The payload of an offered fix or refactor, resolved into edits by `codeAction/resolve`. */
export interface CodeActionData {
  uri: string;
  version: number;
  /** The finding whose fix this is: its rule, where it is, and the fix's title. */
  fix?: { rule: string; range: Range; title: string };
  /** A refactor whose edits are computed only when the user picks it: its id in the registry (refactors/). */
  refactor?: string;
  /** The 0-based line of the instruction a refactor works on. */
  line?: number;
}

export function offerFix(diagnostic: Diagnostic, uri: string, version: number): CodeAction | undefined {
  const fix = (diagnostic.data as DiagnosticData | undefined)?.fix;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !fix) return undefined;
  const data: CodeActionData = { uri, version, fix: { rule: String(diagnostic.code), range: diagnostic.range, title: fix.title } };
  return {
    title: fix.safety === 'unsafe' ? `${fix.title} (unsafe: review the change)` : fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.safety === 'safe',
    data,
  };
}

/**
 * "Skip Rule on this line" and "Skip Rule in this file": the comment that silences the finding's
 * rule there, in the form both BuildKit and Layerlens read, computed now (it is one line).
 */
export function offerSkips(diagnostics: Diagnostic[], uri: string, version: number, model: DockerfileModel): CodeAction[] {
  const offered = new Map<string, CodeAction>();
  for (const diagnostic of diagnostics) {
    const rule = diagnostic.source === DIAGNOSTIC_SOURCE ? findRule(String(diagnostic.code)) : undefined;
    // What BuildKit rejects (the error-level rules) fails the build whatever a comment says.
    if (!rule || rule.defaultSeverity === 'error') continue;
    for (const scope of ['line', 'file'] as const) {
      const edit = skipRuleEdit(model, rule, diagnostic.range.start.line, scope);
      const title = `Skip ${rule.id} ${scope === 'line' ? 'on this line' : 'in this file'}`;
      // Two findings of one rule in the range share one action per comment it would write.
      const key = `${title}@${edit?.range.start.line}`;
      if (!edit || offered.has(key)) continue;
      offered.set(key, {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: fixEdit(uri, version, { title, safety: 'safe', edits: [edit] }, undefined),
      });
    }
  }
  return [...offered.values()];
}

/**
 * The fix as a workspace edit: the Dockerfile's edits, pinned to the version they were made for
 * (as snippets, with the choices left to the user, when the client takes them), and the lines
 * the fix needs in other context files (`.dockerignore`) of the build context's folder, created when missing.
 */
export function fixEdit(uri: string, version: number, fix: Fix, contextFolder: string | undefined, snippets = false): WorkspaceEdit {
  const changes: WorkspaceEdit['documentChanges'] = [
    {
      textDocument: { uri, version },
      edits: fix.edits.map((e) =>
        snippets && e.snippet
          ? { range: e.range, snippet: { kind: 'snippet' as const, value: e.snippet } }
          : TextEdit.replace(e.range, e.newText),
      ),
    },
  ];
  if (contextFolder) {
    for (const { file, line } of fix.contextLines ?? []) {
      const target = path.join(contextFolder, file);
      const contextUri = pathToFileURL(target).toString();
      const text = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
      if (text?.split(/\r?\n/).some((l) => l.trim() === line)) continue;
      if (text === undefined) changes.push({ kind: 'create', uri: contextUri, options: { ignoreIfExists: true } });
      const lines = (text ?? '').split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      const separator = text === undefined || text === '' || text.endsWith('\n') ? '' : '\n';
      changes.push({ textDocument: { uri: contextUri, version: null }, edits: [TextEdit.insert(end, `${separator}${line}\n`)] });
    }
  }
  return { documentChanges: changes };
}
