import { pagedListOperation } from '../pagedList';

export const { description, execute } = pagedListOperation('customList', '/chats/lists/custom', {
	displayName: 'Search',
	name: 'search',
	placeholder: 'e.g. VIP',
	description: "Part of the list's name",
});
