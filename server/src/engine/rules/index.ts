import { apkCacheNotDisabled } from './apkCacheNotDisabled';
import { aptListsNotCleaned } from './aptListsNotCleaned';
import { aptRecommendsInstalled } from './aptRecommendsInstalled';
import { broadContextCopy } from './broadContextCopy';
import { buildToolsInFinalStage } from './buildToolsInFinalStage';
import { cacheBustingArgTooEarly } from './cacheBustingArgTooEarly';
import { cacheMountOutputLost } from './cacheMountOutputLost';
import { cacheMountRecommended } from './cacheMountRecommended';
import { circularStageDependency } from './circularStageDependency';
import { consistentInstructionCasing } from './consistentInstructionCasing';
import { copyContextBeforeInstall } from './copyContextBeforeInstall';
import { copyIgnoredFile } from './copyIgnoredFile';
import { duplicateStageName } from './duplicateStageName';
import { exposeInvalidFormat } from './exposeInvalidFormat';
import { exposeProtoCasing } from './exposeProtoCasing';
import { finalStageBaseNotSlim } from './finalStageBaseNotSlim';
import { fromAsCasing } from './fromAsCasing';
import { fromPlatformFlagConstDisallowed } from './fromPlatformFlagConstDisallowed';
import { frontendFeatureWithoutSyntax } from './frontendFeatureWithoutSyntax';
import { invalidDefaultArgInFrom } from './invalidDefaultArgInFrom';
import { invalidDefinitionDescription } from './invalidDefinitionDescription';
import { invalidMountOption } from './invalidMountOption';
import { invalidSyntax } from './invalidSyntax';
import { jsonArgsRecommended } from './jsonArgsRecommended';
import { legacyKeyValueFormat } from './legacyKeyValueFormat';
import { maintainerDeprecated } from './maintainerDeprecated';
import { multipleInstructionsDisallowed } from './multipleInstructionsDisallowed';
import { multiStageRecommended } from './multiStageRecommended';
import { noEmptyContinuation } from './noEmptyContinuation';
import { notUtf8Text } from './notUtf8Text';
import { packageIndexUpdateAlone } from './packageIndexUpdateAlone';
import { pipCacheNotDisabled } from './pipCacheNotDisabled';
import { redundantAliasStage } from './redundantAliasStage';
import { redundantTargetPlatform } from './redundantTargetPlatform';
import { remoteAddWithoutChecksum } from './remoteAddWithoutChecksum';
import { reservedStageName } from './reservedStageName';
import { secretFileCopied } from './secretFileCopied';
import { secretsUsedInArgOrEnv } from './secretsUsedInArgOrEnv';
import { secretValueInFile } from './secretValueInFile';
import { secretWrittenToLayer } from './secretWrittenToLayer';
import { sshKeyCopied } from './sshKeyCopied';
import { stageNameCasing } from './stageNameCasing';
import type { Rule } from './types';
import { undefinedArgInFrom } from './undefinedArgInFrom';
import { undefinedVar } from './undefinedVar';
import { unknownStageReference } from './unknownStageReference';
import { unreachableStage } from './unreachableStage';
import { workdirRelativePath } from './workdirRelativePath';

/** Every rule. Findings are sorted by position, so this order only breaks ties. */
export const RULES: readonly Rule[] = [
  secretsUsedInArgOrEnv,
  secretFileCopied,
  secretValueInFile,
  secretWrittenToLayer,
  sshKeyCopied,
  apkCacheNotDisabled,
  aptListsNotCleaned,
  aptRecommendsInstalled,
  broadContextCopy,
  buildToolsInFinalStage,
  cacheBustingArgTooEarly,
  cacheMountOutputLost,
  cacheMountRecommended,
  circularStageDependency,
  consistentInstructionCasing,
  copyContextBeforeInstall,
  copyIgnoredFile,
  duplicateStageName,
  exposeInvalidFormat,
  exposeProtoCasing,
  finalStageBaseNotSlim,
  fromAsCasing,
  fromPlatformFlagConstDisallowed,
  frontendFeatureWithoutSyntax,
  invalidDefaultArgInFrom,
  invalidDefinitionDescription,
  invalidMountOption,
  invalidSyntax,
  jsonArgsRecommended,
  legacyKeyValueFormat,
  maintainerDeprecated,
  multipleInstructionsDisallowed,
  multiStageRecommended,
  noEmptyContinuation,
  notUtf8Text,
  packageIndexUpdateAlone,
  pipCacheNotDisabled,
  redundantAliasStage,
  redundantTargetPlatform,
  remoteAddWithoutChecksum,
  reservedStageName,
  stageNameCasing,
  undefinedArgInFrom,
  undefinedVar,
  unknownStageReference,
  unreachableStage,
  workdirRelativePath,
];

export function findRule(idOrAlias: string): Rule | undefined {
  return RULES.find((r) => r.id === idOrAlias || r.aliases.includes(idOrAlias));
}

export * from './types';
export { ruleHeader, rulesTable } from './catalogue';
