import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Db } from '../db/connection.js';
import { installAuth } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import { webRoutes } from './routes/web.routes.js';
import { registerRoutes } from './routes/register.js';

export interface AppOptions {
  db: Db;
  /** The clock, injectable so tests can travel in time. */
  clock?: () => number;
  logger?: FastifyServerOptions['logger'];
  /** Mark session cookies `Secure` (serve behind HTTPS). */
  isCookieSecure?: boolean;
  /** Folder of the built web app (default: web/dist of this package). */
  webRoot?: string;
}

/** Builds the HTTP application without listening, so tests call it with `app.inject()`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: true,
    bodyLimit: 5 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('clock', options.clock ?? Date.now);

  installErrorHandler(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Qanat API',
        version: '1',
        description:
          'The REST API of Qanat, a sales-pipeline CRM. Authenticate with a session cookie ' +
          '(browser, plus X-CSRF-Token on writes) or an API token: `Authorization: Bearer qnt_…`. ' +
          'Writes to versioned records need `If-Match: "<version>"`; a stale version gets 409.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'qanat_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app);
  await app.register(webRoutes, options.webRoot ? { webRoot: options.webRoot } : {});
  await app.register(registerRoutes, {
    prefix: '/api/v1',
    isCookieSecure: options.isCookieSecure ?? false,
  });
  return app;
}
