import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

export const description: INodeProperties[] = howManyFields('vaultFolder', 'getMany');

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await fanvueApiRequestPages.call(
		this,
		{ path: fanvuePath.call(this, itemIndex, '/vault/folders', { agencyForm: false }), ...itemRequest.call(this, itemIndex) },
		readHowMany.call(this, itemIndex),
	);
}
