import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth.routes.js';
import { boardRoutes } from './board.routes.js';
import { dealRoutes } from './deal.routes.js';
import { workspaceRoutes } from './workspace.routes.js';

/** Every resource of `/api/v1`; each module declares the access rule of each of its routes. */
export const registerRoutes: FastifyPluginAsync<{ isCookieSecure: boolean }> = async (
  app,
  options,
) => {
  await app.register(authRoutes, { isCookieSecure: options.isCookieSecure });
  await app.register(workspaceRoutes);
  await app.register(dealRoutes);
  await app.register(boardRoutes);
};
