import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { creatorOfPath } from './agencyPath';
import { FANVUE_API_VERSION } from './constants';
import { mayHaveReachedFanvue, type HttpFailure } from './httpFailure';

interface FanvueErrorBody {
	error?: string;
	message?: string | string[];
	errors?: Array<{ field?: string; path?: string; property?: string; message?: string } | string>;
	nextVersion?: string;
	scope?: string;
	requiredScope?: string;
}

/** Fanvue has no single error shape: `{errors:[...]}`, `{error, message}`, `{message}`, `{error}`. */
export function fanvueMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const b = body as FanvueErrorBody;
	if (Array.isArray(b.errors) && b.errors.length) {
		return b.errors
			.map((e) => {
				if (typeof e === 'string') return e;
				const where = e.field ?? e.path ?? e.property;
				return where ? `${where}: ${e.message ?? 'invalid'}` : (e.message ?? 'invalid');
			})
			.join('; ');
	}
	if (Array.isArray(b.message)) return b.message.join('; ');
	return b.message ?? b.error;
}

function missingScope(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const b = body as FanvueErrorBody;
	const explicit = b.requiredScope ?? b.scope;
	if (explicit) return explicit;
	const text = `${fanvueMessage(body) ?? ''}`;
	return /\b((?:read|write):[a-z_]+)\b/.exec(text)?.[1];
}

export interface FailureContext {
	method: string;
	path: string;
	itemIndex?: number;
	/** True when the request might have sent a message or a payment: it was not retried. */
	sendsSomething: boolean;
	waitedForRateLimitMs?: number;
	/** How many times the request was sent again after failing (reads only). */
	retries?: number;
}

/** Where to look whether a write that may have reached Fanvue took effect. */
function whereToCheck(path: string): string | undefined {
	const own = path.replace(/^\/creators\/[^/]+/, '');
	if (own.startsWith('/posts')) return 'your posts';
	if (own.startsWith('/media') || own.startsWith('/vault')) return 'your vault';
	if (own.startsWith('/tracking-links')) return 'your tracking links';
	return undefined;
}

/** What the failure means for what was asked, and what to do: only what is known is said. */
function outcome(failure: HttpFailure, context: FailureContext): string {
	const status = failure.status;
	if (status !== undefined && status < 500) {
		// A 4xx is Fanvue's definite answer: the request was turned down, nothing happened.
		return 'Fanvue turned the request down, so it had no effect. Check the input against the message above, then run the node again.';
	}
	if (context.sendsSomething && !mayHaveReachedFanvue(failure)) {
		return 'The connection to Fanvue was never made, so nothing was sent. It is safe to run the node again once Fanvue is reachable.';
	}
	if (context.sendsSomething) {
		const where = whereToCheck(context.path);
		return where
			? `Fanvue may or may not have done it. It was NOT sent again automatically, so that it is not done twice: check ${where} before you retry.`
			: 'Fanvue may or may not have accepted it. It was NOT sent again automatically, so that no fan gets it twice: check the chat before you retry.';
	}
	const retries = context.retries ?? 0;
	return retries > 0
		? `Fanvue seems unavailable: it was retried ${retries} time${retries === 1 ? '' : 's'} and still failed. Try again later.`
		: 'Fanvue seems unavailable. Try again later.';
}

/** Turns a failed Fanvue call into a NodeApiError with Fanvue's own words and what to do. */
export function toNodeApiError(node: INode, failure: HttpFailure, context: FailureContext): NodeApiError {
	const said = fanvueMessage(failure.body);
	const status = failure.status;
	const body = (failure.body && typeof failure.body === 'object' ? failure.body : { message: said ?? failure.message }) as JsonObject;
	let message: string;
	let description: string;

	switch (status) {
		case 400:
			message = `Fanvue rejected the request: ${said ?? 'bad request'}`;
			description = /version/i.test(said ?? '')
				? `The package sends X-Fanvue-API-Version ${FANVUE_API_VERSION}. Update n8n-nodes-fanvue if Fanvue no longer accepts it.`
				: 'Check the fields named above against what Fanvue allows, then run the node again.';
			break;
		case 401:
			message = `Fanvue did not accept the credential: ${said ?? 'unauthorized'}`;
			description =
				'The access could not be refreshed. Open the Fanvue credential and click "Reconnect" to sign in to Fanvue again.';
			break;
		case 403: {
			const scope = missingScope(failure.body);
			message = scope
				? `The Fanvue connection lacks the scope "${scope}"`
				: `Fanvue refused the request: ${said ?? 'forbidden'}`;
			description =
				!scope && creatorOfPath(context.path)
					? 'Acting as a managed creator: check that your agency manages this creator (Creator > Get Many lists the ones it does) and that the credential has the Agency feature, then reconnect it if you changed its scopes.'
					: `${scope ? `Enable "${scope}" for your app in the Fanvue Developer Area, tick the matching feature under Additional Features in the Fanvue credential, ` : 'Check the scopes enabled for your app in the Fanvue Developer Area and the Additional Features in the Fanvue credential, '}` +
						'then reconnect the credential (scopes are granted at connection time).';
			break;
		}
		case 404:
			message = `Fanvue could not find it: ${said ?? 'not found'}`;
			description = `Nothing exists at ${context.method} ${context.path}. Check the UUID (${creatorOfPath(context.path) ? 'managed creator, ' : ''}fan, message, list or template) you passed.`;
			break;
		case 409:
			message = `Fanvue reported a conflict: ${said ?? 'it already exists'}`;
			description = 'Something with that name already exists. Use another name or update the existing one.';
			break;
		case 410: {
			const next = (failure.body as FanvueErrorBody | undefined)?.nextVersion;
			message = `Fanvue has retired API version ${FANVUE_API_VERSION}${said ? `: ${said}` : ''}`;
			description = `This version of n8n-nodes-fanvue speaks a retired Fanvue API version${next ? ` (the current one is ${next})` : ''}. Update n8n-nodes-fanvue from Settings > Community Nodes.`;
			break;
		}
		case 429:
			message = `Fanvue's rate limit is still exhausted${context.waitedForRateLimitMs ? ` after waiting ${Math.round(context.waitedForRateLimitMs / 1000)} s` : ''}`;
			description =
				'Too many requests for this Fanvue app and user. Spread the work out (fewer items per run, a Wait node), or raise "Max Rate Limit Wait" under Request Options.';
			break;
		default:
			// No error code in the message when there was no answer: n8n would swap such a message
			// for its generic text.
			message = status === undefined ? 'Could not reach Fanvue' : `Fanvue answered ${status}${said ? `: ${said}` : ''}`;
			description = (failure.code ? `Network error ${failure.code}. ` : '') + outcome(failure, context);
	}

	const error = new NodeApiError(node, body, {
		message,
		description,
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex: context.itemIndex,
	});
	// Read by the error item (helpers/failedItem.ts): may a fan already have the message?
	error.context.mayHaveBeenSent = context.sendsSomething && mayHaveReachedFanvue(failure);
	return error;
}

/**
 * Fanvue refused to renew the access (see isRefusedTokenRefresh): nothing was sent, and only
 * reconnecting the credential helps. n8n's own error already says so; it is kept as it is.
 */
export function reconnectError(node: INode, error: unknown): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, 'The Fanvue credential needs to be reconnected', {
		description:
			'Fanvue refused to renew the access (invalid_grant): the connection was revoked, or its single-use refresh token was already used (for example by another n8n process refreshing at the same time). Nothing was sent. Open the Fanvue credential and click "Reconnect".',
	});
}
