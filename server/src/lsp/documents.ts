import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cacheAdvice, parseDockerfile, runRules } from '../engine';
import type { DockerfileModel, Finding, RuleOptions } from '../engine';
import type { LayerlensSettings } from '../../../common/settings';
import type { BuildContext } from '../engine';

interface Entry {
  version: number;
  model: DockerfileModel;
  findings?: { settings: LayerlensSettings; context?: BuildContext; engineVersion?: string; findings: Finding[] };
  advice?: { settings: LayerlensSettings; context?: BuildContext; findings: Finding[] };
}

/** What the rules are told of a document: the user's severities and build args, its build context, its path and the engine's version. */
function ruleOptions(document: TextDocument, settings: LayerlensSettings, context?: BuildContext, engineVersion?: string): RuleOptions {
  return {
    engineVersion,
    severities: settings.rules,
    buildArgs: settings.build.args,
    dockerignore: context?.dockerignore,
    context: context?.listing,
    dockerfilePath: decodeURIComponent(new URL(document.uri).pathname),
  };
}

/**
 * How many documents keep their analysis. An editor asks about the few documents on screen, and a
 * model weighs over ten times its text (28 MB for the 2 MB of the 723 corpus files), so keeping the
 * analysis of every open document would hold most of the server's memory for documents nobody looks at.
 * Eight is more than the editors a window shows side by side; a document brought back after that is
 * parsed again in a few milliseconds. 32 kept 2.6 MB more with every corpus file open, 15% of the
 * heap at rest.
 */
export const KEPT_ANALYSES = 8;

/**
 * One parse per document version, shared by diagnostics, hover and code actions.
 * Findings are kept beside the model for the settings and build context they were computed with;
 * both are compared by identity, since their stores hand out a new object whenever they change.
 * Only the documents asked about most recently keep theirs; another is analysed again when next asked.
 */
export class AnalysisCache {
  /** In the order they were last asked about, the most recent last. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = KEPT_ANALYSES) {}

  model(document: TextDocument): DockerfileModel {
    return this.entry(document).model;
  }

  private entry(document: TextDocument): Entry {
    let entry = this.entries.get(document.uri);
    if (entry) this.entries.delete(document.uri);
    if (entry?.version !== document.version)
      entry = { version: document.version, model: parseDockerfile(document.getText(), entry?.model) };
    this.entries.set(document.uri, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  findings(document: TextDocument, settings: LayerlensSettings, context?: BuildContext, engineVersion?: string): Finding[] {
    const entry = this.entry(document);
    if (entry.findings?.settings !== settings || entry.findings.context !== context || entry.findings.engineVersion !== engineVersion) {
      const findings = runRules(entry.model, ruleOptions(document, settings, context, engineVersion));
      entry.findings = { settings, context, engineVersion, findings };
    }
    return entry.findings.findings;
  }

  /** The advice of the rule that is off by default but speaks where asked (`cacheAdvice`), for the hover and the refactor. */
  advice(document: TextDocument, settings: LayerlensSettings, context?: BuildContext): Finding[] {
    const entry = this.entry(document);
    if (entry.advice?.settings !== settings || entry.advice.context !== context) {
      entry.advice = { settings, context, findings: cacheAdvice(entry.model, ruleOptions(document, settings, context)) };
    }
    return entry.advice.findings;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
