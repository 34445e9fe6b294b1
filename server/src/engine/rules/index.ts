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
import type { MessageMap, Rule } from './types';
import { undefinedArgInFrom } from './undefinedArgInFrom';
import { undefinedVar } from './undefinedVar';
import { unknownStageReference } from './unknownStageReference';
import { unreachableStage } from './unreachableStage';
import { workdirRelativePath } from './workdirRelativePath';

const rule = <M extends MessageMap>(r: Rule<M>) => r as unknown as Rule;

/** Every rule. Findings are sorted by position, so this order only breaks ties. */
export const RULES: readonly Rule[] = [
  rule(secretsUsedInArgOrEnv),
  rule(secretFileCopied),
  rule(secretValueInFile),
  rule(secretWrittenToLayer),
  rule(sshKeyCopied),
  rule(apkCacheNotDisabled),
  rule(aptListsNotCleaned),
  rule(aptRecommendsInstalled),
  rule(broadContextCopy),
  rule(buildToolsInFinalStage),
  rule(cacheBustingArgTooEarly),
  rule(cacheMountOutputLost),
  rule(cacheMountRecommended),
  rule(circularStageDependency),
  rule(consistentInstructionCasing),
  rule(copyContextBeforeInstall),
  rule(copyIgnoredFile),
  rule(duplicateStageName),
  rule(exposeInvalidFormat),
  rule(exposeProtoCasing),
  rule(finalStageBaseNotSlim),
  rule(fromAsCasing),
  rule(fromPlatformFlagConstDisallowed),
  rule(frontendFeatureWithoutSyntax),
  rule(invalidDefaultArgInFrom),
  rule(invalidDefinitionDescription),
  rule(invalidMountOption),
  rule(invalidSyntax),
  rule(jsonArgsRecommended),
  rule(legacyKeyValueFormat),
  rule(maintainerDeprecated),
  rule(multipleInstructionsDisallowed),
  rule(multiStageRecommended),
  rule(noEmptyContinuation),
  rule(notUtf8Text),
  rule(packageIndexUpdateAlone),
  rule(pipCacheNotDisabled),
  rule(redundantAliasStage),
  rule(redundantTargetPlatform),
  rule(remoteAddWithoutChecksum),
  rule(reservedStageName),
  rule(stageNameCasing),
  rule(undefinedArgInFrom),
  rule(undefinedVar),
  rule(unknownStageReference),
  rule(unreachableStage),
  rule(workdirRelativePath),
];

export function findRule(idOrAlias: string): Rule | undefined {
  return RULES.find((r) => r.id === idOrAlias || r.aliases.includes(idOrAlias));
}

export * from './types';
