import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { vaultFolderLocator } from '../../descriptions/vaultFolder';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { folderPath } from './folderName';

export const description: INodeProperties[] = [{ ...vaultFolderLocator, displayOptions: { show: { resource: ['vaultFolder'], operation: ['delete'] } } }];

/** Deletes the folder; its media stay in the vault (Fanvue only detaches them). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { name, path } = folderPath.call(this, itemIndex);
	await fanvueApiRequest.call(this, {
		method: 'DELETE',
		path: fanvuePath.call(this, itemIndex, path, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
	return { name, deleted: true };
}
