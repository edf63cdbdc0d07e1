import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { fanvueApiRequestCursor } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

export const description: INodeProperties[] = howManyFields('trackingLink', 'getMany');

/** Your tracking links with their clicks (cursor pages sized by `limit`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await fanvueApiRequestCursor.call(
		this,
		{ path: fanvuePath.call(this, itemIndex, '/tracking-links', { agencyForm: true }), ...itemRequest.call(this, itemIndex) },
		readHowMany.call(this, itemIndex),
		'limit',
	);
}
