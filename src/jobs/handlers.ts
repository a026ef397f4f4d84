import { deliverEmail } from '../modules/mail/service.js';
import type { JobHandlers } from './queue.js';

/** Every job name and the function that does it. */
export const jobHandlers: JobHandlers = {
  'email.deliver': (ctx, data) => deliverEmail(ctx, data.emailId),
};
