/**
 * An image reference split as docker splits it: `registry:5000/team/app:1.2@sha256:…` → name
 * `registry:5000/team/app`, tag `1.2`, digest `sha256:…`. A colon before the last slash belongs to
 * a registry's port, not to a tag. Shared by the build plans (which validate the name they tag) and
 * the engine's image knowledge (which looks official images up by name).
 */
export function splitImageReference(reference: string): { name: string; tag?: string; digest?: string } {
  const at = reference.indexOf('@');
  const withoutDigest = at < 0 ? reference : reference.slice(0, at);
  const colon = withoutDigest.indexOf(':', withoutDigest.lastIndexOf('/') + 1);
  return {
    name: colon < 0 ? withoutDigest : withoutDigest.slice(0, colon),
    ...(colon < 0 ? {} : { tag: withoutDigest.slice(colon + 1) }),
    ...(at < 0 ? {} : { digest: reference.slice(at + 1) }),
  };
}
