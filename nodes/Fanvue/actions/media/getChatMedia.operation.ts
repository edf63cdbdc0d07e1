import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fanLocator } from '../../descriptions/fan';
import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { MEDIA_TYPE_OPTIONS } from '../../descriptions/media';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequestCursor } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['media'], operation: ['getChatMedia'] };

export const description: INodeProperties[] = [
	{ ...fanLocator, description: 'The fan whose chat media to list', displayOptions: { show } },
	...howManyFields('media', 'getChatMedia'),
	{
		displayName: 'Filters',
		name: 'chatMediaFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'Media Type', name: 'mediaType', type: 'options', options: MEDIA_TYPE_OPTIONS, default: 'image' }],
	},
];

/** The media exchanged in one chat, newest first (cursor pages). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const fanUuid = requireUuid(node, itemIndex, 'Fan', this.getNodeParameter('fan', itemIndex, '', { extractValue: true }));
	const filters = this.getNodeParameter('chatMediaFilters', itemIndex, {}) as IDataObject;
	const mediaType = (filters.mediaType as string | undefined) || undefined; // checked by the router
	return await fanvueApiRequestCursor.call(
		this,
		{
			path: fanvuePath.call(this, itemIndex, `/chats/${fanUuid}/media`, { agencyForm: true }),
			qs: { mediaType },
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
		'limit',
	);
}
