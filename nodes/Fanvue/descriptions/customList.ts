import type { INodeProperties } from 'n8n-workflow';

/** The custom list an operation is about: loaded from the account, or given by UUID in an expression. */
export const customListField: INodeProperties = {
	displayName: 'Custom List Name or ID',
	name: 'customList',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCustomLists' },
	default: '',
	required: true,
	description:
		'The custom list to use. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
