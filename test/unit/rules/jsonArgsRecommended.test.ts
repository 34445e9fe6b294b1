import { jsonArgsRecommended } from '../../../server/src/engine/rules/jsonArgsRecommended';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(jsonArgsRecommended, {
  valid: [
    {
      name: "a base image whose config sets a shell (Jupyter's docker-stacks): BuildKit gives no warning",
      code: dockerfile`
        FROM jupyter/scipy-notebook:04f7f60d34a6
        CMD jupyter notebook --ip=0.0.0.0
      `,
    },
    {
      name: 'JSON across a line continuation, a comment line inside',
      code: dockerfile`
        FROM a
        CMD ["node", \\
        # the entry point
          "x.js"]
      `,
    },
    {
      name: 'JSON with spaces inside the brackets',
      code: dockerfile`
        FROM a
        CMD [ "node", "x.js" ]
      `,
    },
    {
      name: 'exec form',
      code: dockerfile`
        FROM a
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'a custom SHELL in the base stage',
      code: dockerfile`
        FROM a AS base
        SHELL ["pwsh", "-c"]
        FROM base
        ENTRYPOINT Write-Host hi
      `,
    },
  ],
  invalid: [
    {
      name: 'a chain: exec before it would drop the commands after the first',
      code: dockerfile`
        FROM a
        CMD forever start server.js && tail -f forever.log
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals. This command runs several commands, so it needs a shell: \`["sh", "-c", "…"]\` keeps it, with \`exec\` before the last command when that one is the long-running program
      `,
      output: null,
    },
    {
      name: 'a redirection is one command: exec is the advice',
      code: dockerfile`
        FROM a
        CMD node server.js > out.log 2>&1
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals. This command needs a shell (variables or several commands): \`["sh", "-c", "exec …"]\` keeps it and lets the program receive the signals
      `,
      output: null,
    },
    {
      name: 'plain words become the exec form',
      code: dockerfile`
        FROM a
        CMD node server.js --port=8080
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals
      `,
      output: dockerfile`
        FROM a
        CMD ["node", "server.js", "--port=8080"]
      `,
    },
    {
      name: 'JSON with single quotes runs through the shell: double quotes',
      code: dockerfile`
        FROM a
        CMD ['node', 'server.js']
        #^^^^^^^^^^^^^^^^^^^^^^^^ CMD is written as JSON with single quotes, which is not JSON: it runs through /bin/sh -c as written. JSON arguments need double quotes
      `,
      output: dockerfile`
        FROM a
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'single-quoted JSON holding a quote: no fix',
      code: dockerfile`
        FROM a
        ENTRYPOINT ['echo', 'say "hi"']
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ENTRYPOINT is written as JSON with single quotes, which is not JSON: it runs through /bin/sh -c as written. JSON arguments need double quotes
      `,
      output: null,
    },
    {
      name: 'a stray character after the array: not JSON (BuildKit warns; tried on v0.25)',
      code: dockerfile`
        FROM a
        CMD [ "node", "./dist/index.js" ].
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ CMD starts like JSON but is not a JSON array of strings (a stray character, a missing comma, a comment after it), so it runs through /bin/sh -c as written, where it fails
      `,
      output: null,
    },
    {
      name: 'a missing comma',
      code: dockerfile`
        FROM a
        ENTRYPOINT ["node" "x.js"]
        #^^^^^^^^^^^^^^^^^^^^^^^^^ ENTRYPOINT starts like JSON but is not a JSON array of strings (a stray character, a missing comma, a comment after it), so it runs through /bin/sh -c as written, where it fails
      `,
      output: null,
    },
    {
      name: "exec is the shell's builtin: the exec form starts the program without it",
      code: dockerfile`
        FROM a
        ENTRYPOINT exec java -jar app.jar
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals. This command already starts with exec, so the program receives the signals; BuildKit warns about the shell form anyway, and \`["sh", "-c", "exec …"]\` silences it
      `,
      output: dockerfile`
        FROM a
        ENTRYPOINT ["java", "-jar", "app.jar"]
      `,
    },
    {
      name: 'exec with its own options changes what runs: no fix',
      code: dockerfile`
        FROM a
        CMD exec -a app node server.js
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals. This command already starts with exec, so the program receives the signals; BuildKit warns about the shell form anyway, and \`["sh", "-c", "exec …"]\` silences it
      `,
      output: null,
    },
    {
      name: "the shell's test command [ is the shell form, not a broken JSON array (ivre)",
      code: dockerfile`
        FROM a
        CMD [ -d /data/wiki ] || cp -rp /data-base/* /data
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals. This command runs several commands, so it needs a shell: \`["sh", "-c", "…"]\` keeps it, with \`exec\` before the last command when that one is the long-running program
      `,
      output: null,
    },
    {
      name: 'shell features: no fix',
      code: dockerfile`
        FROM a
        ENTRYPOINT exec node server.js $FLAGS
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals. This command already starts with exec, so the program receives the signals; BuildKit warns about the shell form anyway, and \`["sh", "-c", "exec …"]\` silences it
      `,
      output: null,
    },
    {
      name: 'shell features without exec',
      code: dockerfile`
        FROM a
        CMD gunicorn -w \${WORKERS:-8} app:app
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals. This command needs a shell (variables or several commands): \`["sh", "-c", "exec …"]\` keeps it and lets the program receive the signals
      `,
      output: null,
    },
  ],
});
