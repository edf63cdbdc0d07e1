import { pagedListOperation } from '../pagedList';

export const { description, execute } = pagedListOperation({
	resource: 'template',
	path: '/chats/templates',
	agencyForm: false,
	filter: {
		displayName: 'Folder Name',
		name: 'folderName',
		placeholder: 'e.g. Welcome',
		description: "Part of the template folder's name, in any case",
	},
});
