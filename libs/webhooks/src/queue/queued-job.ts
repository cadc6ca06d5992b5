/**
 * One job as a queue keeps it: an id (one job per id), a type (the job's name), and the exact body
 * every attempt gets. A webhook event is one; so is an upload's verification.
 */
export interface QueuedJob {
  id: string;
  type: string;
  body: string;
  /** Epoch ms when it was queued (for the age of the oldest pending job). */
  queuedAt: number;
}
