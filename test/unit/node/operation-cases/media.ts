import nock from 'nock';

import type { OperationCase } from './types';
import { OTHER_UUID, fanByUuid } from './types';

const STORAGE = 'https://uploads.storage.test';
const file = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

export const cases: OperationCase[] = [
	{ resource: 'media', operation: 'get', parameters: { media: { __rl: true, mode: 'uuid', value: OTHER_UUID }, variants: ['main'] } },
	{ resource: 'media', operation: 'getMany', parameters: { returnAll: true, variants: [] } },
	{ resource: 'media', operation: 'getChatMedia', parameters: { fan: fanByUuid, returnAll: true } },
	{
		resource: 'media',
		operation: 'upload',
		parameters: {},
		inputItems: [{ json: {}, binary: { data: { data: file.toString('base64'), mimeType: 'image/png', fileName: 'a.png' } } }],
		answer: (method, path) => {
			if (method === 'POST' && path.endsWith('/media/uploads')) return { status: 200, body: { mediaUuid: OTHER_UUID, uploadId: 'up-1' } };
			if (path.endsWith('/url')) {
				// The part goes to the storage, which is not a Fanvue endpoint and so not recorded.
				nock(STORAGE).put('/part').reply(200, '', { ETag: '"e"' });
				return { status: 200, body: `${STORAGE}/part` };
			}
			if (method === 'PATCH') return { status: 200, body: { status: 'processing' } };
			if (method === 'GET' && path.endsWith(`/media/${OTHER_UUID}`)) return { status: 200, body: { uuid: OTHER_UUID, status: 'ready' } };
			return undefined;
		},
	},
];
