import { pipCacheNotDisabled } from '../../../server/src/engine/rules/pipCacheNotDisabled';
import { ruleTests } from '../../support/ruleTester';

ruleTests(pipCacheNotDisabled, {
  valid: [
    { name: 'a build stage: its cache never reaches the image', code: 'FROM python:3.12 AS build\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /usr/local/lib /usr/local/lib\n' },
    { name: 'pip configured not to cache, earlier in the stage or its base', code: 'FROM python:3.12 AS base\nRUN pip config set global.no-cache-dir true\nFROM base\nRUN pip install flask\n' },
    { name: "--no-cache-dir", code: "FROM python\nRUN pip install --no-cache-dir flask\n" },
    { name: "PIP_NO_CACHE_DIR in ENV", code: "FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n" },
    { name: "a cache mount", code: "FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n" },
    { name: "pipx", code: "FROM python\nRUN pipx install black\n" },
  ],
  invalid: [
    { name: "python -m pip", code: "FROM python\nRUN python3 -m pip install -r requirements.txt\n#^^ `pip install` keeps its download cache in the image: add `--no-cache-dir`, or mount a cache on /root/.cache/pip\n", output: "FROM python\nRUN python3 -m pip install --no-cache-dir -r requirements.txt\n" },
    { name: "PIP_NO_CACHE_DIR=off", code: "FROM python\nRUN PIP_NO_CACHE_DIR=off pip3 install flask\n#^^ `pip install` keeps its download cache in the image: add `--no-cache-dir`, or mount a cache on /root/.cache/pip\n", output: "FROM python\nRUN PIP_NO_CACHE_DIR=off pip3 install --no-cache-dir flask\n" },
    { name: "a removal in a later RUN is named: it cannot shrink this layer", code: "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n#^^ `pip install` keeps its download cache in the image: add `--no-cache-dir`, or mount a cache on /root/.cache/pip (the `rm` on line 3 runs in a later layer, which cannot take anything out of this one)\nRUN rm -rf /root/.cache/pip\n", output: "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\nRUN rm -rf /root/.cache/pip\n" },
  ],
});
