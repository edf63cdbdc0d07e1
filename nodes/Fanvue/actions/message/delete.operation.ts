import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fanLocator } from '../../descriptions/fan';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['message'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{ ...fanLocator, description: 'The fan whose chat holds the message', displayOptions: { show } },
	{
		displayName: 'Message UUID',
		name: 'messageUuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9b2f1a4d-2222-4d3e-8f90-1b2c3d4e5f60',
		description:
			'The message to unsend: one you sent, not bought by the fan, not part of a mass message (Fanvue refuses those)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const fanUuid = requireUuid(node, itemIndex, 'Fan', this.getNodeParameter('fan', itemIndex, '', { extractValue: true }));
	const messageUuid = requireUuid(node, itemIndex, 'Message UUID', this.getNodeParameter('messageUuid', itemIndex, ''));
	// Fanvue answers 204 with no body.
	await fanvueApiRequest.call(this, {
		method: 'DELETE',
		path: fanvuePath.call(this, itemIndex, `/chats/${fanUuid}/messages/${messageUuid}`, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
	return { fanUuid, messageUuid, deleted: true };
}
