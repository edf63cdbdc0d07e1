import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customListLocator } from '../../descriptions/customList';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['customList'], operation: ['delete'] };

export const description: INodeProperties[] = [{ ...customListLocator, displayOptions: { show } }];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const uuid = requireUuid(this.getNode(), itemIndex, 'Custom List', this.getNodeParameter('customList', itemIndex, '', { extractValue: true }));
	// Fanvue answers 204 with no body.
	await fanvueApiRequest.call(this, {
		method: 'DELETE',
		path: fanvuePath.call(this, itemIndex, `/chats/lists/custom/${uuid}`, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
	return { uuid, deleted: true };
}
