import { jsonArgsRecommended } from '../../../server/src/engine/rules/jsonArgsRecommended';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(jsonArgsRecommended as unknown as Rule, {
  valid: [
    { name: "JSON across a line continuation, a comment line inside", code: "FROM a\nCMD [\"node\", \\\n# the entry point\n  \"x.js\"]\n" },
    { name: "JSON with spaces inside the brackets", code: "FROM a\nCMD [ \"node\", \"x.js\" ]\n" },
    { name: "exec form", code: "FROM a\nCMD [\"node\", \"server.js\"]\n" },
    { name: "a custom SHELL in the base stage", code: "FROM a AS base\nSHELL [\"pwsh\", \"-c\"]\nFROM base\nENTRYPOINT Write-Host hi\n" },
  ],
  invalid: [
    { name: "plain words become the exec form", code: "FROM a\nCMD node server.js --port=8080\n#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals\n", output: "FROM a\nCMD [\"node\", \"server.js\", \"--port=8080\"]\n" },
    { name: "JSON with single quotes runs through the shell: double quotes", code: "FROM a\nCMD ['node', 'server.js']\n#^^^^^^^^^^^^^^^^^^^^^^^^ CMD is written as JSON with single quotes, which is not JSON: it runs through /bin/sh -c as written. JSON arguments need double quotes\n", output: "FROM a\nCMD [\"node\", \"server.js\"]\n" },
    { name: "single-quoted JSON holding a quote: no fix", code: "FROM a\nENTRYPOINT ['echo', 'say \"hi\"']\n#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ENTRYPOINT is written as JSON with single quotes, which is not JSON: it runs through /bin/sh -c as written. JSON arguments need double quotes\n", output: null },
    { name: "a stray character after the array: not JSON (BuildKit warns; tried on v0.25)", code: "FROM a\nCMD [ \"node\", \"./dist/index.js\" ].\n#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ CMD starts like JSON but is not a JSON array of strings (a stray character, a missing comma, a comment after it), so it runs through /bin/sh -c as written, where it fails\n", output: null },
    { name: "a missing comma", code: "FROM a\nENTRYPOINT [\"node\" \"x.js\"]\n#^^^^^^^^^^^^^^^^^^^^^^^^^ ENTRYPOINT starts like JSON but is not a JSON array of strings (a stray character, a missing comma, a comment after it), so it runs through /bin/sh -c as written, where it fails\n", output: null },
    { name: "shell features: no fix", code: "FROM a\nENTRYPOINT exec node server.js $FLAGS\n#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals. This command already starts with exec, so the program receives the signals; BuildKit warns about the shell form anyway, and `[\"sh\", \"-c\", \"exec …\"]` silences it\n", output: null },
    { name: "shell features without exec", code: "FROM a\nCMD gunicorn -w ${WORKERS:-8} app:app\n#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ JSON arguments recommended for CMD to prevent unintended behavior related to OS signals. This command needs a shell (variables or several commands): `[\"sh\", \"-c\", \"exec …\"]` keeps it and lets the program receive the signals\n", output: null },
  ],
});
