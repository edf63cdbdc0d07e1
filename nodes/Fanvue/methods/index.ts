export { searchChats } from './listSearch/searchChats';
export { searchMedia } from './listSearch/searchMedia';
export { searchPosts } from './listSearch/searchPosts';
export { searchTrackingLinks } from './listSearch/searchTrackingLinks';
export { searchVaultFolders } from './listSearch/searchVaultFolders';
export { getCustomLists } from './loadOptions/getCustomLists';
export { getSmartLists } from './loadOptions/getSmartLists';
export { getTemplates } from './loadOptions/getTemplates';
