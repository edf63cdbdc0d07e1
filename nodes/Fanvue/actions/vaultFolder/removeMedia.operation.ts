import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaLocator } from '../../descriptions/media';
import { vaultFolderLocator } from '../../descriptions/vaultFolder';
import { requireUuid } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { folderPath } from './folderName';

const show = { resource: ['vaultFolder'], operation: ['removeMedia'] };

export const description: INodeProperties[] = [
	{ ...vaultFolderLocator, displayOptions: { show } },
	{ ...mediaLocator, displayOptions: { show } },
];

/** Takes the media out of the folder; the media itself stays in the vault. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { name, path } = folderPath.call(this, itemIndex);
	const mediaUuid = requireUuid(this.getNode(), itemIndex, 'Media', this.getNodeParameter('media', itemIndex, '', { extractValue: true }));
	await fanvueApiRequest.call(this, {
		method: 'DELETE',
		path: fanvuePath.call(this, itemIndex, `${path}/media/${mediaUuid}`, { agencyForm: false }),
		...itemRequest.call(this, itemIndex),
	});
	return { name, mediaUuid, removed: true };
}
