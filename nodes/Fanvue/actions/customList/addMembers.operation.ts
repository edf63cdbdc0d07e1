import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customListLocator } from '../../descriptions/customList';
import { fanUuidBatch, MAX_LIST_MEMBERS_PER_REQUEST, requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['customList'], operation: ['addMembers'] };

export const description: INodeProperties[] = [
	{ ...customListLocator, displayOptions: { show } },
	{
		displayName: 'Fan UUIDs',
		name: 'fanUuids',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d, 4a2d...',
		description: `Comma-separated UUIDs of the fans to add (or an array from an expression), at most ${MAX_LIST_MEMBERS_PER_REQUEST}. Fans already in the list are skipped.`,
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const uuid = requireUuid(node, itemIndex, 'Custom List', this.getNodeParameter('customList', itemIndex, '', { extractValue: true }));
	const userUuids = fanUuidBatch(node, itemIndex, this.getNodeParameter('fanUuids', itemIndex, ''), MAX_LIST_MEMBERS_PER_REQUEST, 'add');
	const response = await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, `/chats/lists/custom/${uuid}/members`, { agencyForm: false }),
		body: { userUuids },
		...itemRequest.call(this, itemIndex),
	});
	return { ...response, uuid };
}
