/** The one documented Fanvue API version; sent on every call. */
export const FANVUE_API_VERSION = '2025-06-26';

export const CREDENTIAL_TYPE = 'fanvueOAuth2Api';

/** Page size used when the user asks for all results (the API's maximum). */
export const MAX_PAGE_SIZE = 50;

/** Default bound on the total time one request may spend waiting for Fanvue's rate limit. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 120_000;

/**
 * One request gives up after this many 429 answers even if its wait budget is not spent: a
 * Fanvue that keeps refusing however long we wait will not be worn down by trying more. Not
 * fewer: n8n workers in queue mode share one bucket without knowing of each other, so a request
 * can lose the token that came back to another worker's several times in a row.
 */
export const MAX_TOO_MANY_REQUESTS_ANSWERS = 30;

/**
 * Time allowed for the API calls made while someone waits: Fanvue for the answer to a webhook
 * delivery, a user for a list in the editor. Below 2 s so that the whole answer, n8n's own
 * handling included, stays within 2 s.
 */
export const LOOKUP_BUDGET_MS = 1_500;

/** Reads (GET) retry 5xx and network failures this many times, with doubling backoff. */
export const READ_RETRY_ATTEMPTS = 3;
export const READ_RETRY_BASE_DELAY_MS = 500;
