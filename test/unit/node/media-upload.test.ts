// Media Upload from n8n binary data: Fanvue's multipart flow (session, presigned part URLs,
// PUT of each part, completion with the ETags) and the bounded wait for processing. The parts
// are checked against S3's rule (5 MiB parts, the last one shorter), not against the code.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { FANVUE_NODE_TYPE, runWorkflow } from '../../helpers/n8n-runner';
import { credentials, fanvue, forbidAnyRequest, useNock } from './fixtures';

useNock();
jest.setTimeout(30_000);

const STORAGE = 'https://uploads.storage.test';
const MEDIA = '5e6f7a8b-5555-4c6d-8e9f-0a1b2c3d4e5f';
const UPLOAD_ID = 'upload~id/1';
const CREATOR = '1a2b3c4d-aaaa-4b5c-8d6e-7f8091a2b3c4';
const FIVE_MIB = 5 * 1024 * 1024;

/** A file of `size` bytes whose content differs at every offset of a part. */
const fileOf = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + (i >> 10)) % 251));

function binaryItem(bytes: Buffer, mimeType = 'image/png', fileName = 'beach.png'): INodeExecutionData {
	return { json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName, fileExtension: fileName.split('.').pop() } } };
}

/** Runs the Fanvue node on one item that carries binary data. */
async function upload(parameters: object, item: INodeExecutionData) {
	const workflow = {
		nodes: [
			{ id: 'start', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'fanvue',
				name: 'Fanvue',
				type: FANVUE_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { resource: 'media', operation: 'upload', ...parameters },
				credentials: { fanvueOAuth2Api: { id: 'fanvue-1', name: 'Fanvue account' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Fanvue', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	const result = await runWorkflow({ workflow, credentials, startItems: [item] });
	return { result, output: result.output('Fanvue') };
}

const readyMedia = { uuid: MEDIA, status: 'ready', name: 'beach.png', mediaType: 'image', variants: [{ variantType: 'main', url: 'https://cdn.test/main' }] };

/** The storage host must never see the Fanvue token: S3 refuses it and it would leak. */
const storage = () => nock(STORAGE, { badheaders: ['authorization'] });

describe('Media Upload', () => {
	it('uploads a file larger than one part: session, 5 MiB parts to presigned URLs, completion with ETags, then waits until ready', async () => {
		const file = fileOf(FIVE_MIB + 1234);
		fanvue().post('/media/uploads', { name: 'beach.png', filename: 'beach.png', mediaType: 'image' }).reply(200, { mediaUuid: MEDIA, uploadId: UPLOAD_ID });
		// Fanvue answers the bare URL; an object with `url` is understood as well.
		fanvue().get('/media/uploads/upload~id%2F1/parts/1/url').reply(200, `${STORAGE}/part-1?X-Amz-Signature=abc`, { 'Content-Type': 'text/plain' });
		fanvue().get('/media/uploads/upload~id%2F1/parts/2/url').reply(200, { url: `${STORAGE}/part-2?X-Amz-Signature=def` });
		storage()
			.put('/part-1', (body) => Buffer.from(body, 'hex').equals(file.subarray(0, FIVE_MIB)))
			.query({ 'X-Amz-Signature': 'abc' })
			.reply(200, '', { ETag: '"etag-1"' });
		storage()
			.put('/part-2', (body) => Buffer.from(body, 'hex').equals(file.subarray(FIVE_MIB)))
			.query({ 'X-Amz-Signature': 'def' })
			.reply(200, '', { ETag: '"etag-2"' });
		fanvue()
			.patch('/media/uploads/upload~id%2F1', { parts: [{ PartNumber: 1, ETag: '"etag-1"' }, { PartNumber: 2, ETag: '"etag-2"' }] })
			.reply(200, { status: 'processing' });
		fanvue().get(`/media/${MEDIA}`).query({ variants: 'main,thumbnail,blurred' }).reply(200, { uuid: MEDIA, status: 'processing' });
		fanvue().get(`/media/${MEDIA}`).query({ variants: 'main,thumbnail,blurred' }).reply(200, readyMedia);

		const { result, output } = await upload({}, binaryItem(file));
		expect(result.error).toBeUndefined();
		expect(output.map((i) => i.json)).toEqual([{ ...readyMedia, fileName: 'beach.png', sizeBytes: FIVE_MIB + 1234, parts: 2 }]);
	});

	it('as a managed creator: the same flow below /creators/{creator}, Name and Media Type as chosen, no wait when turned off', async () => {
		const file = fileOf(300);
		const base = `/creators/${CREATOR}/media/uploads`;
		fanvue().post(base, { name: 'Promo clip', filename: 'clip.bin', mediaType: 'video' }).reply(200, { mediaUuid: MEDIA, uploadId: 'u1' });
		fanvue().get(`${base}/u1/parts/1/url`).reply(200, JSON.stringify(`${STORAGE}/only`), { 'Content-Type': 'application/json' });
		storage().put('/only', (body) => Buffer.from(body, 'hex').equals(file)).reply(200, '', { ETag: '"e"' });
		fanvue().patch(`${base}/u1`, { parts: [{ PartNumber: 1, ETag: '"e"' }] }).reply(200, { status: 'processing' });

		const { result, output } = await upload(
			{
				actAs: 'creator',
				creator: { __rl: true, mode: 'uuid', value: CREATOR },
				mediaType: 'video',
				uploadOptions: { name: 'Promo clip', waitUntilReady: false },
			},
			binaryItem(file, 'application/octet-stream', 'clip.bin'),
		);
		expect(result.error).toBeUndefined();
		expect(output[0].json).toEqual({ uuid: MEDIA, status: 'processing', mediaType: 'video', name: 'Promo clip', fileName: 'clip.bin', sizeBytes: 300, parts: 1 });
	});

	it('a Media Type an expression left empty counts as "from the MIME type" (nothing empty reaches Fanvue)', async () => {
		const file = fileOf(300);
		fanvue().post('/media/uploads', { name: 'beach.png', filename: 'beach.png', mediaType: 'image' }).reply(200, { mediaUuid: MEDIA, uploadId: 'u2' });
		fanvue().get('/media/uploads/u2/parts/1/url').reply(200, JSON.stringify(`${STORAGE}/only`), { 'Content-Type': 'application/json' });
		storage().put('/only', (body) => Buffer.from(body, 'hex').equals(file)).reply(200, '', { ETag: '"e"' });
		fanvue().patch('/media/uploads/u2', { parts: [{ PartNumber: 1, ETag: '"e"' }] }).reply(200, { status: 'processing' });
		const { result, output } = await upload({ mediaType: '={{ "" }}', uploadOptions: { waitUntilReady: false } }, binaryItem(file));
		expect(result.error).toBeUndefined();
		expect(output[0].json).toMatchObject({ uuid: MEDIA, mediaType: 'image' });
	});

	it('retries a part PUT that failed with 5xx (a part PUT overwrites, so it is safe) and keeps the token away from storage', async () => {
		const file = fileOf(100);
		fanvue().post('/media/uploads').reply(200, { mediaUuid: MEDIA, uploadId: 'u2' });
		fanvue().get('/media/uploads/u2/parts/1/url').reply(200, `${STORAGE}/p`);
		storage().put('/p').reply(503, '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>');
		storage().put('/p').reply(200, '', { ETag: '"ok"' });
		fanvue().patch('/media/uploads/u2', { parts: [{ PartNumber: 1, ETag: '"ok"' }] }).reply(200, { status: 'ready' });

		const { result, output } = await upload({ uploadOptions: { waitUntilReady: false } }, binaryItem(file));
		expect(result.error).toBeUndefined();
		expect(output[0].json.uuid).toBe(MEDIA);
	});

	it('fails with the storage’s own words when a part is refused, without the presigned URL in the error', async () => {
		fanvue().post('/media/uploads').reply(200, { mediaUuid: MEDIA, uploadId: 'u3' });
		fanvue().get('/media/uploads/u3/parts/1/url').reply(200, `${STORAGE}/p?X-Amz-Signature=secret-signature`);
		storage()
			.put('/p')
			.query(true)
			.reply(403, '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');

		const { result } = await upload({}, binaryItem(fileOf(10)));
		expect(result.error?.message).toBe("Uploading part 1 of the file to Fanvue's storage failed (403): AccessDenied: Request has expired");
		expect(JSON.stringify(result.error)).not.toContain('secret-signature');
	});

	it('refuses a presigned URL over plain http to a real host before any byte of the file leaves, naming only the host', async () => {
		const sent = forbidAnyRequest();
		fanvue().post('/media/uploads').reply(200, { mediaUuid: MEDIA, uploadId: 'u7' });
		fanvue().get('/media/uploads/u7/parts/1/url').reply(200, 'http://uploads.storage.test/p?X-Amz-Signature=secret-signature');

		const { result } = await upload({}, binaryItem(fileOf(10)));
		expect(result.error?.message).toBe('Fanvue gave an upload URL for part 1 that is not https (http://uploads.storage.test)');
		expect(sent).toEqual([]);
		expect(JSON.stringify(result.error)).not.toContain('secret-signature');
	});

	it.each(['127.0.0.1', 'localhost', '[::1]'])('takes plain http to this machine (%s), where nothing crosses a network', async (host) => {
		fanvue().post('/media/uploads').reply(200, { mediaUuid: MEDIA, uploadId: 'u8' });
		fanvue().get('/media/uploads/u8/parts/1/url').reply(200, `http://${host}:9/p`);
		nock(`http://${host}:9`, { badheaders: ['authorization'] }).put('/p').reply(200, '', { ETag: '"e"' });
		fanvue().patch('/media/uploads/u8', { parts: [{ PartNumber: 1, ETag: '"e"' }] }).reply(200, { status: 'ready' });

		const { result } = await upload({ uploadOptions: { waitUntilReady: false } }, binaryItem(fileOf(10)));
		expect(result.error).toBeUndefined();
	});

	it('with Wait Until Ready off, Max Processing Wait is not read (0 there does not stop the upload)', async () => {
		fanvue().post('/media/uploads').reply(200, { mediaUuid: MEDIA, uploadId: 'u9' });
		fanvue().get('/media/uploads/u9/parts/1/url').reply(200, `${STORAGE}/p`);
		storage().put('/p').reply(200, '', { ETag: '"e"' });
		fanvue().patch('/media/uploads/u9', { parts: [{ PartNumber: 1, ETag: '"e"' }] }).reply(200, { status: 'processing' });

		const { result, output } = await upload({ uploadOptions: { waitUntilReady: false, maxProcessingWait: 0 } }, binaryItem(fileOf(10)));
		expect(result.error).toBeUndefined();
		expect(output[0].json).toMatchObject({ uuid: MEDIA, status: 'processing' });
	});

	it('fails, naming the media, when Fanvue reports that processing failed', async () => {
		fanvue().post('/media/uploads').reply(200, { mediaUuid: MEDIA, uploadId: 'u4' });
		fanvue().get('/media/uploads/u4/parts/1/url').reply(200, `${STORAGE}/p`);
		storage().put('/p').reply(200, '', { ETag: '"e"' });
		fanvue().patch('/media/uploads/u4').reply(200, { status: 'processing' });
		fanvue().get(`/media/${MEDIA}`).query(true).reply(200, { uuid: MEDIA, status: 'error' });

		const { result } = await upload({}, binaryItem(fileOf(10)));
		expect(result.error?.message).toBe(`Fanvue could not process the uploaded file (media ${MEDIA})`);
	});

	it('waits no longer than Max Processing Wait, then fails saying the media is still processing', async () => {
		fanvue().post('/media/uploads').reply(200, { mediaUuid: MEDIA, uploadId: 'u5' });
		fanvue().get('/media/uploads/u5/parts/1/url').reply(200, `${STORAGE}/p`);
		storage().put('/p').reply(200, '', { ETag: '"e"' });
		fanvue().patch('/media/uploads/u5').reply(200, { status: 'processing' });
		// One check fits into one second; a second check would find no mock and fail differently.
		fanvue().get(`/media/${MEDIA}`).query(true).reply(200, { uuid: MEDIA, status: 'processing' });

		const { result } = await upload({ uploadOptions: { maxProcessingWait: 1 } }, binaryItem(fileOf(10)));
		expect(result.error?.message).toBe(`Fanvue is still processing media ${MEDIA} after 1 s`);
	});
});

describe('Media Upload refuses bad input before any request', () => {
	async function refusedUpload(parameters: object, item: INodeExecutionData) {
		const seen = forbidAnyRequest();
		const { result } = await upload(parameters, item);
		expect(seen).toEqual([]);
		expect(result.error?.name).toBe('NodeOperationError');
		return result.error as Error & { description?: string };
	}

	it.each([
		['no file in the binary field', { binaryPropertyName: 'photo' }, binaryItem(fileOf(10)), 'Input Binary Field "photo" holds no file'],
		['an empty file', {}, binaryItem(Buffer.alloc(0)), 'Input Binary Field holds an empty file ("beach.png")'],
		['a MIME type Fanvue does not take', {}, binaryItem(fileOf(10), 'application/zip', 'x.zip'), 'Media Type cannot be told from the MIME type "application/zip"'],
		['a Media Type that is not Fanvue’s', { mediaType: '={{ "gif" }}' }, binaryItem(fileOf(10)), 'Media Type must be one of auto, audio, document, image, video, got "gif"'],
		['a Name of blanks', { uploadOptions: { name: '   ' } }, binaryItem(fileOf(10)), 'Name is empty'],
	] as Array<[string, IDataObject, INodeExecutionData, string]>)('%s', async (_case, parameters, item, message) => {
		const error = await refusedUpload(parameters, item);
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
	});
});
