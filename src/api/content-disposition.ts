/**
 * An attachment's Content-Disposition with a UTF-8 name (RFC 6266 / RFC 8187 `filename*`)
 * and an ASCII fallback for old clients.
 * @example attachmentDisposition('الصفقات.csv', 'deals.csv')
 *   → `attachment; filename="deals.csv"; filename*=UTF-8''%D8%A7%D9%84...csv`
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
