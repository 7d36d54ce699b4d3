/**
 * A company's web domain as people compare it: lower case, without scheme, user, "www.", port,
 * path, query or trailing dot. Internationalised names stay readable (no punycode).
 * Returns null when what is left is not a host name with at least one dot.
 * @example normalizeWebDomain('https://www.Acme.com:8443/about?x=1') === 'acme.com'
 * @example normalizeWebDomain('WWW.مثال.السعودية/') === 'مثال.السعودية'
 * @example normalizeWebDomain('not a domain') === null
 */
export function normalizeWebDomain(input: string): string | null {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  host = host.slice(host.lastIndexOf('@') + 1);
  host = host
    .replace(/:\d*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return /^[\p{L}\p{M}\p{N}-]+(\.[\p{L}\p{M}\p{N}-]+)+$/u.test(host) ? host : null;
}
