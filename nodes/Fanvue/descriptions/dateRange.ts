import type { INodeProperties } from 'n8n-workflow';

/** From / Until, for the insights that cover a period (Until itself is not included). */
export const dateRangeOptions: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: 'Start of the period',
	},
	{
		displayName: 'Until',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'End of the period; the date itself is not included',
	},
];
