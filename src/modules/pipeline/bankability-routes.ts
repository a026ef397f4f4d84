import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';

export function registerBankabilityRoutes(app: Api, ctx: AppContext): void {
  void app;
  void ctx;
}
