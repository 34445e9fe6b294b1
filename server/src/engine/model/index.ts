export * from './types';
export { joinContinuationLines, parseDockerfile, parseJsonForm, withoutBom } from './parse';
export { readMount, BOOLEAN_KEYS, MOUNT_KEYS } from './mounts';
export { INSTRUCTION_FLAGS } from './flags';
export { expand, referencedNames, TEMPLATE_PLACEHOLDER, unquote } from './variables';
export type { Lookup, Expansion } from './variables';
export { variableAt, variablesAt, lookupAt, isPredefinedProxyArg, lastInstruction, instructionOnLine, workdirAt } from './scope';
export type { BuildArgs, ScopedVariable } from './scope';
export {
  alongFromChain,
  baseOf,
  buildInputs,
  fromChain,
  reachableStages,
  stagesAVariableCanName,
  targetStage,
  dependenciesOf,
  dependentsOf,
} from './graph';
export { withParseShared } from './parserShortcuts';
export { reusingValidator } from './validation';
export { findStage, globalLookup, AUTOMATIC_PLATFORM_ARGS, PREDEFINED_PROXY_ARGS } from './stages';
export { DIRECTIVE_LINE, parseCheckValue } from './directives';
export { INSTRUCTION_KEYWORDS, isKnownKeyword } from './keywords';
export { programWords, invocation, splitCommands, subcommand, writtenFiles } from './shell';
export type { SimpleCommand } from './shell';
export {
  argumentsRange,
  lineBounds,
  offsetAt,
  positionAt,
  textOf,
  contains,
  overlaps,
  comparePositions,
  sameRange,
  wholeLines,
  onInstructionLine,
} from './text';
export { joinPath } from './paths';
export type { Position } from './text';
