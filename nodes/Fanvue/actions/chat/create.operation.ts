import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { anyFanLocator } from '../../descriptions/fan';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['chat'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		// Named fanUuid (not fan) so that workflows saved when this was a plain UUID field still run.
		...anyFanLocator({
			displayName: 'Fan',
			name: 'fanUuid',
			description: 'The fan to start a chat with (a subscriber, follower or former subscriber)',
		}),
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fanUuid = requireUuid(this.getNode(), itemIndex, 'Fan', this.getNodeParameter('fanUuid', itemIndex, '', { extractValue: true }));
	const response = await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/chats', { agencyForm: true }),
		body: { userUuid: fanUuid },
		...itemRequest.call(this, itemIndex),
	});
	return { ...response, fanUuid };
}
