// How a file is cut into upload parts: S3's rules (every part but the last exactly the part
// size, at least 5 MiB, at most 10,000 parts) hold for any size, and a file n8n keeps on disk
// is streamed in whatever chunks the stream gives and re-cut into exact parts.
import { Readable } from 'node:stream';

import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { MAX_PARTS, MIN_PART_BYTES, binaryParts, partSizeFor } from '../../../nodes/Fanvue/actions/media/binaryParts';

const MIB = 1024 * 1024;

async function collect(parts: AsyncGenerator<Buffer>): Promise<Buffer[]> {
	const out: Buffer[] = [];
	for await (const part of parts) out.push(Buffer.from(part));
	return out;
}

describe('upload parts', () => {
	it.each([
		[1, MIN_PART_BYTES],
		[48 * 1024 * MIB, MIN_PART_BYTES], // 48 GiB: 9,831 parts of 5 MiB
		[100 * 1024 * MIB, 11 * MIB], // 100 GiB: 5 MiB parts would be 20,480
		[5 * 1024 * 1024 * MIB, 525 * MIB], // S3's 5 TiB maximum
	])('a file of %i bytes goes in parts of %i bytes, at most 10,000 of them', (size, partSize) => {
		expect(partSizeFor(size)).toBe(partSize);
		expect(Math.ceil(size / partSizeFor(size))).toBeLessThanOrEqual(MAX_PARTS);
	});

	it('a file n8n keeps on disk is re-cut from uneven stream chunks into exact parts, bytes unchanged', async () => {
		const file = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 253));
		// Chunks of 1, 7, 4096, 3, 999, ... bytes: nothing lines up with the part size.
		const sizes = [1, 7, 4096, 3, 999, 2500, 1, 2393];
		const chunks: Buffer[] = [];
		let at = 0;
		for (const size of sizes) {
			chunks.push(file.subarray(at, at + size));
			at += size;
		}
		expect(at).toBe(file.length);
		const context = {
			helpers: { getBinaryStream: async () => Readable.from(chunks) },
		} as unknown as IExecuteFunctions;
		const binary = { id: 'filesystem-v2:x', data: 'filesystem-v2', mimeType: 'image/png' } as IBinaryData;

		const parts = await collect(binaryParts.call(context, binary, 3000));
		expect(parts.map((p) => p.length)).toEqual([3000, 3000, 3000, 1000]);
		expect(Buffer.concat(parts).equals(file)).toBe(true);
	});

	it('binary data kept in the item (base64) is cut the same way', async () => {
		const file = Buffer.from(Array.from({ length: 7001 }, (_, i) => (i * 3) % 256));
		const parts = await collect(binaryParts.call({} as IExecuteFunctions, { data: file.toString('base64'), mimeType: 'image/png' } as IBinaryData, 3500));
		expect(parts.map((p) => p.length)).toEqual([3500, 3500, 1]);
		expect(Buffer.concat(parts).equals(file)).toBe(true);
	});
});
