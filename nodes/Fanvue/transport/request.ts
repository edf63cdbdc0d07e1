import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { FANVUE_HOSTS } from '../../../credentials/FanvueOAuth2Api.credentials';
import { creatorOfPath } from './agencyPath';
import {
	CREDENTIAL_TYPE,
	DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
	FANVUE_API_VERSION,
	LOOKUP_BUDGET_MS,
	MAX_TOO_MANY_REQUESTS_ANSWERS,
	READ_RETRY_ATTEMPTS,
	READ_RETRY_BASE_DELAY_MS,
} from './constants';
import { deadlineError } from './deadline';
import { reconnectError, toNodeApiError } from './errors';
import { describeHttpFailure, isRefusedTokenRefresh, isRetryableForReads } from './httpFailure';
import { acquire, recordResponseHeaders, recordTooManyRequests } from './rateLimit';

export type FanvueContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface FanvueRequest {
	method: IHttpRequestMethods;
	/** Path below the API base, e.g. `/chats/{uuid}/message` with the uuid already encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** A POST that only reads (online statuses): retried after 5xx and lost connections like a GET. */
	readsOnly?: boolean;
	itemIndex?: number;
	/** Bound on the total wait for the rate limit; defaults to about two minutes. */
	maxRateLimitWaitMs?: number;
	/**
	 * Epoch ms by which the call must be settled, for calls someone is waiting on (Fanvue for
	 * a webhook answer, a user for an editor list; see lookupDeadline): the rate-limit wait and
	 * the HTTP timeout both end by then, and nothing is retried. Several calls may share one.
	 */
	deadline?: number;
}

/** The deadline of a look-up that starts now (LOOKUP_BUDGET_MS). */
export function lookupDeadline(): number {
	return Date.now() + LOOKUP_BUDGET_MS;
}

/** The API host of the credential's environment (the credential owns the list of hosts). */
export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	switch (credentials.environment) {
		case 'development':
			return FANVUE_HOSTS.development.api;
		case 'custom':
			return String(credentials.customApiBaseUrl ?? '').replace(/\/+$/, '');
		default:
			return FANVUE_HOSTS.production.api;
	}
}

/**
 * The API host for this run of the node, read from its credential once. Reading a credential
 * decrypts it and resolves its expressions (in an isolate, in n8n 2.x): once per request, that
 * was half of the credential reads of a Return All of a thousand pages (n8n's HTTP helper reads
 * it once more for the token). The host cannot change within a run; each run, editor list or
 * webhook delivery has a context of its own.
 */
const apiBaseUrlOfRun = new WeakMap<FanvueContext, Promise<string>>();

function apiBaseUrlOf(context: FanvueContext): Promise<string> {
	let baseUrl = apiBaseUrlOfRun.get(context);
	if (!baseUrl) {
		baseUrl = context.getCredentials(CREDENTIAL_TYPE).then(apiBaseUrl);
		// A failed read (say, an external secrets store that did not answer) is not kept: the
		// run's next item reads the credential again instead of failing with the first one's error.
		baseUrl.catch(() => apiBaseUrlOfRun.delete(context));
		apiBaseUrlOfRun.set(context, baseUrl);
	}
	return baseUrl;
}

/**
 * Identifies the connected Fanvue account: one n8n credential is one app connected as one
 * user, which is also how Fanvue meters requests.
 */
export function credentialKey(context: FanvueContext): string {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return reference?.id ?? reference?.name ?? 'default';
}

/**
 * The rate-limit bucket a request draws from: Fanvue meters `/creators/{creator}/...` routes
 * per app, user and creator, everything else per app and user. An agency working for several
 * creators thus paces each creator on its own instead of stalling them all on one bucket.
 */
export function rateLimitKey(context: FanvueContext, path: string): string {
	const creator = creatorOfPath(path);
	return creator === undefined ? credentialKey(context) : `${credentialKey(context)} creator ${creator}`;
}

function withoutEmpty(qs: IDataObject | undefined): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		out[key] = value;
	}
	return out;
}

/**
 * The only function that talks to Fanvue. It adds the API version header, paces itself by
 * Fanvue's rate-limit headers, waits out 429s within a bounded budget, and retries 5xx and
 * network failures for reads only: a request that may send a message or money is never
 * repeated after it may have reached Fanvue. With a `deadline` it neither waits past it nor
 * retries. Token refresh is n8n's (on a 401).
 * Resolves to Fanvue's JSON, untyped as n8n's HTTP helper returns it: each caller, knowing the
 * endpoint, types it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function fanvueApiRequest(this: FanvueContext, request: FanvueRequest): Promise<any> {
	const baseUrl = await apiBaseUrlOf(this);
	const key = rateLimitKey(this, request.path);
	const waitBudget = request.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
	const isRead = request.method === 'GET' || request.readsOnly === true;
	const { deadline } = request;
	const timeLeft = () => (deadline === undefined ? Infinity : deadline - Date.now());
	const failureContext = {
		method: request.method,
		path: request.path,
		itemIndex: request.itemIndex,
		sendsSomething: !isRead,
	};

	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: withoutEmpty(request.qs),
		body: request.body,
		json: true,
		arrayFormat: 'repeat',
		headers: {
			'X-Fanvue-API-Version': FANVUE_API_VERSION,
			Accept: 'application/json',
			...(request.body ? { 'Content-Type': 'application/json' } : {}),
		},
		returnFullResponse: true,
	};

	let waited = 0;
	let failedReads = 0;
	let tooManyRequestsAnswers = 0;
	for (;;) {
		const slot = await acquire(key, Math.min(waitBudget - waited, timeLeft()));
		waited += slot.waitedMs;
		if (deadline !== undefined && (!slot.granted || timeLeft() <= 0)) {
			throw deadlineError(this.getNode(), request, slot.granted ? 'no time left' : 'rate limit');
		}
		if (!slot.granted) {
			throw toNodeApiError(this.getNode(), { status: 429, message: 'rate limited' }, {
				...failureContext,
				waitedForRateLimitMs: waited,
			});
		}
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...options, headers: { ...options.headers }, ...(deadline === undefined ? {} : { timeout: timeLeft() }) },
			)) as IN8nHttpFullResponse;
			recordResponseHeaders(key, response.headers as Record<string, unknown>);
			return response.body;
		} catch (error) {
			if (isRefusedTokenRefresh(error)) throw reconnectError(this.getNode(), error);
			const failure = describeHttpFailure(error);
			if (failure.status === 429) {
				// A 429 means Fanvue did not process the request, so even a send may go again.
				const delay = recordTooManyRequests(key, failure.headers);
				tooManyRequestsAnswers += 1;
				if (deadline !== undefined) throw deadlineError(this.getNode(), request, 'rate limit');
				if (tooManyRequestsAnswers < MAX_TOO_MANY_REQUESTS_ANSWERS && waited + delay <= waitBudget) continue;
				throw toNodeApiError(this.getNode(), failure, { ...failureContext, waitedForRateLimitMs: waited });
			}
			recordResponseHeaders(key, failure.headers);
			if (deadline !== undefined && failure.status === undefined && timeLeft() <= 0) {
				throw deadlineError(this.getNode(), request, 'no answer');
			}
			if (deadline === undefined && isRead && isRetryableForReads(failure) && failedReads < READ_RETRY_ATTEMPTS) {
				await sleep(READ_RETRY_BASE_DELAY_MS * 2 ** failedReads);
				failedReads += 1;
				continue;
			}
			throw toNodeApiError(this.getNode(), failure, { ...failureContext, retries: failedReads });
		}
	}
}
