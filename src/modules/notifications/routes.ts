import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { listNotificationsQuerySchema, markReadBodySchema, markReadResponseSchema, notificationPageSchema } from './schemas.js';
import { listMyNotifications, markNotificationsRead } from './service.js';

const tags = ['notifications'];

export function registerNotificationRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/notifications', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: listNotificationsQuerySchema, response: { 200: notificationPageSchema } },
    handler: (request) => listMyNotifications(ctx.db, request.viewer, request.query),
  });

  app.post('/api/v1/notifications/read', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Mark notifications as read', body: markReadBodySchema, response: { 200: markReadResponseSchema } },
    handler: (request) => markNotificationsRead(ctx.db, request.viewer, request.body.ids),
  });
}
