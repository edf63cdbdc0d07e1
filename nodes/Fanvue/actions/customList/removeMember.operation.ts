import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customListLocator } from '../../descriptions/customList';
import { fanLocator } from '../../descriptions/fan';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['customList'], operation: ['removeMember'] };

export const description: INodeProperties[] = [
	{ ...customListLocator, displayOptions: { show } },
	{ ...fanLocator, description: 'The fan to remove from the list', displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const uuid = requireUuid(node, itemIndex, 'Custom List', this.getNodeParameter('customList', itemIndex, '', { extractValue: true }));
	const fanUuid = requireUuid(node, itemIndex, 'Fan', this.getNodeParameter('fan', itemIndex, '', { extractValue: true }));
	// Fanvue answers 204 with no body.
	await fanvueApiRequest.call(this, {
		method: 'DELETE',
		path: fanvuePath.call(this, itemIndex, `/chats/lists/custom/${uuid}/members/${fanUuid}`, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
	return { uuid, fanUuid, removed: true };
}
