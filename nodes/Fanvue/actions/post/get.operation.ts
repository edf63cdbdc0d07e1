import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { postLocator } from '../../descriptions/post';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['post'], operation: ['get'] };

export const description: INodeProperties[] = [{ ...postLocator, displayOptions: { show } }];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const uuid = requireUuid(this.getNode(), itemIndex, 'Post', this.getNodeParameter('post', itemIndex, '', { extractValue: true }));
	return await fanvueApiRequest.call(this, {
		method: 'GET',
		path: fanvuePath.call(this, itemIndex, `/posts/${uuid}`, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
}
