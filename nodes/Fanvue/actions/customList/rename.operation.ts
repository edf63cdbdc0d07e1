import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customListLocator } from '../../descriptions/customList';
import { requireName, requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['customList'], operation: ['rename'] };

export const description: INodeProperties[] = [
	{ ...customListLocator, displayOptions: { show } },
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Top fans',
		description: 'Fanvue refuses a name that another of your lists already has',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const uuid = requireUuid(node, itemIndex, 'Custom List', this.getNodeParameter('customList', itemIndex, '', { extractValue: true }));
	const name = requireName(node, itemIndex, 'New Name', this.getNodeParameter('name', itemIndex, ''));
	// Fanvue answers 204 with no body.
	await fanvueApiRequest.call(this, {
		method: 'PATCH',
		path: fanvuePath.call(this, itemIndex, `/chats/lists/custom/${uuid}`, { agencyForm: false }),
		body: { name },
		...itemRequest.call(this, itemIndex),
	});
	return { uuid, name };
}
