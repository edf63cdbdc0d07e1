import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { MEDIA_TYPE_OPTIONS } from '../../descriptions/media';
import { requireName, requireSomething } from '../../helpers/validation';
import { putUploadPart } from '../../transport/presignedUpload';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { MAX_FILE_BYTES, binaryParts, binarySize, partSizeFor } from './binaryParts';

const show = { resource: ['media'], operation: ['upload'] };
const AUTO = 'auto';
/** Variants asked for once the media is ready, so the output carries its URLs (comma-separated, as Fanvue documents). */
const READY_VARIANTS = ['main', 'thumbnail', 'blurred'];
/** Pauses between processing checks: quick at first, then every 5 s. */
const POLL_DELAYS_MS = [1000, 2000, 3000, 5000];

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file to upload',
		displayOptions: { show },
	},
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [{ name: 'From the File’s MIME Type', value: AUTO }, ...MEDIA_TYPE_OPTIONS],
		default: AUTO,
		description: 'What kind of media the file is. From the MIME type: image/*, video/*, audio/*, and PDF as a document.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'uploadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: "The media's name in the vault (the file name when empty)",
			},
			{
				displayName: 'Wait Until Ready',
				name: 'waitUntilReady',
				type: 'boolean',
				default: true,
				description:
					'Whether to wait until Fanvue has processed the file. Media can only be sent or posted once it is ready.',
			},
			{
				displayName: 'Max Processing Wait (Seconds)',
				name: 'maxProcessingWait',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'How long to wait for processing before the node fails (videos take longest)',
			},
		],
	},
];

function mediaTypeOf(this: IExecuteFunctions, itemIndex: number, binary: IBinaryData): string {
	const chosen = this.getNodeParameter('mediaType', itemIndex, AUTO) as string;
	// One of the options (checked by the router); empty counts as the MIME type's.
	if (chosen && chosen !== AUTO) return chosen;
	const mime = (binary.mimeType ?? '').toLowerCase();
	const family = mime.split('/')[0];
	if (['image', 'video', 'audio'].includes(family)) return family;
	if (mime === 'application/pdf') return 'document';
	throw new NodeOperationError(this.getNode(), `Media Type cannot be told from the MIME type "${binary.mimeType ?? ''}"`, {
		itemIndex,
		description: 'Fanvue takes images, videos, audio and documents (PDF). Choose the Media Type, or convert the file.',
	});
}

function inputBinary(this: IExecuteFunctions, itemIndex: number): IBinaryData {
	const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const binary = this.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) {
		throw new NodeOperationError(this.getNode(), `Input Binary Field "${field}" holds no file`, {
			itemIndex,
			description: 'Put the name of the binary field that holds the file (often "data") in Input Binary Field.',
		});
	}
	return binary;
}

/** Fanvue's part-URL answer: the bare URL (as text or a JSON string), or an object with `url`. */
function presignedUrlOf(answer: unknown): string | undefined {
	const url = typeof answer === 'string' ? answer.trim().replace(/^"|"$/g, '') : (answer as IDataObject | undefined)?.url;
	return typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined;
}

