import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

export const description: INodeProperties[] = [...howManyFields('smartList', 'getMany')];

/** Fanvue answers the whole (short) array at once: a Limit keeps the first ones. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const howMany = readHowMany.call(this, itemIndex); // checked before the request
	const lists: IDataObject[] = await fanvueApiRequest.call(this, {
		method: 'GET',
		path: fanvuePath.call(this, itemIndex, '/chats/lists/smart', { agencyForm: true }),
		...itemRequest.call(this, itemIndex),
	});
	const all = Array.isArray(lists) ? lists : [];
	return howMany.returnAll ? all : all.slice(0, howMany.limit);
}
