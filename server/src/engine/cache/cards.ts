import type { ImageStore } from '../../../../common/imageStore';
import { filesCopiedBy } from '../context/listing';
import type { ContextListing } from '../context/listing';
import {
  baseOf,
  contains,
  dependentsOf,
  fromChain,
  isPredefinedProxyArg,
  reachableStages,
  referencedNames,
  targetStage,
  unquote,
} from '../model';
import type { BuildArgs, DockerfileModel, Instruction, Mount, Position, Range, Stage } from '../model';
import { hideSecretShapes } from '../secrets';
import { explainStep } from './explain';
import { isLayerStep } from './steps';
import type { StepExplanation } from './explain';

/**
 * A hover card about BuildKit's cache. Its summary comes first and answers "what makes this
 * re-run?"; the sections give the detail. Rendered as Markdown or as plain text.
 */
export interface CacheCard {
  title: string;
  summary: string;
  /** A `brief` section says what re-runs after this one, so the brief hover keeps it; the others are details. */
  sections: { heading: string; items: string[]; brief?: boolean }[];
}

export type MarkupFormat = 'markdown' | 'plaintext';

/** `brief`: what re-runs it and what re-runs after it, the rest behind a link; `full`: everything, the details below a rule. */
export type HoverDetail = 'brief' | 'full';

/** The longest brief hover, in lines of text (blank lines between paragraphs not counted). */
export const BRIEF_HOVER_LINES = 8;

export interface HoverOptions {
  detail?: HoverDetail;
  /** Labelled lines that belong with the summary: the cache advice, the last build's result. */
  notes?: { label: string; text: string }[];
  /** The `command:` link that shows the details, in a brief hover; without it the hover is full. */
  detailsLink?: string;
}

export interface CardOptions {
  buildArgs?: BuildArgs;
  /** The files the context sends, for counts in COPY cards. */
  context?: ContextListing;
  target?: string;
  /** The daemon's image store, when known: a `COPY --link` card says what that store does. */
  imageStore?: ImageStore;
}

const lineOf = (instruction: Instruction) => instruction.range.start.line + 1;
const stageLabel = (stage: Stage) => (stage.name ? `stage \`${stage.name}\`` : `stage ${stage.index}`);
/** The label of the stage at `index`: a model's links name only stages it has, so the fallback is never shown. */
const stageLabelAt = (model: DockerfileModel, index: number) => {
  const stage = model.stages[index];
  return stage ? stageLabel(stage) : `stage ${index}`;
};
const short = (text: string) => {
  const clean = hideSecretShapes(text)
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
};
const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/**
 * A hover leads with the summary, so its first line answers "what makes this re-run?", and names
 * the card last; a listing (the CLI's `--explain`) leads with the title, which locates the step.
 */
export function renderCard(
  card: CacheCard,
  format: MarkupFormat,
  layout: 'hover' | 'listing' = 'hover',
  options: HoverOptions = {},
): string {
  const markdown = format === 'markdown';
  const title = markdown ? (layout === 'hover' ? `_${card.title}_` : `**${card.title}**`) : card.title;
  const notes = (options.notes ?? []).map((note) => (markdown ? `**${note.label}:** ${note.text}` : `${note.label}: ${note.text}`));
  const sections = card.sections.filter((section) => section.items.length > 0);
  const render = (list: typeof sections) =>
    list.flatMap((section) => ['', `${section.heading}:`, ...section.items.map((item) => `- ${item}`)]);
  let lines: string[];
  if (layout === 'listing') {
    lines = [title, '', card.summary, ...render(sections), ...notes.flatMap((note) => ['', note])];
  } else if (options.detail === 'brief' && options.detailsLink && markdown) {
    lines = [
      card.summary,
      ...notes.flatMap((note) => ['', note]),
      ...render(
        briefSections(
          sections.filter((s) => s.brief),
          BRIEF_HOVER_LINES - 2 - notes.length,
        ),
      ),
      '',
      `${title} · [Show cache details](${options.detailsLink})`,
    ];
  } else {
    const details = render(sections.filter((s) => !s.brief));
    lines = [
      card.summary,
      ...notes.flatMap((note) => ['', note]),
      ...render(sections.filter((s) => s.brief)),
      ...(details.length > 0 ? ['', markdown ? '---' : ''] : []),
      ...details,
      '',
      title,
    ];
  }
  const text = lines.join('\n');
  // Plain text keeps the backticks, which read as quotes; only the emphasis goes.
  return markdown ? text : text.replace(/\*\*/g, '');
}

