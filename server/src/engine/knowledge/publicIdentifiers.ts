/**
 * Variables whose names say "key" or "token" but whose values their vendors publish to every
 * browser or app user, by design: a client id, a publishable or site key, an analytics write key.
 * Keeping one in an ARG or ENV exposes nothing; the real secret has another name (Shopify's
 * `SHOPIFY_API_SECRET`, Stripe's secret key, reCAPTCHA's secret key, PostHog's personal API key).
 * On real projects such names were wrong SecretsUsedInArgOrEnv findings (docs/precision.md, round 11).
 */
const PUBLIC_IDENTIFIERS: readonly RegExp[] = [
  // Shopify: the app's "API key" is its client id, sent to the browser by App Bridge.
  /(^|_)SHOPIFY_API_KEY$/i,
  // Segment: the write key is embedded in analytics.js on every page.
  /(^|_)SEGMENT_(WRITE_)?KEY$/i,
  // Stripe, Clerk and others: publishable keys are meant for client code.
  /_PUBLISHABLE_KEY$/i,
  // reCAPTCHA, hCaptcha, Turnstile: the site key is in the page's HTML.
  /(^|_)SITE_KEY$/i,
  // Analytics project tokens, public in every tracked page or app.
  /(^|_)MIXPANEL_(PROJECT_)?TOKEN$/i,
  /(^|_)AMPLITUDE_API_KEY$/i,
  /(^|_)POSTHOG_(PROJECT_API_)?KEY$/i,
  // Search-only and Firebase web keys, which their vendors document as safe to publish.
  /(^|_)ALGOLIA_SEARCH(_ONLY)?(_API)?_KEY$/i,
  /(^|_)FIREBASE_API_KEY$/i,
];

/** True when the variable's name is one of the vendor identifiers published by design. */
export function namesAPublicIdentifier(name: string): boolean {
  return PUBLIC_IDENTIFIERS.some((pattern) => pattern.test(name));
}

/**
 * The last word of a variable's name says what its value is (`RESET_PASSWORD_URL` is a URL,
 * `GITHUB_AUTH_CLIENT_ID` an id, `PRIVATE_KEY_ROTATION_GRACE_PERIOD` a duration), whatever words
 * before it say. These last words name values that are not credentials; on real projects every
 * name ending in one was a wrong SecretsUsedInArgOrEnv finding (docs/precision.md, rounds 1 to 12).
 * An access key's id (`AWS_ACCESS_KEY_ID`) is half of a credential pair and stays a secret's name, and
 * so does the address of credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` gives them to whoever asks).
 */
const NON_SECRET_LAST_WORDS = new Set([
  'url',
  'urls',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'domain',
  'port',
  'id',
  'ids',
  'name',
  'user',
  'username',
  'email',
  'provider',
  'providers',
  'type',
  'mode',
  'method',
  'strategy',
  'ttl',
  'timeout',
  'expiry',
  'expiration',
  'period',
  'interval',
  'length',
  'size',
  'count',
  'region',
  'header',
  'issuer',
  'audience',
  'scope',
  'scopes',
  'realm',
  'commit',
  'usage',
  'algorithm',
  'format',
  'location',
  'dir',
  'directory',
]);

/** True when the name's last word says its value is not a credential (an address, an id, a setting). */
export function namesANonSecretValue(name: string): boolean {
  const words = name.toLowerCase().split('_').filter(Boolean);
  const last = words[words.length - 1] ?? '';
  if (!NON_SECRET_LAST_WORDS.has(last) || words.some((w) => w === 'credential' || w === 'credentials')) return false;
  return !(last === 'id' && words[words.length - 2] === 'key');
}
