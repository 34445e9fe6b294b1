import { broadContextCopy } from '../../../server/src/engine/rules/broadContextCopy';
import { ruleTests } from '../../support/ruleTester';

ruleTests(broadContextCopy, {
  valid: [
    { name: "a good .dockerignore", code: "FROM node\nCOPY . .\n", dockerignore: ".git\nnode_modules\n.env\n" },
    { name: "context unknown", code: "FROM node\nCOPY . .\n", dockerignore: undefined },
    { name: "a folder, not the root", code: "FROM node\nCOPY src/ /app/\n", dockerignore: "" },
    { name: "no .dockerignore, but nothing in the context needs one", code: "FROM node:22\nCOPY . /app\n", dockerignore: null, context: ["Dockerfile", "package.json", "index.js"] },
    { name: "the .git of the enclosing repository is outside the context", code: "FROM alpine\nCOPY . /srv\n", dockerignore: "*.log\n", context: ["Dockerfile", "main.sh"] },
  ],
  invalid: [
    { name: "no .dockerignore", code: "FROM alpine\nCOPY . /srv\n#    ^ There is no .dockerignore: this COPY sends and copies the whole context, .git included, so every commit re-runs it and local files such as .env end up in the layer. Add a .dockerignore with at least .git\n", dockerignore: null, output: null },
    { name: "node_modules and .env let through", code: "FROM node:22\nCOPY ./ /app/\n#    ^^ The .dockerignore does not exclude node_modules, .env: this COPY sends them to the builder and into the layer, and any change there re-runs it\n", dockerignore: ".git\n", output: null },
    { name: "no .dockerignore, and .git and node_modules are there", code: "FROM node:22\nCOPY . /app\n#    ^ There is no .dockerignore to exclude .git, node_modules: this COPY sends them to the builder and into the layer, and every commit re-runs it\n", dockerignore: null, context: [".git/HEAD", "node_modules/x/index.js", "package.json"], output: null },
  ],
});
