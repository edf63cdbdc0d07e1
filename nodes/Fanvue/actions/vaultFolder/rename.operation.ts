import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { vaultFolderLocator } from '../../descriptions/vaultFolder';
import { requireName } from '../../helpers/validation';
import { fanvueApiRequest } from '../../transport/request';
import { fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';
import { folderPath } from './folderName';

const show = { resource: ['vaultFolder'], operation: ['rename'] };

export const description: INodeProperties[] = [
	{ ...vaultFolderLocator, displayOptions: { show } },
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		required: true,
		description: 'Fanvue refuses a name another of your folders already has',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { name, path } = folderPath.call(this, itemIndex);
	const newName = requireName(this.getNode(), itemIndex, 'New Name', this.getNodeParameter('newName', itemIndex, ''));
	// Fanvue answers 204 with no body.
	await fanvueApiRequest.call(this, {
		method: 'PATCH',
		path: fanvuePath.call(this, itemIndex, path, { agencyForm: false }),
		body: { name: newName },
		...itemRequest.call(this, itemIndex),
	});
	return { name: newName, previousName: name };
}
