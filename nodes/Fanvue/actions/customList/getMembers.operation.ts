import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customListLocator } from '../../descriptions/customList';
import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['customList'], operation: ['getMembers'] };

export const description: INodeProperties[] = [
	{ ...customListLocator, displayOptions: { show } },
	...howManyFields('customList', 'getMembers'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const uuid = requireUuid(this.getNode(), itemIndex, 'Custom List', this.getNodeParameter('customList', itemIndex, '', { extractValue: true }));
	return await fanvueApiRequestPages.call(
		this,
		{ path: fanvuePath.call(this, itemIndex, `/chats/lists/custom/${uuid}`, { agencyForm: true }), ...itemRequest.call(this, itemIndex) },
		readHowMany.call(this, itemIndex),
	);
}
