import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Why a call with a deadline gave up. */
export type DeadlineMiss = 'rate limit' | 'no answer' | 'no time left';

const WHY: Record<DeadlineMiss, string> = {
	'rate limit': "Fanvue's rate limit for this app and user is exhausted",
	'no answer': 'Fanvue did not answer in time',
	'no time left': 'there was no time left for it',
};

/**
 * The error of a call made with a deadline (see FanvueRequest.deadline) that could not be sent
 * or answered in time. Such calls serve someone who is waiting, so they were not retried.
 */
export function deadlineError(node: INode, request: { method: string; path: string }, miss: DeadlineMiss): NodeApiError {
	const message = `${request.method} ${request.path} was given up: ${WHY[miss]}`;
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description:
			'Look-ups made while a webhook delivery or the editor waits get only a moment and are not retried. ' +
			'Try again in a minute; if it keeps happening, fewer parallel workflows on this Fanvue credential leave room in its rate limit.',
		httpCode: miss === 'rate limit' ? '429' : undefined,
	});
}
