/**
 * End to end in a real n8n 2.41.1 with the packed package and the sandbox: a file arrives as
 * binary data (n8n keeps it on disk, so the node streams it), Media → Upload sends it to
 * Fanvue in two parts through the presigned storage URLs and waits until it is processed, and
 * Message → Send sends the uploaded media to a fan as pay-to-view.
 * The sandbox is the model: it checks ETags and part sizes, refuses a storage request that
 * carries the Fanvue token, refuses unready media in a message, and hashes what it received.
 */
import axios from 'axios';
import { createHash } from 'node:crypto';

import { N8nInstance, connectFanvueCredential, nodeOutput, packPackage, startFanvueSandbox, startN8n, uniqueSuffix, webhookWorkflow } from './harness';

jest.setTimeout(300_000);

const FIVE_MIB = 5 * 1024 * 1024;

/** A PNG signature and filler: two parts of S3's minimum size rule, the second short. */
function pngFile(size: number): Buffer {
	const bytes = Buffer.alloc(size);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
	for (let i = 8; i < size; i++) bytes[i] = (i * 31 + (i >> 12)) % 256;
	return bytes;
}

describe('e2e: upload from binary data and send it as pay-to-view', () => {
	let n8n: N8nInstance | undefined;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let sandbox: any;

	beforeAll(async () => {
		sandbox = await startFanvueSandbox({ fans: 20, seed: 11, mediaProcessingMs: 2000 });
		n8n = await startN8n({ packageDir: packPackage() });
		await n8n.rest.setupOwner();
	});

	afterAll(async () => {
		if (n8n) n8n.saveLogs('media-upload');
		await n8n?.stop();
		await sandbox?.stop();
	});

	test('Webhook → Convert to File → Fanvue Upload → Fanvue Send (price 800)', async () => {
		const rest = n8n!.rest;
		const credential = await connectFanvueCredential(rest, sandbox, { name: 'Fanvue media', scopeGroups: ['media'] });
		const fan = sandbox.store.fans.find((f: { status: string }) => f.status === 'subscriber').uuid;
		const hookPath = `media-upload-${uniqueSuffix()}`;
		const base = webhookWorkflow(hookPath, { webhookId: 'b0000000-0000-4000-8000-0000000000a1' });
		const fanvueCredential = { fanvueOAuth2Api: { id: credential.id, name: credential.name } };
		const workflow = {
			...base,
			name: `e2e media ${hookPath}`,
			nodes: [
				...base.nodes,
				{
					parameters: { operation: 'toBinary', sourceProperty: 'body.file', binaryPropertyName: 'data', options: { fileName: 'set.png', mimeType: 'image/png' } },
					id: 'a0000000-0000-4000-8000-0000000000a2',
					name: 'Convert to File',
					type: 'n8n-nodes-base.convertToFile',
					typeVersion: 1.1,
					position: [200, 0],
				},
				{
					parameters: { resource: 'media', operation: 'upload' },
					id: 'a0000000-0000-4000-8000-0000000000a3',
					name: 'Upload',
					type: 'n8n-nodes-fanvue.fanvue',
					typeVersion: 1,
					position: [400, 0],
					credentials: fanvueCredential,
				},
				{
					parameters: {
						resource: 'message',
						operation: 'send',
						fan: { __rl: true, mode: 'uuid', value: fan },
						text: 'Unlock me 🔒',
						additionalFields: { mediaUuids: '={{ $json.uuid }}', price: 800 },
					},
					id: 'a0000000-0000-4000-8000-0000000000a4',
					name: 'Send',
					type: 'n8n-nodes-fanvue.fanvue',
					typeVersion: 1,
					position: [600, 0],
					credentials: fanvueCredential,
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Convert to File', type: 'main', index: 0 }]] },
				'Convert to File': { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
				Upload: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
			},
		};
		const wf = await rest.importWorkflow(workflow);
		await rest.publishWorkflow(wf.id);

		const file = pngFile(FIVE_MIB + 54_321);
		const answer = await axios.post(n8n!.webhookUrl(hookPath), { file: file.toString('base64') }, { validateStatus: () => true, timeout: 60_000, maxBodyLength: Infinity });
		expect(answer.status).toBe(200);
		const [run] = await rest.waitForExecutions(wf.id, 1, 180_000, { exact: true });
		expect(run.errorMessage).toBeUndefined();
		expect(run.status).toBe('success');

		const [uploaded] = nodeOutput(run, 'Upload') as Array<{ uuid: string; status: string; parts: number; sizeBytes: number }>;
		expect(uploaded).toMatchObject({ status: 'ready', parts: 2, sizeBytes: file.length });
		const stored = sandbox.store.mediaByUuid.get(uploaded.uuid);
		expect(stored.sha256).toBe(createHash('sha256').update(file).digest('hex'));
		const partPuts = sandbox.requests().filter((r: { method: string }) => r.method === 'PUT');
		expect(partPuts.map((r: { status: number; headers: object; bodyBytes: number }) => [r.status, 'authorization' in r.headers, r.bodyBytes])).toEqual([
			[200, false, FIVE_MIB],
			[200, false, file.length - FIVE_MIB],
		]);

		const [sent] = nodeOutput(run, 'Send') as Array<{ messageUuid: string }>;
		const message = sandbox.store.lastMessageOf(sandbox.store.chat(fan));
		expect(message).toMatchObject({ uuid: sent.messageUuid, mediaUuids: [uploaded.uuid], price: 800 });
		await rest.unpublishWorkflow(wf.id);
	});
});
