import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireName } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['customList'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Big tippers',
		description: 'Name of the new list. Fanvue refuses a name that another of your lists already has.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = requireName(this.getNode(), itemIndex, 'Name', this.getNodeParameter('name', itemIndex, ''));
	return await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/chats/lists/custom', { agencyForm: false }),
		body: { name },
		...itemRequest.call(this, itemIndex),
	});
}
