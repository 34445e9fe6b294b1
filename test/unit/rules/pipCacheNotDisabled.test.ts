import { pipCacheNotDisabled } from '../../../server/src/engine/rules/pipCacheNotDisabled';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(pipCacheNotDisabled, {
  valid: [
    {
      name: 'a build stage: its cache never reaches the image',
      code: dockerfile`
        FROM python:3.12 AS build
        RUN pip install -r requirements.txt
        FROM python:3.12-slim
        COPY --from=build /usr/local/lib /usr/local/lib
      `,
    },
    {
      name: 'pip configured not to cache, earlier in the stage or its base',
      code: dockerfile`
        FROM python:3.12 AS base
        RUN pip config set global.no-cache-dir true
        FROM base
        RUN pip install flask
      `,
    },
    {
      name: '--no-cache-dir',
      code: dockerfile`
        FROM python
        RUN pip install --no-cache-dir flask
      `,
    },
    {
      name: 'PIP_NO_CACHE_DIR in ENV',
      code: dockerfile`
        FROM python
        ENV PIP_NO_CACHE_DIR=1
        RUN pip install flask
      `,
    },
    {
      name: 'a cache mount',
      code: dockerfile`
        FROM python
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask
      `,
    },
    {
      name: 'pipx',
      code: dockerfile`
        FROM python
        RUN pipx install black
      `,
    },
  ],
  invalid: [
    {
      name: 'python -m pip',
      code: dockerfile`
        FROM python
        RUN python3 -m pip install -r requirements.txt
        #^^ \`pip install\` keeps its download cache in the image: add \`--no-cache-dir\`, or mount a cache on /root/.cache/pip
      `,
      output: dockerfile`
        FROM python
        RUN python3 -m pip install --no-cache-dir -r requirements.txt
      `,
    },
    {
      name: 'PIP_NO_CACHE_DIR=off',
      code: dockerfile`
        FROM python
        RUN PIP_NO_CACHE_DIR=off pip3 install flask
        #^^ \`pip install\` keeps its download cache in the image: add \`--no-cache-dir\`, or mount a cache on /root/.cache/pip
      `,
      output: dockerfile`
        FROM python
        RUN PIP_NO_CACHE_DIR=off pip3 install --no-cache-dir flask
      `,
    },
    {
      name: 'a removal in a later RUN is named: it cannot shrink this layer',
      code: dockerfile`
        FROM python:3.12-slim
        RUN pip install -r requirements.txt
        #^^ \`pip install\` keeps its download cache in the image: add \`--no-cache-dir\`, or mount a cache on /root/.cache/pip (the \`rm\` on line 3 runs in a later layer, which cannot take anything out of this one)
        RUN rm -rf /root/.cache/pip
      `,
      output: dockerfile`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -r requirements.txt
        RUN rm -rf /root/.cache/pip
      `,
    },
  ],
});
