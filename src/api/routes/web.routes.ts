import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

const WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Qanat</title>
<style>body{font-family:system-ui,sans-serif;max-inline-size:40rem;margin-block:3rem;margin-inline:auto;padding-inline:1rem;line-height:1.6}
section{margin-block-end:2rem}</style></head>
<body>
<section lang="en" dir="ltr"><h1>Qanat</h1>
<p>The Qanat API is running, but the web app has not been built: run <code>npm run build:web</code>
(<code>npm start</code> does it). Meanwhile, read the <a href="/api/docs">API documentation</a>.</p></section>
<section lang="ar" dir="rtl"><h1>قناة</h1>
<p>واجهة برمجة قناة تعمل، لكن تطبيق الويب لم يُبنَ بعد: شغّل <code>npm run build:web</code>
(يفعل ذلك <code>npm start</code>). وإلى ذلك الحين اقرأ <a href="/api/docs">توثيق الواجهة</a>.</p></section>
</body></html>`;

/**
 * How long a browser may keep a file of the build: `index.html` is checked on every visit, so a
 * deploy is seen at once; the bundles under `assets/` have their content hash in their names and
 * never change; anything else keeps the default hour.
 */
function cacheControlOf(path: string): string | undefined {
  if (path.endsWith('index.html')) return 'no-cache';
  if (/[\\/]assets[\\/]/.test(path)) return 'public, max-age=31536000, immutable';
  return undefined;
}

/**
 * The web app: files of the Vite build at `/`, and `index.html` for every other page address
 * (the app routes in the browser). Without a build, a bilingual page says how to make one.
 */
export const webRoutes: FastifyPluginAsync<{ webRoot?: string }> = async (app, options) => {
  const root = options.webRoot ?? WEB_ROOT;
  const hasBuild = existsSync(`${root}/index.html`);
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      maxAge: '1h',
      setHeaders: (reply, path) => {
        const cacheControl = cacheControlOf(path);
        if (cacheControl) reply.header('cache-control', cacheControl);
      },
    });
  }
  const sendApp = (reply: FastifyReply) =>
    hasBuild ? reply.sendFile('index.html') : reply.type('text/html; charset=utf-8').send(PAGE);
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendApp(reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    // An unknown API path gets the API's 404, in the language asked for, not the app's page.
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    return sendApp(reply);
  });
};
