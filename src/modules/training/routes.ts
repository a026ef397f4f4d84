import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { registerCertificateRoutes } from './certificate-routes.js';

export function registerTrainingRoutes(app: Api, ctx: AppContext): void {
  registerCertificateRoutes(app, ctx);
}
