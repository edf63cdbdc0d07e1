import { periodListOperation } from './periodList';

/** One record per day: new and cancelled subscribers, and the running net change. */
export const { description, execute } = periodListOperation({
	operation: 'getSubscribers',
	path: '/insights/subscribers',
	paging: 'cursor',
});
