import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fanLocator } from '../../descriptions/fan';
import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['message'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{ ...fanLocator, displayOptions: { show } },
	...howManyFields('message', 'getMany'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Mark as Read',
				name: 'markAsRead',
				type: 'boolean',
				default: false,
				description:
					'Whether reading the messages also marks the chat as read for the creator. Off by default: reading history should not change what the creator sees as unread.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fanUuid = requireUuid(
		this.getNode(),
		itemIndex,
		'Fan',
		this.getNodeParameter('fan', itemIndex, '', { extractValue: true }),
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await fanvueApiRequestPages.call(
		this,
		{
			path: fanvuePath.call(this, itemIndex, `/chats/${fanUuid}/messages`, { agencyForm: true }),
			// Sent explicitly either way: Fanvue's default is to mark the chat read.
			qs: { markAsRead: options.markAsRead === true },
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
	);
}
