import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fanLocator } from '../../descriptions/fan';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['insight'], operation: ['getFan'] };

export const description: INodeProperties[] = [{ ...fanLocator, description: 'The fan to read insights about', displayOptions: { show } }];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fanUuid = requireUuid(this.getNode(), itemIndex, 'Fan', this.getNodeParameter('fan', itemIndex, '', { extractValue: true }));
	const response = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: fanvuePath.call(this, itemIndex, `/insights/fans/${fanUuid}`, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
	return { ...response, fanUuid };
}
