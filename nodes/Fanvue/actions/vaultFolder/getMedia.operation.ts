import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { vaultFolderLocator } from '../../descriptions/vaultFolder';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { folderPath } from './folderName';

export const description: INodeProperties[] = [
	{ ...vaultFolderLocator, displayOptions: { show: { resource: ['vaultFolder'], operation: ['getMedia'] } } },
	...howManyFields('vaultFolder', 'getMedia'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { path } = folderPath.call(this, itemIndex);
	return await fanvueApiRequestPages.call(
		this,
		{ path: fanvuePath.call(this, itemIndex, `${path}/media`, { agencyForm: false }), ...itemRequest.call(this, itemIndex) },
		readHowMany.call(this, itemIndex),
	);
}
