import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireSomething } from '../helpers/validation';
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
	if (returnAll) return { returnAll };
	const limit = this.getNodeParameter('limit', itemIndex) as number;
	requireSomething(this.getNode(), itemIndex, Number.isInteger(limit) && limit >= 1, `Limit must be a whole number of 1 or more, got ${limit}`, 'Set how many results to return, or turn on Return All.');
	return { returnAll, limit };
}
