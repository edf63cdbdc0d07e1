import { sleep } from 'n8n-workflow';

/**
 * Fanvue meters requests with a token bucket per app and user, and reports it on every
 * response (X-RateLimit-Remaining, X-RateLimit-Reset in unix seconds). We keep what the last
 * response said, per credential, in module state: n8n loads a node's module once per process,
 * so every execution using the same credential paces itself against the same bucket instead
 * of each one running into 429s on its own.
 */
interface BucketState {
	/** What the last response said remained, less the requests reserved since. */
	remaining?: number;
	/** Epoch ms at which Fanvue said the bucket is full again. */
	resetAt?: number;
	/** The last response's X-RateLimit-Limit and Remaining, and when it arrived (epoch ms). */
	limit?: number;
	observedRemaining?: number;
	observedAt?: number;
	/** Epoch ms before which nothing may be sent (set by a 429's Retry-After). */
	blockedUntil?: number;
}

const buckets = new Map<string, BucketState>();

/** The shortest wait after a 429, whatever Retry-After says: `Retry-After: 0` must not mean "hammer". */
export const MIN_TOO_MANY_REQUESTS_WAIT_MS = 1000;

/**
 * Where the waits take their time from. Tests swap in a virtual clock so that they assert how
 * long the node would wait without really waiting.
 */
export const rateLimitClock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
};

function bucketFor(key: string): BucketState {
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = {};
		buckets.set(key, bucket);
	}
	return bucket;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Milliseconds one token takes to come back, read off the last response: the bucket lacked
 * `limit - remaining` tokens and said it would be full at the reset. Undefined without a limit
 * or a future reset. The reset comes in whole seconds, rounded up, so this errs on the slow side
 * by under a second per bucketful.
 */
function refillMsPerToken(bucket: BucketState): number | undefined {
	const { limit, observedRemaining, observedAt, resetAt } = bucket;
	if (limit === undefined || observedRemaining === undefined || observedAt === undefined || resetAt === undefined) return undefined;
	const missing = limit - observedRemaining;
	if (missing <= 0 || resetAt <= observedAt) return undefined;
	return (resetAt - observedAt) / missing;
}

/**
 * Milliseconds until the caller may send, or 0. An empty bucket refills one token at a time, so
 * the next request waits for one token (and a caller behind n reservations for n + 1), not for
 * the whole bucket: waiting for the reset would leave the refilled tokens unused whenever fewer
 * than a bucketful of requests remain. Without a limit header, the reset is all we know.
 */
export function delayBeforeNextRequest(key: string, now = rateLimitClock.now()): number {
	const bucket = buckets.get(key);
	if (!bucket) return 0;
	let until = bucket.blockedUntil ?? 0;
	if (bucket.remaining !== undefined && bucket.remaining <= 0 && bucket.resetAt !== undefined) {
		const tokenMs = refillMsPerToken(bucket);
		const tokenBack =
			tokenMs === undefined ? bucket.resetAt : (bucket.observedAt as number) + (1 - bucket.remaining) * tokenMs;
		until = Math.max(until, tokenBack);
	}
	return Math.max(0, until - now);
}

/**
 * Waits until the bucket may have a token, then reserves one, so that concurrent executions
 * that saw the same "1 remaining" do not all go at once. Gives up (without waiting) when the
 * wait would exceed the budget.
 */
export async function acquire(key: string, waitBudgetMs: number): Promise<{ waitedMs: number; granted: boolean }> {
	let waitedMs = 0;
	for (;;) {
		const delay = delayBeforeNextRequest(key);
		if (delay === 0) break;
		if (waitedMs + delay > waitBudgetMs) return { waitedMs, granted: false };
		await rateLimitClock.sleep(delay);
		waitedMs += delay;
		const bucket = bucketFor(key);
		// The reset has passed: what Fanvue reported is stale until the next response.
		if (bucket.resetAt !== undefined && bucket.resetAt <= rateLimitClock.now()) {
			bucket.remaining = undefined;
		}
	}
	const bucket = bucketFor(key);
	if (bucket.remaining !== undefined) bucket.remaining -= 1;
	return { waitedMs, granted: true };
}

/** Records the bucket state a response reported. */
export function recordResponseHeaders(
	key: string,
	headers: Record<string, unknown> | undefined,
	now = rateLimitClock.now(),
) {
	const remaining = Number(headerValue(headers, 'x-ratelimit-remaining'));
	const reset = Number(headerValue(headers, 'x-ratelimit-reset'));
	const limit = Number(headerValue(headers, 'x-ratelimit-limit'));
	if (!Number.isFinite(remaining) && !Number.isFinite(reset)) return;
	const bucket = bucketFor(key);
	bucket.observedAt = now;
	bucket.observedRemaining = Number.isFinite(remaining) ? remaining : undefined;
	bucket.limit = Number.isFinite(limit) ? limit : undefined;
	if (Number.isFinite(remaining)) bucket.remaining = remaining;
	if (Number.isFinite(reset)) bucket.resetAt = reset * 1000;
}

/**
 * Records a 429: nothing may be sent before Retry-After (or the reported reset), and never
 * sooner than MIN_TOO_MANY_REQUESTS_WAIT_MS. Returns the delay in ms.
 */
export function recordTooManyRequests(
	key: string,
	headers: Record<string, unknown> | undefined,
	now = rateLimitClock.now(),
): number {
	recordResponseHeaders(key, headers, now);
	const bucket = bucketFor(key);
	const retryAfterSeconds = Number(headerValue(headers, 'retry-after'));
	let until: number;
	if (Number.isFinite(retryAfterSeconds)) {
		until = now + retryAfterSeconds * 1000;
	} else if (bucket.resetAt !== undefined) {
		until = bucket.resetAt;
	} else {
		until = now;
	}
	until = Math.max(until, now + MIN_TOO_MANY_REQUESTS_WAIT_MS);
	bucket.blockedUntil = Math.max(bucket.blockedUntil ?? 0, until);
	bucket.remaining = 0;
	return until - now;
}

/** For tests: forget every bucket. */
export function resetRateLimitState() {
	buckets.clear();
}
