import { pipCacheNotDisabled } from '../../../server/src/engine/rules/pipCacheNotDisabled';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(pipCacheNotDisabled as unknown as Rule, {
  valid: [
    { name: "--no-cache-dir", code: "FROM python\nRUN pip install --no-cache-dir flask\n" },
    { name: "PIP_NO_CACHE_DIR in ENV", code: "FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n" },
    { name: "a cache mount", code: "FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n" },
    { name: "pipx", code: "FROM python\nRUN pipx install black\n" },
  ],
  invalid: [
    { name: "python -m pip", code: "FROM python\nRUN python3 -m pip install -r requirements.txt\n#^^ `pip install` keeps its download cache in the image: add `--no-cache-dir`, or mount a cache on /root/.cache/pip\n", output: "FROM python\nRUN python3 -m pip install --no-cache-dir -r requirements.txt\n" },
    { name: "PIP_NO_CACHE_DIR=off", code: "FROM python\nRUN PIP_NO_CACHE_DIR=off pip3 install flask\n#^^ `pip install` keeps its download cache in the image: add `--no-cache-dir`, or mount a cache on /root/.cache/pip\n", output: "FROM python\nRUN PIP_NO_CACHE_DIR=off pip3 install --no-cache-dir flask\n" },
  ],
});
