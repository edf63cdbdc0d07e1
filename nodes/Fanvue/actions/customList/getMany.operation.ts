import { pagedListOperation } from '../pagedList';

export const { description, execute } = pagedListOperation({
	resource: 'customList',
	path: '/chats/lists/custom',
	agencyForm: true,
	filter: {
		displayName: 'Search',
		name: 'search',
		placeholder: 'e.g. VIP',
		description: "Part of the list's name (only for your own lists: Fanvue's agency form has no search)",
	},
});
