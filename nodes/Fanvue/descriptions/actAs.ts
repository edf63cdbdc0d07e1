import type { INodeProperties } from 'n8n-workflow';

import { uuidLocator } from './uuidLocator';

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
		...uuidLocator({
			displayName: 'Creator',
			name: 'creator',
			description: 'The managed creator to act as',
			searchListMethod: 'searchCreators',
			placeholder: 'Select a creator...',
		}),
		displayOptions: { show: { actAs: [ACT_AS_CREATOR] } },
	},
];
