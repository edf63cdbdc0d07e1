import { searchChats } from './listSearch/searchChats';
import { searchCreators } from './listSearch/searchCreators';
import { searchCustomLists } from './listSearch/searchCustomLists';
import { searchFans } from './listSearch/searchFans';
import { searchMedia } from './listSearch/searchMedia';
import { searchPosts } from './listSearch/searchPosts';
import { searchSmartLists } from './listSearch/searchSmartLists';
import { searchTemplates } from './listSearch/searchTemplates';
import { searchTrackingLinks } from './listSearch/searchTrackingLinks';
import { searchVaultFolders } from './listSearch/searchVaultFolders';
import { getCustomLists } from './loadOptions/getCustomLists';
import { getSmartLists } from './loadOptions/getSmartLists';

/** The resource locators' "From List" searches, by the names the descriptions use. */
export const listSearch = {
	searchChats,
	searchCreators,
	searchCustomLists,
	searchFans,
	searchMedia,
	searchPosts,
	searchSmartLists,
	searchTemplates,
	searchTrackingLinks,
	searchVaultFolders,
};

/** The options fields' loaders, by the names the descriptions use. */
export const loadOptions = { getCustomLists, getSmartLists };
