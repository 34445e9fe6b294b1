import type { Instruction, Stage } from '../model';

/**
 * What a build step is, defined once for the hovers, the forecast and a real build's results. BuildKit
 * makes a step of a stage's FROM and of each RUN, COPY, ADD and WORKDIR; the other instructions only
 * change the image's configuration and run nothing.
 */
const AFTER_FROM = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
const BRINGS_CONTENT = new Set(['RUN', 'COPY', 'ADD']);

/** Whether BuildKit runs the instruction as a step after its stage's FROM (RUN, COPY, ADD, WORKDIR). */
export function isLayerStep(instruction: Instruction): boolean {
  return AFTER_FROM.has(instruction.keyword) && instruction.stage >= 0;
}

/**
 * Whether the step's cache key holds what it brings into the layer (a command, or files from the context
 * or another stage): the steps the cache hover explains. WORKDIR only makes a directory.
 */
export function isCacheStep(instruction: Instruction): boolean {
  return BRINGS_CONTENT.has(instruction.keyword) && instruction.stage >= 0;
}

/** A stage's steps as BuildKit's progress numbers them (`[stage 2/5]`): its FROM first. */
export function numberedSteps(stage: Stage): Instruction[] {
  return stage.instructions.filter((i) => i === stage.from || isLayerStep(i));
}

/** The steps BuildKit shows for a stage: a FROM that names an earlier stage is no step of its own, as the stage goes on from that one. */
export function shownSteps(stage: Stage): Instruction[] {
  return numberedSteps(stage).filter((i) => i !== stage.from || stage.baseStage === undefined);
}
