import type { INodeProperties } from 'n8n-workflow';

/** The smart list an operation is about: picked from the account's smart lists, or given by id. */
export const smartListLocator: INodeProperties = {
	displayName: 'Smart List',
	name: 'smartList',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The smart list to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a smart list...',
			typeOptions: { searchListMethod: 'searchSmartLists', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. auto_renewing',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[a-z0-9_]+$', errorMessage: 'Not a smart list id (lower case letters, digits, _)' },
				},
			],
		},
	],
};
