import type { FastifyPluginAsync } from 'fastify';

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Qanat</title>
<style>body{font-family:system-ui,sans-serif;max-inline-size:40rem;margin-block:3rem;margin-inline:auto;padding-inline:1rem;line-height:1.6}
section{margin-block-end:2rem}</style></head>
<body>
<section lang="en" dir="ltr"><h1>Qanat</h1>
<p>The Qanat API is running. Read the <a href="/api/docs">API documentation</a>.
If this is a new installation, create the first admin with <code>npx qanat user add --admin --email you@example.com</code>
or <code>POST /api/v1/setup</code>.</p></section>
<section lang="ar" dir="rtl"><h1>قناة</h1>
<p>واجهة برمجة قناة تعمل. اقرأ <a href="/api/docs">توثيق الواجهة</a>.
إن كان هذا تثبيتًا جديدًا فأنشئ أول مدير عبر <code>npx qanat user add --admin --email you@example.com</code>
أو <code>POST /api/v1/setup</code>.</p></section>
</body></html>`;

/** The start page, in English and Arabic, until the web app is built and served here. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
};
