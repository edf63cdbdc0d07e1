export { searchChats } from './listSearch/searchChats';
export { searchCreators } from './listSearch/searchCreators';
export { searchCustomLists } from './listSearch/searchCustomLists';
export { searchSmartLists } from './listSearch/searchSmartLists';
export { searchTemplates } from './listSearch/searchTemplates';
export { getCustomLists } from './loadOptions/getCustomLists';
export { getSmartLists } from './loadOptions/getSmartLists';
export { getTemplates } from './loadOptions/getTemplates';
