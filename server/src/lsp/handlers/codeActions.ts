import * as path from 'path';
import { fileURLToPath } from 'url';
import { CodeAction, CodeActionKind, Diagnostic, Range } from '../languageServer';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { batchFixEdits, overlaps, sameRange } from '../../engine';
import { COMMANDS } from '../../../../common/commands';
import { CodeActionData, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, fixEdit, offerFix, offerSkips, wantsFixAll, wantsKind } from '../convert';
import { REFACTORS } from '../refactors';
import { ServerState, unlessCancelled } from '../state';

/**
 * Code actions: each finding's fix, "skip this rule" comments, fix-all of the safe fixes, and the
 * refactors of the registry; every edit is computed in `codeAction/resolve` for the version offered.
 */
export function registerCodeActions(state: ServerState): void {
  const { connection, documents, settings, analyses } = state;

  /**
   * The findings a quick fix may be asked for: those the client sent, or, when it sent none of
   * Layerlens', the server's own for this version that touch the range. The client's list can miss
   * ours: vscode-languageclient drops a document's pulled diagnostics whenever its tabs say the
   * document is not visible, and the spec does not promise that the list is current.
   */
  const diagnosticsAt = async (document: TextDocument, range: Range, sent: Diagnostic[]): Promise<Diagnostic[]> => {
    if (sent.some((d) => d.source === DIAGNOSTIC_SOURCE)) return sent;
    const current = await settings.get(document.uri);
    return state.diagnosticsOf(document, current).filter((d) => overlaps(d.range, range));
  };

  connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    await unlessCancelled(token);
    const current = await settings.get(document.uri);
    if (wantsFixAll(params.context.only)) {
      if (!current.enable) return [];
      const { edits } = batchFixEdits(analyses.model(document), state.findingsOf(document, current));
      if (edits.length === 0) return [];
      const fix = { title: 'Fix all safe Layerlens findings', safety: 'safe' as const, edits };
      return [
        { title: fix.title, kind: FIX_ALL_KIND, edit: fixEdit(document.uri, document.version, fix, state.contexts.folderOf(document.uri)) },
      ];
    }
    const model = analyses.model(document);
    const found = await diagnosticsAt(document, params.range, params.context.diagnostics);
    const actions = found.map((d) => offerFix(d, document.uri, document.version)).filter((a): a is CodeAction => a !== undefined);
    actions.push(...offerSkips(found, document.uri, document.version, model));
    if (!wantsKind(params.context.only, CodeActionKind.RefactorRewrite)) return actions;
    const request = { document, model, current, range: params.range, diagnostics: params.context.diagnostics };
    for (const refactor of REFACTORS) {
      const offered = refactor.offer(state, request);
      if (!offered) continue;
      const data: CodeActionData = {
        uri: document.uri,
        version: document.version,
        refactor: refactor.id,
        ...(offered.line !== undefined ? { line: offered.line } : {}),
      };
      actions.push({
        title: offered.title,
        kind: CodeActionKind.RefactorRewrite,
        ...(offered.diagnostics ? { diagnostics: offered.diagnostics } : {}),
        data,
      });
    }
    return actions;
  });

  connection.onCodeActionResolve(async (action) => {
    const data = action.data as CodeActionData | undefined;
    const document = data && documents.get(data.uri);
    // A fix computed for an older version would land on the wrong text: leave it without an edit.
    if (!data || !document || document.version !== data.version) return action;
    const refactor = data.refactor === undefined ? undefined : REFACTORS.find((r) => r.id === data.refactor);
    if (refactor) {
      const fix = await refactor.resolve(state, document, data.line, action.title);
      if (fix)
        action.edit = fixEdit(
          data.uri,
          data.version,
          fix,
          state.contexts.folderOf(data.uri),
          refactor.snippets === true && state.client.snippetEdits,
        );
    } else if (data.fix) {
      const { rule, range, title } = data.fix;
      const current = await settings.get(document.uri);
      const fix = state
        .findingsOf(document, current)
        .find((f) => f.rule === rule && f.fix?.title === title && sameRange(f.range, range))?.fix;
      if (!fix) return action;
      const folder = state.contexts.folderOf(data.uri);
      action.edit = fixEdit(data.uri, data.version, fix, folder);
      // Applied, the fix needs the build to be given a secret: the client records where it comes from.
      // The fix names a file of the build context; builds read a secret's file relative to the Dockerfile.
      const secrets = (fix.secrets ?? []).map((secret) =>
        folder && 'src' in secret.source
          ? { ...secret, source: { src: path.relative(path.dirname(fileURLToPath(data.uri)), path.join(folder, secret.source.src)) } }
          : secret,
      );
      if (secrets.length > 0)
        action.command = {
          title: 'Record the secret sources for builds',
          command: COMMANDS.recordSecrets,
          arguments: [{ uri: data.uri, secrets }],
        };
    }
    return action;
  });
}
