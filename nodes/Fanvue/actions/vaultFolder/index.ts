import type { INodeProperties } from 'n8n-workflow';

import * as addMedia from './addMedia.operation';
import * as create from './create.operation';
import * as deleteFolder from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getMedia from './getMedia.operation';
import * as removeMedia from './removeMedia.operation';
import * as rename from './rename.operation';

export { addMedia, create, deleteFolder, get, getMany, getMedia, removeMedia, rename };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vaultFolder'] } },
		options: [
			{ name: 'Add Media', value: 'addMedia', description: 'Put media into a folder', action: 'Add media to a vault folder' },
			{ name: 'Create', value: 'create', description: 'Create a vault folder', action: 'Create a vault folder' },
			{ name: 'Delete', value: 'delete', description: 'Delete a folder; its media stay in the vault', action: 'Delete a vault folder' },
			{ name: 'Get', value: 'get', description: 'Get a folder with its media count', action: 'Get a vault folder' },
			{ name: 'Get Many', value: 'getMany', description: 'List your vault folders', action: 'Get many vault folders' },
			{ name: 'Get Media', value: 'getMedia', description: 'List the media in a folder', action: 'Get media of a vault folder' },
			{ name: 'Remove Media', value: 'removeMedia', description: 'Take media out of a folder', action: 'Remove media from a vault folder' },
			{ name: 'Rename', value: 'rename', description: 'Give a folder a new name', action: 'Rename a vault folder' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...create.description,
	...rename.description,
	...deleteFolder.description,
	...getMedia.description,
	...addMedia.description,
	...removeMedia.description,
];
