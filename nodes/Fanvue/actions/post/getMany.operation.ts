import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

export const description: INodeProperties[] = howManyFields('post', 'getMany');

/** Your posts, pinned first, then newest published first (Fanvue's order). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await fanvueApiRequestPages.call(
		this,
		{ path: fanvuePath.call(this, itemIndex, '/posts', { agencyForm: false }), ...itemRequest.call(this, itemIndex) },
		readHowMany.call(this, itemIndex),
	);
}
