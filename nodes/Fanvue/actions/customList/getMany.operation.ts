import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { itemRequest } from '../itemRequest';

const show = { resource: ['customList'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...howManyFields('customList', 'getMany'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. VIP',
				description: "Part of the list's name",
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await fanvueApiRequestPages.call(
		this,
		{
			path: '/chats/lists/custom',
			qs: { search: filters.search as string | undefined },
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
	);
}
