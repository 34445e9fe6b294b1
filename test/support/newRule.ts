/**
 * `npm run new-rule -- RuleName` (newRuleCli.ts): scaffolds a rule where CONTRIBUTING.md says its parts go: the rule
 * file, registered in the registry; its test table; and its documentation page with the header the
 * definition gives. What the scaffold cannot know (what the rule finds, its examples) is left for the
 * author, and the unit tier fails until it is written: the page's examples must fire and stay silent.
 */
import { findRule, ruleHeader, ruleSlug } from '../../server/src/engine/rules';
import type { Rule } from '../../server/src/engine/rules';

/** The files a new rule adds, relative to the repository, and the registry with the rule added. */
export function scaffoldRule(id: string, registry: string): { files: Record<string, string>; registry: string } {
  if (!/^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$/.test(id))
    throw new Error(`"${id}" is not a rule id: use BuildKit's <Subject><Condition> PascalCase, such as CopyIgnoredFile`);
  if (findRule(id)) throw new Error(`${id} exists already`);
  const name = id[0].toLowerCase() + id.slice(1);
  const slug = ruleSlug(id);
  const info: Rule = {
    id,
    description: '',
    category: 'syntax',
    defaultSeverity: 'warning',
    fix: { availability: 'none' },
    aliases: [],
    buildkit: false,
    docs: `docs/rules/${slug}.md`,
    messages: {},
    check: () => undefined,
  };
  const rule = `import { defineRule } from './types';

export const ${name} = defineRule({
  id: '${id}',
  description: '${id}: what it finds, and why that slows, bloats or breaks the build.',
  category: '${info.category}',
  defaultSeverity: '${info.defaultSeverity}',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    found: () => '${id}: say what is wrong on this line and what to write instead',
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'FROM') continue;
      report({ range: instruction.range, message: messages.found(), instructionIndex: instruction.index });
    }
  },
});
`;
  const tests = `import { ${name} } from '../../../server/src/engine/rules/${name}';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(${name}, {
  valid: [
    {
      name: 'a file the rule has nothing to say about',
      code: dockerfile\`
        RUN true
      \`,
    },
  ],
  invalid: [
    {
      name: 'the case the rule is for',
      code: dockerfile\`
        FROM alpine
        #^^^^^^^^^^ ${id}: say what is wrong on this line and what to write instead
      \`,
      output: null,
    },
  ],
});
`;
  const page = `# ${id}

${ruleHeader(info)}

## What it does

## Why is this bad?

## Example

\`\`\`dockerfile
FROM alpine
\`\`\`

## Use instead

\`\`\`dockerfile
FROM alpine
\`\`\`

## Fix safety

No fix.

## References
`;
  const imports = registry.match(/^import \{ \w+ \} from '\.\/\w+';$/gm) ?? [];
  const line = `import { ${name} } from './${name}';`;
  const before = imports.find((i) => i.localeCompare(line) > 0);
  const withImport = before
    ? registry.replace(before, `${line}\n${before}`)
    : registry.replace(imports[imports.length - 1], `${imports[imports.length - 1]}\n${line}`);
  return {
    files: { [`server/src/engine/rules/${name}.ts`]: rule, [`test/unit/rules/${name}.test.ts`]: tests, [info.docs]: page },
    registry: withImport.replace(/\n\];/, `\n  ${name},\n];`),
  };
}
