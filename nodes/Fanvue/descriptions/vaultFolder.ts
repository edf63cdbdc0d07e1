import type { INodeProperties } from 'n8n-workflow';

/** Fanvue names vault folders by name, not by UUID. */
export const vaultFolderLocator: INodeProperties = {
	displayName: 'Folder',
	name: 'folder',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The vault folder (Fanvue identifies folders by name)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a folder...',
			typeOptions: { searchListMethod: 'searchVaultFolders', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Photos',
		},
	],
};
