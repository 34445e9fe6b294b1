export { analyze, runRules } from './analyze';
export type { Analysis, RuleOptions } from './analyze';
export { explainStep, renderExplanation, isCacheStep } from './cache/explain';
export type { StepExplanation } from './cache/explain';
export { RULES, findRule, ruleSlug } from './rules';
export type { Finding, Fix, FixSafety, Rule, Severity, TextEdit } from './rules';
export * from './model';
export { applyEdits, fixAllSafe, safeFixEdits } from './edits';
