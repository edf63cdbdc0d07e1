import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { itemRequest } from '../itemRequest';

const show = { resource: ['template'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...howManyFields('template', 'getMany'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Folder Name',
				name: 'folderName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Welcome',
				description: "Part of the template folder's name, in any case",
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await fanvueApiRequestPages.call(
		this,
		{
			path: '/chats/templates',
			qs: { folderName: filters.folderName as string | undefined },
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
	);
}