/**
 * The brief sections cut to `budget` lines, a heading and its items each a line: a section that
 * does not fit whole ends with how many more items the details hold.
 */
function briefSections<S extends { heading: string; items: string[] }>(sections: S[], budget: number): S[] {
  const kept: S[] = [];
  let left = budget;
  for (const section of sections) {
    if (left < 2) break;
    const room = left - 1;
    const items =
      section.items.length <= room
        ? section.items
        : [...section.items.slice(0, room - 1), `and ${section.items.length - room + 1} more in the details`];
    kept.push({ ...section, items });
    left -= 1 + items.length;
  }
  return kept;
}

function summaryOfStep(model: DockerfileModel, explanation: StepExplanation, options: CardOptions): string {
  const instruction = explanation.instruction;
  const stage = model.stages[instruction.stage];
  const previous = stage?.instructions.filter((i) => i.index < instruction.index && isLayerStep(i)).at(-1);
  const base = stage && baseOf(model, stage);
  const below = previous ? `the step at line ${lineOf(previous)} re-runs` : base ? `${stageLabel(base)} re-runs` : 'the base image changes';
  const copy = instruction.copy;
  const parent = copy?.link ? `${below}${linkedCopyNote(options.imageStore)}` : below;
  switch (explanation.kind) {
    case 'run':
      return `**Re-runs when** its command, its flags, a variable in scope, WORKDIR, USER or SHELL changes, or when ${parent}. Secret and cache-mount contents do not count.`;
    case 'copy-stage':
      return `**Re-runs when** the bytes of ${copy?.sources.map((s) => `\`${s.value}\``).join(', ')} in ${copy?.from !== undefined ? `\`${copy.from}\`` : 'the source'} change (not when that stage merely re-runs), when the instruction changes, or when ${parent}.`;
    case 'add-remote':
      return `**Re-runs when** the downloaded content changes (BuildKit fetches it on every build to find out), when the instruction changes, or when ${parent}.`;
    default: {
      const listing = options.context;
      const sources = copy?.sources.map((s) => unquote(s.value)) ?? [];
      const files = listing ? new Set(sources.flatMap((s) => (s.includes('$') ? [] : filesCopiedBy(listing, s)))).size : undefined;
      const what =
        files !== undefined
          ? `the content or mode of the ${count(files, 'context file')}${listing?.complete ? '' : ' (or more)'} it copies${listing?.excluded ? ` (\`.dockerignore\` excludes ${listing.excluded.toLocaleString('en-US')})` : ''}`
          : `the content or mode of ${sources.map((s) => `\`${s}\``).join(', ')} in the build context`;
      return `**Re-runs when** ${what} changes, when the instruction changes, or when ${parent}. Modification times do not count.`;
    }
  }
}

/** What a change below a `COPY --link` does to it, by the daemon's image store (tried on BuildKit v0.25). */
function linkedCopyNote(store: ImageStore | undefined): string {
  if (store === 'containerd')
    return ", only to merge it: this engine's containerd image store reuses the linked copy, though later steps re-run";
  if (store === 'classic') return " (on this engine's classic image store `--link` does not help: it copies again)";
  return ' (that depends on the image store: the containerd store then reuses the linked copy and only merges it, the classic store copies again)';
}

/** A step's card as a listing, for the CLI's `--explain`: the same card the hover shows. */
export function renderExplanation(
  model: DockerfileModel,
  explanation: StepExplanation,
  format: MarkupFormat = 'markdown',
  options: CardOptions = {},
): string {
  return renderCard(stepCard(model, explanation, options), format, 'listing');
}

/** The step card of RUN, COPY and ADD: the explanation with a summary first. */
export function stepCard(model: DockerfileModel, explanation: StepExplanation, options: CardOptions = {}): CacheCard {
  return {
    title: `BuildKit cache: ${explanation.instruction.keyword} step, line ${lineOf(explanation.instruction)}`,
    summary: summaryOfStep(model, explanation, options),
    sections: [
      { heading: 'The cache key depends on', items: explanation.dependsOn },
      { heading: 'Not part of the key', items: explanation.notInKey },
      { heading: 'When this step re-runs, so does', items: explanation.rerunsOnMiss, brief: true },
    ],
  };
}

/** Where a changed value of `name` first misses: the first later RUN, or an earlier step that names it. */
function firstMiss(stage: Stage, after: Instruction, name: string, escapeChar: string): Instruction | undefined {
  return stage.instructions.find(
    (i) => i.index > after.index && (i.keyword === 'RUN' || (isLayerStep(i) && referencedNames(i.text, escapeChar).includes(name))),
  );
}

/** The card of an ARG; `stage` is undefined for a global ARG, before the first FROM. */
function argCard(model: DockerfileModel, instruction: Instruction, stage: Stage | undefined): CacheCard {
  const names = instruction.properties.map((p) => p.name);
  const escapeChar = model.directives.escape.char;
  const title = `BuildKit cache: ARG ${names.join(', ')}, line ${lineOf(instruction)}`;
  const facts = [
    'a `--build-arg` for a name that no ARG declares changes nothing',
    'the predefined proxy args (`HTTP_PROXY`, `NO_PROXY` …) stay out of the key unless an ARG declares them',
  ];
  if (!stage) {
    const users = model.stages.filter((s) => names.some((n) => referencedNames(s.from.text, escapeChar).includes(n)));
    const redeclared = model.stages.filter((s) => s.args.some((a) => names.includes(a.name)));
    return {
      title,
      summary: `**A new value re-runs** ${users.length > 0 ? `the stages whose FROM uses it (${users.map((s) => `line ${lineOf(s.from)}`).join(', ')}), from their base image on` : 'nothing by itself'}: a global ARG is seen only by FROM lines unless a stage declares it again.`,
      sections: [
        {
          heading: 'Declared again in',
          brief: true,
          items: redeclared.map((s) => `${stageLabel(s)} (line ${lineOf(s.from)}): steps there follow the stage's own ARG`),
        },
        { heading: 'Good to know', items: facts },
      ],
    };
  }
  const misses = names.map((n) => ({ name: n, at: firstMiss(stage, instruction, n, escapeChar) }));
  const uses = stage.instructions.filter(
    (i) => i.index > instruction.index && names.some((n) => referencedNames(i.text, escapeChar).includes(n)),
  );
  const first = misses
    .map((m) => m.at)
    .filter((i): i is Instruction => i !== undefined)
    .sort((a, b) => a.index - b.index)[0];
  return {
    title,
    summary: first
      ? `**A new value first re-runs** line ${lineOf(first)} (\`${short(first.text)}\`) and every later step of ${stageLabel(stage)}: every RUN sees all ARGs in scope as its environment, used or not. Steps before it stay cached.`
      : `**A new value re-runs nothing**: no later step of ${stageLabel(stage)} is a RUN or names it.`,
    sections: [
      { heading: 'Steps that name it', items: uses.map((i) => `line ${lineOf(i)}: \`${short(i.text)}\``) },
      {
        heading: 'Good to know',
        items: [...facts, ...names.filter(isPredefinedProxyArg).map((n) => `declaring \`${n}\` puts it in the key of every later RUN`)],
      },
    ],
  };
}

