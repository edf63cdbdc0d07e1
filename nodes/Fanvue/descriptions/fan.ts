import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN } from '../helpers/validation';

/** The fan a chat operation is about: picked from the account's chats, or given by UUID. */
export const fanLocator: INodeProperties = {
	displayName: 'Fan',
	name: 'fan',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The fan whose chat to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a fan...',
			typeOptions: { searchListMethod: 'searchChats', searchable: true },
		},
		{
			displayName: 'By UUID',
			name: 'uuid',
			type: 'string',
			placeholder: 'e.g. 3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d',
			validation: [
				{
					type: 'regex',
					properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid UUID' },
				},
			],
		},
	],
};
