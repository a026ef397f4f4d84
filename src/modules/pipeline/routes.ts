import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { registerBankabilityRoutes } from './bankability-routes.js';

export function registerPipelineRoutes(app: Api, ctx: AppContext): void {
  registerBankabilityRoutes(app, ctx);
}
