import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

/** S3 multipart rules Fanvue's uploads follow: at most 10,000 parts, all but the last ≥ 5 MiB. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;
/** S3's largest object. */
export const MAX_FILE_BYTES = 5 * 1024 ** 4;

/** The smallest part size (whole MiB, at least 5 MiB) that fits the file into 10,000 parts. */
export function partSizeFor(fileBytes: number): number {
	const mib = 1024 * 1024;
	return Math.max(MIN_PART_BYTES, Math.ceil(fileBytes / MAX_PARTS / mib) * mib);
}

/** The size in bytes of n8n binary data, wherever n8n keeps it. */
export async function binarySize(this: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) return (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, 'base64');
}

/**
 * The file in parts of `partSize` bytes (the last one shorter). Binary data kept by n8n in a
 * file or object store is streamed, so only one part is in memory at a time, whatever the size.
 */
export async function* binaryParts(this: IExecuteFunctions, binary: IBinaryData, partSize: number): AsyncGenerator<Buffer> {
	if (!binary.id) {
		const bytes = Buffer.from(binary.data, 'base64');
		for (let start = 0; start < bytes.length; start += partSize) yield bytes.subarray(start, start + partSize);
		return;
	}
	const stream = await this.helpers.getBinaryStream(binary.id, partSize);
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	for await (const chunk of stream) {
		let rest = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
		while (pendingBytes + rest.length >= partSize) {
			const take = partSize - pendingBytes;
			yield Buffer.concat([...pending, rest.subarray(0, take)]);
			rest = rest.subarray(take);
			pending = [];
			pendingBytes = 0;
		}
		if (rest.length) {
			pending.push(rest);
			pendingBytes += rest.length;
		}
	}
	if (pendingBytes) yield Buffer.concat(pending);
}
