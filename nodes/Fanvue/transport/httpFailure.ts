/**
 * What a failed request looked like on the wire. n8n wraps the axios error in its own errors
 * (sometimes twice), so we walk the `cause` chain to find the response.
 * Only status, headers and body are kept: never the request config, which holds the token.
 */
export interface HttpFailure {
	status?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
	/** Network error code (ECONNRESET, ETIMEDOUT, ...) when there was no response. */
	code?: string;
	message: string;
}

interface ErrorLike {
	response?: { status?: number; statusCode?: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown };
	httpCode?: string | number;
	code?: string;
	cause?: unknown;
	message?: string;
}

export function describeHttpFailure(error: unknown): HttpFailure {
	const seen = new Set<unknown>();
	let current = error as ErrorLike | undefined;
	let code: string | undefined;
	let httpCode: number | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (current.response && (current.response.status ?? current.response.statusCode)) {
			return {
				status: current.response.status ?? current.response.statusCode,
				headers: current.response.headers,
				body: current.response.data ?? current.response.body,
				message: String(current.message ?? ''),
			};
		}
		if (!code && typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code) && current.code !== 'EAUTH') code = current.code;
		if (!httpCode && current.httpCode && Number(current.httpCode) >= 100) httpCode = Number(current.httpCode);
		current = current.cause as ErrorLike | undefined;
	}
	const message = error instanceof Error ? error.message : String(error);
	return { status: httpCode, code, message };
}

export function isRetryableForReads(failure: HttpFailure): boolean {
	if (failure.status === undefined) return failure.code !== undefined;
	return failure.status >= 500;
}

/** Network errors raised before the request could leave this machine: Fanvue never saw it. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether Fanvue may have received and carried out the request. A 5xx can come after the work
 * was done, and a timeout or a cut connection hides Fanvue's answer; a 4xx (a 429 included)
 * means Fanvue refused it.
 */
export function mayHaveReachedFanvue(failure: HttpFailure): boolean {
	if (failure.status !== undefined) return failure.status >= 500;
	return !(failure.code && NEVER_CONNECTED.has(failure.code));
}

interface RefreshErrorLike {
	body?: { error?: unknown };
	code?: unknown;
	failure?: { cause?: unknown };
	cause?: unknown;
}

/**
 * Whether n8n could not renew the access token because Fanvue refused the refresh
 * (`invalid_grant`: a refresh token already used, revoked access). The request never left, so
 * this is no outage: the credential must be reconnected. n8n 2.x says so in its own error
 * (failure cause `credential-invalid`); n8n 1.x passes the OAuth client's error (code `EAUTH`).
 */
export function isRefusedTokenRefresh(error: unknown): boolean {
	const seen = new Set<unknown>();
	let current = error as RefreshErrorLike | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (current.failure?.cause === 'credential-invalid') return true;
		if (current.code === 'EAUTH' || current.body?.error === 'invalid_grant') return true;
		current = current.cause as RefreshErrorLike | undefined;
	}
	return false;
}
