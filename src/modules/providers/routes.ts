import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';

export function registerProviderRoutes(app: Api, ctx: AppContext): void {
  void app;
  void ctx;
}