function envCard(model: DockerfileModel, stage: Stage, instruction: Instruction): CacheCard {
  const nextRun = stage.instructions.find((i) => i.index > instruction.index && i.keyword === 'RUN');
  const children = dependentsOf(model, stage.index)
    .filter((d) => d.kind === 'from')
    .flatMap((d) => model.stages[d.stage] ?? []);
  return {
    title: `BuildKit cache: ENV ${instruction.properties.map((p) => p.name).join(', ')}, line ${lineOf(instruction)}`,
    summary: nextRun
      ? `**A new value re-runs** the next RUN, line ${lineOf(nextRun)}, and every step after it. WORKDIR, COPY and ADD before that RUN stay cached: they do not read the environment.`
      : '**A new value re-runs no step** of this stage: no RUN follows. It changes the image configuration only.',
    sections: [
      {
        heading: 'Also seen by',
        brief: true,
        items: children.map((s) => `${stageLabel(s)} (line ${lineOf(s.from)}), built FROM this stage: its RUN steps re-run too`),
      },
    ],
  };
}

function fromCard(model: DockerfileModel, stage: Stage, options: CardOptions): CacheCard {
  const needed = reachableStages(model, options.target);
  const dependents = dependentsOf(model, stage.index);
  const items = dependents.map(
    (d) =>
      `${stageLabelAt(model, d.stage)}: ${d.kind === 'from' ? 'built FROM it, so it follows every re-run' : `line ${lineOf(d.instruction)} ${d.kind === 'copy' ? 'copies from it, and re-runs only when the copied bytes change' : 'mounts it'}`}`,
  );
  const skipped = needed.has(stage.index)
    ? []
    : [
        `not needed to build ${options.target ? `\`${options.target}\`` : 'the last stage'}: BuildKit skips it unless you build \`--target ${stage.name ?? stage.index}\``,
      ];
  const base = baseOf(model, stage);
  if (base) {
    return {
      title: `BuildKit cache: FROM ${stageLabel(base)}, line ${lineOf(stage.from)}`,
      summary: `**Re-runs when** anything in ${stageLabel(base)} re-runs: this stage goes on from its last step, so every step here follows.`,
      sections: [
        { heading: 'Depend on this stage', items, brief: true },
        { heading: 'Build target', items: skipped, brief: true },
      ],
    };
  }
  const image = stage.resolvedBase || stage.base;
  const pinned = /@sha256:[0-9a-f]{64}$/.test(image);
  return {
    title: `BuildKit cache: FROM ${image}, line ${lineOf(stage.from)}`,
    summary: pinned
      ? '**Re-runs when** this line changes: the image is pinned by digest, so every step of the stage stays cached until you change it.'
      : `**Re-runs when** the tag \`${image}\` moves: BuildKit resolves it to a digest when the build starts, and a new digest re-runs every step of this stage and the stages built from it. Pin \`@sha256:…\` to decide when; \`docker build --pull\` checks the registry for a newer image.`,
    sections: [
      { heading: 'Depend on this stage', items, brief: true },
      { heading: 'Build target', items: skipped, brief: true },
    ],
  };
}

