import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fanUuidBatch, MAX_STATUS_USERS_PER_REQUEST } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['chat'], operation: ['getOnlineStatuses'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Fan UUIDs',
		name: 'fanUuids',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d, 4a2d...',
		description: `Comma-separated UUIDs of the fans to check (or an array from an expression), at most ${MAX_STATUS_USERS_PER_REQUEST}. Fans who hide their online status always show as offline.`,
		displayOptions: { show },
	},
];

/** One output item per fan, in the order asked: `{fanUuid, ...Fanvue's status}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const userUuids = fanUuidBatch(node, itemIndex, this.getNodeParameter('fanUuids', itemIndex, ''), MAX_STATUS_USERS_PER_REQUEST, 'check');
	const statuses: Record<string, IDataObject> = await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/chats/statuses', { agencyForm: false }),
		body: { userUuids },
		// Fanvue asks for the fans in a POST body, but nothing changes: safe to retry.
		readsOnly: true,
		...itemRequest.call(this, itemIndex),
	});
	return userUuids.map((fanUuid) => ({ fanUuid, ...(statuses?.[fanUuid] ?? {}) }));
}
