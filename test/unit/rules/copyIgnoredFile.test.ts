import { copyIgnoredFile } from '../../../server/src/engine/rules/copyIgnoredFile';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(copyIgnoredFile, {
  valid: [
    {
      name: 'no .dockerignore',
      code: dockerfile`
        FROM a
        COPY README.md /
      `,
    },
    {
      name: 'not excluded',
      code: dockerfile`
        FROM a
        COPY src/ /src/
      `,
      dockerignore: '*.md\n.git\n',
    },
    {
      name: '.* hides dotfiles, not the context root',
      code: dockerfile`
        FROM a
        COPY . .
      `,
      dockerignore: '.*\n',
    },
    {
      name: 'exclusions make it undecidable',
      code: dockerfile`
        FROM a
        COPY README.md /
      `,
      dockerignore: '*.md\n!README.md\n',
    },
    {
      name: 'COPY --from is not the context',
      code: dockerfile`
        FROM a AS b
        FROM c
        COPY --from=b README.md /
      `,
      dockerignore: '*.md\n',
    },
  ],
  invalid: [
    {
      name: 'a pattern with a glob',
      code: dockerfile`
        FROM a
        COPY ./README.md /docs/
        #    ^^^^^^^^^^^ Attempting to Copy file "README.md" that is excluded by .dockerignore
      `,
      dockerignore: '# docs stay out\n*.md\n',
      output: null,
    },
    {
      name: 'inside an excluded directory, with ADD',
      code: dockerfile`
        FROM a
        ADD build/output/app.tar /opt/
        #   ^^^^^^^^^^^^^^^^^^^^ Attempting to Add file "build/output/app.tar" that is excluded by .dockerignore
      `,
      dockerignore: 'build\n',
      output: null,
    },
    {
      name: '** spans directories',
      code: dockerfile`
        FROM a
        COPY pkg/deep/x.test.js /t/
        #    ^^^^^^^^^^^^^^^^^^ Attempting to Copy file "pkg/deep/x.test.js" that is excluded by .dockerignore
      `,
      dockerignore: '**/*.test.js\n',
      output: null,
    },
  ],
});