function settingCard(stage: Stage, instruction: Instruction): CacheCard {
  const nextRun = stage.instructions.find((i) => i.index > instruction.index && i.keyword === 'RUN');
  const title = `BuildKit cache: ${instruction.keyword}, line ${lineOf(instruction)}`;
  switch (instruction.keyword) {
    case 'WORKDIR':
      return {
        title,
        summary:
          '**Re-runs when** its path changes or an earlier step re-runs: it is a step of its own (it creates the folder). ARG and ENV changes above it do not reach it.',
        sections: [
          {
            heading: 'It shapes',
            items: ['the key of every later RUN, which runs in it', 'relative COPY and ADD destinations, which resolve against it'],
          },
        ],
      };
    case 'USER':
    case 'SHELL':
      return {
        title,
        summary: `**Not a step.** A change re-runs ${nextRun ? `the next RUN, line ${lineOf(nextRun)}, and everything after it` : 'no step: no RUN follows'}; COPY and ADD do not depend on it${instruction.keyword === 'USER' ? ' (they create files as root unless `--chown` says otherwise)' : ''}.`,
        sections: [],
      };
    default:
      return {
        title,
        summary:
          '**Never re-runs anything**: it sets image metadata and is no step of its own; a change only rewrites the image configuration.',
        sections: [],
      };
  }
}

