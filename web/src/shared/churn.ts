// Asking the API for churn figures without holding a connection while the model learns:
// with `wait=false` the server answers 202 {"status": "training"} at once until the model
// of the date is trained (seconds on a large book, once per snapshot and date; docs/api.md),
// and the dashboard asks again every POLL_MS until the figures come.
import { apiGet, type QueryValue } from './api';

export const POLL_MS = 1500;

export interface Training {
  status: 'training';
  as_of: string;
}

export function isTraining(answer: unknown): answer is Training {
  return typeof answer === 'object' && answer !== null && (answer as { status?: unknown }).status === 'training';
}

// Resolves after `ms`, or rejects with an AbortError when `signal` aborts first.
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

// GET a churn path (`/churn/threats`, `/churn/scores`) until the model is trained.
export async function getChurn<T>(
  path: string,
  params: Record<string, QueryValue>,
  signal?: AbortSignal,
  get: typeof apiGet = apiGet,
  wait: (ms: number, signal?: AbortSignal) => Promise<void> = pause,
): Promise<T> {
  for (;;) {
    const answer = await get<T | Training>(path, { ...params, wait: 'false' }, signal);
    if (!isTraining(answer)) return answer;
    await wait(POLL_MS, signal);
  }
}
