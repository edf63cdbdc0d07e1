import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { vaultFolderLocator } from '../../descriptions/vaultFolder';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { folderPath } from './folderName';

export const description: INodeProperties[] = [{ ...vaultFolderLocator, displayOptions: { show: { resource: ['vaultFolder'], operation: ['get'] } } }];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = folderPath.call(this, itemIndex);
	return await fanvueApiRequest.call(this, {
		method: 'GET',
		path: fanvuePath.call(this, itemIndex, path, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
}
