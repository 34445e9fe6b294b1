/**
 * The flags each instruction takes in BuildKit's Dockerfile frontend, with what they do: completion
 * and hovers document them, and InvalidSyntax suggests the nearest when one is misspelt.
 */
interface FlagDoc {
  name: string;
  takesValue: boolean;
  documentation: string;
}

export const INSTRUCTION_FLAGS: Record<string, FlagDoc[]> = {
  RUN: [
    {
      name: 'mount',
      takesValue: true,
      documentation:
        'Mounts a cache, a secret, an SSH agent, a tmpfs or files from a stage or the context for this step only. Nothing mounted is part of the cache key or the layer.',
    },
    {
      name: 'network',
      takesValue: true,
      documentation:
        'The network this step runs in: `default`, `none` (no network at all) or `host` (needs the `network.host` entitlement).',
    },
    {
      name: 'security',
      takesValue: true,
      documentation:
        '`insecure` runs the step with elevated privileges (needs the `security.insecure` entitlement); `sandbox` is the default.',
    },
  ],
  COPY: [
    {
      name: 'from',
      takesValue: true,
      documentation:
        'Copies from a stage, an image or a named context instead of the build context. The key is the content of what is copied, not how it was made.',
    },
    { name: 'chown', takesValue: true, documentation: 'Owner (and group) of the copied files: `user:group` or ids.' },
    { name: 'chmod', takesValue: true, documentation: 'Mode of the copied files, octal (`0755`) or symbolic with the 1.10+ frontend.' },
    {
      name: 'link',
      takesValue: false,
      documentation:
        'Copies into a layer of its own, independent of the layers below: the layer survives a base-image change without being rebuilt, and can be rebased.',
    },
    { name: 'exclude', takesValue: true, documentation: 'Leaves out the paths matching a pattern (dockerfile frontend 1.7+, repeatable).' },
    {
      name: 'parents',
      takesValue: false,
      documentation: "Keeps the source paths' parent folders under the destination (dockerfile frontend 1.7+).",
    },
  ],
  ADD: [
    { name: 'chown', takesValue: true, documentation: 'Owner (and group) of the added files: `user:group` or ids.' },
    { name: 'chmod', takesValue: true, documentation: 'Mode of the added files, octal (`0755`).' },
    { name: 'link', takesValue: false, documentation: 'Adds into a layer of its own, independent of the layers below.' },
    { name: 'exclude', takesValue: true, documentation: 'Leaves out the paths matching a pattern (dockerfile frontend 1.7+).' },
    {
      name: 'checksum',
      takesValue: true,
      documentation:
        'The `sha256:…` a remote file must have: the download is verified, and the checksum, not the download, is part of the cache key.',
    },
    { name: 'keep-git-dir', takesValue: false, documentation: 'Keeps the `.git` folder when adding a Git repository.' },
  ],
  HEALTHCHECK: [
    { name: 'interval', takesValue: true, documentation: 'Time between two checks (default `30s`).' },
    { name: 'timeout', takesValue: true, documentation: 'How long one check may take before it counts as failed (default `30s`).' },
    {
      name: 'start-period',
      takesValue: true,
      documentation: 'Time the container gets to start, during which failed checks do not count (default `0s`).',
    },
    { name: 'start-interval', takesValue: true, documentation: 'Time between two checks during the start period (Docker Engine 25+).' },
    { name: 'retries', takesValue: true, documentation: 'Failed checks in a row before the container is unhealthy (default `3`).' },
  ],
  FROM: [
    {
      name: 'platform',
      takesValue: true,
      documentation: 'The platform of the base image, such as `linux/amd64` or `$BUILDPLATFORM` for a stage that runs on the builder.',
    },
  ],
};