/**
 * Upload from n8n binary data, Fanvue's multipart flow: create the upload session, PUT each
 * part to its presigned URL, complete with the parts' ETags, then wait (bounded) until Fanvue
 * has processed the file. The media's uuid in the output goes straight into Media UUIDs of
 * Send, Send Mass Message or Create Post.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const binary = inputBinary.call(this, itemIndex);
	const mediaType = mediaTypeOf.call(this, itemIndex, binary);
	const options = this.getNodeParameter('uploadOptions', itemIndex, {}) as IDataObject;
	const fileName = binary.fileName || `upload.${binary.fileExtension ?? 'bin'}`;
	const name = options.name ? requireName(node, itemIndex, 'Name', options.name) : fileName;
	const size = await binarySize.call(this, binary);
	if (size === 0) {
		throw new NodeOperationError(node, `Input Binary Field holds an empty file ("${fileName}")`, {
			itemIndex,
			description: 'Fanvue cannot take an empty file. Check the node that produced it.',
		});
	}
	if (size > MAX_FILE_BYTES) {
		throw new NodeOperationError(node, `The file is ${size} bytes; Fanvue's storage takes at most ${MAX_FILE_BYTES}`, { itemIndex });
	}
	// Checked before the upload: a wait Fanvue cannot meet would only fail once the file is sent.
	const maxProcessingWaitMs = Number(options.maxProcessingWait ?? 300) * 1000;
	requireSomething(
		node,
		itemIndex,
		options.waitUntilReady === false || maxProcessingWaitMs >= 1000,
		`Max Processing Wait (Seconds) must be 1 or more, got ${String(options.maxProcessingWait)}`,
		'Set how long to wait for processing, or turn off Wait Until Ready.',
	);
	const uploads = fanvuePath.call(this, itemIndex, '/media/uploads', { agencyForm: true });
	const request = itemRequest.call(this, itemIndex);

	const session = (await fanvueApiRequest.call(this, {
		method: 'POST',
		path: uploads,
		body: { name, filename: fileName, mediaType },
		...request,
	})) as { mediaUuid: string; uploadId: string };
	const uploadId = encodeURIComponent(session.uploadId);

	const parts: Array<{ PartNumber: number; ETag: string }> = [];
	let partNumber = 0;
	for await (const bytes of binaryParts.call(this, binary, partSizeFor(size))) {
		partNumber += 1;
		const answer: unknown = await fanvueApiRequest.call(this, {
			method: 'GET',
			path: `${uploads}/${uploadId}/parts/${partNumber}/url`,
			...request,
		});
		const url = presignedUrlOf(answer);
		if (!url) {
			throw new NodeOperationError(node, `Fanvue gave no upload URL for part ${partNumber}`, {
				itemIndex,
				description: `Fanvue's answer was not a URL. The media ${session.mediaUuid} stays unfinished in the vault; run the node again.`,
			});
		}
		parts.push({ PartNumber: partNumber, ETag: await putUploadPart.call(this, url, bytes, partNumber, itemIndex) });
	}

	const completed = (await fanvueApiRequest.call(this, {
		method: 'PATCH',
		path: `${uploads}/${uploadId}`,
		body: { parts },
		...request,
	})) as { status?: string };

	const uploaded = { fileName, sizeBytes: size, parts: parts.length };
	if (options.waitUntilReady === false) return { uuid: session.mediaUuid, status: completed?.status ?? 'processing', mediaType, name, ...uploaded };
	const media = await waitUntilProcessed.call(this, itemIndex, session.mediaUuid, maxProcessingWaitMs);
	return { ...media, ...uploaded };
}

async function waitUntilProcessed(this: IExecuteFunctions, itemIndex: number, mediaUuid: string, maxWaitMs: number): Promise<IDataObject> {
	const path = fanvuePath.call(this, itemIndex, `/media/${mediaUuid}`, { agencyForm: true });
	let waited = 0;
	for (let check = 0; ; check++) {
		const delay = Math.min(POLL_DELAYS_MS[Math.min(check, POLL_DELAYS_MS.length - 1)], maxWaitMs - waited);
		if (delay <= 0) break;
		await sleep(delay);
		waited += delay;
		const media = (await fanvueApiRequest.call(this, {
			method: 'GET',
			path,
			qs: { variants: READY_VARIANTS.join(',') },
			...itemRequest.call(this, itemIndex),
		})) as IDataObject;
		if (media.status === 'ready') return media;
		if (media.status === 'error') {
			throw new NodeOperationError(this.getNode(), `Fanvue could not process the uploaded file (media ${mediaUuid})`, {
				itemIndex,
				description:
					'The upload arrived, but Fanvue failed to process it (status "error"). Check that the file is a valid image, video, audio or PDF and that Media Type matches it, then upload it again.',
			});
		}
	}
	throw new NodeOperationError(this.getNode(), `Fanvue is still processing media ${mediaUuid} after ${Math.round(maxWaitMs / 1000)} s`, {
		itemIndex,
		description:
			'The file was uploaded and is being processed. Raise Max Processing Wait under Options, or turn off Wait Until Ready and use the media once Get Media shows it ready.',
	});
}
