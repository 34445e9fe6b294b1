import { copyIgnoredFile } from '../../../server/src/engine/rules/copyIgnoredFile';
import { ruleTests } from '../../support/ruleTester';

ruleTests(copyIgnoredFile, {
  valid: [
    { name: 'no .dockerignore', code: 'FROM a\nCOPY README.md /\n' },
    { name: 'not excluded', code: 'FROM a\nCOPY src/ /src/\n', dockerignore: '*.md\n.git\n' },
    { name: '.* hides dotfiles, not the context root', code: 'FROM a\nCOPY . .\n', dockerignore: '.*\n' },
    { name: 'exclusions make it undecidable', code: 'FROM a\nCOPY README.md /\n', dockerignore: '*.md\n!README.md\n' },
    { name: 'COPY --from is not the context', code: 'FROM a AS b\nFROM c\nCOPY --from=b README.md /\n', dockerignore: '*.md\n' },
  ],
  invalid: [
    {
      name: 'a pattern with a glob',
      code: 'FROM a\nCOPY ./README.md /docs/\n#    ^^^^^^^^^^^ Attempting to Copy file "README.md" that is excluded by .dockerignore\n',
      dockerignore: '# docs stay out\n*.md\n',
      output: null,
    },
    {
      name: 'inside an excluded directory, with ADD',
      code: 'FROM a\nADD build/output/app.tar /opt/\n#   ^^^^^^^^^^^^^^^^^^^^ Attempting to Add file "build/output/app.tar" that is excluded by .dockerignore\n',
      dockerignore: 'build\n',
      output: null,
    },
    {
      name: '** spans directories',
      code: 'FROM a\nCOPY pkg/deep/x.test.js /t/\n#    ^^^^^^^^^^^^^^^^^^ Attempting to Copy file "pkg/deep/x.test.js" that is excluded by .dockerignore\n',
      dockerignore: '**/*.test.js\n',
      output: null,
    },
  ],
});
