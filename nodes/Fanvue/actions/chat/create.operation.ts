import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['chat'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		// A plain UUID, not the fan picker: the picker lists existing chats, and this starts one.
		displayName: 'Fan UUID',
		name: 'fanUuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d',
		description: 'The fan to start a chat with (a subscriber, follower or former subscriber)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fanUuid = requireUuid(this.getNode(), itemIndex, 'Fan UUID', this.getNodeParameter('fanUuid', itemIndex, ''));
	const response = await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/chats', { agencyForm: true }),
		body: { userUuid: fanUuid },
		...itemRequest.call(this, itemIndex),
	});
	return { ...response, fanUuid };
}
