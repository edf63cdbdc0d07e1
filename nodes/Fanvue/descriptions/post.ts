import type { INodeProperties } from 'n8n-workflow';

import { uuidLocator } from './uuidLocator';

export const postLocator: INodeProperties = uuidLocator({
	displayName: 'Post',
	name: 'post',
	description: 'The post (From List searches your posts by text)',
	searchListMethod: 'searchPosts',
	placeholder: 'Select a post...',
});
