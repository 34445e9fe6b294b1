import type { Rule, RuleCategory } from './types';

/** The families of the README's rule table, in the order a reader meets them. */
const FAMILIES: RuleCategory[] = ['cache', 'size', 'stages', 'secrets', 'syntax'];

/**
 * The line under a rule page's title, derived from the rule's definition so that a page cannot
 * drift from the code: category, default severity, fix availability and safety, whether BuildKit has
 * the same check, and the hadolint codes or former ids that also name it.
 */
export function ruleHeader(rule: Rule): string {
  const fix = rule.fix.availability === 'none' ? 'none' : `${rule.fix.availability}, ${rule.fix.safety ?? 'unsafe'}`;
  const parity = rule.buildkit
    ? `Same check as \`docker build --check\`${rule.experimental ? ' (experimental)' : ''}`
    : 'A Layerlens check';
  const hadolint = rule.aliases.filter((a) => /^DL\d+$/.test(a));
  const aliases = [
    ...(hadolint.length > 0 ? [`hadolint ${hadolint.join(', ')}: \`# hadolint ignore=${hadolint[0]}\` silences it too`] : []),
    ...rule.aliases.filter((a) => !hadolint.includes(a)).map((a) => `formerly \`${a}\``),
  ]
    .map((text) => ` · ${text}`)
    .join('');
  return `Category: ${rule.category} · Default severity: ${rule.defaultSeverity} · Fix: ${fix} · ${parity}${aliases}`;
}

/** The README's table of rules by family, each with its other names. */
export function rulesTable(rules: readonly Rule[]): string {
  const name = (rule: Rule) =>
    `\`${rule.id}\`${rule.aliases.length > 0 ? ` (${rule.aliases.join(', ')})` : ''}${rule.experimental ? ' (experimental)' : ''}`;
  return [
    '| family | rules |',
    '| --- | --- |',
    ...FAMILIES.map(
      (family) =>
        `| ${family} | ${rules
          .filter((r) => r.category === family)
          .map(name)
          .join(', ')} |`,
    ),
  ].join('\n');
}
