import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

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

/** Hosts that are this machine: a request to them never crosses a network. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A presigned URL's signature is its only credential and the part is the creator's file, so
 * both travel over https only. Plain http is allowed to this machine alone: nothing sent to
 * loopback crosses a network where it could be read, Fanvue's storage is never there, and the
 * sandbox (the local Fanvue stand-in the tests use) serves its presigned parts there.
 */
function refusePlainHttp(this: IExecuteFunctions, url: string, partNumber: number, itemIndex: number) {
	const { protocol, hostname } = new URL(url);
	if (protocol === 'https:' || (protocol === 'http:' && LOOPBACK_HOSTS.has(hostname))) return;
	// Only the host is named: the whole URL carries the signature.
	throw new NodeOperationError(this.getNode(), `Fanvue gave an upload URL for part ${partNumber} that is not https (${protocol}//${hostname})`, {
		itemIndex,
		description:
			"Nothing was sent to that URL: the file goes to Fanvue's storage over https only. The media stays unfinished in the vault. Run the node again; if it keeps happening, tell Fanvue's support that their upload URLs are not https.",
	});
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
	refusePlainHttp.call(this, url, partNumber, itemIndex);
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
