import type { OperationCase } from './types';
import { FAN, fanByUuid } from './types';

export const cases: OperationCase[] = [
	{ resource: 'chat', operation: 'create', parameters: { fanUuid: FAN } },
	{ resource: 'chat', operation: 'getMany', parameters: { returnAll: true, sortBy: 'most_recent_messages' } },
	{ resource: 'chat', operation: 'getOnlineStatuses', parameters: { fanUuids: FAN } },
	{ resource: 'chat', operation: 'getUnreadCounts', parameters: {} },
	{ resource: 'chat', operation: 'update', parameters: { fan: fanByUuid, updateFields: { isRead: true } } },
];
