import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN } from '../helpers/validation';

/** A Fanvue thing picked From List (searchable) or given By UUID. */
export function uuidLocator(spec: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	placeholder: string;
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.placeholder,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By UUID',
				name: 'uuid',
				type: 'string',
				placeholder: 'e.g. 3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d',
				validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'Not a valid UUID' } }],
			},
		],
	};
}
