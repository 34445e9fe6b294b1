import { broadContextCopy } from '../../../server/src/engine/rules/broadContextCopy';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(broadContextCopy, {
  valid: [
    {
      name: 'a good .dockerignore',
      code: dockerfile`
        FROM node
        COPY . .
      `,
      dockerignore: '.git\nnode_modules\n.env\n',
    },
    {
      name: 'context unknown',
      code: dockerfile`
        FROM node
        COPY . .
      `,
      dockerignore: undefined,
    },
    {
      name: 'a folder, not the root',
      code: dockerfile`
        FROM node
        COPY src/ /app/
      `,
      dockerignore: '',
    },
    {
      name: 'no .dockerignore, but nothing in the context needs one',
      code: dockerfile`
        FROM node:22
        COPY . /app
      `,
      dockerignore: null,
      context: ['Dockerfile', 'package.json', 'index.js'],
    },
    {
      name: 'the .git of the enclosing repository is outside the context',
      code: dockerfile`
        FROM alpine
        COPY . /srv
      `,
      dockerignore: '*.log\n',
      context: ['Dockerfile', 'main.sh'],
    },
  ],
  invalid: [
    {
      name: 'no .dockerignore',
      code: dockerfile`
        FROM alpine
        COPY . /srv
        #    ^ There is no .dockerignore: this COPY sends and copies the whole context, .git included, so every commit re-runs it and local files such as .env end up in the layer. Add a .dockerignore with at least .git
      `,
      dockerignore: null,
      output: null,
    },
    {
      name: 'node_modules and .env let through',
      code: dockerfile`
        FROM node:22
        COPY ./ /app/
        #    ^^ The .dockerignore does not exclude node_modules, .env: this COPY sends them to the builder and into the layer, and any change there re-runs it
      `,
      dockerignore: '.git\n',
      output: null,
    },
    {
      name: 'no .dockerignore, and .git and node_modules are there',
      code: dockerfile`
        FROM node:22
        COPY . /app
        #    ^ There is no .dockerignore to exclude .git, node_modules: this COPY sends them to the builder and into the layer, and every commit re-runs it
      `,
      dockerignore: null,
      context: ['.git/HEAD', 'node_modules/x/index.js', 'package.json'],
      output: null,
    },
  ],
});
