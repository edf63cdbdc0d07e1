import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { smartListLocator } from '../../descriptions/smartList';
import { requireSmartListId } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['smartList'], operation: ['getMembers'] };

export const description: INodeProperties[] = [
	{ ...smartListLocator, displayOptions: { show } },
	...howManyFields('smartList', 'getMembers'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = requireSmartListId(this.getNode(), itemIndex, 'Smart List', this.getNodeParameter('smartList', itemIndex, '', { extractValue: true }));
	return await fanvueApiRequestPages.call(
		this,
		{ path: fanvuePath.call(this, itemIndex, `/chats/lists/smart/${id}`, { agencyForm: true }), ...itemRequest.call(this, itemIndex) },
		readHowMany.call(this, itemIndex),
	);
}
