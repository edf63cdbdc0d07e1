import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN } from '../helpers/validation';

export interface UuidLocator {
	displayName: string;
	name: string;
	description: string;
	/** The listSearch method that fills From List (it gets the typed text as its filter). */
	searchListMethod: string;
	/** e.g. "Select a fan..." */
	placeholder: string;
}

/** n8n's resource locator for anything Fanvue names by UUID: From List with search, or By UUID. */
export function uuidLocator({ displayName, name, description, searchListMethod, placeholder }: UuidLocator): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder,
				typeOptions: { searchListMethod, searchable: true },
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
}
