import { periodListOperation } from './periodList';

/** The fans who spent the most in the period, with their totals and message counts. */
export const { description, execute } = periodListOperation({
	operation: 'getTopSpenders',
	path: '/insights/top-spenders',
	paging: 'page',
});
