import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { HowMany } from '../transport/pagination';

/** n8n's Return All / Limit pair, for any list operation. */
export function howManyFields(resource: string, operation: string): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Reads the pair that howManyFields() shows. */
export function readHowMany(this: IExecuteFunctions, itemIndex: number): HowMany {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	return returnAll ? { returnAll } : { returnAll, limit: this.getNodeParameter('limit', itemIndex) as number };
}
