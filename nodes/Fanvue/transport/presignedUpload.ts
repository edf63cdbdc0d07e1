import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { READ_RETRY_ATTEMPTS, READ_RETRY_BASE_DELAY_MS } from './constants';
import { describeHttpFailure, isRetryableForReads } from './httpFailure';

/** S3 answers errors as XML: `<Error><Code>...</Code><Message>...</Message></Error>`. */
function storageMessage(body: unknown): string | undefined {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : undefined;
	if (!text) return undefined;
	const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
	const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
	return [code, message].filter(Boolean).join(': ') || undefined;
}

/**
 * PUTs one part of a media upload to the presigned URL Fanvue handed out, and returns the
 * part's ETag. This is deliberately NOT httpRequestWithAuthentication: the URL points at
 * Fanvue's storage (S3), not at the API, and carries its own signature as the only
 * credential. S3 refuses a request with a second credential, and the Fanvue bearer token
 * must never travel to a storage host. A part PUT is idempotent (the same part number is
 * overwritten), so network failures and 5xx are retried like reads.
 */
export async function putUploadPart(
	this: IExecuteFunctions,
	url: string,
	bytes: Buffer,
	partNumber: number,
	itemIndex: number,
): Promise<string> {
	for (let failed = 0; ; failed++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'PUT',
				url,
				body: bytes,
				headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length },
				returnFullResponse: true,
				json: false,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const failure = describeHttpFailure(error);
			if (isRetryableForReads(failure) && failed < READ_RETRY_ATTEMPTS) {
				await sleep(READ_RETRY_BASE_DELAY_MS * 2 ** failed);
				continue;
			}
			const said = storageMessage(failure.body);
			// The URL is left out of the error: its signature grants upload access until it expires.
			throw new NodeApiError(this.getNode(), { message: said ?? failure.message }, {
				message: `Uploading part ${partNumber} of the file to Fanvue's storage failed${failure.status ? ` (${failure.status})` : ''}${said ? `: ${said}` : ''}`,
				description:
					(failure.code ? `Network error ${failure.code}. ` : '') +
					(failed > 0 ? `It was retried ${failed} time${failed === 1 ? '' : 's'}. ` : '') +
					'Nothing was published: the media stays unfinished in the vault. Run the node again to upload the file anew.',
				httpCode: failure.status !== undefined ? String(failure.status) : undefined,
				itemIndex,
			});
		}
		const etag = (response.headers as Record<string, unknown>).etag;
		if (typeof etag !== 'string' || etag === '') {
			throw new NodeApiError(this.getNode(), { message: 'no ETag' }, {
				message: `Fanvue's storage accepted part ${partNumber} of the file but sent no ETag`,
				description: 'Without the ETag the upload cannot be completed. Run the node again to start a new upload.',
				itemIndex,
			});
		}
		return etag;
	}
}
