import type { OperationCase } from './types';
import { OTHER_UUID } from './types';

export const cases: OperationCase[] = [
	{ resource: 'trackingLink', operation: 'getMany', parameters: { returnAll: true } },
	{ resource: 'trackingLink', operation: 'create', parameters: { name: 'Bio', externalSocialPlatform: 'tiktok' } },
	{ resource: 'trackingLink', operation: 'delete', parameters: { trackingLink: { __rl: true, mode: 'uuid', value: OTHER_UUID } } },
];
