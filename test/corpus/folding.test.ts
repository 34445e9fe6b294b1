import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { foldingRanges, parseDockerfile } from '../../server/src/engine';
import { corpusFiles, requireHost } from '../support/env';

test("folding from the model: dockerfile-language-service's folds, exactly, over the corpus, by lines and within lines", (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  for (const lineFoldingOnly of [true, false]) {
    const service = DockerfileLanguageServiceFactory.createLanguageService();
    service.setCapabilities({ foldingRange: { lineFoldingOnly, rangeLimit: Number.MAX_VALUE } });
    let folds = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const ours = foldingRanges(parseDockerfile(text), { lineFoldingOnly, limit: Number.MAX_VALUE });
      // As a client receives them: the library's `kind: undefined` is not sent.
      const library: unknown = JSON.parse(JSON.stringify(service.computeFoldingRanges(text)));
      assert.deepEqual(ours, library, `${path.basename(file)}, lineFoldingOnly ${lineFoldingOnly}`);
      folds += ours.length;
    }
    assert.ok(folds > 1000, `${folds} folds compared`);
  }
});
