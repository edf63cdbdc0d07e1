import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { trackingLinkLocator } from '../../descriptions/trackingLink';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['trackingLink'], operation: ['delete'] };

export const description: INodeProperties[] = [{ ...trackingLinkLocator, displayOptions: { show } }];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const uuid = requireUuid(this.getNode(), itemIndex, 'Tracking Link', this.getNodeParameter('trackingLink', itemIndex, '', { extractValue: true }));
	// Fanvue answers 204 with no body.
	await fanvueApiRequest.call(this, {
		method: 'DELETE',
		path: fanvuePath.call(this, itemIndex, `/tracking-links/${uuid}`, { agencyForm: true }),
		...itemRequest.call(this, itemIndex),
	});
	return { uuid, deleted: true };
}
