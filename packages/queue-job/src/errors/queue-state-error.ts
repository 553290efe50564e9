import { QueueJobError } from './queue-job-error.js';

/** The queue is used before `start()` or after `stop()`. */
export class QueueStateError extends QueueJobError {
  constructor(message: string) {
    super(message);
  }
}