export function mountCard(mount: Mount): CacheCard {
  const title = `BuildKit cache: --mount=type=${mount.type === 'unknown' ? mount.declaredType : mount.type}`;
  switch (mount.type) {
    case 'cache':
      return {
        title,
        summary: `**Not in the key**: whatever is in the cache at \`${mount.target ?? '?'}\`; changing it never re-runs this step.`,
        sections: [
          {
            heading: 'Good to know',
            items: [
              'it lives on this builder only: a fresh CI runner starts empty, and neither `--cache-from`, the inline cache nor a registry cache carries it',
              'files written there exist only during this RUN: they are not in the layer, so copy what the image needs elsewhere before the RUN ends',
              `sharing=${mount.sharing}: ${mount.sharing === 'locked' ? 'one build at a time uses it (what apt needs)' : mount.sharing === 'private' ? 'concurrent builds each get their own copy' : 'concurrent builds use it at once'}`,
            ],
          },
        ],
      };
    case 'secret':
      return {
        title,
        summary: `**Not in the key**: the secret \`${mount.id ?? '?'}\`. Rotating it does not re-run this step; change something in the key (a build arg) to force a re-run.`,
        sections: [
          {
            heading: 'Good to know',
            items: [
              `it appears at ${mount.env ? `the environment variable \`${mount.env}\`` : `\`${mount.target ?? `/run/secrets/${mount.id ?? '<id>'}`}\``} during this RUN only and is written to no layer`,
              `pass it with \`--secret id=${mount.id ?? '<id>'},src=FILE\` or \`env=VAR\`; ${mount.required ? 'the build fails without it (required=true)' : 'without it the RUN sees nothing there (add required=true to fail instead)'}`,
            ],
          },
        ],
      };
    case 'bind':
      return {
        title,
        summary: `**In the key**: the content bound from ${mount.from ? `\`${mount.from}\`` : 'the build context'} (${mount.source ? `\`${mount.source}\`` : 'its root'}); a change there re-runs this step.`,
        sections: [
          {
            heading: 'Good to know',
            items: [`${mount.readwrite ? 'writes are allowed but' : 'read-only; even with rw,'} nothing written there stays in the layer`],
          },
        ],
      };
    case 'ssh':
      return {
        title,
        summary: '**Not in the key**: the SSH agent behind the socket; keys never reach a layer. Build with `--ssh default`.',
        sections: [],
      };
    case 'tmpfs':
      return {
        title,
        summary: '**Not in the key**: an empty in-memory folder for this RUN only; nothing written there stays.',
        sections: [],
      };
    default:
      return { title, summary: `BuildKit knows no mount type \`${mount.declaredType}\`: the build fails.`, sections: [] };
  }
}

function syntaxCard(value: string): CacheCard {
  return {
    title: `# syntax=${value}`,
    summary:
      '**Pulls a frontend**: BuildKit fetches this Dockerfile frontend image from its registry at the start of each build, so builders that cannot reach the registry fail.',
    sections: [
      {
        heading: 'Good to know',
        items: [
          'it decides which Dockerfile features parse (heredocs, `COPY --link`, newer `--mount` options)',
          "without it, the engine's built-in frontend is used: Docker 20.10's rejects heredocs and `COPY --link`",
        ],
      },
    ],
  };
}

