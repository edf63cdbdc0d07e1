import { NodeApiError, type IDataObject, type NodeOperationError } from 'n8n-workflow';

/**
 * The JSON of an item that failed under "On Error: Continue" (either kind). n8n 2.41 rebuilds
 * the JSON of an item that carries `item.error` as `{error: message}` alone, and sends an item
 * without it to the error output only when its JSON has no keys but `error`, `message` and
 * `details` (n8n-core WorkflowExecute.handleNodeErrorOutput / normalizeNodeErrors). So the item
 * has no `item.error`, and what a workflow needs to decide travels in `details`:
 * - `httpCode`: Fanvue's HTTP status, null when no answer came (or no request left);
 * - `mayHaveBeenSent`: whether a fan may already have the message (a write that failed with a
 *   5xx, a timeout or a cut connection). False means it certainly did not go out.
 */
export function failedItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	const status = error instanceof NodeApiError ? String(error.httpCode ?? '') : '';
	return {
		error: error.message,
		details: {
			description: error.description ?? null,
			httpCode: /^\d{3}$/.test(status) ? Number(status) : null,
			mayHaveBeenSent: error.context.mayHaveBeenSent === true,
		},
	};
}
