import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../../descriptions/howMany';
import { customListLocator } from '../../descriptions/customList';
import { locatorValue } from '../../helpers/locatorValue';
import { listOf, optionalUuid, requireSomething } from '../../helpers/validation';
import { fanvueApiRequestPages } from '../../transport/pagination';
import { actingCreator, fanvuePath } from '../fanvuePath';
import { itemRequest } from '../itemRequest';

const show = { resource: ['chat'], operation: ['getMany'] };
const DEFAULT_SORT = 'most_recent_messages';

const CHAT_FILTERS = [
	{ name: 'Creators Excluded', value: 'exclude_creators' },
	{ name: 'Followers', value: 'followers' },
	{ name: 'Has Tipped', value: 'has_tipped' },
	{ name: 'Not Answered', value: 'not_answered' },
	{ name: 'Not Muted', value: 'not_muted' },
	{ name: 'On Free Trial', value: 'on_free_trial' },
	{ name: 'Online', value: 'online' },
	{ name: 'Recent Subscribers', value: 'recent_subscribers' },
	{ name: 'Spenders', value: 'spenders' },
	{ name: 'Spent More Than $50', value: 'spent_more_than_50' },
	{ name: 'Subscribed To', value: 'subscribed_to' },
	{ name: 'Subscribers', value: 'subscribers' },
	{ name: 'Unread', value: 'unread' },
];

const SORTS = [
	{ name: 'Most Recent Messages', value: 'most_recent_messages' },
	{ name: 'Most Unanswered Chats', value: 'most_unanswered_chats' },
	{ name: 'Online Now', value: 'online_now' },
];

export const description: INodeProperties[] = [
	...howManyFields('chat', 'getMany'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			// Named customListId, as when it was a dropdown, so that saved workflows keep their filter.
			{ ...customListLocator, name: 'customListId', required: false, description: 'Only chats with members of this custom list' },
			{
				displayName: 'Only',
				name: 'filter',
				type: 'multiOptions',
				default: [],
				description: 'Keep only chats that match all of these',
				options: CHAT_FILTERS,
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. alex',
				description: "Part of the fan's name or handle",
			},
			{
				displayName: 'Smart List Names or IDs',
				name: 'smartListIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSmartLists' },
				default: [],
				description:
					'Only chats with members of these smart lists. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		default: DEFAULT_SORT,
		description: "How Fanvue orders your chats (Fanvue's agency form of the list takes no sorting)",
		displayOptions: { show },
		options: SORTS,
	},
];

/** What Fanvue's agency form of the chat list (`/creators/{creator}/chats`) takes: pages only. */
function refuseAgencyFilters(this: IExecuteFunctions, itemIndex: number, filters: IDataObject, sortBy: string | undefined) {
	// A filter added in the editor but left empty (a list picker with nothing picked) is not given.
	const given = Object.values(filters)
		.map(locatorValue)
		.filter((value) => value !== '' && value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0));
	const unavailable = given.length ? 'Filters' : sortBy !== undefined && sortBy !== DEFAULT_SORT ? 'Sort By' : undefined;
	requireSomething(
		this.getNode(),
		itemIndex,
		unavailable === undefined,
		`${unavailable} is not available when acting as a managed creator`,
		"Fanvue's agency form of the chat list takes no filters, search or sorting. Remove them (Sort By back to Most Recent Messages), or filter the results with an n8n Filter node.",
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// Choices are checked by the router (helpers/parameterTypes.ts).
	const sortBy = (this.getNodeParameter('sortBy', itemIndex) as string) || undefined;
	const customListId = optionalUuid(this.getNode(), itemIndex, 'Custom List', filters.customListId);
	const asCreator = actingCreator.call(this, itemIndex) !== undefined;
	if (asCreator) refuseAgencyFilters.call(this, itemIndex, filters, sortBy);
	return await fanvueApiRequestPages.call(
		this,
		{
			path: fanvuePath.call(this, itemIndex, '/chats', { agencyForm: true }),
			qs: asCreator
				? undefined
				: {
						filter: listOf(filters.filter),
						search: filters.search as string | undefined,
						smartListIds: filters.smartListIds as string[] | undefined,
						customListId,
						sortBy,
					},
			...itemRequest.call(this, itemIndex),
		},
		readHowMany.call(this, itemIndex),
	);
}
