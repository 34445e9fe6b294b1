import type { BuildStep } from '../../../common/buildProgress';
import { describeResult, instructionOnLine, stepLines } from '../engine';
import type { DockerfileModel, LineResult } from '../engine';

/** How many Dockerfiles' last build results are kept; the oldest is dropped first. */
const KEPT = 64;

interface Kept {
  result: LineResult;
  /** The instruction's text when it was built: an edited line no longer shows the old result. */
  text: string;
}

/** The result of each step of the last build of each Dockerfile, for the hover's cache card. */
export class LastBuilds {
  private readonly builds = new Map<string, Map<number, Kept>>();

  record(uri: string, model: DockerfileModel, steps: readonly BuildStep[]): LineResult[] {
    const results = stepLines(model, steps);
    const lines = new Map<number, Kept>();
    for (const result of results) {
      const instruction = model.instructions.find((i) => i.range.start.line === result.line);
      if (instruction) lines.set(result.line, { result, text: instruction.text });
    }
    this.builds.delete(uri);
    this.builds.set(uri, lines);
    if (this.builds.size > KEPT) this.builds.delete(this.builds.keys().next().value as string);
    return results;
  }

  /** `re-ran (12.3 s)` for the instruction over this line, when the last build ran it as it is written now. */
  describe(uri: string, model: DockerfileModel, line: number): string | undefined {
    const instruction = instructionOnLine(model, line);
    const kept = instruction && this.builds.get(uri)?.get(instruction.range.start.line);
    return kept && instruction.text === kept.text ? describeResult(kept.result) : undefined;
  }
}
