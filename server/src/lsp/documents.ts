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

/** What the rules are told of a document: the user's severities and build args, its build context and its path. */
function ruleOptions(document: TextDocument, settings: LayerlensSettings, context?: BuildContext): RuleOptions {
  return {
    severities: settings.rules,
    buildArgs: settings.build.args,
    dockerignore: context?.dockerignore,
    context: context?.listing,
    dockerfilePath: decodeURIComponent(new URL(document.uri).pathname),
  };
}

/**
 * One parse per document version, shared by diagnostics, hover and code actions.
 * Findings are kept beside the model for the settings and build context they were computed with;
 * both are compared by identity, since their stores hand out a new object whenever they change.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  model(document: TextDocument): DockerfileModel {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry.model;
    const fresh: Entry = { version: document.version, model: parseDockerfile(document.getText()) };
    this.entries.set(document.uri, fresh);
    return fresh.model;
  }

  findings(document: TextDocument, settings: LayerlensSettings, context?: BuildContext, engineVersion?: string): Finding[] {
    const model = this.model(document);
    const entry = this.entries.get(document.uri) as Entry;
    if (entry.findings?.settings !== settings || entry.findings.context !== context || entry.findings.engineVersion !== engineVersion) {
      const findings = runRules(model, { ...ruleOptions(document, settings, context), engineVersion });
      entry.findings = { settings, context, engineVersion, findings };
    }
    return entry.findings.findings;
  }

  /** The advice of the rule that is off by default but speaks where asked (`cacheAdvice`), for the hover and the refactor. */
  advice(document: TextDocument, settings: LayerlensSettings, context?: BuildContext): Finding[] {
    const model = this.model(document);
    const entry = this.entries.get(document.uri) as Entry;
    if (entry.advice?.settings !== settings || entry.advice.context !== context) {
      entry.advice = { settings, context, findings: cacheAdvice(model, ruleOptions(document, settings, context)) };
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
