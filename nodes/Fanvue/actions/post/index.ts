import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getComments from './getComments.operation';
import * as getLikes from './getLikes.operation';
import * as getMany from './getMany.operation';
import * as getTips from './getTips.operation';

export { create, get, getComments, getLikes, getMany, getTips };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['post'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Publish or schedule a post, optionally with media and a price',
				action: 'Create a post',
			},
			{ name: 'Get', value: 'get', description: 'Get one post with its counts', action: 'Get a post' },
			{ name: 'Get Comments', value: 'getComments', description: 'List the comments on a post', action: 'Get comments of a post' },
			{ name: 'Get Likes', value: 'getLikes', description: 'List who liked a post', action: 'Get likes of a post' },
			{ name: 'Get Many', value: 'getMany', description: 'List your posts, pinned first', action: 'Get many posts' },
			{ name: 'Get Tips', value: 'getTips', description: 'List the tips a post received', action: 'Get tips of a post' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getComments.description,
	...getLikes.description,
	...getTips.description,
];
