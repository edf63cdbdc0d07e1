import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireName } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Beach set',
		description: 'Fanvue refuses a name another of your folders already has',
		displayOptions: { show: { resource: ['vaultFolder'], operation: ['create'] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = requireName(this.getNode(), itemIndex, 'Name', this.getNodeParameter('name', itemIndex, ''));
	return await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, '/vault/folders', { agencyForm: false }),
		body: { name },
		...itemRequest.call(this, itemIndex),
	});
}
