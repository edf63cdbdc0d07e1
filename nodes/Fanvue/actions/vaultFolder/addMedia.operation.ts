import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaUuidsField } from '../../descriptions/content';
import { vaultFolderLocator } from '../../descriptions/vaultFolder';
import { requireSomething, uuidList } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { folderPath } from './folderName';

const show = { resource: ['vaultFolder'], operation: ['addMedia'] };

export const description: INodeProperties[] = [
	{ ...vaultFolderLocator, displayOptions: { show } },
	{ ...mediaUuidsField, required: true, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const { name, path } = folderPath.call(this, itemIndex);
	const mediaUuids = uuidList(node, itemIndex, 'Media UUIDs', this.getNodeParameter('mediaUuids', itemIndex, ''));
	requireSomething(node, itemIndex, mediaUuids.length > 0, 'Media UUIDs is empty', 'Give the UUIDs of the media to add to the folder.');
	const response = (await fanvueApiRequest.call(this, {
		method: 'POST',
		path: fanvuePath.call(this, itemIndex, `${path}/media`, { agencyForm: false }),
		body: { mediaUuids },
		...itemRequest.call(this, itemIndex),
	})) as IDataObject;
	return { name, ...response };
}
