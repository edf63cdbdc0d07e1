import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templateLocator } from '../../descriptions/template';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['template'], operation: ['get'] };

export const description: INodeProperties[] = [{ ...templateLocator, description: 'The saved message template to get', displayOptions: { show } }];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const uuid = requireUuid(this.getNode(), itemIndex, 'Template', this.getNodeParameter('template', itemIndex, '', { extractValue: true }));
	return await fanvueApiRequest.call(this, {
		method: 'GET',
		path: fanvuePath.call(this, itemIndex, `/chats/templates/${uuid}`, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
}
