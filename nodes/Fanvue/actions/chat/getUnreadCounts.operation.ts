import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await fanvueApiRequest.call(this, { method: 'GET', path: fanvuePath.call(this, itemIndex, '/chats/unread', { agencyForm: false }), ...itemRequest.call(this, itemIndex) });
}
