import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN } from '../helpers/validation';

export const ACT_AS_MYSELF = 'myself';
export const ACT_AS_CREATOR = 'creator';

/**
 * Agency mode, for every operation: act as the connected account, or as a creator the
 * connected agency manages. Shown for every operation, also those Fanvue has no agency form
 * for: hiding it there would make n8n drop the choice and silently act as the agency itself.
 */
export const actAsFields: INodeProperties[] = [
	{
		displayName: 'Act As',
		name: 'actAs',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Myself',
				value: ACT_AS_MYSELF,
				description: 'The Fanvue account the credential is connected to',
			},
			{
				name: 'A Managed Creator',
				value: ACT_AS_CREATOR,
				description: "A creator your agency manages (uses Fanvue's /creators/{creator}/... endpoints).",
			},
		],
		default: ACT_AS_MYSELF,
		description: 'Whose Fanvue account the operation works on',
	},
	{
		displayName: 'Creator',
		name: 'creator',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The managed creator to act as',
		displayOptions: { show: { actAs: [ACT_AS_CREATOR] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a creator...',
				typeOptions: { searchListMethod: 'searchCreators', searchable: true },
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
	},
];
