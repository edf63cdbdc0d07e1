import type { OperationCase } from './types';
import { fanByUuid } from './types';

export const cases: OperationCase[] = [
	{ resource: 'insight', operation: 'getEarnings', parameters: { returnAll: true } },
	{ resource: 'insight', operation: 'getFan', parameters: { fan: fanByUuid } },
	{ resource: 'insight', operation: 'getSubscribers', parameters: { returnAll: true } },
	{ resource: 'insight', operation: 'getTopSpenders', parameters: { returnAll: true } },
];
