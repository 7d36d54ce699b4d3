import type { FastifyPluginAsync } from 'fastify';
import { activityRoutes } from './activity.routes.js';
import { authRoutes } from './auth.routes.js';
import { boardRoutes } from './board.routes.js';
import { bottleneckRoutes } from './bottleneck.routes.js';
import { companyRoutes } from './company.routes.js';
import { contactRoutes } from './contact.routes.js';
import { customFieldRoutes } from './custom-field.routes.js';
import { dealItemRoutes } from './deal-item.routes.js';
import { dealRoutes } from './deal.routes.js';
import { demoRoutes } from './demo.routes.js';
import { exchangeRateRoutes } from './exchange-rate.routes.js';
import { exportRoutes } from './export.routes.js';
import { forecastRoutes } from './forecast.routes.js';
import { pipelineChangesRoutes } from './pipeline-changes.routes.js';
import { importRoutes } from './import.routes.js';
import { importUploadRoutes } from './import-upload.routes.js';
import { lostReasonRoutes } from './lost-reason.routes.js';
import { mergeRoutes } from './merge.routes.js';
import { metricsRoutes } from './metrics.routes.js';
import { myDayRoutes } from './my-day.routes.js';
import { savedViewRoutes } from './saved-view.routes.js';
import { pipelineRoutes } from './pipeline.routes.js';
import { productRoutes } from './product.routes.js';
import { reviewRoutes } from './review.routes.js';
import { searchRoutes } from './search.routes.js';
import { surveyRoutes } from './survey.routes.js';
import { stageRoutes } from './stage.routes.js';
import { targetRoutes } from './target.routes.js';
import { teamRoutes } from './team.routes.js';
import { workspaceRoutes } from './workspace.routes.js';

/** Every resource of `/api/v1`; each module declares the access rule of each of its routes. */
export const registerRoutes: FastifyPluginAsync<{ isCookieSecure: boolean }> = async (
  app,
  options,
) => {
  await app.register(authRoutes, { isCookieSecure: options.isCookieSecure });
  await app.register(workspaceRoutes);
  await app.register(dealRoutes);
  await app.register(dealItemRoutes);
  await app.register(demoRoutes);
  await app.register(boardRoutes);
  await app.register(companyRoutes);
  await app.register(contactRoutes);
  await app.register(customFieldRoutes);
  await app.register(activityRoutes);
  await app.register(mergeRoutes);
  await app.register(myDayRoutes);
  await app.register(savedViewRoutes);
  await app.register(searchRoutes);
  await app.register(lostReasonRoutes);
  await app.register(productRoutes);
  await app.register(exchangeRateRoutes);
  await app.register(pipelineRoutes);
  await app.register(stageRoutes);
  await app.register(forecastRoutes);
  await app.register(teamRoutes);
  await app.register(targetRoutes);
  await app.register(bottleneckRoutes);
  await app.register(reviewRoutes);
  await app.register(surveyRoutes);
  await app.register(pipelineChangesRoutes);
  await app.register(metricsRoutes);
  await app.register(importRoutes);
  await app.register(importUploadRoutes);
  await app.register(exportRoutes);
};