/** What the stage contributes to the target image, and what the inline cache does for it. */
export function stageCard(model: DockerfileModel, stage: Stage, options: CardOptions = {}): CacheCard {
  const index = stage.index;
  const target = targetStage(model, options.target);
  const needed = reachableStages(model, options.target);
  const finalChain = new Set(fromChain(model, target).map((s) => s.index));
  const uses = dependentsOf(model, index);
  const usedBy = uses.map(
    (d) =>
      `line ${lineOf(d.instruction)} in ${stageLabelAt(model, d.stage)}: ${d.kind === 'from' ? 'FROM' : d.kind === 'copy' ? `COPY --from (${d.instruction.copy?.sources.map((s) => `\`${s.value}\``).join(', ')})` : 'RUN --mount from'}`,
  );
  const role =
    index === target
      ? 'it is the image being built'
      : finalChain.has(index)
        ? 'the image is built FROM it: all its layers are in the image'
        : needed.has(index)
          ? `only what other stages copy from it reaches the image${uses.some((d) => d.kind === 'copy') ? '' : ' (nothing is copied directly)'}`
          : 'nothing: the target does not need it, and BuildKit does not build it';
  return {
    title: `Stage ${stage.name ? `\`${stage.name}\`` : stage.index}, line ${lineOf(stage.from)}`,
    summary: `**In the final image:** ${role}.`,
    sections: [
      { heading: 'Used by', items: usedBy, brief: true },
      {
        heading: 'Registry cache',
        items: [
          finalChain.has(index)
            ? "the inline cache (`BUILDKIT_INLINE_CACHE=1`) carries its layers, since they are the image's"
            : "the inline cache carries only the final image's layers: on a fresh CI runner this stage runs from scratch whenever it has to run. Push it as its own image (`--target " +
              (stage.name ?? stage.index) +
              ' --tag IMAGE:' +
              (stage.name ?? stage.index) +
              '`) or use a registry cache with `mode=max`',
        ],
      },
    ],
  };
}

/** The card for what is under `position`: a mount flag, a stage name, the syntax directive, or the instruction. */
export function cardAt(
  model: DockerfileModel,
  position: Position,
  options: CardOptions = {},
): { card: CacheCard; range: Range } | undefined {
  const syntax = model.directives.syntax;
  if (syntax && contains(syntax.range, position)) return { card: syntaxCard(syntax.value), range: syntax.range };
  const instruction = model.instructions.find((i) => contains(i.range, position));
  if (!instruction || (instruction.stage < 0 && instruction.keyword !== 'ARG')) return undefined;
  const mount = instruction.run?.mounts.find((m) => contains(m.range, position));
  for (const named of model.stages)
    if (named.nameRange && contains(named.nameRange, position)) return { card: stageCard(model, named, options), range: named.nameRange };
  const reference = model.dependencies.find((d) => d.instruction === instruction && d.target !== undefined && contains(d.range, position));
  const referenced = reference?.target === undefined ? undefined : model.stages[reference.target];
  if (reference && referenced && !mount) return { card: stageCard(model, referenced, options), range: reference.range };
  if (mount) return { card: mountCard(mount), range: mount.range };
  const range = instruction.keywordRange;
  const stage = model.stages[instruction.stage];
  if (instruction.keyword === 'ARG') return { card: argCard(model, instruction, stage), range };
  if (!stage) return undefined;
  if (instruction.keyword === 'FROM') return { card: fromCard(model, stage, options), range };
  if (instruction.keyword === 'ENV') return { card: envCard(model, stage, instruction), range };
  const explanation = explainStep(model, instruction, options.buildArgs, options.imageStore);
  if (explanation) return { card: stepCard(model, explanation, options), range };
  return { card: settingCard(stage, instruction), range };
}
